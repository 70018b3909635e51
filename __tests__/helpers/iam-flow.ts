/**
 * The user's side of the IAM test: a small project on disk and the built CLI
 * run through deploy, status, sweep and destroy with one set of keys, the way
 * a workflow runs them. A flow stops at the first command that fails.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseAgentConf, readLoaderConf, userDataOf } from './fake-instance.js';
import { sdkConfig, type Keys } from './iam-moto.js';
import type { LocalAws } from './local-aws.js';
import { runCli, type CliRun } from './run-cli.js';
import { signedStatusText } from '../fixtures/identity/identity.ts';
import { TAG } from '../../src/core/tags.js';

export interface ProjectOptions {
  name: string;
  bucket: { name: string; create: boolean };
  /** Sets `iam_instance_profile`, so RunInstances passes a role (iam:PassRole on AWS). */
  instanceProfile?: string;
}

/** hello-web's deployment/ with a config that opens one port (so the group gets a rule) and waits only for `running`. */
export function writeProject(options: ProjectOptions): string {
  const dir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  const lines = [
    'version: 1',
    `name: ${options.name}`,
    'regions: [us-east-1]',
    'instance_types: [t3.micro]',
    'image: ubuntu-24.04',
    'bucket:',
    `  name: ${options.bucket.name}`,
    `  create: ${options.bucket.create}`,
    'network:',
    '  ingress:',
    '    - { port: 80, cidr: 0.0.0.0/0 }',
    // moto cannot serve the presigned URLs an agent would use while it enforces IAM: wait for running only.
    'wait: running',
    ...(options.instanceProfile ? [`iam_instance_profile: ${options.instanceProfile}`] : []),
  ];
  writeFileSync(join(dir, '.spot/config.yaml'), `${lines.join('\n')}\n`);
  return dir;
}

export type StepName = 'deploy' | 'status' | 'sweep' | 'destroy';

export interface Step {
  name: StepName;
  args: string[];
  /** Runs before the command, e.g. to wait for a TTL to pass. */
  before?: () => Promise<void>;
}

export interface StepRun extends CliRun {
  step: StepName;
  ms: number;
}

export interface FlowRun {
  steps: StepRun[];
  /** The first command that did not exit 0; the flow stopped there. */
  failed?: StepRun;
  ms: number;
}

export const deployStep = (dir: string, ttl: string): Step => ({
  name: 'deploy',
  args: ['deploy', '--dir', dir, '--wait', 'running', '--ttl', ttl, '--json'],
});
export const statusStep = (dir: string): Step => ({ name: 'status', args: ['status', '--dir', dir, '--json'] });
export const destroyStep = (dir: string): Step => ({ name: 'destroy', args: ['destroy', '--dir', dir, '--yes', '--json'] });
export const sweepStep = (dir: string, before?: () => Promise<void>): Step => ({
  name: 'sweep',
  args: ['sweep', '--dir', dir, '--json'],
  ...(before ? { before } : {}),
});

export async function runFlow(steps: Step[], env: Record<string, string>): Promise<FlowRun> {
  const started = Date.now();
  const runs: StepRun[] = [];
  for (const step of steps) {
    await step.before?.();
    const stepStarted = Date.now();
    const run = await runCli(step.args, env);
    runs.push({ ...run, step: step.name, ms: Date.now() - stepStarted });
    if (run.code !== 0) return { steps: runs, failed: runs.at(-1)!, ms: Date.now() - started };
  }
  return { steps: runs, ms: Date.now() - started };
}

/**
 * Waits until every instance of the account carrying an expiry has expired
 * (its `spot-deployer:expires-at` tag, read with the admin's keys, plus 50 ms),
 * so a sweep finds them expired without sleeping a whole TTL after status.
 */
export const untilExpired = (aws: LocalAws, admin: Keys) => async (): Promise<void> => {
  const ec2 = new EC2Client(sdkConfig(aws, admin));
  const found = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: [TAG.expiresAt] }] }));
  ec2.destroy();
  const tags = (found.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).flatMap((instance) => instance.Tags ?? []);
  const expiries = tags.filter((tag) => tag.Key === TAG.expiresAt).map((tag) => Date.parse(tag.Value ?? ''));
  if (expiries.length === 0 || expiries.some(Number.isNaN)) throw new Error('no instance with an expiry to wait for');
  const wait = Math.max(...expiries) + 50 - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
};

/** Everything a flow printed, for error messages in assertions. */
export const transcript = (flow: FlowRun): string =>
  flow.steps.map((run) => `$ ${run.step} (exit ${run.code}, ${run.ms} ms)\n${run.stdout}\n${run.stderr}`).join('\n');

/**
 * Plays the instance: writes the `ok` report the agent would POST through its
 * launch's status grant, at the same key, with admin keys. moto cannot serve
 * presigned URLs while it enforces IAM (it answers 500).
 */
export async function reportBootstrapOk(aws: LocalAws, admin: Keys, deploymentId: string): Promise<void> {
  const ec2 = new EC2Client(sdkConfig(aws, admin));
  const s3 = new S3Client({ ...sdkConfig(aws, admin), forcePathStyle: true });
  try {
    const filter = { Name: 'tag:spot-deployer:deployment', Values: [deploymentId] };
    const described = await ec2.send(new DescribeInstancesCommand({ Filters: [filter] }));
    for (const instance of (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
      // The launch's conf, read with admin keys at the key its presigned URL names.
      const url = new URL(readLoaderConf(await userDataOf(ec2, instance.InstanceId!)).confUrl);
      const [, bucket, ...confKey] = url.pathname.split('/').map(decodeURIComponent);
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: confKey.join('/') }));
      const conf = parseAgentConf(await object.Body!.transformToString());
      // Signed as the agent signs it: the deployer believes no other report.
      const body = signedStatusText({ status: 'ok', instance_id: instance.InstanceId!, launch_index: 0, failed_step: null, steps: [] });
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${conf.statusKeyPrefix}${instance.InstanceId!}.json`, Body: body }));
    }
  } finally {
    ec2.destroy();
    s3.destroy();
  }
}
