/**
 * The terminal entry: `spot-deployer <command> [flags]`. Flags carry the
 * action's input names and go through the same option parser; the flag
 * table (flags.ts) drives parsing and help. Exit codes: 0 success, 1
 * failure, 2 usage error, 3 partial, 130/143 interrupted (help.ts).
 */
import { writeFileSync } from 'node:fs';
import { runInit } from '../commands/init.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { INPUT_FILE } from '../config/check-config.js';
import { execute, type CommandResult } from '../commands/execute.js';
import { parseOptions, type CommandOptions, type InputName, type RawInputs } from '../commands/options.js';
import { formatError } from '../report/format-error.js';
import { renderConsole, renderLogs } from './console.js';
import { progressSurface } from './progress.js';
import { guardSignals } from './signals.js';
import { readRunContext, type RunContext } from '../core/run-context.js';
import type { DeployResult } from '../core/results.js';
import { parseCliArgs, wantsJson, type CliArgs } from './args.js';
import { FLAGS, type CliCommand } from './flags.js';
import { commandHelp, EXIT, mainHelp } from './help.js';
import { colorsWanted, paint, paintError, type Paint } from './colors.js';
import { errorJson, jsonText, resultJson } from './json.js';
import { packageVersion } from './version.js';
import { sanitizeForTerminal } from '../core/sanitize.js';
import { stderr, stderrIsTerminal, stdout } from './stdio.js';

export { EXIT } from './help.js';

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: progress rewrites one line instead of printing many. */
  tty?: boolean;
}

const defaultIo: Io = { stdout, stderr, env: process.env, tty: stderrIsTerminal() };

/** The flags that are action inputs, as the raw strings the shared parser reads. */
function rawInputs(command: CliCommand, values: CliArgs['values']): RawInputs {
  // logs reads a project like status does; the shared parser knows the action's commands only.
  const raw: RawInputs = { command: command === 'logs' ? 'status' : command };
  for (const flag of FLAGS) {
    if (!flag.input) continue;
    for (const [name, input] of [[flag.name, flag.input], ...(flag.deprecated ? [[flag.deprecated, flag.deprecated]] : [])] as const) {
      const value = values[name];
      if (typeof value === 'string') raw[input as InputName] = value;
      else if (value === true) raw[input as InputName] = 'true';
    }
  }
  return raw;
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
  // Loaded here, not at start: the offline commands never load the AWS SDK.
  const [{ ClientPool }, { terminateAll }] = await Promise.all([import('../aws/clients.js'), import('../deploy/instance-groups.js')]);
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

/** Bad flag values are usage errors (2) whether the option parser or the config checks caught them. */
function exitForError(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ConfigError) {
    const errors = error.issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0 && errors.every((issue) => issue.file === INPUT_FILE)) return EXIT.usage;
  }
  return EXIT.failure;
}

interface Session {
  io: Io;
  args: CliArgs;
  command: CliCommand;
  options: CommandOptions;
  colors: Paint;
}

async function runInitCommand({ io, args, options }: Session): Promise<number> {
  const { written } = await runInit({
    dir: options.dir,
    force: Boolean(args.values.force),
    ...(options.overrides.bucket ? { bucket: options.overrides.bucket } : {}),
  });
  io.stdout(
    args.values.json ? jsonText({ written }) : `${written.map((file) => `wrote ${file}`).join('\n')}\nnext: spot-deployer validate\n`,
  );
  return EXIT.ok;
}

async function runLogsCommand({ io, args, options }: Session, run: RunContext): Promise<number> {
  const instance = args.rest[0] ?? (typeof args.values.instance === 'string' ? args.values.instance : undefined);
  // Loaded on demand like every AWS command, so offline commands start fast.
  const { logsCommand } = await import('../commands/logs.js');
  const result = await logsCommand(options, instance, { run, env: io.env });
  io.stdout(args.values.json ? jsonText(result) : renderLogs(result));
  return EXIT.ok;
}

async function runProjectCommand(session: Session): Promise<number> {
  const { io, args, options, colors } = session;
  const debug = Boolean(args.values.debug);
  const run = readRunContext({
    env: io.env,
    cwd: options.dir,
    ...(typeof args.values.repository === 'string' ? { repository: args.values.repository } : {}),
  });
  if (session.command === 'logs') return await runLogsCommand(session, run);
  if (options.command === 'destroy' && !args.values.yes && io.env.CI !== 'true') {
    throw new UsageError(
      'destroy removes every instance of the deployment; confirm with --yes',
      'Run again with --yes (CI runs need no flag).',
    );
  }
  const flagToken = args.values['github-token'];
  const token = typeof flagToken === 'string' ? flagToken : io.env.GITHUB_TOKEN;
  const isPullRequestClosed =
    options.command === 'sweep' && token && run.repository
      ? (await import('../github/pull-requests.js')).pullRequestChecker(token, run.repository)
      : undefined;
  // SIGINT/SIGTERM during the command: terminate what this run launched, remove its temporary files, exit 130/143.
  const guard = guardSignals({
    surface: progressSurface({
      write: io.stderr,
      tty: Boolean(io.tty),
      debug,
      colors,
      ...(io.env.AWS_ENDPOINT_URL ? { localEndpoint: io.env.AWS_ENDPOINT_URL } : {}),
    }),
    cleanupOnFailure: options.cleanupOnFailure,
    env: io.env,
    stderr: io.stderr,
  });
  const outcome = await execute(options, {
    surface: guard.surface,
    run,
    env: io.env,
    ...(isPullRequestClosed ? { isPullRequestClosed } : {}),
  }).finally(() => guard.release());
  if (outcome.command === 'plan' && typeof args.values['user-data-out'] === 'string') {
    writeFileSync(args.values['user-data-out'], outcome.userDataText);
  }
  if (outcome.command === 'deploy') await cleanUpFailedDeploy(outcome.result, options.cleanupOnFailure, io);
  io.stdout(args.values.json ? jsonText(resultJson(outcome)) : renderConsole(outcome));
  return exitFor(outcome);
}

/**
 * The whole CLI: argv in, exit code out. Every error ends here, once: as
 * text on stderr, and with --json also as JSON on stdout.
 */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const json = wantsJson(argv);
  const colors = paint(!json && colorsWanted(io.env, Boolean(io.tty)));
  let debug = argv.includes('--debug');
  try {
    const args = parseCliArgs(argv);
    debug = Boolean(args.values.debug);
    if (args.values.version) {
      io.stdout(json ? jsonText({ version: packageVersion() }) : `spot-deployer ${packageVersion()}\n`);
      return EXIT.ok;
    }
    if (!args.command && !args.values.help && json) {
      throw new UsageError('no command given', 'Run spot-deployer --help for the commands.');
    }
    if (args.values.help || !args.command) {
      io.stdout(args.command ? commandHelp(args.command) : mainHelp());
      return args.values.help ? EXIT.ok : EXIT.usage;
    }
    const options = parseOptions(rawInputs(args.command, args.values));
    for (const { used, instead } of args.deprecated) io.stderr(colors.warn(`warning: ${used} is deprecated; use ${instead}\n`));
    const session: Session = { io, args, command: args.command, options, colors };
    return args.command === 'init' ? await runInitCommand(session) : await runProjectCommand(session);
  } catch (error) {
    if (json) io.stdout(jsonText(errorJson(error)));
    io.stderr(`${paintError(sanitizeForTerminal(formatError(error, debug)), colors)}\n`);
    return exitForError(error);
  }
}
