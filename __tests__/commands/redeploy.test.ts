/**
 * Idempotency by tag: the same bundle changes nothing, a failed bootstrap is
 * retried by a re-run, and a new bundle brings up new instances that become
 * ready before the old ones are terminated.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import { reportBootstrap } from '../helpers/fake-instance.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface as silent } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';

let local: InProcessAws;
let ec2: EC2Client;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
});

afterAll(() => local?.stop());

async function live(): Promise<string[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  return (described.Reservations ?? [])
    .flatMap((reservation) => reservation.Instances ?? [])
    .map((instance) => instance.InstanceId!)
    .sort();
}

async function deployWhile(dir: string, instance: { status: 'ok' | 'failed'; exclude: string[] } | undefined) {
  const run = { ...localRun(), runId: `run-${Math.random()}` };
  const deploying = execute(parseOptions({ command: 'deploy', 'working-directory': dir, 'timeout-minutes': '2' }), {
    surface: silent,
    run,
  });
  const reported = instance ? await reportBootstrap(ec2, { deploymentId: 'hello-web', ...instance }) : [];
  const outcome = await deploying;
  if (outcome.command !== 'deploy') throw new Error('expected a deploy');
  return { result: outcome.result, reported };
}

describe('re-deploying', () => {
  it('retries a failed bootstrap, keeps an unchanged bundle, and replaces on a new bundle only once the new one is ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redeploy-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });

    const first = await deployWhile(dir, { status: 'failed', exclude: [] });
    expect(first.result.status).toBe('failed');
    expect(await live()).toEqual(first.reported);

    const retry = await deployWhile(dir, { status: 'ok', exclude: first.reported });
    expect(retry.result.status).toBe('success');
    expect(retry.result.retired).toEqual(first.reported);
    expect(await live()).toEqual(retry.reported);

    const unchanged = await deployWhile(dir, undefined);
    expect(unchanged.result).toMatchObject({ status: 'success', unchanged: true, retired: [] });
    expect(unchanged.result.instances.map((instance) => instance.id)).toEqual(retry.reported);
    expect(unchanged.result.bundle.uploadedBytes).toBe(0);

    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const changed = await deployWhile(dir, { status: 'ok', exclude: retry.reported });
    expect(changed.result.status).toBe('success');
    expect(changed.result.bundle.sha256).not.toBe(retry.result.bundle.sha256);
    expect(changed.result.retired).toEqual(retry.reported);
    expect(await live()).toEqual(changed.reported);
  });
});
