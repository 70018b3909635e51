/**
 * The options every command takes, from the action's inputs or the CLI's
 * flags. Both read raw strings under the same names and share this parser,
 * so the two surfaces cannot drift apart.
 */
import { UsageError } from '../core/errors.js';
import type { PlanOverrides, WaitMode } from '../plan/types.js';

export const COMMANDS = ['validate', 'plan', 'deploy', 'status', 'destroy', 'sweep', 'init'] as const;
export type Command = (typeof COMMANDS)[number];
const ALIASES: Record<string, Command> = { create: 'deploy', list: 'status' };

/** Input names and defaults; `action.yml` must say the same (a test checks). */
export const INPUT_DEFAULTS = {
  command: 'deploy',
  'working-directory': '.',
  config: '.spot/config.yaml',
  'deployment-name': '',
  regions: '',
  instances: '',
  'instance-types': '',
  bucket: '',
  wait: '',
  'ready-timeout-minutes': '',
  /** Deprecated spelling of ready-timeout-minutes: it shares its name with the step keyword `timeout-minutes`. */
  'timeout-minutes': '',
  ttl: '',
  tags: '',
  'dry-run': 'false',
  'github-token': '${{ github.token }}',
  'pr-comment': 'true',
  environment: '',
  'cleanup-on-failure': 'true',
  'allow-fork-pull-request-target': 'false',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;
export type RawInputs = Partial<Record<InputName, string>>;

export interface CommandOptions {
  command: Command;
  /** The folder the user pointed at (`working-directory` / `--dir`). */
  dir: string;
  overrides: PlanOverrides;
  dryRun: boolean;
  prComment: boolean;
  environment?: string;
  cleanupOnFailure: boolean;
  /** Deprecated inputs that were used, one sentence each, for the caller to show as warnings. */
  deprecations: string[];
  /** Deploy a fork's pull request under pull_request_target anyway (docs/security.md). */
  allowForkPullRequestTarget: boolean;
}

const list = (value: string): string[] =>
  value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function wholeNumber(name: InputName, value: string, min: number): number | undefined {
  if (value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(
      `input ${name} must be a whole number of at least ${min}, got "${value}"`,
      `Set ${name} to e.g. "${min === 0 ? 0 : 2}" or leave it empty to use .spot/config.yaml.`,
    );
  }
  return Number(value);
}

function bool(name: InputName, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0|)$/i.test(value)) return false;
  throw new UsageError(`input ${name} must be true or false, got "${value}"`, `Set ${name}: true or ${name}: false.`);
}

/** `key=value` per line or comma, or a JSON object. */
export function parseTags(value: string): Record<string, string> | undefined {
  if (value.trim() === '') return undefined;
  if (value.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([key, tagValue]) => [key, String(tagValue)]));
    } catch {
      throw new UsageError('input tags is not valid JSON', 'Use a JSON object such as {"team":"web"} or key=value lines.');
    }
  }
  const tags: Record<string, string> = {};
  for (const pair of value
    .split(/[\n,]+/)
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`input tags: "${pair}" is not key=value`, 'Write one tag per line as key=value.');
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return tags;
}

export function parseCommand(value: string): Command {
  const name = value.trim().toLowerCase() || 'deploy';
  const command = ALIASES[name] ?? ((COMMANDS as readonly string[]).includes(name) ? (name as Command) : undefined);
  if (!command) throw new UsageError(`unknown command "${value}"`, `Use one of: ${COMMANDS.join(', ')} (aliases: create, list).`);
  return command;
}

function parseWait(value: string): WaitMode | undefined {
  if (value === '') return undefined;
  if (value === 'none' || value === 'running' || value === 'ready') return value;
  throw new UsageError(`input wait must be none, running or ready, got "${value}"`, 'Set wait: ready to wait for the bootstrap to report.');
}

export const TIMEOUT_DEPRECATION =
  'timeout-minutes is deprecated: it shares its name with the step keyword timeout-minutes; use ready-timeout-minutes (it still works for now)';

/** `ready-timeout-minutes`, or the deprecated `timeout-minutes` when only that one is set. */
function readyTimeoutMinutes(get: (name: InputName) => string): number | undefined {
  const current = wholeNumber('ready-timeout-minutes', get('ready-timeout-minutes'), 1);
  const old = wholeNumber('timeout-minutes', get('timeout-minutes'), 1);
  if (current !== undefined && old !== undefined && current !== old) {
    throw new UsageError(
      `ready-timeout-minutes (${current}) and its deprecated alias timeout-minutes (${old}) disagree`,
      'Keep ready-timeout-minutes only.',
    );
  }
  return current ?? old;
}

/** Turns raw inputs (missing means default) into typed options. */
export function parseOptions(raw: RawInputs): CommandOptions {
  const get = (name: InputName): string => (raw[name] ?? INPUT_DEFAULTS[name]).trim();
  const config = get('config');
  const overrides: PlanOverrides = {
    config: config === INPUT_DEFAULTS.config ? undefined : config,
    deploymentName: get('deployment-name') || undefined,
    regions: get('regions') ? list(get('regions')) : undefined,
    instances: wholeNumber('instances', get('instances'), 1),
    instanceTypes: get('instance-types') ? list(get('instance-types')) : undefined,
    bucket: get('bucket') || undefined,
    wait: parseWait(get('wait')),
    timeoutMinutes: readyTimeoutMinutes(get),
    ttl: get('ttl') || undefined,
    tags: parseTags(get('tags')),
  };
  return {
    command: parseCommand(get('command')),
    dir: get('working-directory') || '.',
    overrides,
    dryRun: bool('dry-run', get('dry-run')),
    prComment: bool('pr-comment', get('pr-comment')),
    environment: get('environment') || undefined,
    cleanupOnFailure: bool('cleanup-on-failure', get('cleanup-on-failure')),
    deprecations: get('timeout-minutes') === '' ? [] : [TIMEOUT_DEPRECATION],
    allowForkPullRequestTarget: bool('allow-fork-pull-request-target', get('allow-fork-pull-request-target')),
  };
}
