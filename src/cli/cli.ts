/**
 * The terminal entry: `spot-deployer <command> [--dir DIR] [flags]`. Flags
 * carry the same names as the action's inputs and go through the same
 * parser. Exit codes: 0 success, 1 failure, 2 usage error, 3 partial.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ClientPool } from '../aws/clients.js';
import { runInit } from '../commands/init.js';
import { terminateAll } from '../deploy/instance-groups.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { execute, type CommandResult } from '../commands/execute.js';
import { parseOptions, type InputName, type RawInputs } from '../commands/options.js';
import { formatError } from '../report/format-error.js';
import { renderConsole } from './console.js';
import { progressSurface } from './progress.js';
import { guardSignals } from './signals.js';
import { readRunContext } from '../core/run-context.js';
import type { DeployResult } from '../core/results.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3 } as const;

const USAGE = `usage: spot-deployer <command> [options]

commands:
  validate            check .spot/ (or deployment/) offline
  plan                show what would run where (--json, --user-data-out FILE)
  deploy | create     build, upload, launch and wait
  status | list       the deployment's instances
  destroy             remove everything the deployment owns (--yes outside CI)
  init                scaffold .spot/ from what deployment/ holds (--force)

options (the action's inputs, as flags):
  --dir DIR  --config FILE  --deployment-name NAME  --regions a,b
  --instances N  --instance-types a,b  --bucket NAME  --wait none|running|ready
  --timeout-minutes N  --ttl 8h  --tags k=v,k=v  --dry-run  --cleanup-on-failure true|false
  --json  --yes  --debug  --force  --user-data-out FILE
  --repository OWNER/REPO   (default: GITHUB_REPOSITORY in Actions, else the git remote origin)`;

const FLAG_INPUTS: InputName[] = [
  'config',
  'deployment-name',
  'regions',
  'instances',
  'instance-types',
  'bucket',
  'wait',
  'timeout-minutes',
  'ttl',
  'tags',
  'cleanup-on-failure',
];

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: progress rewrites one line instead of printing many. */
  tty?: boolean;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  tty: Boolean(process.stderr.isTTY),
};

function parse(argv: string[]) {
  const stringFlags = Object.fromEntries(FLAG_INPUTS.map((name) => [name, { type: 'string' as const }]));
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...stringFlags,
      dir: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      debug: { type: 'boolean' },
      force: { type: 'boolean' },
      'user-data-out': { type: 'string' },
      repository: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * The terminal's counterpart of the action's post step: a deploy that did not
 * succeed leaves nothing running unless `--cleanup-on-failure false` says so.
 * Its failures and log tails are printed either way.
 */
async function cleanUpFailedDeploy(result: DeployResult, cleanupOnFailure: boolean, io: Io): Promise<void> {
  if (result.status === 'success' || result.dryRun || result.unchanged) return;
  const launched = result.instances.filter((instance) => instance.bootstrap !== 'reclaimed');
  if (launched.length === 0) return;
  if (!cleanupOnFailure) {
    io.stderr(`left running for inspection (--cleanup-on-failure false): ${launched.map((instance) => instance.id).join(', ')}\n`);
    return;
  }
  const pool = new ClientPool();
  try {
    await terminateAll(pool, launched);
    io.stderr(
      `the deploy did not succeed; terminated ${launched.map((instance) => instance.id).join(', ')} (keep them with --cleanup-on-failure false)\n`,
    );
  } finally {
    pool.destroy();
  }
}

const exitFor = (outcome: CommandResult): number =>
  outcome.command === 'deploy' ? { success: EXIT.ok, partial: EXIT.partial, failed: EXIT.failure }[outcome.result.status] : EXIT.ok;

export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  let debug = false;
  let json = false;
  try {
    let parsed;
    try {
      parsed = parse(argv);
    } catch (error) {
      throw new UsageError((error as Error).message, 'Run spot-deployer --help for the list of options.');
    }
    const { values, positionals } = parsed;
    debug = Boolean(values.debug);
    json = Boolean(values.json);
    if (values.help || positionals.length === 0) {
      io.stdout(`${USAGE}\n`);
      return values.help ? EXIT.ok : EXIT.usage;
    }
    const raw: RawInputs = {
      command: positionals[0],
      'working-directory': values.dir ?? '.',
      'dry-run': String(Boolean(values['dry-run'])),
    };
    for (const name of FLAG_INPUTS) {
      const value = (values as Record<string, unknown>)[name];
      if (typeof value === 'string') raw[name] = value;
    }
    const options = parseOptions(raw);
    const run = readRunContext({
      env: io.env,
      cwd: options.dir,
      ...(typeof values.repository === 'string' ? { repository: values.repository } : {}),
    });
    if (options.command === 'destroy' && !values.yes && io.env.CI !== 'true') {
      throw new UsageError(
        'destroy removes every instance of the deployment; confirm with --yes',
        'Run again with --yes (CI runs need no flag).',
      );
    }
    if (options.command === 'init') {
      const { written } = await runInit({
        dir: options.dir,
        force: Boolean(values.force),
        ...(options.overrides.bucket ? { bucket: options.overrides.bucket } : {}),
      });
      io.stdout(
        json
          ? `${JSON.stringify({ written }, null, 2)}\n`
          : `${written.map((file) => `wrote ${file}`).join('\n')}\nnext: spot-deployer validate\n`,
      );
      return EXIT.ok;
    }
    const guard = guardSignals({
      surface: progressSurface({ write: io.stderr, tty: Boolean(io.tty), debug }),
      cleanupOnFailure: options.cleanupOnFailure,
      env: io.env,
      stderr: io.stderr,
    });
    const outcome = await execute(options, { surface: guard.surface, run, env: io.env }).finally(() => guard.release());
    if (outcome.command === 'plan' && typeof values['user-data-out'] === 'string') {
      writeFileSync(values['user-data-out'], outcome.userDataText);
    }
    if (outcome.command === 'deploy') await cleanUpFailedDeploy(outcome.result, options.cleanupOnFailure, io);
    io.stdout(
      json
        ? `${JSON.stringify(outcome.command === 'validate' ? { ok: true, warnings: outcome.warnings } : outcome.result, null, 2)}\n`
        : renderConsole(outcome),
    );
    return exitFor(outcome);
  } catch (error) {
    if (json && error instanceof ConfigError) io.stdout(`${JSON.stringify({ ok: false, issues: error.issues }, null, 2)}\n`);
    io.stderr(`${formatError(error, debug)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failure;
  }
}
