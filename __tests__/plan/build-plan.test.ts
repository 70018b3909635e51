import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/plan/load-project.js';
import { deploymentNames, sanitizeName } from '../../src/plan/build-plan.js';
import { cleanProjectsAfterEach, makeProject, SETUP } from '../config/helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const plan = async (config: string, overrides = {}) =>
  (
    await loadProject({
      run: localRun(),
      dir: makeProject({
        '.spot/config.yaml': config,
        'deployment/setup.sh': SETUP,
      }),
      overrides,
    })
  ).plan;

describe('names', () => {
  it('sanitises to [a-z0-9-] within 40 characters', () => {
    expect(sanitizeName('My_App.Web  2')).toBe('my-app-web-2');
    expect(sanitizeName('--x--')).toBe('x');
    expect(sanitizeName('a'.repeat(39) + '-b')).toBe('a'.repeat(39));
  });

  it('prefers config name, then repository, then folder; PR suffix always fits', () => {
    expect(deploymentNames({ name: 'Web' }, {}, { repository: 'o/r' }, '/x/folder')).toEqual({ name: 'web', deploymentId: 'web' });
    expect(deploymentNames({}, {}, { repository: 'octo/Shop.API' }, '/x/folder')).toEqual({ name: 'shop-api', deploymentId: 'shop-api' });
    expect(deploymentNames({}, {}, { repository: '' }, '/x/My Folder')).toEqual({
      name: 'my-folder',
      deploymentId: 'my-folder',
    });
    const long = deploymentNames({ name: 'n'.repeat(40) }, {}, { repository: '', pullRequest: 1234 }, '/x');
    expect(long.deploymentId).toBe(`${'n'.repeat(32)}-pr-1234`);
    expect(deploymentNames({ name: 'web' }, { deploymentName: 'Staging!' }, { repository: '', pullRequest: 7 }, '/x').deploymentId).toBe(
      'staging',
    );
  });
});

describe('regions and counts', () => {
  it('spreads instances over regions without a count, earlier first', async () => {
    const result = await plan(
      'bucket: b\ninstances: 5\nregions: [us-east-1, {name: us-west-2, count: 0}, eu-west-1, {name: ap-south-1, count: 1}]\n',
    );
    expect(result.regions.map((region) => [region.name, region.count])).toEqual([
      ['us-east-1', 2],
      ['us-west-2', 0],
      ['eu-west-1', 2],
      ['ap-south-1', 1],
    ]);
  });

  it('gives one instance per region when instances is unset', async () => {
    const result = await plan('bucket: b\nregions: [us-east-1, us-west-2]\n');
    expect(result.regions.map((region) => region.count)).toEqual([1, 1]);
  });

  it('applies per-region types and images over the global ones', async () => {
    const result = await plan(
      'bucket: b\nimage: al2023\ninstance_types: [t3.small]\nregions:\n  - us-east-1\n  - {name: eu-west-1, instance_types: [t3a.small], image: ami-0123456789abcdef0, subnets: [subnet-0abc]}\n',
    );
    expect(result.regions).toEqual([
      {
        name: 'us-east-1',
        count: 1,
        instanceTypes: ['t3.small'],
        image: 'al2023',
        subnets: 'auto',
      },
      {
        name: 'eu-west-1',
        count: 1,
        instanceTypes: ['t3a.small'],
        image: 'ami-0123456789abcdef0',
        subnets: ['subnet-0abc'],
      },
    ]);
  });

  it('infers arm64 from Graviton types', async () => {
    expect((await plan('bucket: b\nregions: [us-east-1]\ninstance_types: [t4g.small, m7g.medium]\n')).architecture).toBe('arm64');
  });
});

describe('the rest of the config', () => {
  it("hands health_check to the agent's steps, which poll it before reporting ready", async () => {
    const result = await plan('bucket: b\nregions: [us-east-1]\nhealth_check: {port: 8080, path: /up}\n');
    expect(result.manifest.readiness).toEqual({ port: 8080, path: '/up', expect: 200, timeoutSeconds: 300 });
    expect((await plan('bucket: b\nregions: [us-east-1]\n')).manifest.readiness).toBeUndefined();
  });

  it('maps every field with its default', async () => {
    const result = await plan(`bucket: {name: b, create: true, prefix: /deploys/}
regions: [us-east-1]
market: spot-then-on-demand
max_price: 0.02
allocation: price-capacity-optimized
root_volume: {size_gb: 40, type: gp2}
network: {vpc: vpc-0abc, subnets: auto, public_ip: false, ingress: [{port: 443, cidr: 10.0.0.0/8}]}
ssh: {public_key: "ssh-ed25519 AAAA me", cidr: 203.0.113.7/32}
image: al2023
iam_instance_profile: app-profile
ttl: 3d
tags: {team: web, cost: 12}
wait: running
ready_timeout: 20m
health_check: {port: 8080}
`);
    expect({
      ...result,
      manifest: undefined,
      projectRoot: undefined,
      sourceFiles: undefined,
      name: undefined,
      deploymentId: undefined,
      regions: undefined,
      run: undefined,
      resourceTags: undefined,
      userData: undefined,
      bundleIgnore: undefined,
    }).toEqual({
      architecture: 'x86_64',
      market: 'spot-then-on-demand',
      maxPrice: 0.02,
      allocation: 'price-capacity-optimized',
      rootVolume: { sizeGb: 40, type: 'gp2' },
      network: {
        vpc: 'vpc-0abc',
        subnets: 'auto',
        publicIp: false,
        ingress: [{ port: 443, cidr: '10.0.0.0/8', protocol: 'tcp' }],
      },
      ssh: {
        publicKey: 'ssh-ed25519 AAAA me',
        username: 'ec2-user',
        cidr: '203.0.113.7/32',
      },
      iamInstanceProfile: 'app-profile',
      ttlSeconds: 259_200,
      tags: { team: 'web', cost: '12' },
      bucket: { name: 'b', create: true, prefix: 'deploys' },
      wait: 'running',
      readyTimeoutSeconds: 1200,
      healthCheck: { port: 8080, path: '/', expect: 200 },
      notices: [],
      manifest: undefined,
      projectRoot: undefined,
      sourceFiles: undefined,
      name: undefined,
      deploymentId: undefined,
      regions: undefined,
    });
  });
});

describe('bucket', () => {
  it('carries name, create, prefix and a KMS key; the input replaces only the name', async () => {
    const config = 'regions: [us-east-1]\nbucket: {name: b1, create: true, prefix: /bundles/, kms_key: alias/spot}\n';
    expect((await plan(config)).bucket).toEqual({ name: 'b1', create: true, prefix: 'bundles', kmsKeyId: 'alias/spot' });
    expect((await plan(config, { bucket: 'b2' })).bucket).toMatchObject({ name: 'b2', kmsKeyId: 'alias/spot' });
  });
});
