/**
 * Change detection covers the whole launch spec, not only the bundle: a new
 * SSH key, instance type, image or ttl replaces the running instances (the
 * new ones first, then the old ones are retired); the same spec changes
 * nothing.
 */
import { CreateKeyPairCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions, type RawInputs } from '../../src/commands/options.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface } from '../helpers/silent-surface.js';

let local: InProcessAws;
let ec2: EC2Client;
let dir: string;
let config: string;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
  await ec2.send(new CreateKeyPairCommand({ KeyName: 'deploy-key' }));
  dir = mkdtempSync(join(tmpdir(), 'spec-change-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  config = readFileSync(join(dir, '.spot/config.yaml'), 'utf8');
});

afterAll(() => local?.stop());

async function deploy(inputs: RawInputs = {}) {
  const options = parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'running', ...inputs });
  const outcome = await execute(options, { surface: silentSurface, run: { ...localRun(), runId: `run-${Math.random()}` } });
  if (outcome.command !== 'deploy') throw new Error('expected a deploy');
  return outcome.result;
}

async function describeLive() {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
}

describe('a changed launch spec', () => {
  it('replaces the instances for each of ssh key, instance type, image and ttl, and keeps them when nothing changed', async () => {
    let current = await deploy();
    expect(current.status).toBe('success');
    const again = await deploy();
    expect(again).toMatchObject({ status: 'success', unchanged: true, retired: [] });

    const steps: Array<[string, () => RawInputs, (instance: Awaited<ReturnType<typeof describeLive>>[number]) => unknown, unknown]> = [
      ['ttl', () => ({ ttl: '3h' }), () => undefined, undefined],
      ['instance type', () => ({ ttl: '3h', 'instance-types': 't3.small' }), (instance) => instance.InstanceType, 't3.small'],
      [
        'image',
        () => {
          writeFileSync(join(dir, '.spot/config.yaml'), `${config}image: al2023\n`);
          return { ttl: '3h', 'instance-types': 't3.small' };
        },
        (instance) => instance.ImageId,
        'ami-0al2023amd64',
      ],
      [
        'ssh key',
        () => {
          writeFileSync(join(dir, '.spot/config.yaml'), `${config}image: al2023\nssh:\n  key_name: deploy-key\n  cidr: 203.0.113.0/24\n`);
          return { ttl: '3h', 'instance-types': 't3.small' };
        },
        (instance) => instance.KeyName,
        'deploy-key',
      ],
    ];
    for (const [what, change, read, expected] of steps) {
      const inputs = change();
      const next = await deploy(inputs);
      expect({ what, status: next.status, unchanged: next.unchanged, retired: next.retired }).toEqual({
        what,
        status: 'success',
        unchanged: false,
        retired: current.instances.map((instance) => instance.id),
      });
      const live = await describeLive();
      expect(live.map((instance) => instance.InstanceId)).toEqual(next.instances.map((instance) => instance.id));
      expect(read(live[0]!)).toEqual(expected);
      expect(await deploy(inputs)).toMatchObject({ unchanged: true, retired: [] });
      current = next;
    }
  });
});
