/**
 * The CLI as users install it: `npm pack` holds what the built CLI needs,
 * the unpacked package runs `--version` on Node 24, and an unreachable AWS
 * with --json gives a JSON error with its code and no warning noise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE24 } from '../helpers/action-runner.ts';
import { runCli } from '../helpers/run-cli.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  engines: { node: string };
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};
const work = mkdtempSync(join(tmpdir(), 'spot-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed CLI', () => {
  it('needs Node 22 or newer, and no runtime dependency (the bundle holds them)', () => {
    const minimum = /^>=\s*(\d+)/.exec(pkg.engines.node);
    expect(Number(minimum?.[1])).toBeGreaterThanOrEqual(22);
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('packs dist/cli, dist/templates and the bin, and runs --version unpacked', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli/index.js', 'dist/templates/bootstrap.sh', 'package.json', 'action.yml']));
    expect(pkg.bin['spot-deployer']).toBe('dist/cli/index.js');
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('__tests__/'))).toEqual([]);
    execFileSync('tar', ['-xzf', join(work, packed!.filename), '-C', work]);
    // The bundle is self-contained: the unpacked package runs without node_modules.
    const run = spawnSync(NODE24, [join(work, 'package', 'dist/cli/index.js'), '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`spot-deployer ${pkg.version}\n`);
    expect(run.status).toBe(0);

    // npm install -g of the tarball: the bundle needs no dependency, so it installs offline.
    const prefix = join(work, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, packed!.filename)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const installed = spawnSync(join(prefix, 'bin', 'spot-deployer'), ['--version'], {
      encoding: 'utf8',
      // The bin's `#!/usr/bin/env node` finds Node 24 first, as on a machine with Node 24 installed.
      env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}` },
    });
    expect(installed.stdout).toBe(`spot-deployer ${pkg.version}\n`);
  });

  it('deploy --json with AWS unreachable prints a JSON error with its code on stdout, and no SDK warning', async () => {
    const result = await runCli(['deploy', '--dir', resolve('examples/hello-web'), '--json'], {
      // A loopback port nothing listens on.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
    });
    expect(result.code).toBe(1);
    const error = JSON.parse(result.stdout) as Record<string, string>;
    expect(error).toMatchObject({ ok: false, code: 'SD299', hint: expect.any(String) });
    expect(error.message).toContain('ECONNREFUSED');
    expect(result.stderr).toContain('SD299');
    expect(result.stderr).not.toMatch(/Warning|NodeVersionSupport|\(node:\d+\)/);
  });

  it('deploy --json without credentials says SD200 as JSON', async () => {
    const result = await runCli(['deploy', '--dir', resolve('examples/hello-web'), '--json'], {
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(work, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'none'),
      SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, code: 'SD200' });
  });
});
