import type { PlanOverrides } from './overrides.js';
import { AWS_REGIONS } from './aws-regions.js';
import { didYouMean } from './did-you-mean.js';
import { CODE, type Code } from '../core/codes.js';
import { INSTANCE_TYPE_PATTERN, REGION_PATTERN, type ConfigFile } from './config-schema.js';
import type { IssueList, Locator } from './issues.js';
import type { KeyPath } from './yaml-source.js';
import { lazyBuiltin } from '../core/lazy-builtin.js';

// Only a configuration with a CIDR needs it, and it brings node:stream with it.
const net = lazyBuiltin<typeof import('node:net')>('node:net');

export interface ConfigCheck {
  config: ConfigFile;
  overrides: PlanOverrides;
  locator: Locator;
  issues: IssueList;
}

/** Where an issue about an action input or CLI flag points: inputs have no file. */
export const INPUT_FILE = '(input)';
const INPUT_CODES: Record<string, Code> = {
  regions: CODE.badRegion,
  'instance-types': CODE.badInstanceType,
};

/** Checks of the config and the overrides beyond types; all offline. */
export function checkConfig(check: ConfigCheck): void {
  checkOverrides(check);
  checkRegionNames(check);
  checkSsh(check);
  checkAllocation(check);
  for (const [index, rule] of (check.config.network?.ingress ?? []).entries()) {
    const at = ['network', 'ingress', index, 'cidr'];
    if (checkCidr(rule.cidr, at, check) && rule.port === 22 && isWorld(rule.cidr)) {
      worldSsh(check, at);
    }
  }
}

/** `allocation` is the spot fleet's strategy: with only on-demand instances nothing would use it. */
function checkAllocation(check: ConfigCheck): void {
  const { allocation, market } = check.config;
  if (allocation === undefined || market !== 'on-demand') return;
  check.issues.report(check.locator, ['allocation'], CODE.invalidValue, `allocation "${allocation}" does not apply to market: on-demand`, {
    hint: 'allocation chooses how spot capacity is spread over pools; on-demand follows the order of instance_types. Remove allocation, or use market: spot-then-on-demand',
  });
}

/** Names that look like regions but that no AWS partition has (the SDK's own list, src/config/aws-regions.ts). */
function checkRegionNames(check: ConfigCheck): void {
  for (const [index, entry] of (check.config.regions ?? []).entries()) {
    const name = typeof entry === 'string' ? entry : entry.name;
    if (!REGION_PATTERN.test(name) || AWS_REGIONS.includes(name)) continue;
    const at = typeof entry === 'string' ? ['regions', index] : ['regions', index, 'name'];
    check.issues.report(check.locator, at, CODE.badRegion, `region "${name}" is not a region AWS has`, { hint: regionHint(name) });
  }
}

function regionHint(name: string): string {
  const guess = didYouMean(name, AWS_REGIONS);
  return guess === undefined ? 'see the list of region names in the AWS documentation, e.g. us-east-1' : `did you mean ${guess}?`;
}

function checkOverrides(check: ConfigCheck): void {
  const input = (key: string, message: string, hint: string): void =>
    check.issues.add({
      code: INPUT_CODES[key] ?? CODE.invalidValue,
      file: INPUT_FILE,
      line: 1,
      column: 1,
      key,
      message,
      hint,
      severity: 'error',
    });
  for (const region of check.overrides.regions ?? []) {
    if (!REGION_PATTERN.test(region))
      input('regions', `"${region}" is not an AWS region name`, 'write region names like us-east-1, comma-separated');
    else if (!AWS_REGIONS.includes(region)) input('regions', `"${region}" is not a region AWS has`, regionHint(region));
  }
  for (const type of check.overrides.instanceTypes ?? []) {
    if (!INSTANCE_TYPE_PATTERN.test(type))
      input('instance-types', `"${type}" is not an instance type`, 'write types like t3.small, comma-separated');
  }
  const instances = check.overrides.instances;
  if (instances !== undefined && (!Number.isInteger(instances) || instances < 1)) {
    input('instances', `instances must be a whole number of at least 1, got ${instances}`, 'e.g. instances: 2');
  }
}

function checkSsh(check: ConfigCheck): void {
  const ssh = check.config.ssh;
  if (ssh === undefined) return;
  const keys = [ssh.key_name, ssh.public_key, ssh.public_key_path].filter((value) => value !== undefined);
  if (keys.length !== 1) {
    check.issues.report(
      check.locator,
      ['ssh'],
      keys.length === 0 ? CODE.missingValue : CODE.invalidValue,
      keys.length === 0
        ? 'ssh needs a key: key_name, public_key or public_key_path'
        : 'ssh takes only one of key_name, public_key and public_key_path',
      {
        hint: 'key_name: an EC2 key pair in every region; public_key(_path): a key installed for username',
      },
    );
  }
  // One authorized_keys line, and a plain YAML 1.1 scalar in the user-data: printable ASCII only.
  if (ssh.public_key !== undefined && !/^[\x20-\x7e]+$/.test(ssh.public_key)) {
    check.issues.report(check.locator, ['ssh', 'public_key'], CODE.invalidValue, 'ssh.public_key must be one line of printable ASCII', {
      hint: 'paste the single line of your .pub file (e.g. ssh-ed25519 AAAA… me@laptop), with spaces, no tabs or line breaks',
    });
  }
  if (ssh.cidr === undefined) worldSsh(check, ['ssh'], 'ssh has no cidr, so port 22 is open to the whole internet (0.0.0.0/0)');
  else if (checkCidr(ssh.cidr, ['ssh', 'cidr'], check) && isWorld(ssh.cidr)) worldSsh(check, ['ssh', 'cidr']);
}

const isWorld = (cidr: string): boolean => cidr.endsWith('/0');

function worldSsh(check: ConfigCheck, at: KeyPath, message = 'port 22 is open to the whole internet'): void {
  check.issues.report(check.locator, at, CODE.openSsh, message, {
    severity: 'warning',
    hint: 'limit it to your address, e.g. cidr: 203.0.113.7/32',
  });
}

/** IPv4 or IPv6 CIDR; reports and returns false when it is not one. */
function checkCidr(cidr: string, at: KeyPath, check: ConfigCheck): boolean {
  const [address = '', bits = '', ...rest] = cidr.split('/');
  const family = net().isIPv4(address) ? 32 : net().isIPv6(address) ? 128 : 0;
  const size = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  if (rest.length === 0 && family > 0 && size >= 0 && size <= family) return true;
  check.issues.report(check.locator, at, CODE.badCidr, `"${cidr}" is not a CIDR block`, {
    hint: 'write an address and a prefix length, e.g. 203.0.113.0/24 or 0.0.0.0/0',
  });
  return false;
}
