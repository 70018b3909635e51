/**
 * The launch spec's fingerprint, as a table: every field an instance is
 * launched with changes it; presigned URLs, the order of inbound rules and
 * the instance count do not.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchSpecFactsOf, launchSpecHash, launchSpecHashes } from '../../src/deploy/spec-hash.js';
import { isUnchanged } from '../../src/deploy/decide.js';
import type { InstanceView } from '../../src/aws/instances.js';
import { loadProject } from '../../src/plan/load-project.js';
import type { Plan } from '../../src/plan/types.js';
import { localRun } from '../helpers/run-context.ts';

let base: Plan;
const USER_DATA = '#cloud-config\nwrite_files: []\n';

beforeAll(async () => {
  base = (await loadProject({ dir: resolve('examples/hello-web'), overrides: {}, run: localRun() })).plan;
});

const hashOf = (plan: Plan, userData = USER_DATA): string => launchSpecHash(launchSpecFactsOf(plan, plan.regions[0]!, userData));

describe('launchSpecHash', () => {
  const changes: Array<[string, (plan: Plan) => Plan]> = [
    ['ssh key name', (plan) => ({ ...plan, ssh: { username: 'ubuntu', cidr: '0.0.0.0/0', keyName: 'other-key' } })],
    ['ssh public key', (plan) => ({ ...plan, ssh: { username: 'ubuntu', cidr: '0.0.0.0/0', publicKey: 'ssh-ed25519 AAAA x' } })],
    ['instance type', (plan) => ({ ...plan, regions: [{ ...plan.regions[0]!, instanceTypes: ['t3.small'] }] })],
    [
      'order of the type ladder',
      (plan) => ({ ...plan, regions: [{ ...plan.regions[0]!, instanceTypes: [...plan.regions[0]!.instanceTypes, 't3.nano'] }] }),
    ],
    ['image', (plan) => ({ ...plan, regions: [{ ...plan.regions[0]!, image: 'ami-0123456789abcdef0' }] })],
    ['ttl', (plan) => ({ ...plan, ttlSeconds: 3600 })],
    ['ttl never', (plan) => ({ ...plan, ttlSeconds: 'never' as const })],
    ['market', (plan) => ({ ...plan, market: 'on-demand' as const })],
    ['max price', (plan) => ({ ...plan, maxPrice: 0.01 })],
    ['root volume', (plan) => ({ ...plan, rootVolume: { sizeGb: 30, type: 'gp3' } })],
    ['iam profile', (plan) => ({ ...plan, iamInstanceProfile: 'web-role' })],
    ['public ip', (plan) => ({ ...plan, network: { ...plan.network, publicIp: false } })],
    [
      'an inbound rule',
      (plan) => ({ ...plan, network: { ...plan.network, ingress: [{ port: 80, cidr: '0.0.0.0/0', protocol: 'tcp' as const }] } }),
    ],
    ['allocation', (plan) => ({ ...plan, allocation: 'lowest-price' as const })],
  ];

  it.each(changes)('changes with the %s', (_name, change) => {
    expect(hashOf(change(base))).not.toBe(hashOf(base));
  });

  it('changes with the user-data (bundle, agent, cloud-init)', () => {
    expect(hashOf(base, `${USER_DATA}# v2\n`)).not.toBe(hashOf(base));
  });

  it('does not change with the instance count, the order of inbound rules or a rebuilt plan', () => {
    const rules = [
      { port: 80, cidr: '0.0.0.0/0', protocol: 'tcp' as const },
      { port: 443, cidr: '0.0.0.0/0', protocol: 'tcp' as const },
    ];
    const withRules = { ...base, network: { ...base.network, ingress: rules } };
    const reversed = { ...base, network: { ...base.network, ingress: [...rules].reverse() } };
    expect(hashOf(reversed)).toBe(hashOf(withRules));
    expect(hashOf({ ...base, regions: [{ ...base.regions[0]!, count: 5 }] })).toBe(hashOf(base));
    expect(hashOf(structuredClone(base))).toBe(hashOf(base));
    expect(hashOf(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('isUnchanged', () => {
  const view = (overrides: Partial<InstanceView>): InstanceView => ({
    id: 'i-1',
    region: 'us-east-1',
    availabilityZone: 'us-east-1a',
    instanceType: 't3.micro',
    lifecycle: 'spot',
    state: 'running',
    bundleSha256: 'b1',
    ...overrides,
  });
  const wanted = () => ({ bundleSha256: 'b1', specHashes: launchSpecHashes(base, USER_DATA) });

  it.each([
    ['same bundle and spec', { specSha256: 'SPEC' }, true],
    ['another spec', { specSha256: 'f'.repeat(64) }, false],
    ['no spec tag (launched before fingerprints)', {}, false],
    ['another bundle', { specSha256: 'SPEC', bundleSha256: 'b2' }, false],
    ['not running', { specSha256: 'SPEC', state: 'pending' }, false],
  ])('%s → %s', (_name, overrides: Partial<InstanceView>, expected) => {
    const spec = wanted().specHashes['us-east-1']!;
    const instance = view({ ...overrides, ...(overrides.specSha256 === 'SPEC' ? { specSha256: spec } : {}) });
    expect(isUnchanged(base.regions, [instance], wanted())).toBe(expected);
  });
});
