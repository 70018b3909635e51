/**
 * Every flag the CLI knows, which action input it feeds, and which commands
 * take it: one table that the parser, the help pages and the tests read.
 * The action's inputs keep their names as flags (`--ready-timeout-minutes`
 * for the `ready-timeout-minutes` input); the ones that only make sense on a
 * runner are listed in ACTION_ONLY with the reason the CLI gives.
 */
import type { InputName } from '../commands/options.js';

export const CLI_COMMANDS = ['validate', 'plan', 'deploy', 'status', 'logs', 'destroy', 'sweep', 'init'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];
export const CLI_ALIASES: Readonly<Record<string, CliCommand>> = { create: 'deploy', list: 'status' };

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** The action input the flag sets, when it is one. */
  input?: InputName;
  /** Placeholder shown in help, e.g. `LIST`. */
  value?: string;
  help: string;
  /** Commands that take it; absent means every command. */
  commands?: readonly CliCommand[];
  /** Another spelling that still works but warns. */
  deprecated?: string;
}

/** Commands that read a project and its config (every one but init builds the plan). */
const PROJECT: readonly CliCommand[] = ['validate', 'plan', 'deploy', 'status', 'logs', 'destroy', 'sweep'];
const SHAPING: readonly CliCommand[] = ['validate', 'plan', 'deploy'];

export const FLAGS: readonly FlagSpec[] = [
  { name: 'dir', type: 'string', input: 'working-directory', value: 'DIR', help: 'the project folder (default: the current one)' },
  {
    name: 'working-directory',
    type: 'string',
    input: 'working-directory',
    value: 'DIR',
    help: 'the same as --dir, under the action input name',
  },
  { name: 'config', type: 'string', input: 'config', value: 'FILE', help: 'config file inside the project', commands: PROJECT },
  {
    name: 'deployment-name',
    type: 'string',
    input: 'deployment-name',
    value: 'NAME',
    help: 'deployment name (overrides name and the -pr-<n> naming)',
    commands: PROJECT,
  },
  { name: 'regions', type: 'string', input: 'regions', value: 'LIST', help: 'regions, comma-separated', commands: PROJECT },
  { name: 'bucket', type: 'string', input: 'bucket', value: 'NAME', help: 'S3 bucket for bundles and status objects' },
  { name: 'instances', type: 'string', input: 'instances', value: 'N', help: 'total instance count', commands: SHAPING },
  {
    name: 'instance-types',
    type: 'string',
    input: 'instance-types',
    value: 'LIST',
    help: 'capacity ladder, e.g. t3.small,t3a.small',
    commands: SHAPING,
  },
  { name: 'wait', type: 'string', input: 'wait', value: 'MODE', help: 'none | running | ready', commands: SHAPING },
  {
    name: 'ready-timeout-minutes',
    type: 'string',
    input: 'ready-timeout-minutes',
    value: 'N',
    help: 'minutes to wait for ready (overrides ready_timeout)',
    commands: SHAPING,
    deprecated: 'timeout-minutes',
  },
  { name: 'ttl', type: 'string', input: 'ttl', value: 'DURATION', help: 'dead-man switch: 8h, 3d or never', commands: SHAPING },
  { name: 'tags', type: 'string', input: 'tags', value: 'K=V,…', help: 'extra tags for every resource', commands: SHAPING },
  {
    name: 'dry-run',
    type: 'boolean',
    input: 'dry-run',
    help: 'build bundle and user-data, launch nothing',
    commands: ['deploy'],
  },
  {
    name: 'cleanup-on-failure',
    type: 'string',
    input: 'cleanup-on-failure',
    value: 'true|false',
    help: 'terminate what a failed deploy launched (default true)',
    commands: ['deploy'],
  },
  {
    name: 'allow-fork-pull-request-target',
    type: 'string',
    input: 'allow-fork-pull-request-target',
    value: 'true|false',
    help: "deploy a fork's code in a pull_request_target job (dangerous: docs/security.md)",
    commands: ['deploy'],
  },
  {
    name: 'github-token',
    type: 'string',
    input: 'github-token',
    value: 'TOKEN',
    help: 'lets sweep see closed pull requests (default: $GITHUB_TOKEN)',
    commands: ['sweep'],
  },
  {
    name: 'user-data-out',
    type: 'string',
    value: 'FILE',
    help: 'write the rendered user-data (placeholder URLs) to FILE',
    commands: ['plan'],
  },
  { name: 'instance', type: 'string', value: 'ID', help: 'only this instance', commands: ['logs'] },
  { name: 'yes', type: 'boolean', short: 'y', help: 'confirm a destructive command outside CI', commands: ['destroy'] },
  { name: 'force', type: 'boolean', help: 'overwrite files that exist', commands: ['init'] },
  {
    name: 'repository',
    type: 'string',
    value: 'OWNER/REPO',
    help: 'owner of the resources (default: GITHUB_REPOSITORY, else git remote origin)',
    commands: PROJECT,
  },
  { name: 'json', type: 'boolean', help: 'machine output on stdout (errors too)' },
  { name: 'debug', type: 'boolean', help: 'debug lines and stack traces' },
  { name: 'help', type: 'boolean', short: 'h', help: 'this help' },
  { name: 'version', type: 'boolean', short: 'v', help: 'print the version' },
];

/** Action inputs with no flag, and why: the CLI says so instead of "unknown flag". */
export const ACTION_ONLY: Readonly<Record<string, string>> = {
  'pr-comment': 'the PR comment is posted by the action only; a terminal run has no pull request to comment on',
  environment: 'GitHub deployments (the environment input) are recorded by the action only',
  command: 'the command is the first word: spot-deployer deploy',
};

export function flagSpec(name: string): FlagSpec | undefined {
  return FLAGS.find((flag) => flag.name === name || flag.deprecated === name);
}

export const takesFlag = (flag: FlagSpec, command: CliCommand): boolean => !flag.commands || flag.commands.includes(command);

/** node:util parseArgs options, deprecated spellings included. */
export function parseArgsOptions(): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const flag of FLAGS) {
    options[flag.name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
    if (flag.deprecated) options[flag.deprecated] = { type: flag.type };
  }
  return options;
}
