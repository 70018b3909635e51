/**
 * A notice for a bundle that grew large (usually a build folder, a
 * virtualenv or node_modules that should have been ignored): it names the
 * folders that weigh most, so the user knows what to put in .spotignore.
 */
import type { BundleEntry } from './types.js';

export const LARGE_BUNDLE_BYTES = 50 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Undefined under the limit; else the notice, naming the three largest folders (files, before compression). */
export function largeBundleNotice(entries: readonly BundleEntry[], limit = LARGE_BUNDLE_BYTES): string | undefined {
  const files = entries.filter((entry) => entry.type === 'file');
  const total = files.reduce((sum, entry) => sum + entry.size, 0);
  if (total <= limit) return undefined;
  const byFolder = new Map<string, number>();
  for (const entry of files) {
    const parts = entry.path.split('/').slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join('/');
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + entry.size);
    }
  }
  const childrenOf = (folder: string): [string, number][] =>
    [...byFolder.entries()]
      .filter(([other]) =>
        folder === '' ? !other.includes('/') : other.startsWith(`${folder}/`) && !other.slice(folder.length + 1).includes('/'),
      )
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Go down while one folder holds nearly everything (files/ → files/opt → files/opt/deployment), then name its heaviest children.
  let at = '';
  for (let next = childrenOf(at)[0]; next && next[1] >= total * 0.9 && childrenOf(next[0]).length > 0; next = childrenOf(at)[0])
    at = next[0];
  const ranked = childrenOf(at)
    .slice(0, 3)
    .map(([folder, size]): [string, number] => [`/${folder.replace(/^files\//, '')}`, size]);
  const named = ranked.map(([folder, size]) => `${folder} (${megabytes(size)})`).join(', ');
  return `the bundle holds ${megabytes(total)} of files (over ${megabytes(limit)}); largest folders on the instance: ${named}. Exclude what the instance does not need in .spotignore`;
}
