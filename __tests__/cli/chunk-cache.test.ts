/**
 * The built CLI keeps V8's code cache of its chunks in the user's cache
 * folder (src/cli/chunk-cache.ts). What a user can notice: the second run
 * reuses what the first wrote; a damaged, foreign or unwritable cache never
 * changes what a command prints or returns; NODE_DISABLE_COMPILE_CACHE turns
 * it off; nothing is written where others could plant a cache.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_HEADER } from '../../src/cli/chunk-cache.ts';
import { runCli } from '../helpers/run-cli.ts';

const project = resolve('examples/hello-web');

const homes: string[] = [];
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function cacheHome(): { home: string; folder: string } {
  const home = mkdtempSync(join(tmpdir(), 'spot-cache-'));
  homes.push(home);
  return { home, folder: join(home, 'spot-deployer', 'code-cache') };
}

async function validate(env: Record<string, string>) {
  const run = await runCli(['validate', '--dir', project], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The caches by name, with the inode each has: a rewrite is a rename, so a new inode. */
function caches(folder: string): Map<string, number> {
  return new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).ino]));
}

describe('the code cache of the built CLI', () => {
  it('the first run writes a cache for each chunk it ran, only for this user; the second uses them as they are', async () => {
    const { home, folder } = cacheHome();
    const first = await validate({ XDG_CACHE_HOME: home });
    const written = caches(folder);
    expect(written.size).toBeGreaterThanOrEqual(2);
    for (const name of written.keys()) {
      expect(name).toMatch(/^\d+\.[0-9a-f]{32}\..+\.cache$/);
      expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(await validate({ XDG_CACHE_HOME: home })).toBe(first);
    expect(caches(folder), 'an accepted cache is not written again').toEqual(written);
  });

  it('a damaged cache is refused by V8, the command prints the same, and a good one replaces it', async () => {
    const { home, folder } = cacheHome();
    const first = await validate({ XDG_CACHE_HOME: home });
    const written = caches(folder);
    for (const name of written.keys()) writeFileSync(join(folder, name), Buffer.alloc(4096, 7));
    expect(await validate({ XDG_CACHE_HOME: home })).toBe(first);
    for (const [name, ino] of caches(folder)) {
      expect(ino).not.toBe(written.get(name));
      expect(readFileSync(join(folder, name)).equals(Buffer.alloc(4096, 7))).toBe(false);
    }
  });

  it('NODE_DISABLE_COMPILE_CACHE: nothing is written', async () => {
    const { home } = cacheHome();
    await validate({ XDG_CACHE_HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(readdirSync(home)).toEqual([]);
  });

  it('a cache folder others can write to is neither read nor written', async () => {
    const { home, folder } = cacheHome();
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    await validate({ XDG_CACHE_HOME: home });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a cache home that cannot be made (a file in the way) changes nothing the command prints', async () => {
    const { home } = cacheHome();
    const blocked = join(home, 'not-a-folder');
    writeFileSync(blocked, '');
    const plain = await validate({ XDG_CACHE_HOME: home });
    expect(await validate({ XDG_CACHE_HOME: blocked })).toBe(plain);
  });

  it('writing drops caches untouched for a month and keeps the rest', async () => {
    const { home, folder } = cacheHome();
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const month = Date.now() / 1000 - 31 * 24 * 3600;
    writeFileSync(join(folder, '1.old.cache'), 'x');
    utimesSync(join(folder, '1.old.cache'), month, month);
    writeFileSync(join(folder, '1.recent.cache'), 'x');
    await validate({ XDG_CACHE_HOME: home });
    const names = readdirSync(folder);
    expect(names).toContain('1.recent.cache');
    expect(names).not.toContain('1.old.cache');
  });
});

describe('dist/cli chunks', () => {
  it('each names the sha256 of its own text on its first line (the cache is keyed by it), and is ASCII', async () => {
    const { createHash } = await import('node:crypto');
    const chunks = readdirSync('dist/cli').filter((name) => /^\d+\.index\.js$/.test(name));
    expect(chunks.length).toBeGreaterThan(2);
    for (const name of chunks) {
      const text = readFileSync(join('dist/cli', name), 'utf8');
      const hash = CHUNK_HEADER.exec(text)?.[1];
      expect(hash, name).toBeDefined();
      expect(
        createHash('sha256')
          .update(text.slice(text.indexOf('\n') + 1))
          .digest('hex'),
        name,
      ).toBe(hash);
      expect(Buffer.byteLength(text), `${name} is ASCII`).toBe(text.length);
    }
  });
});
