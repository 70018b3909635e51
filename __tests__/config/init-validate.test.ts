import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInit } from '../../src/commands/init.js';
import { runValidate } from '../../src/commands/validate.js';
import { formatIssue } from '../../src/config/format-issues.js';
import { loadProject } from '../../src/plan/load-project.js';
import { ConfigError } from '../../src/core/errors.js';
import { cleanProjectsAfterEach, makeProject, SETUP } from './helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const written = [
  '.spot/config.yaml',
  '.spot/deployment.yaml',
  '.spotignore',
  '.github/workflows/spot-preview.yml',
  '.github/workflows/spot-deploy.yml',
  '.github/workflows/spot-sweep.yml',
];

describe('init', () => {
  it('names a bucket of its own when none is given: the project name and a random suffix', async () => {
    const buckets = await Promise.all(
      [1, 2].map(async () => {
        const dir = makeProject({ 'deployment/setup.sh': SETUP });
        await runInit({ dir, force: false });
        return (parse(readFileSync(path.join(dir, '.spot/config.yaml'), 'utf8')) as { bucket: { name: string; create: boolean } }).bucket;
      }),
    );
    for (const bucket of buckets) expect(bucket).toEqual({ name: expect.stringMatching(/^spot-deployer-.+-[0-9a-f]{6}$/), create: true });
    expect(buckets[0]!.name).not.toBe(buckets[1]!.name);
  });

  it('scaffolds a bare deployment/setup.sh project that then validates clean', async () => {
    const dir = makeProject({ 'deployment/setup.sh': SETUP });
    const before = await loadProject({ run: localRun(), dir, overrides: { regions: ['us-east-1'], bucket: 'b' } });
    expect(await runInit({ dir, force: false, bucket: 'my-bucket' })).toEqual({
      written,
    });
    const result = await runValidate({ run: localRun(), dir, overrides: {} });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    // The written deployment.yaml says exactly what the scan found.
    expect(result.plan?.manifest).toEqual(before.plan.manifest);
    expect(result.plan?.bucket).toEqual({
      name: 'my-bucket',
      create: true,
      prefix: 'spot-deployer',
    });
    const deployment = readFileSync(path.join(dir, '.spot/deployment.yaml'), 'utf8');
    expect(deployment.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/spot-deployer/spot-deployer/v2/schema/deployment.schema.json',
    );
    expect(parse(deployment)).toEqual({
      version: 1,
      target: '/opt/deployment',
      uploads: [{ source: 'deployment', dest: '/opt/deployment' }],
      scripts: [{ path: 'deployment/setup.sh' }],
    });
    for (const workflow of written.filter((file) => file.endsWith('.yml'))) {
      expect(parse(readFileSync(path.join(dir, workflow), 'utf8')).jobs).toBeTruthy();
    }
  });

  it('writes everything the scan finds', async () => {
    const dir = makeProject({
      'deployment/init.sh': SETUP,
      'deployment/scripts/10-b.sh': SETUP,
      'deployment/scripts/01-a.sh': SETUP,
      'deployment/services/web.service': '[Service]\nExecStart=/bin/true\n',
      'deployment/worker.service': '[Service]\nExecStart=/bin/true\n',
      'deployment/configs/app.ini': 'x=1\n',
      'deployment/secrets/token': 't\n',
      'deployment/.env': 'A=1\n',
      'deployment/packages.txt': '# tools\nnginx\ncurl # for checks\n',
      'deployment/requirements.txt': 'flask\n',
      'deployment/compose.yaml': 'services: {}\n',
    });
    await runInit({ dir, force: false, bucket: 'b' });
    const deployment = parse(readFileSync(path.join(dir, '.spot/deployment.yaml'), 'utf8'));
    expect(deployment).toEqual({
      version: 1,
      target: '/opt/deployment',
      uploads: [
        {
          source: 'deployment',
          dest: '/opt/deployment',
          exclude: ['secrets/', '.env'],
        },
        { source: 'deployment/configs', dest: '/opt/configs' },
      ],
      secrets: [
        { source: 'deployment/secrets', dest: '/opt/secrets' },
        { source: 'deployment/.env', dest: '/opt/deployment/.env' },
      ],
      packages: ['nginx', 'curl', 'python3', 'python3-pip', 'python3-venv'],
      scripts: [{ path: 'deployment/scripts/01-a.sh' }, { path: 'deployment/scripts/10-b.sh' }, { path: 'deployment/init.sh' }],
      services: [{ file: 'deployment/services/web.service' }, { file: 'deployment/worker.service' }],
      compose: 'deployment/compose.yaml',
    });
    const { ok, plan } = await runValidate({ run: localRun(), dir, overrides: {} });
    expect(ok).toBe(true);
    expect(plan?.manifest.uploads.filter((upload) => upload.secret).map((upload) => upload.mode)).toEqual(['0700', '0600']);
    expect(plan?.sourceFiles).toEqual([
      '.spot/config.yaml',
      '.spot/deployment.yaml',
      'deployment/scripts/01-a.sh',
      'deployment/scripts/10-b.sh',
      'deployment/init.sh',
      'deployment/services/web.service',
      'deployment/worker.service',
      'deployment/compose.yaml',
      '.spotignore',
    ]);
  });

  it('never overwrites without force, and names each file', async () => {
    const dir = makeProject({
      'deployment/setup.sh': SETUP,
      '.spot/config.yaml': 'keep: me\n',
      '.spotignore': 'x\n',
    });
    const error = await runInit({ dir, force: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => [issue.code, issue.file, issue.message])).toEqual([
      ['SD127', '.spot/config.yaml', '.spot/config.yaml already exists'],
      ['SD127', '.spotignore', '.spotignore already exists'],
    ]);
    expect(readFileSync(path.join(dir, '.spot/config.yaml'), 'utf8')).toBe('keep: me\n');
    expect(() => statSync(path.join(dir, '.spot/deployment.yaml'))).toThrow();
    await runInit({ dir, force: true });
    expect(readFileSync(path.join(dir, '.spot/config.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=.*config\.schema\.json\n/);
  });

  it('refuses a folder without deployment/', async () => {
    const dir = makeProject({ 'README.md': 'hi\n' });
    const error = (await runInit({ dir, force: false }).catch((caught: unknown) => caught)) as ConfigError;
    expect(error.issues[0]?.code).toBe('SD128');
  });
});

describe('validate', () => {
  it('returns every issue, errors first, formatted as file:line:col  key  message + hint', async () => {
    const dir = makeProject(
      {
        '.spot/config.yaml': 'regions: [us-east-1]\nbucket: b\nmarket: spots\nssh: {key_name: k}\n',
        'deployment/setup.sh': SETUP,
      },
      { 'deployment/setup.sh': 0o644 },
    );
    const result = await runValidate({ run: localRun(), dir, overrides: {} });
    expect(result.ok).toBe(false);
    expect(result.plan).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual([
      '.spot/config.yaml:3:9  market  must be one of spot, on-demand, spot-then-on-demand, got "spots" (did you mean "spot"?) (SD105)\n  hint: use one of: spot, on-demand, spot-then-on-demand',
      'deployment/setup.sh:1:1  scripts.0.path  warning: script "deployment/setup.sh" is not executable (SD117)\n  hint: run chmod +x deployment/setup.sh (and commit the mode); scripts ending in .sh still run with bash',
    ]);
  });
});
