/**
 * The capacity ladder against moto behind the fault-injecting proxy, which
 * gives CreateFleet the per-pool errors and shortfalls moto never sends:
 * pools without capacity are reported while the others land the count, a
 * short spot fleet is topped up on-demand (when allowed) or by the next
 * region, a spot quota switches to on-demand or stops, permission errors
 * stop with the IAM action named. Every pool's answer is reported.
 */
import { DescribeInstancesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import { buildDeploySummary } from '../../src/report/summary.js';
import type { FaultProxy, FleetPool } from '../helpers/fault-proxy.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface as silent } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';

let local: InProcessAws;
let proxy!: FaultProxy;
let ec2: EC2Client;

function project(config: string, regions = 'regions: [us-east-1]'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-'));
  mkdirSync(join(dir, '.spot'));
  mkdirSync(join(dir, 'deployment'));
  writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho hi\n', { mode: 0o755 });
  writeFileSync(
    join(dir, '.spot/config.yaml'),
    `version: 1\nname: ladder\n${regions}\nbucket: {name: ladder-bucket, create: true}\nwait: running\n${config}`,
  );
  return dir;
}

async function deploy(config: string, regions?: string) {
  const outcome = await execute(parseOptions({ command: 'deploy', 'working-directory': project(config, regions) }), {
    surface: silent,
    run: localRun(),
  });
  if (outcome.command !== 'deploy') throw new Error('expected a deploy result');
  return outcome.result;
}

async function running(): Promise<Array<{ type?: string; lifecycle?: string }>> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending'] }] }),
  );
  return (described.Reservations ?? [])
    .flatMap((reservation) => reservation.Instances ?? [])
    .map((instance) => ({ type: instance.InstanceType, lifecycle: instance.InstanceLifecycle ?? 'on-demand' }));
}

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  proxy = local.proxy!;
  ec2 = local.ec2;
});

beforeEach(async () => {
  await local.aws.reset();
  proxy.clearFaults();
  proxy.clearRequests();
});

afterAll(() => local?.stop());

const isType = (type: string) => (pool: FleetPool) => pool.instanceType === type;
const everyPool = () => true;

