/**
 * The help pages: `spot-deployer --help` lists the commands, `spot-deployer
 * <command> --help` that command's flags. Both come from the flag table, so
 * a flag cannot exist without its line here.
 */
import { columns } from './console.js';
import { CLI_COMMANDS, FLAGS, takesFlag, type CliCommand } from './flags.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3, interrupted: 130, terminated: 143 } as const;

const SUMMARIES: Record<CliCommand, string> = {
  validate: 'check .spot/ (or deployment/) offline; every problem as file:line:col',
  plan: 'show what would run where: files, sizes, instances per region, $/h',
  deploy: 'build, upload, launch and wait (alias: create)',
  status: "the deployment's instances, IPs and bootstrap status (alias: list)",
  logs: "the end of an instance's bootstrap log, as its agent reported it",
  destroy: 'remove everything the deployment owns (--yes outside CI)',
  sweep: 'destroy deployments past their ttl and previews of closed pull requests',
  init: 'scaffold .spot/ and workflows from what deployment/ holds',
};

const EXIT_LINES = `exit codes:
  0    success
  1    failure (configuration, AWS, bootstrap)
  2    usage error: unknown command or flag, bad flag value
  3    partial success: some regions or instances failed
  130  interrupted (Ctrl-C, SIGINT)
  143  terminated (SIGTERM)`;

function flagLines(command: CliCommand | undefined): string {
  const rows = FLAGS.filter((flag) => (command ? takesFlag(flag, command) : !flag.commands))
    .filter((flag) => flag.name !== 'working-directory')
    .map((flag) => [
      `  ${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
      flag.help + (flag.name === 'dir' ? ' (also --working-directory)' : ''),
    ]);
  return columns(rows);
}

export function mainHelp(): string {
  const commands = columns(CLI_COMMANDS.map((command) => [`  ${command}`, SUMMARIES[command]]));
  return `usage: spot-deployer <command> [flags]

commands:
${commands}

flags every command takes:
${flagLines(undefined)}

Run spot-deployer <command> --help for that command's flags.
Flags carry the action's input names; pr-comment and environment exist only in the action.

${EXIT_LINES}
`;
}

export function commandHelp(command: CliCommand): string {
  const usage = command === 'logs' ? 'spot-deployer logs [INSTANCE-ID] [flags]' : `spot-deployer ${command} [flags]`;
  return `usage: ${usage}

${SUMMARIES[command]}

flags:
${flagLines(command)}

${EXIT_LINES}
`;
}
