import type { z } from 'zod';
import { CODE, type Code } from '../core/codes.js';
import { AWS_REGIONS } from './aws-regions.js';
import { didYouMean } from './did-you-mean.js';
import { IssueList, type Locator } from './issues.js';
import type { KeyPath } from './yaml-source.js';

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Hints for keys whose mistakes are common enough to deserve one. */
const KEY_HINTS: Record<string, string> = {
  permissions: 'quote the mode so YAML keeps it a string: permissions: "0644"',
  regions: 'list AWS region names, e.g. regions: [us-east-1, eu-west-1]',
  instance_types: 'list instance types, e.g. instance_types: [t3.small, t3a.small]',
  ttl: 'write a number and a unit (90s, 15m, 8h, 3d) or never',
  ready_timeout: 'write a number and a unit: 90s, 15m, 8h or 3d',
  timeout: 'write a number and a unit (90s, 15m, 8h, 3d) or a number of seconds',
  bucket: 'bucket: my-bucket, or bucket: {name: my-bucket, create: true}',
  allocation:
    'allocation is the spot strategy of EC2 Fleet: price-capacity-optimized (default), capacity-optimized, lowest-price or diversified; on-demand instances always follow the order of instance_types (prioritized)',
};

/**
 * Turns zod's issues into positioned config issues with plain messages.
 * `schema` is used to list the known keys for "did you mean".
 */
export function reportZodIssues(options: {
  issues: readonly ZodIssue[];
  schema: AnySchema;
  value: unknown;
  locator: Locator;
  list: IssueList;
}): void {
  for (const issue of options.issues) reportOne(issue, [], options);
}

/** What every report of one parse needs: the schema, the parsed value, where it came from, and the list. */
interface ReportContext {
  schema: AnySchema;
  value: unknown;
  locator: Locator;
  list: IssueList;
}

function reportOne(issue: ZodIssue, base: KeyPath, options: ReportContext): void {
  const path = [...base, ...(issue.path as (string | number)[])];
  const { list, locator } = options;
  const keyName = String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');
  const hint = KEY_HINTS[keyName] ?? KEY_HINTS[String(path[0])];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const known = knownKeysAt(options.schema, path);
        const guess = didYouMean(key, known);
        list.report(locator, [...path, key], CODE.unknownKey, `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`, {
          at: 'key',
          hint: guess ? `rename it to ${guess}` : `known keys here: ${known.join(', ')}`,
        });
      }
      return;
    case 'invalid_union':
      return reportUnion(issue, path, options);
    default: {
      const found = valueAt(options.value, path);
      const missing = found === undefined && issue.code === 'invalid_type';
      const code = missing ? CODE.missingValue : codeFor(path);
      const guess = code === CODE.badRegion && typeof found === 'string' ? didYouMean(found, AWS_REGIONS) : undefined;
      list.report(locator, path, code, describe(issue, found, path), {
        hint: guess === undefined ? (hint ?? fallbackHint(issue, path)) : `did you mean ${guess}?`,
        at: issue.code === 'invalid_key' ? 'key' : 'value',
      });
    }
  }
}

function reportUnion(issue: Extract<ZodIssue, { code: 'invalid_union' }>, path: KeyPath, options: ReportContext): void {
  // Pick the branch whose type matched (its errors are deeper); otherwise say what types fit.
  const branches = issue.errors.filter((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0));
  const chosen = branches[0];
  if (chosen && chosen.length > 0) {
    for (const inner of chosen) reportOne(inner, path, options);
    return;
  }
  const found = valueAt(options.value, path);
  const expected = [...new Set(issue.errors.flatMap((errors) => errors.map(expectedOf)))].filter(Boolean);
  const message = `must be ${expected.join(' or ')}, got ${describeValue(found)}`;
  options.list.report(options.locator, path, CODE.invalidValue, message);
}

function expectedOf(issue: ZodIssue): string {
  if (issue.code === 'invalid_type') return article(issue.expected);
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return '';
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a map',
    record: 'a map',
    array: 'a list',
    int: 'a whole number',
    number: 'a number',
  };
  return names[type] ?? `a ${type}`;
}

const DURATION_KEYS = new Set(['ttl', 'ready_timeout', 'timeout']);

/** The specific code for a bad value, by where it sits; SD105 otherwise. */
function codeFor(path: KeyPath): Code {
  const last = path[path.length - 1];
  const lastKey = [...path].reverse().find((segment) => typeof segment === 'string');
  if (path.length === 1 && last === 'version') return CODE.badVersion;
  if (typeof lastKey === 'string' && DURATION_KEYS.has(lastKey)) return CODE.badDuration;
  if (path[0] === 'regions' && (path.length === 2 || (path.length === 3 && last === 'name'))) {
    return CODE.badRegion;
  }
  if (path.includes('instance_types') && typeof last === 'number') return CODE.badInstanceType;
  return CODE.invalidValue;
}

/** A hint for issues that have no key-specific one: how to write the value. */
function fallbackHint(issue: ZodIssue, path: KeyPath): string {
  const key = String(path[path.length - 1] ?? 'the value');
  switch (issue.code) {
    case 'invalid_type':
      return `write ${key} as ${article(issue.expected)}; see docs/configuration.md`;
    case 'invalid_value':
      return issue.values.length === 1 ? `set ${key}: ${String(issue.values[0])}` : `use one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return `pick a value in the allowed range for ${key}`;
    case 'invalid_key':
      return 'names use letters, digits and _, and do not start with a digit';
    default:
      return 'see docs/configuration.md for the allowed values';
  }
}

function describe(issue: ZodIssue, found: unknown, path: KeyPath): string {
  const key = String(path[path.length - 1] ?? 'value');
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `${path.join('.')} is required`;
      if (DURATION_KEYS.has(key) && typeof found !== 'object') {
        return `must be a duration like 90s, 15m, 8h or 3d, got ${describeValue(found)}`;
      }
      return `must be ${article(issue.expected)}, got ${describeValue(found)}`;
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const guess = typeof found === 'string' ? didYouMean(found, allowed) : undefined;
      const choices = allowed.length === 1 ? String(allowed[0]) : `one of ${allowed.join(', ')}`;
      return `must be ${choices}, got ${describeValue(found)}${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, got ${describeValue(found)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, got ${describeValue(found)}`;
    case 'invalid_key':
      return `"${key}" is not a valid ${String(path[path.length - 2] ?? 'key')} name`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid')
        ? `has an invalid format: ${describeValue(found)}`
        : `${issue.message}, got ${describeValue(found)}`;
    default:
      return issue.message;
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The keys an object schema allows at `path`, walking optionals, arrays and unions. */
export function knownKeysAt(schema: AnySchema, path: KeyPath): string[] {
  const candidates = descend([schema], path);
  return [...new Set(candidates.flatMap((s) => objectKeys(s)))].filter((key) => key !== '$schema');
}

function descend(schemas: AnySchema[], path: KeyPath): AnySchema[] {
  let current = schemas.flatMap(unwrap);
  for (const segment of path) {
    current = current.flatMap((schema) => {
      const def = schema._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object' && typeof segment === 'string') {
        const child = (def.shape as Record<string, AnySchema>)[segment];
        return child ? unwrap(child) : [];
      }
      if (def.type === 'array' && typeof segment === 'number') return unwrap(def.element as AnySchema);
      if (def.type === 'record' && typeof segment === 'string') return unwrap(def.valueType as AnySchema);
      return [];
    });
  }
  return current;
}

function unwrap(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return unwrap(def.innerType as AnySchema);
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap(unwrap);
  return [schema];
}

function objectKeys(schema: AnySchema): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  return def.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}