describe('the capacity ladder: one EC2 Fleet per market step', () => {
  it('asks every pool in one spot fleet; pools without capacity are reported, the others land the whole count', async () => {
    proxy.failFleet({ code: 'InsufficientInstanceCapacity', message: 'no t3.small capacity', failPools: isType('t3.small') });
    const result = await deploy('instance_types: [t3.small, t3a.small]\ninstances: 3\n');
    expect(result.status).toBe('success');
    expect(proxy.count({ action: 'CreateFleet' })).toBe(1);
    const failed = result.attempts.filter((attempt) => attempt.errorCode === 'InsufficientInstanceCapacity');
    // One error per AZ of t3.small (moto's default VPC has a subnet in each of us-east-1's AZs).
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((attempt) => attempt.instanceType === 't3.small' && attempt.launched === 0)).toBe(true);
    expect(new Set(failed.map((attempt) => attempt.availabilityZone)).size).toBe(failed.length);
    expect(result.attempts.filter((attempt) => attempt.launched > 0)).toEqual([
      expect.objectContaining({ instanceType: 't3a.small', market: 'spot', launched: 3 }),
    ]);
    expect(await running()).toEqual(Array(3).fill({ type: 't3a.small', lifecycle: 'spot' }));
    const summary = buildDeploySummary(result);
    expect(summary).toContain('| us-east-1a | t3.small | spot | ❌ InsufficientInstanceCapacity |');
    expect(summary).toContain('- InsufficientInstanceCapacity: no t3.small capacity');
  });

  it('keeps what a short spot fleet landed and asks an on-demand fleet for the shortfall (spot-then-on-demand)', async () => {
    proxy.failFleet({ code: 'InsufficientInstanceCapacity', market: 'spot', maxInstances: 1 });
    const result = await deploy('instance_types: [t3.small, t3a.small]\ninstances: 3\nmarket: spot-then-on-demand\n');
    expect(result.status).toBe('success');
    expect(result.attempts.map((attempt) => [attempt.market, attempt.launched, attempt.errorCode])).toEqual([
      ['spot', 1, undefined],
      ['spot', 0, 'InsufficientInstanceCapacity'],
      ['on-demand', 2, undefined],
    ]);
    expect(proxy.count({ action: 'CreateFleet' })).toBe(2);
    expect((await running()).map((instance) => instance.lifecycle).sort()).toEqual(['on-demand', 'on-demand', 'spot']);
  });

  it('on a spot quota (MaxSpotInstanceCountExceeded) goes to on-demand when allowed', async () => {
    proxy.failFleet({ code: 'MaxSpotInstanceCountExceeded', market: 'spot', failPools: everyPool });
    const result = await deploy('instance_types: [t3.small, t3a.small]\ninstances: 2\nmarket: spot-then-on-demand\n');
    expect(result.status).toBe('success');
    expect(result.attempts.filter((attempt) => attempt.market === 'on-demand')).toEqual([
      expect.objectContaining({ instanceType: 't3.small', launched: 2 }),
    ]);
    expect(await running()).toEqual(Array(2).fill({ type: 't3.small', lifecycle: 'on-demand' }));
  });

  it('stops on a spot quota for market: spot, names the quota, and launches nothing else', async () => {
    proxy.failFleet({ code: 'MaxSpotInstanceCountExceeded', message: 'Max spot instance count exceeded', failPools: everyPool });
    const result = await deploy('instance_types: [t3.small, t3a.small]\n');
    expect(result.status).toBe('failed');
    expect(proxy.count({ action: 'CreateFleet' })).toBe(1);
    expect(result.errors[0]?.code).toBe('SD301');
    expect(result.errors[0]?.message).toContain(
      'ec2:CreateFleet (us-east-1 t3.small us-east-1a spot) failed: MaxSpotInstanceCountExceeded',
    );
    expect(result.errors[0]?.hint).toContain('Service Quotas');
    // The failed fleet call's conf object went too: no instance will ever read it.
    const listed = await fetch(`${local.aws.motoUrl}/ladder-bucket?list-type=2&prefix=spot-deployer/`).then((response) => response.text());
    expect(listed).toContain('.tar.gz');
    expect(listed).not.toContain('/launch/');
    expect(await running()).toEqual([]);
  });

  it('reports SpotMaxPriceTooLow per pool and says how many found capacity', async () => {
    proxy.failFleet({ code: 'SpotMaxPriceTooLow', message: 'Your max price is below the spot price', failPools: everyPool });
    const result = await deploy('instance_types: [t3.small]\nmax_price: 0.001\n');
    expect(result.status).toBe('failed');
    expect(result.attempts.length).toBeGreaterThanOrEqual(2);
    expect(result.attempts.every((attempt) => attempt.errorCode === 'SpotMaxPriceTooLow')).toBe(true);
    expect(result.errors.map((error) => [error.code, error.message])).toEqual([
      ['SD300', 'only 0 of 1 instance(s) found spot capacity in us-east-1'],
    ]);
  });

  it('stops with the IAM action named when a pool answers UnauthorizedOperation, and nothing is left running', async () => {
    proxy.failFleet({ code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.', failPools: everyPool });
    const result = await deploy('instance_types: [t3.small]\nmarket: spot-then-on-demand\n');
    expect(result.status).toBe('failed');
    expect(proxy.count({ action: 'CreateFleet' })).toBe(1);
    expect(result.errors[0]?.code).toBe('SD201');
    expect(result.errors[0]?.hint).toContain('Allow ec2:CreateFleet');
    expect(await running()).toEqual([]);
  });

  it('names the IAM action when the whole CreateFleet call is refused', async () => {
    proxy.failAction({
      action: 'CreateFleet',
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
    });
    const result = await deploy('instance_types: [t3.small]\n');
    expect(result.status).toBe('failed');
    expect(result.errors[0]?.code).toBe('SD201');
    expect(result.errors[0]?.hint).toContain('Allow ec2:CreateFleet');
    expect(result.attempts).toEqual([expect.objectContaining({ errorCode: 'UnauthorizedOperation', launched: 0 })]);
    expect(await running()).toEqual([]);
  });

  it('spills what one region cannot get over to the next region with capacity, a count-0 fallback included', async () => {
    proxy.failFleet({ code: 'InsufficientInstanceCapacity', region: 'us-east-1', failPools: everyPool });
    const result = await deploy(
      'instance_types: [t3.small]\ninstances: 2\n',
      'regions:\n  - {name: us-east-1, count: 2}\n  - {name: us-west-2, count: 0}',
    );
    expect(result.status).toBe('success');
    expect(result.errors).toEqual([]);
    expect(result.attempts.filter((attempt) => attempt.region === 'us-east-1').every((attempt) => attempt.launched === 0)).toBe(true);
    const west = result.attempts.filter((attempt) => attempt.region === 'us-west-2');
    expect(west.reduce((sum, attempt) => sum + attempt.launched, 0)).toBe(2);
    expect(proxy.count({ action: 'CreateFleet', region: 'us-west-2' })).toBe(1);
    expect(result.instances.map((instance) => instance.region)).toEqual(['us-west-2', 'us-west-2']);
  });

  it('keeps what a short spot fleet landed and asks the next region for the rest (market: spot)', async () => {
    proxy.failFleet({ code: 'InsufficientInstanceCapacity', region: 'us-east-1', maxInstances: 1 });
    const result = await deploy(
      'instance_types: [t3.small]\ninstances: 3\n',
      'regions:\n  - {name: us-east-1, count: 3}\n  - {name: us-west-2, count: 0}',
    );
    expect(result.status).toBe('success');
    expect(result.instances.map((instance) => instance.region).sort()).toEqual(['us-east-1', 'us-west-2', 'us-west-2']);
    expect(result.attempts.map((attempt) => [attempt.region, attempt.launched, attempt.errorCode])).toEqual([
      ['us-east-1', 1, undefined],
      ['us-east-1', 0, 'InsufficientInstanceCapacity'],
      ['us-west-2', 2, undefined],
    ]);
    expect(result.instances.every((instance) => instance.lifecycle === 'spot')).toBe(true);
  });

  it('says how many instances found capacity when no pool anywhere had enough', async () => {
    proxy.failFleet({ code: 'InsufficientInstanceCapacity', failPools: everyPool });
    const result = await deploy('instance_types: [t3.small]\n');
    expect(result.status).toBe('failed');
    expect(result.errors.map((error) => [error.code, error.message])).toEqual([
      ['SD300', 'only 0 of 1 instance(s) found spot capacity in us-east-1'],
    ]);
  });

  it('keeps going when the wait for running fails, and reports the states it then reads', async () => {
    let byId = 0;
    // The 1st DescribeInstances by id is the waiter's (wait: running publishes the launch calls'
    // ids without describing them): it sees a terminated instance, which ends the SDK waiter with
    // a failure; the states are then read once more.
    proxy.rewriteResponse('DescribeInstances', (body, _request, params) =>
      params.has('InstanceId.1') && ++byId === 1 ? body.replace(/<name>running<\/name>/g, '<name>terminated</name>') : body,
    );
    const result = await deploy('instance_types: [t3.small]\n');
    expect(byId).toBe(2);
    expect(result.status).toBe('success');
    expect(result.instances).toEqual([expect.objectContaining({ state: 'running', bootstrap: 'not-waited' })]);
  });

  it('opens only the configured ports: network.ingress, and 22 from ssh.cidr', async () => {
    const result = await deploy(
      'instance_types: [t3.small]\nnetwork:\n  ingress:\n    - {port: 80, cidr: 0.0.0.0/0}\nssh:\n  public_key: ssh-ed25519 AAAAC3Nza test@laptop\n  cidr: 203.0.113.7/32\n',
    );
    expect(result.status).toBe('success');
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: ['ladder'] }] }),
    );
    const rules = (groups.SecurityGroups?.[0]?.IpPermissions ?? []).map((rule) => [
      rule.FromPort,
      rule.IpProtocol,
      rule.IpRanges?.map((range) => range.CidrIp),
    ]);
    expect(rules.sort()).toEqual([
      [22, 'tcp', ['203.0.113.7/32']],
      [80, 'tcp', ['0.0.0.0/0']],
    ]);
  });

  it('opens no port at all without ingress or ssh', async () => {
    await deploy('instance_types: [t3.small]\n');
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: ['ladder'] }] }),
    );
    expect(groups.SecurityGroups?.[0]?.IpPermissions).toEqual([]);
  });

  it('says which instances never reported their bootstrap, with SD400 and a hint, once ready_timeout passes', async () => {
    let clock = Date.now();
    const outcome = await execute(
      parseOptions({
        command: 'deploy',
        'working-directory': project('instance_types: [t3.small]\n'),
        wait: 'ready',
        'timeout-minutes': '2',
      }),
      {
        surface: silent,
        run: localRun(),
        // Nobody reports: time moves only when the wait sleeps, so the test does not wait 2 minutes.
        sleep: async (milliseconds) => void (clock += milliseconds),
        now: () => new Date(clock),
      },
    );
    if (outcome.command !== 'deploy') throw new Error('expected a deploy result');
    const [instance] = outcome.result.instances;
    expect(instance?.bootstrap).toBe('pending');
    expect(outcome.result.status).toBe('failed');
    expect(outcome.result.errors.map((error) => [error.code, error.message])).toEqual([
      ['SD400', `${instance!.id} did not report a bootstrap status within 2m`],
    ]);
    expect(outcome.result.errors[0]?.hint).toContain('ready_timeout');
  });
});
