/**
 * Plays the instance's side in deploy tests where no real agent runs: reads
 * the user-data EC2 received, finds the presigned status URL for the
 * instance's launch index, and PUTs a status object to it, as the agent does.
 */
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { signedStatusText } from '../fixtures/identity/identity.ts';

export interface AgentConf {
  bundleUrl: string;
  bundleSha256: string;
  statusUrls: string[];
  raw: string;
}

export function decodeUserData(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function readAgentConf(userData: string): AgentConf {
  const doc = parse(userData) as { write_files: Array<{ path: string; content: string }> };
  const raw = doc.write_files.find((file) => file.path === '/etc/spot-deployer/agent.conf')!.content;
  const value = (name: string): string => new RegExp(`^${name}='([^']*)'`, 'm').exec(raw)?.[1] ?? '';
  const urls = /^SD_STATUS_URLS=\((.*)\)$/m.exec(raw)?.[1] ?? '';
  return {
    bundleUrl: value('SD_BUNDLE_URL'),
    bundleSha256: value('SD_BUNDLE_SHA256'),
    statusUrls: [...urls.matchAll(/'([^']*)'/g)].map((match) => match[1]!),
    raw,
  };
}

export async function userDataOf(ec2: EC2Client, instanceId: string): Promise<string> {
  const attribute = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
  return decodeUserData(attribute.UserData?.Value ?? '');
}

/** Waits for instances tagged with the deployment, then reports each one's bootstrap. */
export async function reportBootstrap(
  ec2: EC2Client,
  options: { deploymentId: string; status: 'ok' | 'failed'; failedStep?: string; timeoutMs?: number; exclude?: string[] },
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
        const conf = readAgentConf(await userDataOf(ec2, instance.InstanceId!));
        // Signed as the agent signs it, with an identity document the fake AWS signed.
        const body = signedStatusText({
          status: options.status,
          instance_id: instance.InstanceId!,
          launch_index: instance.AmiLaunchIndex ?? 0,
          failed_step: options.failedStep ?? null,
          steps: [],
          log_tail: 'simulated',
        });
        const response = await fetch(conf.statusUrls[instance.AmiLaunchIndex ?? 0]!, { method: 'PUT', body });
        if (!response.ok) throw new Error(`status PUT failed: ${response.status}`);
      }
      return instances.map((instance) => instance.InstanceId!);
    }
    if (Date.now() > deadline) throw new Error(`no instance of ${options.deploymentId} appeared`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
