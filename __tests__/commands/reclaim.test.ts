/**
 * Spot takes an instance back while it boots: the deploy notices it (state
 * reason Server.SpotInstanceTermination), launches a replacement in the same
 * region, waits for that one, and reports both.
 */
import { DescribeInstancesCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execute } from '../../src/execute.js';
import { parseOptions } from '../../src/options.js';
import { readRunEnvironment } from '../../src/run-context.js';
import { reportBootstrap } from '../helpers/fake-instance.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { silentSurface } from '../helpers/silent-surface.js';

let aws: LocalAws;
let proxy!: FaultProxy;
let ec2: EC2Client;

beforeAll(async () => {
  aws = await startLocalAws({
    env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') },
    proxy: async (moto) => (proxy = await startFaultProxy(moto)),
  });
  for (const [name, value] of Object.entries({ ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' })) vi.stubEnv(name, value);
  // moto terminates with a user-initiated reason; spot's own reason is what the deployer must recognise.
  proxy.rewriteResponse('DescribeInstances', (body) => body.replaceAll('Client.UserInitiatedShutdown', 'Server.SpotInstanceTermination'));
  ec2 = new EC2Client({ endpoint: aws.motoUrl, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  ec2?.destroy();
  await aws?.stop();
});

async function liveIds(): Promise<string[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId!);
}

async function untilPolling(): Promise<void> {
  while (proxy.count({ method: 'GET', query: /list-type=2.*status/ }) === 0) await new Promise((done) => setTimeout(done, 100));
}

describe('an instance reclaimed by spot while booting', () => {
  it('is replaced in its region, and the deploy succeeds with the replacement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reclaim-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const deploying = execute(parseOptions({ command: 'deploy', 'working-directory': dir, 'timeout-minutes': '2' }), {
      surface: silentSurface,
      run: readRunEnvironment({}),
    });

    await untilPolling();
    const [first] = await liveIds();
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [first!] }));
    const [replacement] = await reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'ok', exclude: [first!] });
    const outcome = await deploying;
    if (outcome.command !== 'deploy') throw new Error('expected a deploy');

    expect(outcome.result.status).toBe('success');
    expect(outcome.result.instances.map((instance) => [instance.id, instance.bootstrap])).toEqual(
      expect.arrayContaining([
        [first, 'reclaimed'],
        [replacement, 'ok'],
      ]),
    );
    expect(outcome.result.attempts.filter((attempt) => attempt.launched > 0)).toHaveLength(2);
  });
});
