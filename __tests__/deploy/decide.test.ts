/** The deploy's decisions as tables: pure functions, no AWS, milliseconds. */
import { describe, expect, it } from 'vitest';
import type { InstanceView } from '../../src/aws/instances.js';
import type { BootstrapStatus } from '../../src/agent/status.js';
import type { InstanceReport } from '../../src/core/results.js';
import { bootstrapStateOf, bundleToReuse, expiresAt, isUnchanged, overallStatus, shortfallError } from '../../src/deploy/decide.js';
import type { RegionPlan } from '../../src/plan/types.js';

const region = (name: string, count: number): RegionPlan => ({
  name,
  count,
  instanceTypes: ['t3.small'],
  image: 'ubuntu-24.04',
  subnets: 'auto',
});
const view = (id: string, where: string, state = 'running', bundleSha256 = 'new', specSha256 = `spec-${where}`): InstanceView =>
  ({ id, region: where, state, bundleSha256, specSha256 }) as InstanceView;
const report = (bootstrap: InstanceReport['bootstrap'], state = 'running'): InstanceReport =>
  ({ id: 'i', region: 'us-east-1', az: 'us-east-1a', type: 't3.small', lifecycle: 'spot', state, bootstrap }) as InstanceReport;

describe('isUnchanged', () => {
  it.each([
    ['the same bundle, count and state', [region('us-east-1', 1)], [view('a', 'us-east-1')], true],
    ['a new bundle', [region('us-east-1', 1)], [view('a', 'us-east-1', 'running', 'old')], false],
    ['one instance too few', [region('us-east-1', 2)], [view('a', 'us-east-1')], false],
    ['one instance too many', [region('us-east-1', 1)], [view('a', 'us-east-1'), view('b', 'us-east-1')], false],
    ['an instance still pending', [region('us-east-1', 1)], [view('a', 'us-east-1', 'pending')], false],
    ['the right count in the wrong region', [region('us-east-1', 1)], [view('a', 'eu-west-1')], false],
    ['nothing wanted and nothing running', [region('us-east-1', 0)], [], true],
    [
      'another launch spec (key, type, image, ttl…)',
      [region('us-east-1', 1)],
      [view('a', 'us-east-1', 'running', 'new', 'old-spec')],
      false,
    ],
    [
      'no launch spec recorded (launched by an older version)',
      [region('us-east-1', 1)],
      [{ ...view('a', 'us-east-1'), specSha256: undefined }],
      false,
    ],
  ])('%s → %s', (_name, regions, existing, expected) => {
    const specHashes = { 'us-east-1': 'spec-us-east-1', 'eu-west-1': 'spec-eu-west-1' };
    expect(isUnchanged(regions, existing, { bundleSha256: 'new', specHashes })).toBe(expected);
  });
});

describe('bundleToReuse', () => {
  const tagged = (id: string, indexSha256: string | undefined, bundleSha256: string | undefined, state = 'running'): InstanceView =>
    ({ id, region: 'us-east-1', state, indexSha256, bundleSha256 }) as InstanceView;
  it.each([
    ['nothing runs', [], undefined],
    ['the same index', [tagged('a', 'idx', 'b1'), tagged('b', 'idx', 'b1')], 'b1'],
    ['another index', [tagged('a', 'other', 'b1')], undefined],
    ['no index tag (an older version launched it)', [tagged('a', undefined, 'b1')], undefined],
    ['the same index, no bundle tag', [tagged('a', 'idx', undefined)], undefined],
    ['the same index on two bundles (the build decides)', [tagged('a', 'idx', 'b1'), tagged('b', 'idx', 'b2')], undefined],
    ['the same index next to an older one', [tagged('a', 'idx', 'b1'), tagged('b', 'old', 'b0')], 'b1'],
    ['the same index on a pending instance', [tagged('a', 'idx', 'b1', 'pending')], 'b1'],
  ])('%s → %s', (_name, existing, expected) => {
    expect(bundleToReuse(existing, 'idx')).toBe(expected);
  });
});

describe('bootstrapStateOf', () => {
  const statuses = new Map<string, BootstrapStatus>([
    ['ok', { status: 'ok', instance_id: 'ok' }],
    ['bad', { status: 'failed', instance_id: 'bad' }],
  ]);
  it.each([
    ['ready', 'ok', 'ok'],
    ['ready', 'bad', 'failed'],
    ['ready', 'silent', 'pending'],
    ['running', 'silent', 'not-waited'],
    ['ready', 'gone', 'reclaimed'],
  ] as const)('wait %s, instance %s → %s', (wait, id, expected) => {
    expect(bootstrapStateOf(wait, id, statuses, new Set(['gone']))).toBe(expected);
  });
});

describe('overallStatus', () => {
  it.each([
    ['all ready', 2, 'ready', [report('ok'), report('ok')], 0, 'success'],
    ['one of two ready', 2, 'ready', [report('ok'), report('failed')], 1, 'partial'],
    ['none ready', 1, 'ready', [report('pending')], 1, 'failed'],
    ['running is enough for wait: running', 1, 'running', [report('not-waited')], 0, 'success'],
    ['pending is not running', 1, 'running', [report('not-waited', 'pending')], 0, 'failed'],
    ['wait: none counts what launched', 2, 'none', [report('not-waited', 'pending'), report('not-waited', 'pending')], 0, 'success'],
    ['enough instances but an error', 1, 'ready', [report('ok')], 1, 'partial'],
    ['fewer than wanted', 3, 'ready', [report('ok'), report('ok')], 0, 'partial'],
  ] as const)('%s', (_name, wanted, wait, reports, errors, expected) => {
    expect(overallStatus(wanted, wait, [...reports], errors)).toBe(expected);
  });
});

describe('shortfallError and expiresAt', () => {
  it('says how many found capacity, with the capacity code, only when short', () => {
    expect(shortfallError(2, 2, ['us-east-1'])).toBeUndefined();
    const error = shortfallError(1, 3, ['us-east-1', 'eu-west-1'])!;
    expect(error.code).toBe('SD300');
    expect(error.message).toBe('only 1 of 3 instance(s) found spot capacity in us-east-1, eu-west-1');
    expect(error.hint).toMatch(/instance types or regions/);
  });

  it('turns a ttl into an absolute time, and never into none', () => {
    expect(expiresAt(3600, new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T01:00:00.000Z');
    expect(expiresAt('never', new Date())).toBeUndefined();
  });
});
