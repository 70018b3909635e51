/**
 * The content sha256 of every file of a bundle, without building it: what
 * an unchanged redeploy needs to know before it spends seconds compressing.
 * Files are read exactly as the archive writer reads them (tar-writer.ts
 * `fileBytes`: one exact-size read for a small file, 1 MiB chunks for a large
 * one, the same "changed while reading" check), several at a time, since on
 * a tree of many small files the time goes into opening them, not hashing.
 */
import { fileBytes } from './tar-writer.js';
import type { SelectedEntry } from './types.js';

/** Files read at once: enough to keep the disk and the thread pool busy, few enough to bound memory (≤ 1 MiB each). */
export const HASH_PARALLEL = 8;

export async function hashFiles(entries: readonly SelectedEntry[], parallel = HASH_PARALLEL): Promise<Map<string, string>> {
  const files = entries.filter((entry) => entry.type === 'file');
  const hashes = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const entry = files[next]!;
      next += 1;
      // Only the hash is wanted: the bytes are dropped as they come.
      for await (const chunk of fileBytes(entry, hashes)) void chunk;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  // Insertion order differs with the parallelism; callers look hashes up by path.
  return hashes;
}
