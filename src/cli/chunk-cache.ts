/**
 * Loads the CLI bundle's chunks with V8's code cache taken after they ran.
 *
 * Node's own compile cache keeps only what V8 compiled before a module ran,
 * which for a bundle is little more than its outer function: every function
 * `validate` calls was still compiled lazily on every start (measured: turning
 * Node's cache on or off changed nothing past the chunks' first line). A cache
 * made with `script.createCachedData()` at exit holds the functions the
 * command actually ran, so the next start deserializes them instead.
 *
 * The build (`scripts/classic-cli.mjs`) rewrites each chunk into a classic
 * script whose first line names the sha256 of the rest: V8 checks only a
 * cache's length, version and flags against the source, so the file name
 * carries the content's hash. The cache lives in the user's own cache folder
 * (never a shared /tmp one: a planted cache is code that runs), and
 * `NODE_DISABLE_COMPILE_CACHE`, Node's switch for its own cache, turns it off.
 * Nothing here may fail a command: any trouble means compiling as without it.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** What a chunk's script evaluates to: webpack's chunk record. */
interface ChunkRecord {
  ids: number[];
  modules: Record<string, unknown>;
}

/** The global the build's patched chunk loader calls. */
export const CHUNK_LOADER_GLOBAL = '__spotDeployerLoadChunk';
/** The first line of a rewritten chunk; the hash is of everything after it. */
export const CHUNK_HEADER = /^\/\/ spot-deployer chunk sha256=([0-9a-f]{64})\n/;

type Pending = { file: string; script: Script };

const STALE_AFTER_MS = 30 * 24 * 3600 * 1000;

/** XDG's cache home (only an absolute one counts, as the spec says), else ~/.cache; nothing when turned off. */
function cacheFolder(): string | undefined {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'spot-deployer', 'code-cache');
  try {
    return join(homedir(), '.cache', 'spot-deployer', 'code-cache');
  } catch {
    return undefined; // a user without a home folder
  }
}

/** A folder only this user can write, or nothing: a cache from elsewhere is not loaded. */
function ownFolder(folder: string, create: boolean): boolean {
  try {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = statSync(folder);
    return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(folder: string | undefined, file: string): Buffer | undefined {
  if (!folder || !ownFolder(folder, false)) return undefined;
  try {
    return readFileSync(join(folder, file));
  } catch {
    return undefined;
  }
}

/** Writes each new cache whole: a temporary name, then a rename, so a reader never sees half of one. */
function writeCaches(folder: string, pending: Pending[]): void {
  if (!ownFolder(folder, true)) return;
  for (const { file, script } of pending) {
    try {
      const temporary = join(folder, `${file}.${process.pid}.tmp`);
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, script.createCachedData());
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, join(folder, file));
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  }
  dropStale(folder);
}

/**
 * Caches are named by content, so other versions of the CLI on this machine
 * keep theirs; one untouched for a month is dropped (written again if used).
 */
function dropStale(folder: string): void {
  const before = Date.now() - STALE_AFTER_MS;
  for (const name of readdirSync(folder)) {
    try {
      if (statSync(join(folder, name)).mtimeMs < before) rmSync(join(folder, name), { force: true });
    } catch {
      // Another process dropped it first.
    }
  }
}

/** Compiles and runs one rewritten chunk, with its cache when there is a good one. */
function loadChunk(url: URL, folder: string | undefined, pending: Pending[]): ChunkRecord {
  const path = fileURLToPath(url);
  const text = readFileSync(path, 'utf8');
  const hash = CHUNK_HEADER.exec(text)?.[1];
  if (!hash) throw new Error(`${path} is not a chunk built by scripts/classic-cli.mjs (run npm run build)`);
  const chunkId = basename(path).split('.')[0];
  const file = `${chunkId}.${hash.slice(0, 32)}.${process.versions.v8}.${process.arch}.cache`;
  const cachedData = readCache(folder, file);
  const script = new Script(text, { filename: path, cachedData });
  if (folder && (!cachedData || script.cachedDataRejected)) pending.push({ file, script });
  const run = script.runInThisContext() as (chunkUrl: string) => ChunkRecord;
  return run(url.href);
}

/** Puts the loader where the bundle's patched chunk loading finds it. */
export function installChunkCache(): void {
  const folder = cacheFolder();
  const pending: Pending[] = [];
  if (folder) {
    process.once('exit', () => {
      if (pending.length > 0) writeCaches(folder, pending);
    });
  }
  Object.defineProperty(globalThis, CHUNK_LOADER_GLOBAL, {
    value: (url: URL) => new Promise<ChunkRecord>((resolve) => resolve(loadChunk(url, folder, pending))),
  });
}
