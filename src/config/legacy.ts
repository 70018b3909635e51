import { CODE } from '../core/codes.js';
import { didYouMean } from './did-you-mean.js';
import type { IssueList, Locator } from './issues.js';

/**
 * The original Python tool's layout, mapped onto version 1. Each old key
 * yields a deprecation warning naming its replacement; the old and new key
 * both set is an error, since it is unclear which one the user meant.
 */
const AWS_KEYS: Record<string, string[]> = {
  total_instances: ['instances'],
  instance_storage_gb: ['root_volume', 'size_gb'],
  tags: ['tags'],
  spot_price_limit: ['max_price'],
  ssh_key_name: ['ssh', 'key_name'],
  public_ssh_key_path: ['ssh', 'public_key_path'],
  username: ['ssh', 'username'],
};

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => value !== null && typeof value === 'object' && !Array.isArray(value);

export function mapLegacyConfig(value: Dict, locator: Locator, issues: IssueList): Dict {
  const result: Dict = { ...value };
  if ('aws' in result) {
    delete result.aws;
    mapAws(value.aws, result, locator, issues);
  }
  if (Array.isArray(result.regions)) {
    result.regions = result.regions.map((entry, index) => mapRegion(entry, index, locator, issues));
  }
  return result;
}

function mapAws(aws: unknown, result: Dict, locator: Locator, issues: IssueList): void {
  if (!isDict(aws)) {
    issues.report(locator, ['aws'], CODE.invalidValue, 'aws must be a map (original layout)', {
      hint: 'move its settings to the top level; see docs/configuration.md',
    });
    return;
  }
  for (const [oldKey, oldValue] of Object.entries(aws)) {
    mapAwsKey(oldKey, oldValue, { result, locator, issues });
  }
}

function mapAwsKey(
  oldKey: string,
  oldValue: unknown,
  { result, locator, issues }: { result: Dict; locator: Locator; issues: IssueList },
): void {
  const target = AWS_KEYS[oldKey];
  if (!target) {
    const guess = didYouMean(oldKey, Object.keys(AWS_KEYS));
    issues.report(locator, ['aws', oldKey], CODE.unknownKey, `unknown key "${oldKey}"${guess ? ` (did you mean "${guess}"?)` : ''}`, {
      at: 'key',
      hint: `the aws: map of the original layout knows ${Object.keys(AWS_KEYS).join(', ')}`,
    });
    return;
  }
  const newKey = target.join('.');
  if (getIn(result, target) !== undefined && oldKey !== 'tags') {
    issues.report(locator, ['aws', oldKey], CODE.invalidValue, `aws.${oldKey} and ${newKey} are both set`, {
      at: 'key',
      hint: `keep only ${newKey}`,
    });
    return;
  }
  if (oldKey === 'tags' && isDict(oldValue))
    setIn(result, target, {
      ...oldValue,
      ...(isDict(result.tags) ? result.tags : {}),
    });
  else setIn(result, target, oldValue);
  issues.report(locator, ['aws', oldKey], CODE.deprecatedKey, `aws.${oldKey} is deprecated; use ${newKey}`, {
    at: 'key',
    severity: 'warning',
    hint: `write ${newKey} in .spot/config.yaml instead`,
  });
}

function mapRegion(entry: unknown, index: number, locator: Locator, issues: IssueList): unknown {
  if (!isDict(entry)) return entry;
  const keys = Object.keys(entry);
  const name = keys[0];
  if (keys.length !== 1 || name === undefined || name === 'name' || !(entry[name] === null || isDict(entry[name]))) return entry;
  const inner: Dict = { ...((entry[name] as Dict | null) ?? {}) };
  const mapped: Dict = { name };
  if ('machine_type' in inner) {
    mapped.instance_types = [inner.machine_type];
    delete inner.machine_type;
  }
  if (inner.image === 'auto') delete inner.image;
  issues.report(
    locator,
    ['regions', index, name],
    CODE.deprecatedKey,
    `the "- ${name}: {machine_type, image}" region layout is deprecated`,
    {
      at: 'key',
      key: `regions.${index}`,
      severity: 'warning',
      hint: `write - {name: ${name}${mapped.instance_types ? `, instance_types: [${String(inner.machine_type ?? (mapped.instance_types as unknown[])[0])}]` : ''}}; image: auto is the default`,
    },
  );
  return { ...mapped, ...inner };
}

function getIn(target: Dict, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (isDict(node) ? node[key] : undefined), target);
}

function setIn(target: Dict, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = isDict(node[key]) ? { ...(node[key] as Dict) } : {};
    node = node[key] as Dict;
  }
  node[path[path.length - 1]!] = value;
}
