/**
 * The env file (/etc/spot-deployer/env) is read by two parsers: bash (the
 * agent's steps, `set -a; .`) and systemd (`EnvironmentFile=` of every
 * service). Hostile values go through both and must come out unchanged.
 *
 * systemd's parser is run without booting: the user environment generator
 * `30-systemd-environment-d-generator` reads `environment.d/*.conf` with the
 * same tokenizer as `EnvironmentFile=` (parse_env_file) and prints the result.
 * It then expands `$NAME`/`${NAME}` (environment.d does, EnvironmentFile=
 * does not); the test gives every name it could expand its own reference as
 * value, so the expansion is the identity and only the parse is measured.
 * Two more environment.d habits are not EnvironmentFile='s: it turns `$$`
 * into `$` (so no value here holds `$$`) and drops empty variables (read
 * back as absent, compared as '').
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderEnvFile } from '../../src/agent/steps-script.js';
import { HOSTILE } from '../fixtures/agent/manifest.js';

const GENERATOR = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator';

const VALUES = [
  ...HOSTILE,
  "it's",
  "a\\'b",
  '"double" \\"escaped\\" \\\\ trailing\\',
  'dollar $ ${HOME} $(id) `id` \\$ $',
  '  leading and trailing spaces  ',
  'tab\there # not a comment ; nor this',
  'line1\nline2\n\nline4',
  'ünïcødé ☃ 中文 🙂',
  "'single' \"double\" mixed '\"'\"'",
  '%h %n %% specifiers stay',
];

const env = Object.fromEntries(VALUES.map((value, index) => [`V${index}`, value]));
const dir = mkdtempSync(join(tmpdir(), 'sd-envfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values as bash reads the file: `set -a; . env`. */
function throughBash(text: string): string[] {
  writeFileSync(join(dir, 'env'), text);
  const names = Object.keys(env).join(' ');
  const dump = `set -a; . ${dir}/env; for k in ${names}; do printf '%s\\0' "\${!k}"; done`;
  const result = spawnSync('bash', ['-euc', dump], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\0').slice(0, -1);
}

/** Undoes the generator's output quoting (systemd's shell_maybe_quote with C escapes). */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return value
    .slice(1, -1)
    .replace(/\\(x[0-9a-f]{2}|[0-7]{3}|.)/g, (_, esc: string) =>
      esc.startsWith('x') && esc.length === 3
        ? String.fromCharCode(parseInt(esc.slice(1), 16))
        : /^[0-7]{3}$/.test(esc)
          ? String.fromCharCode(parseInt(esc, 8))
          : (escapes[esc] ?? esc),
    );
}

/** Values as systemd's env-file parser reads the file. */
function throughSystemd(text: string): Record<string, string> {
  const home = join(dir, 'config');
  mkdirSync(join(home, 'environment.d'), { recursive: true });
  writeFileSync(join(home, 'environment.d', '10-spot.conf'), text);
  // HOME='${HOME}': environment.d's $-expansion of `${HOME}` gives `${HOME}` back.
  const result = spawnSync(GENERATOR, [], {
    env: { HOME: '${HOME}', XDG_CONFIG_HOME: home, XDG_CONFIG_DIRS: join(dir, 'none') },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  const out: Record<string, string> = {};
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    out[line.slice(0, at)] = unquote(line.slice(at + 1));
  }
  return out;
}

describe('the env file, as bash and systemd read it', () => {
  const text = renderEnvFile(env);

  it('reads back every hostile value in bash', () => {
    expect(throughBash(text)).toEqual(VALUES);
  });

  it.skipIf(!existsSync(GENERATOR))("reads back every hostile value in systemd's own parser", () => {
    const parsed = throughSystemd(text);
    expect(VALUES.map((_, index) => parsed[`V${index}`] ?? '')).toEqual(VALUES);
  });

  it.skipIf(!existsSync(GENERATOR))("shows why: systemd reads bash's '\\'' idiom differently", () => {
    expect(throughSystemd("X='it'\\''s'\n").X).not.toBe("it's");
  });
});
