/** Parallel gzip: standard gzip that gunzip and tar read, the same bytes on 1 core or many. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parallelGzip } from '../../src/bundle/parallel-gzip.js';

async function gzipOf(parts: Buffer[], parallel: number, blockBytes?: number): Promise<Buffer> {
  const out: Buffer[] = [];
  const source = (async function* () {
    yield* parts;
  })();
  for await (const chunk of parallelGzip(source, { level: 6, parallel, ...(blockBytes ? { blockBytes } : {}) })) out.push(chunk);
  return Buffer.concat(out);
}

const text = Buffer.from('spot-deployer '.repeat(200_000));
const random = randomBytes(3 * 1024 * 1024 + 17);

describe('parallelGzip', () => {
  it.each([
    ['empty input', [Buffer.alloc(0)]],
    ['less than one block', [Buffer.from('hello')]],
    ['exactly two blocks', [Buffer.alloc(2 << 20, 1)]],
    ['text and random data in odd-sized parts', [text.subarray(0, 12345), random, text.subarray(12345)]],
  ])('%s: gunzip gives the input back, and 1, 2 and 8 in flight give the same bytes', async (_name, parts) => {
    const one = await gzipOf(parts, 1);
    expect(gunzipSync(one).equals(Buffer.concat(parts))).toBe(true);
    expect((await gzipOf(parts, 2)).equals(one)).toBe(true);
    expect((await gzipOf(parts, 8)).equals(one)).toBe(true);
  });

  it("is read by the system's gzip, and compresses text about as well as one stream", async () => {
    const gz = await gzipOf([text], 4);
    const check = spawnSync('gzip', ['-t'], { input: gz });
    expect(check.status, check.stderr.toString()).toBe(0);
    const single = spawnSync('gzip', ['-6', '-c'], { input: text }).stdout;
    expect(gz.length).toBeLessThan(single.length * 1.05 + 200);
  });

  it('writes a header with no time and OS Unix, so the bytes do not depend on the machine', async () => {
    const gz = await gzipOf([text], 2);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  });
});
