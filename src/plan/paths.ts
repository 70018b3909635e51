import { posix } from 'node:path';
import type { BundleSource } from './types.js';

/** Project-relative, `/`-separated, without `./` or a trailing `/`. */
export const normaliseSource = (source: string): string =>
  source
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '') || '.';

/**
 * Where a project path (a script, unit or compose file) lands on the
 * instance: through the most specific upload that contains it, else under
 * the target, where the whole project is unpacked by convention.
 */
export function instancePath(manifest: { target: string; uploads: BundleSource[] }, projectPath: string): string {
  const path = posix.normalize(projectPath).replace(/^\.\/|\/+$/g, '');
  let best: { source: string; dest: string } | undefined;
  for (const upload of manifest.uploads) {
    const source = posix.normalize(upload.source).replace(/\/+$/, '');
    const covers = source === '.' || path === source || path.startsWith(`${source}/`);
    if (covers && (best === undefined || best.source === '.' || source.length > best.source.length)) {
      best = { source, dest: upload.dest };
    }
  }
  if (!best) return posix.join(manifest.target, path);
  const rest = best.source === '.' ? path : path.slice(best.source.length).replace(/^\//, '');
  return rest === '' ? best.dest : posix.join(best.dest, rest);
}

/** Debris that never belongs on a server; documented in docs/bundle.md. */
export const DEFAULT_EXCLUDES = [
  '.git',
  '.DS_Store',
  'Thumbs.db',
  '*.swp',
  '*~',
  '__pycache__/',
  '.terraform/',
  'node_modules/.cache/',
  // The deployer's own settings, when the whole project is bundled (a root compose file).
  '/.spot/',
] as const;

/**
 * Secrets by name (docs/configuration.md): `.env*`, `*.pem`, `*.key`, and
 * anything in or named `secrets/`, at any depth and in any upload. They are
 * bundled 0600 (folders 0700) like the entries of `secrets:`.
 */
export function isSecretName(projectPath: string, isDirectory: boolean): boolean {
  const parts = projectPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).includes('secrets') || name === 'secrets') return true;
  return !isDirectory && (name.startsWith('.env') || name.endsWith('.pem') || name.endsWith('.key'));
}
