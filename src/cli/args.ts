/**
 * Reads argv into a command, flag values and positionals. node:util's
 * parseArgs tokenises (non-strict, so that an unknown flag comes back as a
 * token); this file turns every mistake into a UsageError with a "did you
 * mean" where one is close, instead of Node's own wording.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { didYouMean } from '../config/did-you-mean.js';
import { ACTION_ONLY, CLI_ALIASES, CLI_COMMANDS, FLAGS, flagSpec, parseArgsOptions, takesFlag, type CliCommand } from './flags.js';

export interface CliArgs {
  /** Absent when only `--help` or `--version` (or nothing) was given. */
  command?: CliCommand;
  /** Positionals after the command (logs takes an instance id). */
  rest: string[];
  values: Record<string, string | boolean | undefined>;
  /** Deprecated flag spellings that were used, as `--old` → `--new`. */
  deprecated: Array<{ used: string; instead: string }>;
}

/** A cheap look at argv for `--json`, so that even a parse error can be printed as JSON. */
export const wantsJson = (argv: readonly string[]): boolean => argv.includes('--json');

function parseCommand(word: string): CliCommand {
  const name = word.toLowerCase();
  const command = CLI_ALIASES[name] ?? (CLI_COMMANDS as readonly string[]).find((candidate) => candidate === name);
  if (command) return command as CliCommand;
  const guess = didYouMean(name, [...CLI_COMMANDS, ...Object.keys(CLI_ALIASES)]);
  throw new UsageError(
    `unknown command "${word}"${guess ? `; did you mean "${guess}"?` : ''}`,
    `Commands: ${CLI_COMMANDS.join(', ')}. Run spot-deployer --help.`,
  );
}

interface Token {
  kind: string;
  name?: string;
  rawName?: string;
  value?: string;
  inlineValue?: boolean;
}

function checkOption(token: Token, command: CliCommand | undefined): void {
  const name = token.name!;
  const raw = token.rawName ?? `--${name}`;
  const spec = flagSpec(name) ?? FLAGS.find((flag) => flag.short === name);
  if (!spec) {
    if (ACTION_ONLY[name])
      throw new UsageError(`${raw} is not a CLI flag: ${ACTION_ONLY[name]}`, 'Run spot-deployer --help for the flags.');
    const guess = didYouMean(
      name,
      FLAGS.map((flag) => flag.name),
    );
    throw new UsageError(
      `unknown flag ${raw}${guess ? `; did you mean --${guess}?` : ''}`,
      `Run spot-deployer ${command ? `${command} ` : ''}--help for the flags${command ? ' of this command' : ''}.`,
    );
  }
  if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))) {
    throw new UsageError(`${raw} needs a value`, `Write ${raw} ${spec.value ?? 'VALUE'}.`);
  }
  if (spec.type === 'boolean' && token.inlineValue) {
    throw new UsageError(`${raw} takes no value`, `Write ${raw} alone.`);
  }
  if (command && spec.name !== 'help' && !takesFlag(spec, command)) {
    throw new UsageError(`--${spec.name} does not apply to ${command}`, `Run spot-deployer ${command} --help for its flags.`);
  }
}

/** Parses argv; every mistake is a UsageError (exit 2). */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: parseArgsOptions(),
  });
  const positionals = tokens.filter((token) => token.kind === 'positional').map((token) => (token as { value: string }).value);
  let words = positionals;
  // `spot-deployer help deploy` reads like `spot-deployer deploy --help`.
  const asksHelp = words[0] === 'help';
  if (asksHelp) words = words.slice(1);
  const command = words[0] === undefined ? undefined : parseCommand(words[0]);
  const deprecated: CliArgs['deprecated'] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    checkOption(token, command);
    const spec = flagSpec(token.name);
    if (spec?.deprecated === token.name) deprecated.push({ used: `--${token.name}`, instead: `--${spec.name}` });
  }
  const rest = words.slice(1);
  if (rest.length > (command === 'logs' ? 1 : 0)) {
    throw new UsageError(`unexpected argument "${rest[command === 'logs' ? 1 : 0]}"`, `Run spot-deployer ${command ?? ''} --help.`);
  }
  const flagValues: CliArgs['values'] = { ...values };
  for (const flag of FLAGS) if (flag.short && flagValues[flag.short] !== undefined) flagValues[flag.name] = flagValues[flag.short];
  if (asksHelp) flagValues.help = true;
  return { ...(command ? { command } : {}), rest, values: flagValues, deprecated };
}
