/**
 * The version `--version` prints: read from the package's own package.json,
 * two levels up from src/cli/ and from dist/cli/ alike. The path is computed
 * at run time so ncc leaves it alone instead of bundling a copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '..']) {
    // A template string, not resolve(…, 'package.json'): ncc would rewrite the latter into a build-time path.
    const file = `${resolve(here, up)}${sep}package.json`;
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name === 'spot-deployer' && json.version) return json.version;
  }
  return 'unknown';
}
