import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { loadProject } from '../../src/plan/load-project.js';
import { formatIssue } from '../../src/config/format-issues.js';
import { ConfigError } from '../../src/core/errors.js';
import type { PlanOverrides } from '../../src/plan/types.js';
import { localRun } from '../helpers/run-context.ts';

/**
 * Every folder under fixtures/invalid/ is a broken project with an
 * `expected.json`: the first error's exact code, file, line, column, key and
 * message. `symlinks` are created here (git keeps them poorly) and removed
 * afterwards; `overrides` are passed to the loader.
 */
interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
  key: string;
  message: string;
  /** When set, part of the hint the user must see. */
  hint?: string;
  /** Run from this subfolder of the case instead of its root. */
  dir?: string;
  overrides?: PlanOverrides;
  symlinks?: Record<string, string>;
}

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/invalid');
const cases = readdirSync(corpus)
  .filter((name) => existsSync(path.join(corpus, name, 'expected.json')))
  .sort();
const expectations = new Map(
  cases.map((name) => [name, JSON.parse(readFileSync(path.join(corpus, name, 'expected.json'), 'utf8')) as Expected]),
);
const links = [...expectations].flatMap(([name, expected]) =>
  Object.entries(expected.symlinks ?? {}).map(([link, target]) => ({
    link: path.join(corpus, name, link),
    target,
  })),
);

beforeAll(() => {
  for (const { link, target } of links) {
    rmSync(link, { force: true });
    symlinkSync(target, link);
  }
});
afterAll(() => {
  for (const { link } of links) rmSync(link, { force: true });
});

/** The same overrides as the CLI flags a user would type. */
function cliFlags(overrides: PlanOverrides): string[] {
  const flags: Record<string, string | undefined> = {
    '--config': overrides.config,
    '--regions': overrides.regions?.join(','),
    '--instance-types': overrides.instanceTypes?.join(','),
    '--ttl': overrides.ttl,
  };
  return Object.entries(flags).flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));
}

describe('the invalid corpus', () => {
  it('has at least 50 broken projects', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('%s', async (name) => {
    const expected = expectations.get(name)!;
    // Any network use (the AWS SDK included) opens a socket; loading must not.
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const caught = await loadProject({
      run: localRun(),
      dir: path.join(corpus, name, expected.dir ?? ''),
      overrides: expected.overrides ?? {},
    }).catch((error: unknown) => error);
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    expect(caught).toBeInstanceOf(ConfigError);
    const errors = (caught as ConfigError).issues.filter((issue) => issue.severity === 'error');
    const first = errors[0]!;
    expect({
      code: first.code,
      file: first.file,
      line: first.line,
      column: first.column,
      key: first.key,
      message: first.message,
    }).toEqual({
      code: expected.code,
      file: expected.file,
      line: expected.line,
      column: expected.column,
      key: expected.key,
      message: expected.message,
    });
    expect(first.hint).toBeTruthy();
    if (expected.hint) expect(first.hint).toContain(expected.hint);
    // The CLI's validate reports the same problem and exits 1, without a stack trace.
    const output = { stdout: '', stderr: '' };
    const code = await runCli(['validate', '--dir', path.join(corpus, name, expected.dir ?? ''), ...cliFlags(expected.overrides ?? {})], {
      stdout: (text) => void (output.stdout += text),
      stderr: (text) => void (output.stderr += text),
      env: {},
    });
    // A bad flag value is a usage error (2); a bad file is a failure (1).
    expect(code).toBe(errors.every((issue) => issue.file === '(input)') ? 2 : 1);
    expect(output.stderr).toContain(formatIssue(first));
    expect(output.stderr).not.toMatch(/\n\s+at /);
    for (const issue of errors) expect(formatIssue(issue)).not.toMatch(/\n\s+at /);
  });
});
