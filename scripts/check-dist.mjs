// Rebuilds dist/ into a temporary folder and compares every file with the
// committed one: the slow, complete form of the staleness check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const listFiles = (root, dir = root) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
  );

const fresh = join(mkdtempSync(join(tmpdir(), 'dist-check-')), 'dist');
execFileSync('node', ['scripts/build.mjs', '--out', fresh], { stdio: 'inherit' });
const committed = listFiles('dist').sort();
const built = listFiles(fresh).sort();
const stale = [...new Set([...committed, ...built])].filter((file) => {
  try {
    return !readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file)));
  } catch {
    return true;
  }
});
if (stale.length > 0) {
  console.error(`dist/ is stale: ${stale.join(', ')}\nrun npm run build and commit dist/`);
  process.exit(1);
}
console.log('dist/ matches a fresh build');
