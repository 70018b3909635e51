/**
 * `sweep` against moto: deployments past their ttl and previews whose pull
 * request closed are destroyed (instances, security group, launch template);
 * the rest, and other repositories' deployments in the same account, are
 * left alone.
 */
import { DescribeInstancesCommand, DescribeLaunchTemplatesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions, type RawInputs } from '../../src/commands/options.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';
import type { RunContext } from '../../src/core/run-context.ts';

let local: InProcessAws;
let ec2: EC2Client;
let dir: string;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
  dir = mkdtempSync(join(tmpdir(), 'sweep-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
});

afterAll(() => local?.stop());

const run = (repository: string, pullRequest?: number): RunContext => ({
  ...localRun(),
  repository,
  runId: `run-${Math.random()}`,
  ...(pullRequest === undefined ? {} : { pullRequest }),
});

async function deploy(inputs: RawInputs, where: RunContext): Promise<void> {
  const options = parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'running', ...inputs });
  const outcome = await execute(options, { surface: silentSurface, run: where });
  if (outcome.command !== 'deploy' || outcome.result.status !== 'success') throw new Error('setup deploy failed');
}

async function liveDeployments(): Promise<string[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  const ids = (described.Reservations ?? [])
    .flatMap((reservation) => reservation.Instances ?? [])
    .map((instance) => instance.Tags?.find((tag) => tag.Key === 'spot-deployer:deployment')?.Value ?? '?');
  return [...new Set(ids)].sort();
}

/** The deployments that still have a launch template (each fleet launch needs one). */
async function templateDeployments(): Promise<string[]> {
  const templates = (await ec2.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? [];
  return templates.map((template) => template.Tags?.find((tag) => tag.Key === 'spot-deployer:deployment')?.Value ?? '?').sort();
}

describe('sweep', () => {
  it('removes what expired and previews of closed pull requests, and nothing else', async () => {
    await deploy({ 'deployment-name': 'short-lived', ttl: '1h' }, run('acme/hello-web'));
    await deploy({ 'deployment-name': 'forever', ttl: 'never' }, run('acme/hello-web'));
    await deploy({ ttl: '24h' }, run('acme/hello-web', 9));
    await deploy({ ttl: '24h' }, run('acme/hello-web', 10));
    await deploy({ 'deployment-name': 'not-ours', ttl: '1h' }, run('someone/else'));
    expect(await liveDeployments()).toEqual(['forever', 'hello-web-pr-10', 'hello-web-pr-9', 'not-ours', 'short-lived']);

    const asked: number[] = [];
    const outcome = await execute(parseOptions({ command: 'sweep', 'working-directory': dir }), {
      surface: silentSurface,
      run: run('acme/hello-web'),
      now: () => new Date(Date.now() + 2 * 3600_000),
      isPullRequestClosed: async (pullRequest) => {
        asked.push(pullRequest);
        if (pullRequest === 10) throw new Error('Not Found');
        return pullRequest === 9;
      },
    });
    if (outcome.command !== 'sweep') throw new Error('expected a sweep');

    expect(outcome.result.swept.map(({ deploymentId, reason }) => [deploymentId, reason]).sort()).toEqual([
      ['hello-web-pr-9', 'pull request #9 is closed'],
      ['short-lived', expect.stringMatching(/^expired at \d{4}-/)],
    ]);
    expect(outcome.result.seen.map((seen) => seen.deploymentId).sort()).toEqual([
      'forever',
      'hello-web-pr-10',
      'hello-web-pr-9',
      'short-lived',
    ]);
    expect(asked.sort()).toEqual([10, 9]);
    expect(await liveDeployments()).toEqual(['forever', 'hello-web-pr-10', 'not-ours']);
    // A swept deployment's launch template goes with it; the others keep theirs.
    expect(outcome.result.swept.every(({ destroyed }) => destroyed.launchTemplates.length === 1)).toBe(true);
    expect(await templateDeployments()).toEqual(['forever', 'hello-web-pr-10', 'not-ours']);
  });
});
