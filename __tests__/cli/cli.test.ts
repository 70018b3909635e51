/**
 * The CLI as a person types it: help, version, typos, bad values, --json.
 * In-process (runCli with its io injected); nothing here reaches AWS.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/cli.js';
import { ACTION_ONLY, CLI_COMMANDS, FLAGS } from '../../src/cli/flags.js';
import { INPUT_DEFAULTS } from '../../src/commands/options.js';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, tty = false) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env,
    tty,
  });
  return { code, ...out };
}

const HELLO = resolve('examples/hello-web');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('the CLI', () => {
  it('prints its version with --version and -v', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `spot-deployer ${version}\n`, stderr: '' });
    expect((await cli(['-v'])).stdout).toBe(`spot-deployer ${version}\n`);
    expect(JSON.parse((await cli(['--version', '--json'])).stdout)).toEqual({ version });
  });

  it('lists every command (sweep and logs too) and the exit codes in --help', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of CLI_COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const code of ['0', '1', '2', '3', '130', '143']) expect(help.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    // No command at all: the same page, but it is a usage error.
    expect((await cli([])).code).toBe(2);
  });

  it("shows one command's flags with <command> --help and help <command>", async () => {
    const deploy = await cli(['deploy', '--help']);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toMatch(/^usage: spot-deployer deploy \[flags\]/);
    expect(deploy.stdout).toContain('--dry-run');
    expect(deploy.stdout).toContain('--ready-timeout-minutes N');
    expect(deploy.stdout).not.toContain('--user-data-out');
    expect(deploy.stdout).not.toContain('--force');
    expect((await cli(['help', 'deploy'])).stdout).toBe(deploy.stdout);
    expect((await cli(['plan', '-h'])).stdout).toContain('--user-data-out FILE');
    expect((await cli(['logs', '--help'])).stdout).toMatch(/^usage: spot-deployer logs \[INSTANCE-ID\]/);
  });

  it('has a flag for every action input, or says why not', async () => {
    const flagInputs = new Set(FLAGS.flatMap((flag) => [flag.input, flag.deprecated]).filter(Boolean));
    for (const input of Object.keys(INPUT_DEFAULTS)) {
      expect(flagInputs.has(input as never) || input in ACTION_ONLY, `input ${input}`).toBe(true);
    }
    const reply = await cli(['deploy', '--pr-comment', 'false']);
    expect(reply.code).toBe(2);
    expect(reply.stderr).toContain('SD100 --pr-comment is not a CLI flag: the PR comment is posted by the action only');
  });

  it.each([
    [['deplyo'], 'SD100 unknown command "deplyo"; did you mean "deploy"?'],
    [['frobnicate'], 'SD100 unknown command "frobnicate"\n  hint: Commands: validate, plan, deploy, status, logs, destroy, sweep, init.'],
    [
      ['deploy', '--regoins', 'us-east-1'],
      'SD100 unknown flag --regoins; did you mean --regions?\n  hint: Run spot-deployer deploy --help',
    ],
    [['deploy', '--dryrun'], 'SD100 unknown flag --dryrun; did you mean --dry-run?'],
    [['deploy', '--frobnicate'], 'SD100 unknown flag --frobnicate\n'],
    [['deploy', '--regions'], 'SD100 --regions needs a value\n  hint: Write --regions LIST.'],
    [['deploy', '--regions', '--json'], 'SD100 --regions needs a value'],
    [['deploy', '--json=yes'], 'SD100 --json takes no value'],
    [['status', '--dry-run'], 'SD100 --dry-run does not apply to status\n  hint: Run spot-deployer status --help for its flags.'],
    [['validate', 'extra'], 'SD100 unexpected argument "extra"'],
    [['deploy', '--dir', HELLO, '--instances', 'two'], 'SD100 input instances must be a whole number of at least 1, got "two"'],
    [['deploy', '--dir', HELLO, '--wait', 'forever'], 'SD100 input wait must be none, running or ready, got "forever"'],
    [['validate', '--dir', HELLO, '--ttl', '2 days'], 'SD124'],
    [['validate', '--dir', HELLO, '--regions', 'mars-north-1x'], 'SD120'],
  ])('%j is a usage error (exit 2) that says what to do', async (args, text) => {
    const reply = await cli(args);
    expect(reply.stderr).toContain(text);
    expect(reply.stderr).toContain('hint:');
    expect(reply.stderr).not.toMatch(/Unknown option|argument is ambiguous|\n\s+at /);
    expect(reply.code).toBe(2);
    // --json anywhere (even where a value was due) makes the error JSON on stdout too.
    if (args.includes('--json')) expect(JSON.parse(reply.stdout)).toMatchObject({ ok: false, code: 'SD100' });
    else expect(reply.stdout).toBe('');
  });

  it('with --json, prints usage and configuration errors as JSON on stdout', async () => {
    const usage = await cli(['deploy', '--regoins', 'x', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({
      ok: false,
      code: 'SD100',
      message: 'unknown flag --regoins; did you mean --regions?',
      hint: 'Run spot-deployer deploy --help for the flags of this command.',
    });
    const none = await cli(['--json']);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ ok: false, code: 'SD100', message: 'no command given' });
    const config = await cli(['validate', '--dir', resolve('__tests__/fixtures/invalid/config-unknown-key-typo'), '--json']);
    expect(config.code).toBe(1);
    const json = JSON.parse(config.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: false, code: 'SD104', file: '.spot/config.yaml', line: expect.any(Number), hint: expect.any(String) });
    expect(json.issues).toHaveLength(1);
  });

  it('warns about the deprecated --timeout-minutes and still uses it', async () => {
    const reply = await cli(['validate', '--dir', HELLO, '--timeout-minutes', '3']);
    expect(reply.code, reply.stderr).toBe(0);
    expect(reply.stderr).toContain('warning: --timeout-minutes is deprecated; use --ready-timeout-minutes');
  });

  it('colours errors on a terminal unless NO_COLOR, and never in --json', async () => {
    const coloured = await cli(['deplyo'], {}, true);
    expect(coloured.stderr).toContain('\u001b[31mSD100\u001b[39m');
    expect((await cli(['deplyo'], { NO_COLOR: '1' }, true)).stderr).not.toContain('\u001b[');
    expect((await cli(['deplyo'], { FORCE_COLOR: '1' }, false)).stderr).toContain('\u001b[31m');
    expect((await cli(['deplyo', '--json'], { FORCE_COLOR: '1' }, true)).stderr).not.toContain('\u001b[');
  });

  it('the README documents the flags the CLI does not have', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const input of Object.keys(ACTION_ONLY).filter((name) => name !== 'command')) expect(readme).toContain(`\`${input}\``);
    // And the action.yml inputs all exist (the parity test checks defaults).
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(action.inputs)).toContain('ready-timeout-minutes');
  });
});
