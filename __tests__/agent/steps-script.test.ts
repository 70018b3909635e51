import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpotError } from '../../src/core/errors.js';
import { instancePath, orderServices, renderEnvFile, renderStepsScript, shellQuote } from '../../src/agent/steps-script.js';
import type { ServiceStep } from '../../src/plan/types.js';
import { HOSTILE, manifest, script } from '../fixtures/agent/manifest.js';
import { tool } from '../helpers/tools.js';

const PWNED = '/tmp/sd-pwned';
afterEach(() => rmSync(PWNED, { force: true }));

/**
 * Sources a steps.sh with stub sd_* functions that print every argument
 * NUL-terminated, one record per call: what the agent would receive.
 */
function callsOf(steps: string): string[][] {
  const stubs = `
sd_step() { printf '%s\\0' "$@"; printf '\\036'; }
sd_on_failure() { printf '%s\\0' on_failure "$@"; printf '\\036'; }
`;
  const dir = mkdtempSync(join(tmpdir(), 'sd-steps-'));
  writeFileSync(join(dir, 'steps.sh'), steps);
  const result = spawnSync('bash', ['-euc', `${stubs}\n. ${dir}/steps.sh`], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout
    .split('\x1e')
    .filter((record) => record !== '')
    .map((record) => record.split('\0').slice(0, -1));
}

function shellcheck(text: string): { status: number | null; stdout: string } {
  const result = spawnSync(tool('shellcheck'), ['-s', 'bash', '-'], { input: text, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

const service = (overrides: Partial<ServiceStep>): ServiceStep => ({
  name: 'app',
  enabled: true,
  start: true,
  after: [],
  ...overrides,
});

describe('shellQuote', () => {
  it.each(HOSTILE)('bash reads back %j unchanged', (value) => {
    const result = spawnSync('bash', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
    expect(result.stdout).toBe(value);
    expect(existsSync(PWNED)).toBe(false);
  });

  it('refuses a NUL byte with SD142', () => {
    expect(() => shellQuote('a\0b')).toThrowError(expect.objectContaining({ code: 'SD142' }));
  });
});

describe('renderStepsScript', () => {
  const full = manifest({
    packages: ['nginx', 'curl=7.81.0-1'],
    env: { APP_PORT: '8080' },
    uploads: [
      { source: 'deployment', dest: '/opt/deployment', exclude: [], secret: false },
      { source: 'secrets', dest: '/opt/secrets', exclude: [], secret: true, owner: 'app' },
    ],
    scripts: [script({ command: 'echo one' }), script({ path: 'deployment/setup.sh', user: 'app', timeoutSeconds: 30 })],
    services: [service({ name: 'web', after: ['db'] }), service({ name: 'db.service', health: { tcp: 5432, timeoutSeconds: 20 } })],
    tarballs: [{ url: 'https://example.com/t.tgz', sha256: 'sha256:abc', extractTo: '/opt/tool' }],
    compose: 'deployment/compose.yaml',
    hooks: { preInstall: ['echo pre'], postInstall: ['echo post'], onFailure: ['echo fail'] },
  });

  it('emits the steps in the documented order, with the agent functions and arguments', () => {
    expect(callsOf(renderStepsScript(full))).toEqual([
      ['on_failure', 'echo fail'],
      ['pre_install:1', 'sd_run', '/opt/deployment', 'root', '0', 'command', 'echo pre'],
      ['packages', 'sd_packages', 'nginx', 'curl=7.81.0-1'],
      ['tarball:1', 'sd_tarball', 'https://example.com/t.tgz', 'abc', '/opt/tool'],
      ['upload:/opt/deployment', 'sd_place', '/opt/deployment', ''],
      ['secret:/opt/secrets', 'sd_secret', '/opt/secrets', 'app'],
      ['env', 'sd_env'],
      ['script:1', 'sd_run', '/opt/deployment', 'root', '600', 'command', 'echo one'],
      ['script:2:setup.sh', 'sd_run', '/opt/deployment', 'app', '30', 'script', '/opt/deployment/setup.sh'],
      ['service:db.service', 'sd_service', 'db.service', 'yes', 'yes', 'inline', ''],
      ['health:db.service', 'sd_health', 'tcp', '5432', '20', 'db.service'],
      ['service:web.service', 'sd_service', 'web.service', 'yes', 'yes', 'inline', ''],
      ['compose', 'sd_compose', '/opt/deployment/compose.yaml'],
      ['post_install:1', 'sd_run', '/opt/deployment', 'root', '0', 'command', 'echo post'],
    ]);
  });

  it('passes hostile values through as single, literal arguments', () => {
    const steps = renderStepsScript(
      manifest({
        hooks: { preInstall: HOSTILE, postInstall: [], onFailure: HOSTILE },
        scripts: HOSTILE.map((value) => script({ command: value, workingDir: value, env: { V: value } })),
        services: [service({ name: 'x', unit: HOSTILE.join('\n'), health: { http: HOSTILE[1]!, timeoutSeconds: 5 } })],
      }),
    );
    const calls = callsOf(steps);
    expect(existsSync(PWNED)).toBe(false);
    expect(calls.filter((c) => c[0] === 'on_failure').map((c) => c[1])).toEqual(HOSTILE);
    expect(calls.filter((c) => c[0]?.startsWith('pre_install')).map((c) => c[6])).toEqual(HOSTILE);
    const scripts = calls.filter((c) => c[0]?.startsWith('script:'));
    expect(scripts.map((c) => [c[2], c[6], c[7]])).toEqual(HOSTILE.map((v) => [v, v, `V=${v}`]));
    expect(calls.find((c) => c[0] === 'service:x.service')?.[6]).toBe(HOSTILE.join('\n'));
    expect(calls.find((c) => c[0] === 'health:x.service')?.slice(2)).toEqual(['http', HOSTILE[1], '5', 'x.service']);
    expect(shellcheck(steps)).toEqual({ status: 0, stdout: '' });
  });

  it('passes shellcheck -s bash and is byte-for-byte deterministic', () => {
    const steps = renderStepsScript(full);
    expect(shellcheck(steps)).toEqual({ status: 0, stdout: '' });
    expect(renderStepsScript(structuredClone(full))).toBe(steps);
  });

  it('sorts a script env by name and refuses a name that is not an identifier', () => {
    const steps = renderStepsScript(manifest({ scripts: [script({ command: 'x', env: { B: '2', A: '1' } })] }));
    expect(callsOf(steps).at(-1)?.slice(7)).toEqual(['A=1', 'B=2']);
    const bad = manifest({ scripts: [script({ command: 'x', env: { 'A-B': '1' } })] });
    expect(() => renderStepsScript(bad)).toThrowError('scripts.0.env: "A-B" is not a valid environment variable name');
  });
});

describe('orderServices', () => {
  it('follows after, keeps declaration order among peers and ignores foreign units', () => {
    const order = orderServices([
      service({ name: 'api', after: ['db', 'network-online.target'] }),
      service({ name: 'worker' }),
      service({ name: 'db' }),
      service({ name: 'proxy', after: ['api.service'] }),
    ]).map((s) => s.name);
    expect(order).toEqual(['worker', 'db', 'api', 'proxy']);
  });

  it('reports a cycle with SD141 and the services involved', () => {
    const cycle = [service({ name: 'a', after: ['b'] }), service({ name: 'b', after: ['a'] })];
    expect(() => orderServices(cycle)).toThrowError(SpotError);
    expect(() => orderServices(cycle)).toThrowError('services a.service, b.service wait for each other');
  });
});

describe('instancePath', () => {
  const m = manifest({
    uploads: [
      { source: '.', dest: '/opt/deployment', exclude: [], secret: false },
      { source: 'deployment/configs', dest: '/opt/configs', exclude: [], secret: false },
    ],
  });

  it('maps through the most specific upload and falls back to the target', () => {
    expect(instancePath(m, 'deployment/setup.sh')).toBe('/opt/deployment/deployment/setup.sh');
    expect(instancePath(m, 'deployment/configs/app.service')).toBe('/opt/configs/app.service');
    expect(instancePath(manifest(), './run.sh')).toBe('/opt/deployment/run.sh');
  });
});

describe('health_check', () => {
  it("is the last step, polling config.yaml's port, path and status", () => {
    const m = manifest({ readiness: { port: 8080, path: '/healthz', expect: 204, timeoutSeconds: 300 } });
    expect(callsOf(renderStepsScript(m)).at(-1)).toEqual(['health_check', 'sd_health_check', '8080', '/healthz', '204', '300']);
  });
});

describe('renderEnvFile', () => {
  it('writes sorted KEY=value lines that bash sources back to the exact values', () => {
    const env = Object.fromEntries(HOSTILE.map((value, index) => [`V${index}`, value]));
    const text = renderEnvFile({ Z: 'last', ...env });
    expect(text.startsWith('V0="it\'s \\"quoted\\""\n')).toBe(true);
    expect(text.endsWith('Z="last"\n')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sd-env-'));
    try {
      writeFileSync(join(dir, 'env'), text);
      const dump = `set -a; . ${dir}/env; for k in ${Object.keys(env).join(' ')}; do printf '%s\\0' "\${!k}"; done`;
      const result = spawnSync('bash', ['-euc', dump], { encoding: 'utf8' });
      expect(result.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE);
      expect(existsSync(PWNED)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is empty for no variables and refuses a bad name with SD140', () => {
    expect(renderEnvFile({})).toBe('');
    expect(() => renderEnvFile({ '1X': 'a' })).toThrowError(expect.objectContaining({ code: 'SD140', key: 'env' }));
    expect(() => renderEnvFile({ UID: '1000' })).toThrowError(expect.objectContaining({ code: 'SD140', key: 'env' }));
    expect(() => renderEnvFile({ BASH_ENV: '/x' })).toThrowError(expect.objectContaining({ code: 'SD140', key: 'env' }));
  });
});

describe('templates/bootstrap.sh', () => {
  it('passes shellcheck', () => {
    const result = spawnSync(tool('shellcheck'), ['-s', 'bash', 'templates/bootstrap.sh'], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
