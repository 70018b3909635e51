import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build-bundle.js';
import { SpotError } from '../../src/core/errors.js';
import { EXTRAS, makeProject, planFor, tempDir, upload } from './fixtures.js';

const APP = {
  'app/server.js': 'console.log("hi")\n',
  'app/run.sh': '#!/bin/sh\necho run\n',
  'app/lib/util.js': 'export const x = 1;\n',
  'app/.git/HEAD': 'ref: refs/heads/main\n',
  'app/notes.swp': 'junk',
  'app/big.log': 'log',
  'app/tmp/cache.bin': 'cache',
  'nginx.conf': 'events {}\n',
  'secrets/db.key': 'hunter2',
  '.spotignore': '*.log\n',
};

function project(): string {
  const root = makeProject(APP);
  chmodSync(join(root, 'app/run.sh'), 0o775);
  chmodSync(join(root, 'app/server.js'), 0o664);
  return root;
}

const uploads = () => [
  upload('app', '/opt/app', { exclude: ['tmp/'] }),
  upload('nginx.conf', '/etc/nginx/nginx.conf'),
  upload('secrets', '/opt/secrets', { secret: true }),
];

/** `tar -tvzf` listing: mode, owner, size, date, path, as GNU tar prints it. */
function listing(file: string): string[] {
  const result = spawnSync('tar', ['--numeric-owner', '-tvzf', file], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' '));
}

