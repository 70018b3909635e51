/**
 * The deploy's AWS work does not wait for the bundle, the launch does not
 * wait for the upload, the bucket's settings are written only when wrong,
 * and an unchanged redeploy compresses nothing. All against moto through
 * the fault proxy; order is read from the proxy's sequence of events (when
 * each request arrived and was answered), never from a clock.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions, type RawInputs } from '../../src/commands/options.js';
import type { DeployResult } from '../../src/core/results.js';
import type { Surface } from '../../src/core/surface.js';
import type { FaultProxy, RecordedRequest, RequestFilter } from '../helpers/fault-proxy.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface } from '../helpers/silent-surface.js';

const BUCKET = 'spot-deployer-demo';
const REGIONS = ['us-east-1', 'eu-west-1'];
let local: InProcessAws;
let proxy: FaultProxy;
let s3: S3Client;

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  proxy = local.proxy!;
  s3 = new S3Client({
    endpoint: local.aws.motoUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});

beforeEach(async () => {
  await local.aws.reset();
  proxy.clearFaults();
  proxy.clearRequests();
});

afterAll(async () => {
  s3?.destroy();
  await local?.stop();
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  return dir;
}

async function deploy(dir: string, surface: Surface = silentSurface, inputs: RawInputs = {}): Promise<DeployResult> {
  const options = parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'running', regions: REGIONS.join(','), ...inputs });
  const outcome = await execute(options, { surface, run: { ...localRun(), runId: `run-${Math.random()}` } });
  if (outcome.command !== 'deploy') throw new Error('expected a deploy');
  return outcome.result;
}

/** Resolves once `condition` holds (checked on every request the proxy sees), or after `ms`. */
async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5));
}

const first = (filter: RequestFilter): RecordedRequest | undefined =>
  proxy.requests.find((request) => Object.entries(filter).every(([key, value]) => request[key as keyof RecordedRequest] === value));
const ec2In = (region: string): RecordedRequest | undefined =>
  proxy.requests.find((request) => request.region === region && /^(Describe|Create|Run)/.test(request.action ?? ''));
const bundlePuts = (): RecordedRequest[] =>
  proxy.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('.tar.gz'));
const settingWrites = (): number => proxy.count({ method: 'PUT', query: /^(encryption|publicAccessBlock|lifecycle|tagging)=?/ });

async function bundleObjects(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((object) => object.Key!).filter((key) => key.endsWith('.tar.gz'));
}

describe('AWS work from the first moment', () => {
  it('asks EC2 in every region before the bundle build has finished', async () => {
    let endOfBuild = 0;
    // The Bundle stage's result is held back until EC2 has been asked in each region: a deploy that
    // waited for the bundle before its first AWS call would never get there and run into the hold's end.
    const surface: Surface = {
      ...silentSurface,
      group: async (title, work) => {
        const result = await work();
        if (title === 'Bundle') {
          await until(() => REGIONS.every((region) => ec2In(region) !== undefined));
          endOfBuild = proxy.mark();
        }
        return result;
      },
    };
    const result = await deploy(project(), surface);
    expect(result.status).toBe('success');
    for (const region of REGIONS) expect(ec2In(region)?.arrived, region).toBeLessThan(endOfBuild);
    // Nothing is launched before the bundle exists: the user-data names its sha256.
    expect(first({ action: 'CreateFleet' })!.arrived).toBeGreaterThan(endOfBuild);
  });

  it('launches while the bundle is still uploading', async () => {
    proxy.holdUntil({ method: 'PUT', path: /\.tar\.gz$/ }, { action: 'CreateFleet' });
    const result = await deploy(project());
    expect(result.status).toBe('success');
    const [put] = bundlePuts();
    expect(put).toBeDefined();
    expect(first({ action: 'CreateFleet' })!.arrived).toBeLessThan(put!.answered!);
    expect(result.bundle.uploadedBytes).toBeGreaterThan(0);
  });

  it('fails cleanly when the upload fails after the launch: what it launched is terminated', async () => {
    proxy.holdUntil({ method: 'PUT', path: /\.tar\.gz$/ }, { action: 'CreateFleet' });
    proxy.failRequests({ method: 'PUT', path: /\.tar\.gz$/, code: 'AccessDenied', status: 403 });
    const launched = new Map<string, string>();
    const surface: Surface = {
      ...silentSurface,
      instancesLaunched: (early) => early.instances.forEach((instance) => launched.set(instance.id, instance.region)),
    };
    const error = await deploy(project(), surface).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SD201' });
    expect((error as Error).message).toContain('s3:PutObject');
    expect(new Set(launched.values())).toEqual(new Set(REGIONS));
    const states: string[] = [];
    for (const region of REGIONS) {
      const ec2 = new EC2Client({
        endpoint: local.aws.motoUrl,
        region,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      });
      const ids = [...launched].filter(([, where]) => where === region).map(([id]) => id);
      const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      states.push(...(described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((i) => i.State!.Name!));
      ec2.destroy();
    }
    expect(new Set(states)).toEqual(new Set(['terminated']));
  });
});

describe('the bucket', () => {
  it('is set up on the first deploy and only read on the second: no PutBucket* request', async () => {
    const dir = project();
    await deploy(dir);
    expect(settingWrites()).toBeGreaterThan(0);
    proxy.clearRequests();
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    await deploy(dir);
    expect(settingWrites()).toBe(0);
  });
});

describe('an unchanged redeploy', () => {
  it('compresses and uploads nothing; changed files make a new bundle', async () => {
    const dir = project();
    const firstDeploy = await deploy(dir);
    expect(await bundleObjects()).toEqual([firstDeploy.bundle.key]);
    proxy.clearRequests();

    const said: string[] = [];
    const listening: Surface = { ...silentSurface, info: (message) => void said.push(message) };
    const again = await deploy(dir, listening);
    expect(again).toMatchObject({ status: 'success', unchanged: true, bundle: { key: firstDeploy.bundle.key, uploadedBytes: 0 } });
    expect(said.some((message) => /the files are unchanged .*nothing was compressed/.test(message))).toBe(true);
    expect(bundlePuts()).toHaveLength(0);
    expect(proxy.count({ action: 'CreateFleet' })).toBe(0);
    expect(await bundleObjects()).toEqual([firstDeploy.bundle.key]);

    proxy.clearRequests();
    said.length = 0;
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const changed = await deploy(dir, listening);
    expect(changed).toMatchObject({ status: 'success', unchanged: false });
    expect(changed.bundle.sha256).not.toBe(firstDeploy.bundle.sha256);
    expect(said.some((message) => /nothing was compressed/.test(message))).toBe(false);
    expect(bundlePuts()).toHaveLength(1);
    expect((await bundleObjects()).sort()).toEqual([firstDeploy.bundle.key, changed.bundle.key].sort());
  });

  it('builds and uploads again when the stored bundle is gone (expired), and still changes nothing else', async () => {
    const dir = project();
    const firstDeploy = await deploy(dir);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: firstDeploy.bundle.key }));
    proxy.clearRequests();
    const again = await deploy(dir);
    expect(again).toMatchObject({ status: 'success', unchanged: true, bundle: { sha256: firstDeploy.bundle.sha256 } });
    expect(bundlePuts()).toHaveLength(1);
    expect(await bundleObjects()).toEqual([firstDeploy.bundle.key]);
    expect(proxy.count({ action: 'CreateFleet' })).toBe(0);
  });
});
