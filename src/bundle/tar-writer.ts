/**
 * Writes a deterministic tar.gz from a list of entries, streaming: a small
 * file is read in one exact-size read, a large one in 1 MiB chunks; every file
 * is hashed on the way through and never held whole in memory when large.
 * Compression runs on every core (parallel-gzip.ts) with the same bytes
 * whatever their number.
 *
 * Why not `tar.create()`: its Pack reads paths, modes, owners and times from
 * the disk and can neither map a source folder to another archive path nor
 * override a mode per entry. We still use the `tar` package for the hard
 * part, the ustar/pax header encoding (`Header`, `Pax`).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Header, Pax } from 'tar';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import { parallelGzip } from './parallel-gzip.js';
import type { SelectedEntry } from './types.js';

/** 2000-01-01T00:00:00Z: a fixed, obviously synthetic time that every tar accepts. */
export const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
/** gzip -6, the default of `gzip` and `tar -czf`, so size and speed compare like for like. */
export const GZIP_LEVEL = 6;
const BLOCK = 512;
const READ_CHUNK = 1 << 20;
/**
 * Files up to this size are read whole, in one read of exactly their size: a
 * stream would allocate a 1 MiB buffer for each, which on a tree of many small
 * files (node_modules) costs more time in allocation and GC than in reading.
 */
const SMALL_FILE = READ_CHUNK;
/** Small buffers (headers, padding, tiny files) are batched so zlib sees few large writes. */
const BATCH_BYTES = 1024 * 1024;
const TAR_TYPES = { file: 'File', directory: 'Directory', symlink: 'SymbolicLink' } as const;

/** Header block(s) for one entry; a pax header first when a path is too long for ustar. */
export function headerFor(entry: SelectedEntry): Buffer {
  const path = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const fields = {
    path,
    mode: Number.parseInt(entry.mode, 8),
    uid: 0,
    gid: 0,
    size: entry.type === 'file' ? entry.size : 0,
    mtime: FIXED_MTIME,
    type: TAR_TYPES[entry.type],
    linkpath: entry.linkTarget ?? '',
    uname: '',
    gname: '',
    devmaj: 0,
    devmin: 0,
  };
  const block = Buffer.alloc(BLOCK);
  const needPax = new Header(fields).encode(block);
  if (!needPax) return block;
  const pax = new Pax({ path, mtime: FIXED_MTIME, ...(entry.linkTarget ? { linkpath: entry.linkTarget } : {}) });
  return Buffer.concat([pax.encode(), block]);
}

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

function changedError(entry: SelectedEntry): SpotError {
  return new SpotError(CODE.changedWhileReading, `"${entry.sourcePath}" changed size while it was bundled`, {
    hint: 'Stop whatever is writing to the project folder during the deploy, then run it again.',
  });
}

/** Yields the file's bytes and records their sha256 in `hashes` (also used by file-index.ts, which only hashes). */
export async function* fileBytes(entry: SelectedEntry, hashes: Map<string, string>): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let read = 0;
  if (entry.content) {
    hash.update(entry.content);
    read = entry.content.length;
    yield entry.content;
  } else if (entry.size <= SMALL_FILE) {
    // Synchronous on purpose: an asynchronous read takes four trips through libuv's thread pool
    // (open, stat, read, close), where it queues behind the gzip blocks compressing there.
    const whole = readFileSync(entry.sourcePath!);
    if (whole.length !== entry.size) throw changedError(entry);
    hash.update(whole);
    read = whole.length;
    yield whole;
  } else {
    for await (const chunk of createReadStream(entry.sourcePath!, { highWaterMark: READ_CHUNK })) {
      const buffer = chunk as Buffer;
      read += buffer.length;
      if (read > entry.size) throw changedError(entry);
      hash.update(buffer);
      yield buffer;
    }
  }
  if (read !== entry.size) throw changedError(entry);
  hashes.set(entry.path, hash.digest('hex'));
}

/**
 * The tar stream: every entry in the given order, then the trailer entry
 * made by `trailer()` once all file hashes are known (the bundle index).
 */
async function* tarBlocks(entries: SelectedEntry[], trailer: (hashes: Map<string, string>) => SelectedEntry): AsyncGenerator<Buffer> {
  const hashes = new Map<string, string>();
  const all = (async function* () {
    for (const entry of entries) {
      yield headerFor(entry);
      if (entry.type !== 'file') continue;
      yield* fileBytes(entry, hashes);
      yield padding(entry.size);
    }
    const last = trailer(hashes);
    yield headerFor(last);
    yield* fileBytes(last, hashes);
    yield padding(last.size);
    yield Buffer.alloc(BLOCK * 2);
  })();
  yield* batched(all);
}

async function* batched(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < BATCH_BYTES) continue;
    yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/** Hashes and counts the compressed bytes on their way to disk. */
function tap(hash: Hash, counter: { bytes: number }) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      counter.bytes += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
  };
}

/** Writes the tar.gz to `file`; returns the sha256 and size of the compressed bytes. */
export async function writeTarGz(
  file: string,
  entries: SelectedEntry[],
  trailer: (hashes: Map<string, string>) => SelectedEntry,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const counter = { bytes: 0 };
  await pipeline(parallelGzip(tarBlocks(entries, trailer), { level: GZIP_LEVEL }), tap(hash, counter), createWriteStream(file));
  return { sha256: hash.digest('hex'), bytes: counter.bytes };
}
