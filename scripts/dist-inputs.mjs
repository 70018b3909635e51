// The inputs dist/ is built from, hashed: build.mjs writes the hash into
// dist/, and the staleness test recomputes it in milliseconds instead of
// rebuilding (the full rebuild-and-compare runs in the repository's own
// workflow and in `npm run check-dist`).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const INPUTS_FILE = 'inputs.sha256';
const ROOTS = ['src', 'templates', 'scripts/build.mjs', 'scripts/classic-cli.mjs', 'package-lock.json', 'tsconfig.json'];

function filesUnder(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

export function distInputsHash(root = '.') {
  const hash = createHash('sha256');
  for (const file of ROOTS.flatMap((path) => filesUnder(join(root, path)))) {
    hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
