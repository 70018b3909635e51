/**
 * Plays the instance's side in deploy tests where no real agent runs: reads
 * the user-data EC2 received, fetches the launch's conf it names, and
 * writes a status object for the instance's launch index through the
 * launch's presigned POST grant, as the agent does.
 */
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { signedStatusText } from '../fixtures/identity/identity.ts';

/** A launch's conf object, as the loader fetches it through the user-data's URL. */
export interface AgentConf {
  bundleUrl: string;
  bundleSha256: string;
  /** The status grant: a presigned POST form over the launch's status prefix. */
  statusPostUrl: string;
  statusKeyPrefix: string;
  statusFields: Record<string, string>;
  secretUrls: string[];
  raw: string;
}

/** loader.conf as the user-data carries it: the conf object's URL and sha256. */
export interface LoaderConf {
  confUrl: string;
  confSha256: string;
  raw: string;
}

const shellValue = (raw: string, name: string): string => new RegExp(`^${name}='([^']*)'`, 'm').exec(raw)?.[1] ?? '';
const shellArray = (raw: string, name: string): string[] =>
  [...(new RegExp(`^${name}=\\((.*)\\)$`, 'm').exec(raw)?.[1] ?? '').matchAll(/'([^']*)'/g)].map((match) => match[1]!);

export function readLoaderConf(userData: string): LoaderConf {
  const doc = parse(userData) as { write_files: Array<{ path: string; content: string }> };
  const raw = doc.write_files.find((file) => file.path === '/etc/spot-deployer/loader.conf')!.content;
  return { confUrl: shellValue(raw, 'SD_CONF_URL'), confSha256: shellValue(raw, 'SD_CONF_SHA256'), raw };
}

export function parseAgentConf(raw: string): AgentConf {
  const fields = shellArray(raw, 'SD_STATUS_FIELDS').map((field) => [
    field.slice(0, field.indexOf('=')),
    field.slice(field.indexOf('=') + 1),
  ]);
  return {
    bundleUrl: shellValue(raw, 'SD_BUNDLE_URL'),
    bundleSha256: shellValue(raw, 'SD_BUNDLE_SHA256'),
    statusPostUrl: shellValue(raw, 'SD_STATUS_POST_URL'),
    statusKeyPrefix: shellValue(raw, 'SD_STATUS_KEY_PREFIX'),
    statusFields: Object.fromEntries(fields),
    secretUrls: shellArray(raw, 'SD_SECRET_URLS'),
    raw,
  };
}

/** The launch's conf, fetched through the user-data's presigned URL (as the loader does). */
export async function readAgentConf(userData: string): Promise<AgentConf> {
  const { confUrl } = readLoaderConf(userData);
  const response = await fetch(confUrl);
  if (!response.ok) throw new Error(`conf GET failed: ${response.status}`);
  return parseAgentConf(await response.text());
}

/** Writes `body` as the status object of `instanceId` through the launch's POST grant, as the agent does. */
export async function postStatus(conf: AgentConf, instanceId: string, body: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(conf.statusFields)) form.append(name, value);
  form.append('key', `${conf.statusKeyPrefix}${instanceId}.json`);
  form.append('file', new Blob([body], { type: 'application/json' }));
  return await fetch(conf.statusPostUrl, { method: 'POST', body: form });
}

export function decodeUserData(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

export async function userDataOf(ec2: EC2Client, instanceId: string): Promise<string> {
  const attribute = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
  return decodeUserData(attribute.UserData?.Value ?? '');
}

/** Waits for instances tagged with the deployment, then reports each one's bootstrap. */
export async function reportBootstrap(
  ec2: EC2Client,
  options: {
    deploymentId: string;
    status: 'ok' | 'failed';
    failedStep?: string;
    /** What the agent says the end of its log was; `simulated` unless given. */
    logTail?: string;
    timeoutMs?: number;
    exclude?: string[];
    /** Hears each instance's conf as fetched (the deployer removes it once the wait is over). */
    onConf?: (instanceId: string, conf: AgentConf, userData: string) => void;
  },
): Promise<string[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const described = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:spot-deployer:deployment', Values: [options.deploymentId] },
          { Name: 'instance-state-name', Values: ['running', 'pending'] },
        ],
      }),
    );
    const instances = (described.Reservations ?? [])
      .flatMap((reservation) => reservation.Instances ?? [])
      .filter((instance) => !options.exclude?.includes(instance.InstanceId!));
    if (instances.length > 0) {
      for (const instance of instances) {
        const userData = await userDataOf(ec2, instance.InstanceId!);
        const conf = await readAgentConf(userData);
        options.onConf?.(instance.InstanceId!, conf, userData);
        // Signed as the agent signs it, with an identity document the fake AWS signed.
        const body = signedStatusText({
          status: options.status,
          instance_id: instance.InstanceId!,
          launch_index: instance.AmiLaunchIndex ?? 0,
          failed_step: options.failedStep ?? null,
          steps: [],
          log_tail: options.logTail ?? 'simulated',
        });
        const response = await postStatus(conf, instance.InstanceId!, body);
        if (!response.ok) throw new Error(`status POST failed: ${response.status}`);
      }
      return instances.map((instance) => instance.InstanceId!);
    }
    if (Date.now() > deadline) throw new Error(`no instance of ${options.deploymentId} appeared`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
