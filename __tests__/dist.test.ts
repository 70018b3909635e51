/**
 * dist/ is committed and must be what src/ and templates/ build to today.
 * Rebuilds into a temporary folder and compares every file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const listFiles = (root: string, dir = root): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  );

describe('dist/', () => {
  it('matches a fresh build of src/ and templates/ (run `npm run build` and commit dist/ when this fails)', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'dist-check-')), 'dist');
    execFileSync('node', ['scripts/build.mjs', '--out', fresh], { stdio: 'pipe' });
    const committed = listFiles('dist').sort();
    expect(committed).toEqual(listFiles(fresh).sort());
    const stale = committed.filter((file) => !readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file))));
    expect(stale, 'stale files in dist/').toEqual([]);
  }, 300_000);
});
