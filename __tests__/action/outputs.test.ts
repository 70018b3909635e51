import { describe, expect, it } from 'vitest';
import { deploymentUrl } from '../../src/action/outputs.js';
import type { InstanceReport } from '../../src/core/results.js';

const instance = (overrides: Partial<InstanceReport>): InstanceReport => ({
  id: 'i-1',
  region: 'us-east-1',
  az: 'us-east-1a',
  type: 't3.small',
  lifecycle: 'spot',
  state: 'running',
  bootstrap: 'ok',
  public_ip: '203.0.113.10',
  ...overrides,
});

describe('the url output', () => {
  it.each([
    [[{ port: 80 }], 'http://203.0.113.10'],
    [[{ port: 443 }], 'https://203.0.113.10'],
    [[{ port: 22 }, { port: 8080 }], 'http://203.0.113.10:8080'],
    [[{ port: 3000, protocol: 'udp' as const }], ''],
    [[{ port: 22 }], ''],
    [[], ''],
  ])('with ingress %j is %j', (ingress, url) => {
    expect(deploymentUrl([instance({})], ingress)).toBe(url);
  });

  it('prefers an instance whose bootstrap reported ok, and is empty without a public IP', () => {
    const instances = [
      instance({ id: 'i-1', bootstrap: 'failed', public_ip: '203.0.113.1' }),
      instance({ id: 'i-2', public_ip: '203.0.113.2' }),
    ];
    expect(deploymentUrl(instances, [{ port: 80 }])).toBe('http://203.0.113.2');
    expect(deploymentUrl([instance({ public_ip: undefined })], [{ port: 80 }])).toBe('');
  });
});
