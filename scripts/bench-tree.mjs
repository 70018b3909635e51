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

const CODE_WORDS = [
  'function',
  'return',
  'const',
  'exports',
  'require',
  'module',
  'undefined',
  'this',
  'prototype',
  'Object.defineProperty',
  'value',
  'options',
  'callback',
  'Promise',
  'async',
  'await',
  'new Error(',
  '});',
  '=>',
  'if (',
  'else',
  'typeof',
  "'use strict';",
  'length',
];

function codePool(size, random) {
  const parts = [];
  let length = 0;
  for (let line = 0; length < size; line += 1) {
    const indent = ' '.repeat(2 * Math.floor(random() * 4));
    const count = 3 + Math.floor(random() * 8);
    const words = Array.from({ length: count }, () => CODE_WORDS[Math.floor(random() * CODE_WORDS.length)]);
    const text = `${indent}${words.join(' ')} _${Math.floor(random() * 1e5).toString(36)};\n`;
    parts.push(text);
    length += text.length;
  }
  return Buffer.from(parts.join(''));
}

/**
 * A tree shaped like a real project with its `node_modules`: many small
 * JavaScript-like files (most under 20 KB) in nested package folders, a few
 * large bundled files, and a few incompressible binaries (`.node`, `.wasm`),
 * about `bytes` in all: half the bytes in the small files' share would be
 * unrealistic, so the large ones carry most of it, as in real trees.
 */
export async function generateNodeModulesTree(root, { files, bytes }) {
  const random = prng(7);
  const pool = codePool(8 * 1024 * 1024, random);
  const slice = (size) => {
    if (size >= pool.length) return Buffer.alloc(size, pool);
    const start = Math.floor(random() * (pool.length - size - 1));
    return pool.subarray(start, start + size);
  };
  const large = Math.max(1, Math.round(files / 200));
  const binaries = Math.max(1, Math.round(files / 800));
  const small = files - large - binaries;
  // Shares of the bytes: small text 31 %, large text 49 %, binaries 20 %.
  const smallAverage = (bytes * 0.31) / small;
  const largeAverage = (bytes * 0.49) / large;
  const binaryAverage = (bytes * 0.2) / binaries;
  let written = 0;
  let made = 0;
  const write = (path, content) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    written += content.length;
    made += 1;
  };
  const packages = Math.max(1, Math.round(files / 20));
  const packageDir = (index) =>
    index % 5 === 0
      ? join(root, 'node_modules', `pkg${index}`, 'node_modules', `dep${index % 97}`)
      : join(root, 'node_modules', index % 3 === 0 ? `@scope${index % 11}/pkg${index}` : `pkg${index}`);
  for (let i = 0; i < small; i += 1) {
    const dir = packageDir(i % packages);
    const kind = i % 20;
    const name =
      kind === 0 ? 'package.json' : kind === 1 ? 'README.md' : `${kind % 2 ? 'lib' : 'dist'}/file${i}.${kind % 3 ? 'js' : 'd.ts'}`;
    // Mostly tiny, sometimes tens of KB: a long tail around the average.
    const size = Math.max(16, Math.floor(smallAverage * -Math.log(1 - random() * 0.999)));
    write(join(dir, name), slice(size));
  }
  for (let i = 0; i < large; i += 1) {
    const size = Math.max(1024, Math.floor(largeAverage * (0.3 + 1.4 * random())));
    write(join(packageDir((i * 7) % packages), 'dist', `bundle${i}.js`), slice(size));
  }
  for (let i = 0; i < binaries; i += 1) {
    const size = Math.max(1024, Math.floor(binaryAverage * (0.5 + random())));
    write(join(packageDir((i * 13) % packages), 'build', `native${i}.${i % 2 ? 'node' : 'wasm'}`), randomBytes(size));
  }
  write(join(root, 'src', 'index.js'), slice(4096));
  return { files: made, bytes: written };
}

/** One file of random bytes: nothing to compress, so the time is all reading, hashing and deflate's effort. */
export async function generateLargeFile(root, { bytes }) {
  mkdirSync(root, { recursive: true });
  const chunk = 8 * 1024 * 1024;
  const path = join(root, 'blob.bin');
  writeFileSync(path, Buffer.alloc(0));
  const { appendFileSync } = await import('node:fs');
  for (let left = bytes; left > 0; left -= chunk) appendFileSync(path, randomBytes(Math.min(chunk, left)));
  return { files: 1, bytes };
}
