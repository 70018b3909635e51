/**
 * The same files give the same bytes whatever the machine did to them:
 * touched mtimes, another umask, another owner, another user running the
 * build. Each case rebuilds a copy of one tree and compares the sha256.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/bundle/build-bundle.js';
import { EXTRAS, makeProject, planFor, tempDir, upload } from './fixtures.js';

const NOBODY = 65534;
const uploads = [upload('app', '/opt/app'), upload('secrets', '/opt/secrets', { secret: true })];
let original: string;
let expected: string;

function walk(dir: string, visit: (path: string) => void): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    visit(path);
    if (statSync(path).isDirectory()) walk(path, visit);
  }
}

/** A copy made by `cp -r` (no -p) under `umask`, so the copy's modes and times are its own. */
function copyUnderUmask(umask: string): string {
  const target = join(tempDir(), 'project');
  execFileSync('sh', ['-c', `umask ${umask} && cp -r "$0" "$1"`, original, target]);
  return target;
}

const shaOf = async (root: string): Promise<string> =>
  (await buildBundle(planFor(root, uploads), { outDir: tempDir(), extraFiles: EXTRAS })).sha256;

beforeAll(async () => {
  original = makeProject({
    'app/server.js': 'console.log(1)\n',
    'app/bin/start.sh': '#!/bin/sh\nexec node server.js\n',
    'app/public/index.html': '<p>hi</p>\n',
    'secrets/token': 's3cr3t\n',
  });
  chmodSync(join(original, 'app/bin/start.sh'), 0o755);
  expected = await shaOf(original);
});

describe('bundle determinism', () => {
  it('ignores modification times', async () => {
    const copy = copyUnderUmask('022');
    let tick = 1_600_000_000;
    walk(copy, (path) => utimesSync(path, tick, (tick += 977)));
    expect(await shaOf(copy)).toBe(expected);
  });

  it('ignores the umask the files were created under', async () => {
    const strict = copyUnderUmask('077');
    expect(statSync(join(strict, 'app/server.js')).mode & 0o777).toBe(0o600);
    expect(await shaOf(strict)).toBe(expected);
    const loose = copyUnderUmask('000');
    execFileSync('chmod', ['-R', 'a+w', loose]);
    expect(statSync(join(loose, 'app/server.js')).mode & 0o777).toBe(0o666);
    expect(await shaOf(loose)).toBe(expected);
  });

  it('ignores who owns the files', async () => {
    const copy = copyUnderUmask('022');
    execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, copy]);
    expect(await shaOf(copy)).toBe(expected);
  });

  // The child runs this checkout's Node 24 and sources as `nobody`: that needs a checkout
  // whose folders others may enter (a clone inside a 0700 temp folder is not one).
  const nobodyCanRun =
    process.getuid?.() === 0 &&
    spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'test', '-x', resolve('node_modules/.bin/node')])
      .status === 0;

  it.skipIf(!nobodyCanRun)('gives the same bytes when another user builds it under another umask', () => {
    const copy = copyUnderUmask('022');
    execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, copy]);
    chmodSync(resolve(copy, '..'), 0o755);
    const outDir = tempDir();
    chmodSync(outDir, 0o777);
    const node = resolve('node_modules/.bin/node');
    const args = JSON.stringify({ projectRoot: copy, uploads, outDir });
    const child = spawnSync(
      'setpriv',
      [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        '--clear-groups',
        'sh',
        '-c',
        'umask 077 && exec "$@"',
        'sh',
        node,
        '--import',
        resolve('scripts/bench-ts-hooks.mjs'),
        resolve('__tests__/bundle/build-in-child.mjs'),
        args,
      ],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout);
    expect(result.uid).toBe(NOBODY);
    expect(result.sha256).toBe(expected);
  });
});
