// Generates the benchmark's project tree: `files` files spread over folders,
// about `bytes` in all, every other file text (compresses ~4x) and the rest
// random (does not compress). Seeded, so every run measures the same tree.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = [
  'deploy',
  'spot',
  'instance',
  'bundle',
  'region',
  'subnet',
  'status',
  'health',
  'service',
  'config',
  'the',
  'a',
  'of',
  'to',
  'and',
  'ready',
  'capacity',
  'fleet',
  'timeout',
  'retry',
  'error',
  'value',
  'key',
  'path',
];

/** A small xorshift PRNG: the same sizes and words on every run. */
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function textPool(size, random) {
  const parts = [];
  let length = 0;
  for (let line = 0; length < size; line += 1) {
    const count = 4 + Math.floor(random() * 10);
    const words = Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const text = `${line}: ${words.join(' ')} ${Math.floor(random() * 1e6)}\n`;
    parts.push(text);
    length += text.length;
  }
  return Buffer.from(parts.join(''));
}

export async function generateTree(root, { files, bytes }) {
  const random = prng(42);
  const pool = textPool(8 * 1024 * 1024, random);
  const average = bytes / files;
  let written = 0;
  for (let i = 0; i < files; i += 1) {
    const dir = join(root, `dir${String(i % 50).padStart(2, '0')}`, `sub${i % 7}`);
    if (i < 350) mkdirSync(dir, { recursive: true });
    // Sizes between 0.1x and 1.9x the average, so both tiny and large files occur.
    const size = Math.max(1, Math.floor(average * (0.1 + 1.8 * random())));
    let content;
    if (i % 2 === 0) {
      const start = Math.floor(random() * (pool.length - size - 1));
      content = size < pool.length ? pool.subarray(start, start + size) : Buffer.alloc(size, pool);
    } else {
      content = randomBytes(size);
    }
    writeFileSync(join(dir, `file${i}.${i % 2 === 0 ? 'txt' : 'bin'}`), content);
    written += size;
  }
  return { files, bytes: written };
}
