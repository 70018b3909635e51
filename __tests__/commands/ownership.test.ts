/**
 * A deployment is (account, repository, deployment id): two repositories that
 * use one deployment name in one account and one bucket never touch each
 * other's instances, security groups or S3 objects — not through deploy
 * (retiring), destroy, sweep, nor a terminal run with no repository at all.
 */
import { DescribeInstancesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions, type RawInputs } from '../../src/commands/options.js';
import type { RunContext } from '../../src/core/run-context.ts';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface } from '../helpers/silent-surface.js';

let local: InProcessAws;
let ec2: EC2Client;
let s3: S3Client;
let dir: string;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
  s3 = new S3Client({
    endpoint: local.aws.motoUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  dir = mkdtempSync(join(tmpdir(), 'ownership-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
});

afterAll(async () => {
  s3?.destroy();
  await local?.stop();
});

const from = (repository: string): RunContext => ({ ...localRun(), repository, runId: `run-${Math.random()}` });

async function run(command: string, where: RunContext, inputs: RawInputs = {}, now?: Date) {
  const options = parseOptions({ command, 'working-directory': dir, wait: 'running', 'deployment-name': 'web', ...inputs });
  return await execute(options, { surface: silentSurface, run: where, ...(now ? { now: () => now } : {}) });
}

/** Live instance ids per repository tag ('' for none), for the deployment `web`. */
async function liveByRepository(): Promise<Record<string, string[]>> {
  const described = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:spot-deployer:deployment', Values: ['web'] },
        { Name: 'instance-state-name', Values: ['pending', 'running'] },
      ],
    }),
  );
  const byRepo: Record<string, string[]> = {};
  for (const instance of (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
    const repo = instance.Tags?.find((tag) => tag.Key === 'spot-deployer:repository')?.Value ?? '';
    (byRepo[repo] ??= []).push(instance.InstanceId!);
  }
  return byRepo;
}

async function groupsByRepository(): Promise<Record<string, number>> {
  const groups = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: ['web'] }] }),
  );
  const byRepo: Record<string, number> = {};
  for (const group of groups.SecurityGroups ?? []) {
    const repo = group.Tags?.find((tag) => tag.Key === 'spot-deployer:repository')?.Value ?? '';
    byRepo[repo] = (byRepo[repo] ?? 0) + 1;
  }
  return byRepo;
}

async function keys(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'spot-deployer-demo', Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

describe('two repositories, one deployment name, one account and bucket', () => {
  it('deploy, status, redeploy, destroy and sweep of one leave the other running', async () => {
    const orgA = from('orgA/web');
    const orgB = from('orgB/web');
    const deployedA = await run('deploy', orgA, { ttl: '1h' });
    const deployedB = await run('deploy', orgB, { ttl: '24h' });
    if (deployedA.command !== 'deploy' || deployedB.command !== 'deploy') throw new Error('expected deploys');
    expect([deployedA.result.status, deployedB.result.status]).toEqual(['success', 'success']);
    const idB = deployedB.result.instances.map((instance) => instance.id);
    expect((await liveByRepository())['orgB/web']).toEqual(idB);
    expect(await groupsByRepository()).toEqual({ 'orgA/web': 1, 'orgB/web': 1 });
    expect(deployedA.result.bundle.key).toMatch(/^spot-deployer\/orgA\/web\/web\/[0-9a-f]{64}\.tar\.gz$/);
    expect(deployedB.result.bundle.key).toMatch(/^spot-deployer\/orgB\/web\/web\/[0-9a-f]{64}\.tar\.gz$/);

    // status of one shows only its own instances
    const statusA = await run('status', orgA);
    if (statusA.command !== 'status') throw new Error('expected status');
    expect(statusA.result.instances.map((instance) => instance.id)).toEqual(deployedA.result.instances.map((instance) => instance.id));

    // a new bundle in orgA retires orgA's old instance only
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const redeployedA = await run('deploy', orgA, { ttl: '1h' });
    if (redeployedA.command !== 'deploy') throw new Error('expected a deploy');
    expect(redeployedA.result.retired).toEqual(deployedA.result.instances.map((instance) => instance.id));
    expect((await liveByRepository())['orgB/web']).toEqual(idB);

    // a terminal with no repository, same name: a deployment of its own
    const noRepo = await run('deploy', from(''));
    if (noRepo.command !== 'deploy') throw new Error('expected a deploy');
    expect(noRepo.result.bundle.key).toMatch(/^spot-deployer\/_local\/web\//);
    const destroyedNoRepo = await run('destroy', from(''));
    if (destroyedNoRepo.command !== 'destroy') throw new Error('expected a destroy');
    expect(destroyedNoRepo.result.terminated.map((instance) => instance.id)).toEqual(
      noRepo.result.instances.map((instance) => instance.id),
    );

    // sweep in orgA two hours later: orgA's expired deployment goes, orgB's unexpired one stays
    const swept = await run('sweep', orgA, {}, new Date(Date.now() + 2 * 3600_000));
    if (swept.command !== 'sweep') throw new Error('expected a sweep');
    expect(swept.result.swept.map((entry) => entry.deploymentId)).toEqual(['web']);
    expect(swept.result.swept[0]!.destroyed.terminated.map((instance) => instance.id)).toEqual(
      redeployedA.result.instances.map((instance) => instance.id),
    );

    // destroy from orgA (again): nothing of orgB's goes, nor anything outside the deployment's folder
    await s3.send(new PutObjectCommand({ Bucket: 'spot-deployer-demo', Key: 'team-data/important.csv', Body: 'a,b\n' }));
    const destroyedA = await run('destroy', orgA);
    if (destroyedA.command !== 'destroy') throw new Error('expected a destroy');
    expect(destroyedA.result.terminated).toEqual([]);
    expect(await liveByRepository()).toEqual({ 'orgB/web': idB });
    expect(await groupsByRepository()).toEqual({ 'orgB/web': 1 });
    expect(await keys('spot-deployer/orgA/')).toEqual([]);
    expect(await keys('spot-deployer/orgB/web/web/')).toContain(deployedB.result.bundle.key);
    expect(await keys('team-data/')).toEqual(['team-data/important.csv']);
  });
});
