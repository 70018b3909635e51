/**
 * Cancellation and concurrency on the engine's side: the post step's state
 * (the Surface's instancesLaunched) is published after each launch call, and
 * one deploy at a time holds a deployment's lock, taken with S3's
 * conditional write (moto 5.2.1 answers `If-None-Match: *` with 412 itself).
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockKey } from '../../src/agent/keys.js';
import { putObjectIfAbsent, readObjectText } from '../../src/aws/s3.js';
import { execute } from '../../src/commands/execute.js';
import { parseOptions, type RawInputs } from '../../src/commands/options.js';
import type { EarlyOutputs, Surface } from '../../src/core/surface.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface } from '../helpers/silent-surface.js';

let local: InProcessAws;
let ec2: EC2Client;
let s3: S3Client;
let dir: string;
const BUCKET = 'spot-deployer-demo';
const scope = { prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'hello-web' };
const run = () => ({ ...localRun(), repository: 'acme/web', runId: `run-${Math.random()}` });

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  ec2 = local.ec2;
  s3 = new S3Client({
    endpoint: local.aws.motoUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  dir = mkdtempSync(join(tmpdir(), 'concurrency-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
});

beforeEach(async () => {
  await local.aws.reset();
  local.proxy!.clearFaults();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  s3?.destroy();
  await local?.stop();
});

async function deploy(inputs: RawInputs, deps: { surface?: Surface; sleep?: (ms: number) => Promise<void>; now?: () => Date } = {}) {
  const options = parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'running', ...inputs });
  return await execute(options, { surface: deps.surface ?? silentSurface, run: run(), ...deps });
}

async function liveCount(): Promise<number> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).length;
}

describe('state after each launch call', () => {
  it('is published before the next CreateFleet call is made', async () => {
    const published: EarlyOutputs[] = [];
    const seenAtEachCall: number[] = [];
    local.proxy!.failFleet({ region: 'us-west-2', code: 'InsufficientInstanceCapacity', failPools: () => true });
    local.proxy!.failAction({
      action: 'CreateFleet',
      code: 'never',
      region: 'us-east-1',
      when: () => {
        seenAtEachCall.push(published.at(-1)?.launchedIds.length ?? 0);
        return false;
      },
    });
    // us-west-2 has no capacity at all: its instance spills over to us-east-1 in a second call.
    const outcome = await deploy(
      { regions: 'us-east-1,us-west-2', instances: '2' },
      { surface: { ...silentSurface, instancesLaunched: (early) => void published.push(early) } },
    );
    if (outcome.command !== 'deploy') throw new Error('expected a deploy');
    expect(outcome.result.instances).toHaveLength(2);
    expect(seenAtEachCall).toEqual([0, 1]);
    expect(published[0]!.launchedIds).toHaveLength(1);
    expect(published[0]!.instances.map((instance) => instance.id)).toEqual(published[0]!.launchedIds);
  });
});

describe('the deployment lock', () => {
  it('is a conditional write that moto refuses a second time', async () => {
    expect(await putObjectIfAbsent(s3, BUCKET, 'x/lock', '{}')).toBe(true);
    expect(await putObjectIfAbsent(s3, BUCKET, 'x/lock', '{}')).toBe(false);
  });

  it('makes a second deploy wait, then fail with SD410 naming the holder, without launching anything', async () => {
    const holder = {
      run_id: 'other-run',
      acquired_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    };
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: lockKey(scope), Body: JSON.stringify(holder) }));
    let clock = Date.now();
    const waits: number[] = [];
    const error = await deploy(
      {},
      {
        now: () => new Date(clock),
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SD410' });
    expect((error as Error).message).toContain('(run other-run, since');
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(300_000);
    expect(await liveCount()).toBe(0);
    expect(JSON.parse((await readObjectText(s3, BUCKET, lockKey(scope)))!)).toEqual(holder);
  });

  it('takes over a stale lock, and releases its own when done', async () => {
    const stale = { run_id: 'dead-run', acquired_at: '2020-01-01T00:00:00Z', expires_at: '2020-01-01T01:00:00Z' };
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: lockKey(scope), Body: JSON.stringify(stale) }));
    const outcome = await deploy({});
    if (outcome.command !== 'deploy') throw new Error('expected a deploy');
    expect(outcome.result.status).toBe('success');
    expect(await readObjectText(s3, BUCKET, lockKey(scope))).toBeUndefined();
  });

  it('serializes two deploys started together: the second waits, then finds nothing to change', async () => {
    const waited: string[] = [];
    const surface = (name: string): Surface => ({
      ...silentSurface,
      info: (message) => void (message.includes('waiting for it') && waited.push(name)),
    });
    const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.min(ms, 100)));
    const [first, second] = await Promise.all([
      deploy({}, { surface: surface('first'), sleep }),
      deploy({}, { surface: surface('second'), sleep }),
    ]);
    if (first.command !== 'deploy' || second.command !== 'deploy') throw new Error('expected deploys');
    expect(waited.length).toBeGreaterThan(0);
    expect(new Set(waited).size).toBe(1);
    const [winner, waiter] = waited[0] === 'second' ? [first, second] : [second, first];
    expect(winner.result).toMatchObject({ status: 'success', unchanged: false });
    expect(waiter.result).toMatchObject({ status: 'success', unchanged: true });
    expect(await liveCount()).toBe(1);
  });
});
