/**
 * `wait: ready` polls cheaply: each tick lists the region's launch prefixes
 * once and GETs only the status objects that are new or were written again
 * (a changed ETag), and the first tick comes after 1 s. Counted at the
 * fault proxy in front of moto.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusKey, statusPrefix, type KeyScope } from '../../src/agent/keys.js';
import { readReports, waitForBootstrap } from '../../src/deploy/wait-ready.js';
import { signedStatusText, TEST_IDENTITY_CERT, agentKeys } from '../fixtures/identity/identity.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';

const BUCKET = 'polling-bucket';
const scope: KeyScope = { prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'web' };
// Two launch calls in one region, five instances each.
const launches = ['us-east-1-0123456789-1', 'us-east-1-0123456789-2'];
const instances = Array.from({ length: 10 }, (_, index) => ({
  id: `i-00000000000000${String(index).padStart(3, '0')}`,
  launchId: launches[Math.floor(index / 5)]!,
  index: index % 5,
  keys: agentKeys(),
}));

let local: InProcessAws;
let s3: S3Client;

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  s3 = new S3Client({
    endpoint: local.aws.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await fetch(`${local.aws.motoUrl}/${BUCKET}`, { method: 'PUT' });
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  await local?.stop();
});

async function report(instance: (typeof instances)[number], status: 'hello' | 'ok'): Promise<void> {
  const body = signedStatusText(
    { status, instance_id: instance.id, launch_index: instance.index, failed_step: null, steps: [] },
    { keys: instance.keys },
  );
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: statusKey(scope, instance.launchId, instance.id), Body: body }));
}

describe('polling status objects', () => {
  it('lists once per region per tick and GETs only new or changed objects', async () => {
    for (const instance of instances) await report(instance, 'hello');
    const proxy = local.proxy!;
    const gets = (): number => proxy.count({ method: 'GET', path: /\/status\/.+\.json$/ });
    const lists = (): number => proxy.count({ method: 'GET', query: /list-type=2/ });
    const before = { gets: gets(), lists: lists() };
    const perTick: Array<{ gets: number; lists: number }> = [];
    const delays: number[] = [];
    let tick = 0;
    const greeted: string[] = [];
    const launchIds = new Map(instances.map((instance) => [instance.id, instance.launchId]));

    const result = await waitForBootstrap({
      s3,
      bucket: BUCKET,
      statusPrefixes: launches.map((launchId) => statusPrefix(scope, launchId)),
      instanceIds: instances.map((instance) => instance.id),
      trust: { scope, launchIdOf: (id) => launchIds.get(id), certificateFor: () => TEST_IDENTITY_CERT },
      onHello: async (hello) => void greeted.push(hello.instanceId),
      timeoutSeconds: 600,
      now: () => Date.now(),
      describe: async () => [],
      progress: () => {},
      // Between ticks, the instances move on: nothing, then 3 report ok, then the other 7.
      sleep: async (ms) => {
        delays.push(ms);
        perTick.push({ gets: gets() - before.gets, lists: lists() - before.lists });
        Object.assign(before, { gets: gets(), lists: lists() });
        tick += 1;
        if (tick === 2) for (const instance of instances.slice(0, 3)) await report(instance, 'ok');
        if (tick === 3) for (const instance of instances.slice(3)) await report(instance, 'ok');
      },
    });
    perTick.push({ gets: gets() - before.gets, lists: lists() - before.lists });

    expect(result.statuses.size).toBe(10);
    expect(greeted).toHaveLength(10);
    // 10 hellos, nothing new, 3 changed, 7 changed: 20 GETs where re-reading everything makes 40.
    expect(perTick).toEqual([
      { gets: 10, lists: 1 },
      { gets: 0, lists: 1 },
      { gets: 3, lists: 1 },
      { gets: 7, lists: 1 },
    ]);
    expect(delays.slice(0, 3)).toEqual([1000, 2000, 2000]);
  });

  it("shows a loader's unsigned failure as unverified and does not end the instance's wait on it", async () => {
    const launchId = 'us-east-1-0123456789-9';
    const body = JSON.stringify({
      status: 'failed',
      loader: true,
      instance_id: 'i-0loader',
      launch_index: 0,
      failed_step: 'verify-bundle',
      log_tail: 'sha256 mismatch: expected a, got b',
    });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: statusKey(scope, launchId, 'i-0loader'), Body: body }));
    const warnings: string[] = [];
    const reports = await readReports(s3, BUCKET, [statusPrefix(scope, launchId)], new Set(['i-0loader']), {
      scope,
      launchIdOf: () => launchId,
      certificateFor: () => TEST_IDENTITY_CERT,
      warn: (message) => warnings.push(message),
    });
    expect(reports.statuses.size).toBe(0);
    expect(warnings).toEqual([
      expect.stringMatching(
        /unverified: the loader cannot sign\) says instance i-0loader failed at verify-bundle: sha256 mismatch: expected a, got b$/,
      ),
    ]);
  });
});
