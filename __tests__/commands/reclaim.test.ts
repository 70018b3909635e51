/**
 * Spot takes an instance back while it boots: the deploy notices it (state
 * reason Server.SpotInstanceTermination), launches a replacement in the same
 * region, waits for that one, and reports both.
 */
import { DescribeInstancesCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import { reportBootstrap } from '../helpers/fake-instance.js';
import type { FaultProxy } from '../helpers/fault-proxy.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';

let local: InProcessAws;
let proxy!: FaultProxy;
let ec2: EC2Client;

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  proxy = local.proxy!;
  ec2 = local.ec2;
  // moto terminates with a user-initiated reason; spot's own reason is what the deployer must recognise.
  proxy.rewriteResponse('DescribeInstances', (body) => body.replaceAll('Client.UserInitiatedShutdown', 'Server.SpotInstanceTermination'));
});

afterAll(() => local?.stop());

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
      run: localRun(),
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
