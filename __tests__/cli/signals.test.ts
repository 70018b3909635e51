/**
 * The built CLI stopped from outside while it waits for the bootstrap: it
 * terminates what it launched (unless --cleanup-on-failure false), removes
 * its temporary folder (the bundle with the project's secrets) and its
 * deployment lock, and exits 130 for SIGINT and 143 for SIGTERM.
 */
import { spawn } from 'node:child_process';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE24 } from '../helpers/action-runner.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let ec2: EC2Client;
let s3: S3Client;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  ec2 = new EC2Client({ endpoint: aws.endpoint, region: 'us-east-1', credentials });
  s3 = new S3Client({ endpoint: aws.endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
});

afterAll(async () => {
  ec2?.destroy();
  s3?.destroy();
  await aws?.stop();
});

async function instancesOf(deployment: string): Promise<Array<{ id: string; state: string }>> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: [deployment] }] }),
  );
  return (described.Reservations ?? [])
    .flatMap((reservation) => reservation.Instances ?? [])
    .map((instance) => ({ id: instance.InstanceId!, state: instance.State?.Name ?? '' }));
}

async function stopWhileWaiting(
  signal: 'SIGINT' | 'SIGTERM',
  deployment: string,
  extra: string[] = [],
  options: { readerGone?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'signals-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'signals-tmp-'));
  const child = spawn(
    NODE24,
    [
      resolve('dist/cli/index.js'),
      'deploy',
      '--dir',
      dir,
      '--deployment-name',
      deployment,
      '--repository',
      'acme/web',
      '--ready-timeout-minutes',
      '10',
      ...extra,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        TMPDIR: temp,
        ...aws.env,
        SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const deadline = Date.now() + 60_000;
  while (!/waiting for bootstrap/.test(stderr)) {
    if (Date.now() > deadline) throw new Error(`the deploy never reached the bootstrap wait:\n${stderr}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  expect(readdirSync(temp).filter((name) => name.startsWith('spot-deployer-'))).toHaveLength(1);
  if (options.readerGone) {
    // As `deploy | head` does: the pipes close, and the next progress lines (every 2 s) meet EPIPE.
    child.stdout.destroy();
    child.stderr.destroy();
    await new Promise((done) => setTimeout(done, 5000));
    expect(child.exitCode, 'the deploy died when its output pipe closed').toBeNull();
  }
  child.kill(signal);
  const code = await exited;
  const lock = await s3.send(
    new ListObjectsV2Command({ Bucket: 'spot-deployer-demo', Prefix: `spot-deployer/acme/web/${deployment}/deploy.lock` }),
  );
  // Nothing of the run's may stay there (bundle, secrets); the CLI's code cache lives in the user's cache folder.
  const tempLeft = readdirSync(temp);
  return { code, stderr, tempLeft, lockLeft: lock.KeyCount ?? 0 };
}

describe('a CLI deploy stopped by a signal', () => {
  it('SIGTERM: terminates what it launched, removes its temporary folder and lock, exits 143', async () => {
    const stopped = await stopWhileWaiting('SIGTERM', 'sig-term');
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stderr).toContain('SIGTERM: stopping');
    const instances = await instancesOf('sig-term');
    expect(instances).toHaveLength(1);
    expect(['shutting-down', 'terminated']).toContain(instances[0]!.state);
    expect(stopped.stderr).toContain(`terminated what this run launched: ${instances[0]!.id}`);
    expect(stopped.tempLeft).toEqual([]);
    expect(stopped.lockLeft).toBe(0);
  });

  it('SIGINT after the reader of its output went away: still alive, still terminates what it launched, exits 130', async () => {
    const stopped = await stopWhileWaiting('SIGINT', 'sig-no-reader', [], { readerGone: true });
    expect(stopped.code).toBe(130);
    const instances = await instancesOf('sig-no-reader');
    expect(instances).toHaveLength(1);
    expect(['shutting-down', 'terminated']).toContain(instances[0]!.state);
    expect(stopped.tempLeft).toEqual([]);
    expect(stopped.lockLeft).toBe(0);
  });

  it('SIGINT with --cleanup-on-failure false: leaves the instance running, still cleans up locally, exits 130', async () => {
    const stopped = await stopWhileWaiting('SIGINT', 'sig-int', ['--cleanup-on-failure', 'false']);
    expect(stopped.code, stopped.stderr).toBe(130);
    const instances = await instancesOf('sig-int');
    expect(instances.map((instance) => instance.state)).toEqual(['running']);
    expect(stopped.stderr).toContain(`left running (--cleanup-on-failure false): ${instances[0]!.id}`);
    expect(stopped.tempLeft).toEqual([]);
    expect(stopped.lockLeft).toBe(0);
  });
});