describe('buildBundle', () => {
  it('gives byte-identical archives for the same files', async () => {
    const root = project();
    const plan = planFor(root, uploads());
    const first = await buildBundle(plan, { outDir: tempDir(), extraFiles: EXTRAS });
    const second = await buildBundle(plan, { outDir: tempDir(), extraFiles: EXTRAS });
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(second.file).equals(readFileSync(first.file))).toBe(true);
    expect(first.file.endsWith(`${first.sha256}.tar.gz`)).toBe(true);
    expect(first.bytes).toBe(readFileSync(first.file).length);
  });

  it('changes the sha256 when one byte changes', async () => {
    const root = project();
    const plan = planFor(root, uploads());
    const before = await buildBundle(plan, { outDir: tempDir(), extraFiles: EXTRAS });
    writeFileSync(join(root, 'app/lib/util.js'), 'export const x = 2;\n');
    const after = await buildBundle(plan, { outDir: tempDir(), extraFiles: EXTRAS });
    expect(after.sha256).not.toBe(before.sha256);
  });

  it('lays out uploads under files/<dest> with normalised modes and owners', async () => {
    const root = project();
    const bundle = await buildBundle(planFor(root, uploads()), { outDir: tempDir(), extraFiles: EXTRAS });
    const lines = listing(bundle.file);
    const paths = lines.map((line) => line.split(' ').at(-1));
    expect(paths).toEqual([
      '.spot-bundle/',
      '.spot-bundle/env',
      '.spot-bundle/steps.sh',
      'files/',
      'files/etc/',
      'files/etc/nginx/',
      'files/etc/nginx/nginx.conf',
      'files/opt/',
      'files/opt/app/',
      'files/opt/app/lib/',
      'files/opt/app/lib/util.js',
      'files/opt/app/run.sh',
      'files/opt/app/server.js',
      'files/opt/secrets/',
      'files/opt/secrets/db.key',
      '.spot-bundle/index.json',
    ]);
    const line = (path: string) => lines.find((l) => l.endsWith(` ${path}`))!;
    expect(line('files/opt/app/run.sh')).toMatch(/^-rwxr-xr-x 0\/0 \d+ 2000-01-01 00:00 /);
    expect(line('files/opt/app/server.js')).toMatch(/^-rw-r--r-- 0\/0 /);
    expect(line('files/opt/secrets/')).toMatch(/^drwx------ 0\/0 /);
    expect(line('files/opt/secrets/db.key')).toMatch(/^-rw------- 0\/0 /);
    expect(line('.spot-bundle/env')).toMatch(/^-rw------- 0\/0 /);
  });

  it('writes an index with hashes and secret flags but no secret contents', async () => {
    const root = project();
    const bundle = await buildBundle(planFor(root, uploads()), { outDir: tempDir(), extraFiles: EXTRAS });
    const out = tempDir();
    expect(spawnSync('tar', ['-xzf', bundle.file, '-C', out]).status).toBe(0);
    const text = readFileSync(join(out, '.spot-bundle/index.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    const index = JSON.parse(text);
    const key = index.entries.find((e: { path: string }) => e.path === 'files/opt/secrets/db.key');
    expect(key).toMatchObject({ secret: true, mode: '0600', size: 7, type: 'file' });
    expect(key.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(index.uploads).toContainEqual({ path: 'files/opt/secrets', dest: '/opt/secrets', type: 'directory', secret: true });
    expect(readFileSync(join(out, 'files/opt/app/server.js'), 'utf8')).toBe(APP['app/server.js']);
  });

  it('writes a gzip header with no name, mtime 0 and the Unix OS byte', async () => {
    const bundle = await buildBundle(planFor(project(), uploads()), { outDir: tempDir(), extraFiles: [] });
    const header = readFileSync(bundle.file).subarray(0, 10);
    expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('keeps secret sources out of a non-secret upload of the whole project', async () => {
    const root = makeProject({ 'main.py': 'print(1)\n', '.env': 'TOKEN=abc\n' });
    const plan = planFor(root, [upload('.', '/opt/deployment'), upload('.env', '/opt/deployment/.env', { secret: true })]);
    const bundle = await buildBundle(plan, { outDir: join(root, '.spot', 'out'), extraFiles: [] });
    const env = bundle.entries.filter((entry) => entry.path === 'files/opt/deployment/.env');
    expect(env).toEqual([{ path: 'files/opt/deployment/.env', size: 10, mode: '0600', secret: true, type: 'file' }]);
    expect(bundle.entries.some((entry) => entry.path.includes('.spot/out'))).toBe(false);
  });

  it('keeps symlinks that stay inside the upload', async () => {
    const root = makeProject({ 'site/index.html': '<p>hi</p>\n' });
    symlinkSync('index.html', join(root, 'site/home.html'));
    const bundle = await buildBundle(planFor(root, [upload('site', '/var/www')]), { outDir: tempDir(), extraFiles: [] });
    expect(listing(bundle.file)).toContainEqual(expect.stringMatching(/files\/var\/www\/home.html -> index.html$/));
  });

  it('handles paths longer than ustar allows', async () => {
    const deep = `${'d'.repeat(120)}/${'f'.repeat(120)}.txt`;
    const root = makeProject({ [`src/${deep}`]: 'x' });
    const bundle = await buildBundle(planFor(root, [upload('src', '/opt/long')]), { outDir: tempDir(), extraFiles: [] });
    expect(listing(bundle.file)).toContainEqual(expect.stringContaining(`files/opt/long/${deep}`));
  });
});

async function refusal(promise: Promise<unknown>): Promise<SpotError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpotError);
  return error as SpotError;
}

describe('buildBundle refuses unsafe input', () => {
  const build = (root: string, ...list: ReturnType<typeof upload>[]) =>
    buildBundle(planFor(root, list), { outDir: tempDir(), extraFiles: [] });

  it('refuses a source with ..', async () => {
    const error = await refusal(build(makeProject({ a: 'a' }), upload('../etc/passwd', '/x')));
    expect(error.code).toBe('SD112');
    expect(error.message).toBe('upload 1: source "../etc/passwd" must be a path inside the project (no absolute path, no "..")');
  });

  it('refuses an absolute source and a destination with ..', async () => {
    expect((await refusal(build(makeProject({ a: 'a' }), upload('/etc/passwd', '/x')))).code).toBe('SD112');
    expect((await refusal(build(makeProject({ a: 'a' }), upload('a', '/opt/../etc/a')))).code).toBe('SD130');
    expect((await refusal(build(makeProject({ a: 'a' }), upload('a', 'opt/a')))).code).toBe('SD130');
  });

  it('refuses a symlink that leaves the upload, naming it', async () => {
    const root = makeProject({ 'site/index.html': 'x', 'other.txt': 'y' });
    symlinkSync('../other.txt', join(root, 'site/escape'));
    const error = await refusal(build(root, upload('site', '/var/www')));
    expect(error.code).toBe('SD112');
    expect(error.message).toBe('symlink "site/escape" points outside the upload (to "../other.txt")');
  });

  it('refuses an absolute symlink', async () => {
    const root = makeProject({ 'site/index.html': 'x' });
    symlinkSync('/etc/passwd', join(root, 'site/passwd'));
    expect((await refusal(build(root, upload('site', '/var/www')))).code).toBe('SD112');
  });

  it('refuses a FIFO', async () => {
    const root = makeProject({ 'site/index.html': 'x' });
    expect(spawnSync('mkfifo', [join(root, 'site/pipe')]).status).toBe(0);
    const error = await refusal(build(root, upload('site', '/var/www')));
    expect(error.code).toBe('SD131');
    expect(error.message).toContain('site/pipe');
  });

  it('refuses two uploads that write the same file', async () => {
    const root = makeProject({ a: 'a', b: 'b' });
    mkdirSync(join(root, 'empty'));
    const error = await refusal(build(root, upload('a', '/opt/x'), upload('b', '/opt/x')));
    expect(error.code).toBe('SD113');
    expect(error.message).toBe('two uploads write "/opt/x"');
  });

  it('names a missing source', async () => {
    const error = await refusal(build(makeProject({ a: 'a' }), upload('nope', '/opt/x')));
    expect(error.code).toBe('SD111');
  });
});

describe('modes', () => {
  it('applies an upload mode to its files and keeps secrets at 0600 whatever the mode says', async () => {
    const root = makeProject({ 'conf/app.ini': 'a=1\n', 'key.pem': 'k' });
    const plan = planFor(root, [
      upload('conf', '/etc/app', { mode: '0640' }),
      upload('key.pem', '/etc/app-key.pem', { secret: true, mode: '0644' }),
    ]);
    const bundle = await buildBundle(plan, { outDir: tempDir(), extraFiles: [] });
    const mode = (path: string) => bundle.entries.find((entry) => entry.path === path)?.mode;
    expect(mode('files/etc/app/app.ini')).toBe('0640');
    expect(mode('files/etc/app')).toBe('0755');
    expect(mode('files/etc/app-key.pem')).toBe('0600');
  });

  it('refuses a mode that is not octal with SD114', async () => {
    const root = makeProject({ a: 'a' });
    const error = await refusal(
      buildBundle(planFor(root, [upload('a', '/opt/a', { mode: 'rw-r--r--' })]), { outDir: tempDir(), extraFiles: [] }),
    );
    expect(error.code).toBe('SD114');
    expect(error.key).toBe('uploads.0.mode');
  });
});
