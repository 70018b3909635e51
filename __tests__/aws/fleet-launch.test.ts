/**
 * What an EC2 Fleet launch leaves in moto: instances carrying every tag the
 * lookups rely on (deployment, repository, launch id, spec hash, bundle),
 * one launch template per deployment and repository whose versions hold the
 * hardened data, a new version per fleet call, the template gone with
 * `destroy` — and 600 instances in one region from one CreateFleet.
 */
import {
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  paginateDescribeInstances,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import { launchInRegion } from '../../src/aws/launch.js';
import { findSubnets } from '../../src/aws/network.js';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import type { FaultProxy } from '../helpers/fault-proxy.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface as silent } from '../helpers/silent-surface.js';

let local: InProcessAws;
let proxy!: FaultProxy;
let ec2: EC2Client;

function project(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
  mkdirSync(join(dir, '.spot'));
  mkdirSync(join(dir, 'deployment'));
  writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho hi\n', { mode: 0o755 });
  writeFileSync(
    join(dir, '.spot/config.yaml'),
    `version: 1\nname: fleet\nregions: [us-east-1]\nbucket: {name: fleet-bucket, create: true}\nwait: running\n${config}`,
  );
  return dir;
}

async function run(command: 'deploy' | 'destroy', dir: string, repository = 'acme/web') {
  return execute(parseOptions({ command, 'working-directory': dir }), { surface: silent, run: localRun({ repository }) });
}

async function live(): Promise<Instance[]> {
  const instances: Instance[] = [];
  const filter = { Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending'] }] };
  for await (const page of paginateDescribeInstances({ client: ec2 }, filter)) {
    instances.push(...(page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []));
  }
  return instances;
}

const tag = (instance: Instance, key: string): string | undefined => instance.Tags?.find((pair) => pair.Key === key)?.Value;

async function templates() {
  return (await ec2.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? [];
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

describe('EC2 Fleet against moto', () => {
  it('tags fleet instances with everything the lookups read, and keeps one template per deployment with a version per fleet call', async () => {
    const dir = project('instance_types: [t3.small, t3a.small]\ninstances: 2\n');
    const first = await run('deploy', dir);
    if (first.command !== 'deploy') throw new Error('expected a deploy');
    expect(first.result.status).toBe('success');
    const instances = await live();
    expect(instances).toHaveLength(2);
    for (const instance of instances) {
      expect(tag(instance, 'spot-deployer:managed-by')).toBe('spot-deployer');
      expect(tag(instance, 'spot-deployer:deployment')).toBe('fleet');
      expect(tag(instance, 'spot-deployer:repository')).toBe('acme/web');
      expect(tag(instance, 'spot-deployer:launch-id')).toMatch(/^us-east-1-[0-9a-f]{10}-1$/);
      expect(tag(instance, 'spot-deployer:spec-sha256')).toMatch(/^[0-9a-f]{64}$/);
      expect(tag(instance, 'spot-deployer:bundle-sha256')).toBe(first.result.bundle.sha256);
      expect(instance.InstanceLifecycle).toBe('spot');
      // From the template's network interface and IMDS settings (moto applies them through serve.py).
      expect(instance.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(instance.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    }
    const [template] = await templates();
    expect(template?.LaunchTemplateName).toMatch(/^spot-deployer-fleet-[0-9a-f]{8}$/);
    expect(template?.Tags).toContainEqual({ Key: 'spot-deployer:managed-by', Value: 'spot-deployer' });
    expect(template?.Tags).toContainEqual({ Key: 'spot-deployer:repository', Value: 'acme/web' });

    // A changed bundle is a new launch: a new version of the same template, not a second template.
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho changed\n', { mode: 0o755 });
    proxy.clearRequests();
    const second = await run('deploy', dir);
    if (second.command !== 'deploy') throw new Error('expected a deploy');
    expect(second.result.status).toBe('success');
    expect(proxy.count({ action: 'CreateLaunchTemplate' })).toBe(0);
    expect(proxy.count({ action: 'CreateLaunchTemplateVersion' })).toBe(1);
    expect(await templates()).toHaveLength(1);
    const versions = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template!.LaunchTemplateId }));
    const data = versions.LaunchTemplateVersions?.find((version) => version.VersionNumber === 2)?.LaunchTemplateData;
    expect(data?.MetadataOptions).toMatchObject({ HttpTokens: 'required' });
    expect(data?.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(data?.BlockDeviceMappings?.[0]?.Ebs?.Encrypted).toBe(true);
    expect(data?.NetworkInterfaces?.[0]?.Groups).toHaveLength(1);
    // Each version carries its own call's user-data (its status URLs point under its launch id).
    const first1 = versions.LaunchTemplateVersions?.find((version) => version.VersionNumber === 1)?.LaunchTemplateData;
    expect(data?.UserData).not.toBe(first1?.UserData);
  });

  it('gives two repositories with one deployment name two templates, and destroy removes only its own', async () => {
    const dir = project('instance_types: [t3.small]\n');
    await run('deploy', dir, 'acme/web');
    await run('deploy', dir, 'other/web');
    expect((await templates()).map((template) => template.LaunchTemplateName).sort()).toHaveLength(2);
    const destroyed = await run('destroy', dir, 'acme/web');
    if (destroyed.command !== 'destroy') throw new Error('expected a destroy');
    expect(destroyed.result.launchTemplates).toHaveLength(1);
    const left = await templates();
    expect(left).toHaveLength(1);
    expect(left[0]?.Tags).toContainEqual({ Key: 'spot-deployer:repository', Value: 'other/web' });
  });

  it('launches 600 instances in one region with one CreateFleet (the engine, with user-data of one size for any count)', async () => {
    // Through the CLI this needs user-data that does not grow with the count (issue 10, part 2): today's
    // per-instance URLs stop it at SD153. The ladder itself is what this shows: one call, 600 instances.
    const clients = createClients('us-east-1');
    const { subnets } = await findSubnets(clients, { vpc: 'default', subnets: 'auto', publicIp: true, ingress: [] }, 'auto');
    const launchIds: string[] = [];
    const result = await launchInRegion({
      clients,
      spec: {
        market: 'spot',
        allocation: 'price-capacity-optimized',
        rootVolume: { sizeGb: 20, type: 'gp3' },
        publicIp: true,
        metadataHopLimit: 1,
      },
      count: 600,
      instanceTypes: ['t3.small', 't3a.small'],
      image: { imageId: 'ami-0ubuntu2404amd64', rootDeviceName: '/dev/sda1', name: 'ubuntu', source: 'test' },
      subnets,
      securityGroupId: 'sg-0fleet',
      launchTemplate: {},
      owner: { deploymentId: 'fleet', repository: 'acme/web' },
      templateTags: { 'spot-deployer:managed-by': 'spot-deployer', 'spot-deployer:deployment': 'fleet' },
      tags: { 'spot-deployer:managed-by': 'spot-deployer', 'spot-deployer:deployment': 'fleet' },
      clientTokenBase: 'fleet:run-1:us-east-1:main',
      userDataFor: async (launchId) => {
        launchIds.push(launchId);
        return { userData: Buffer.from('#cloud-config\n').toString('base64'), written: Promise.resolve() };
      },
    });
    expect(result.error).toBeUndefined();
    expect(result.instances).toHaveLength(600);
    expect(new Set(result.instances.map((instance) => instance.id)).size).toBe(600);
    expect(launchIds).toHaveLength(1);
    expect(proxy.count({ action: 'CreateFleet' })).toBe(1);
    expect(proxy.count({ action: 'RunInstances' })).toBe(0);
    const running = await live();
    expect(running).toHaveLength(600);
    expect(running.every((instance) => tag(instance, 'spot-deployer:launch-id') === launchIds[0])).toBe(true);
    clients.ec2.destroy();
  }, 240_000);

  it('deploys 120 instances through the CLI engine with one CreateFleet and reports each running (wait: running)', async () => {
    // 120, not 600: today's user-data grows with the count (SD153 above about 150); the count-independent user-data lifts it.
    const outcome = await run('deploy', project('instance_types: [t3.small, t3a.small]\ninstances: 120\n'));
    if (outcome.command !== 'deploy') throw new Error('expected a deploy');
    expect(outcome.result.errors).toEqual([]);
    expect(outcome.result.instances).toHaveLength(120);
    expect(outcome.result.instances.every((instance) => instance.state === 'running' && instance.lifecycle === 'spot')).toBe(true);
    expect(proxy.count({ action: 'CreateFleet' })).toBe(1);
    expect(proxy.count({ action: 'CreateLaunchTemplate' })).toBe(1);
  }, 120_000);
});
