/**
 * Whether a path compose needs is left out of the bundle by the ignore
 * rules: the bundle walk (bundle/select-files.ts) skips an ignored folder
 * with everything in it, so each folder between the upload's root and the
 * path is checked, project-relative against the default excludes and the
 * project's rules (.spotignore, else .gitignore) and upload-relative against
 * the upload's own `exclude`. An upload naming the path itself always
 * bundles it. Pure: the caller says whether the path is a folder.
 */
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_EXCLUDES } from './paths.js';
import type { BundleSource, Plan } from './types.js';

const covers = (upload: BundleSource, wanted: string): boolean =>
  upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`);

/** What skips `wanted` inside one upload (a folder on the way or the path itself), or undefined. */
function skipInside(
  upload: BundleSource,
  wanted: string,
  isDirectory: boolean,
  project: { rules: Ignore; label: string },
): string | undefined {
  const own = ignore().add(upload.exclude);
  const parts = (upload.source === '.' ? wanted : path.posix.relative(upload.source, wanted)).split('/');
  for (let index = 0; index < parts.length; index += 1) {
    const rel = parts.slice(0, index + 1).join('/');
    const suffix = index < parts.length - 1 || isDirectory ? '/' : '';
    if (project.rules.ignores((upload.source === '.' ? rel : `${upload.source}/${rel}`) + suffix)) return project.label;
    if (own.ignores(rel + suffix)) return "the upload's exclude";
  }
  return undefined;
}

/** The rules that leave `wanted` out of every upload covering it, or undefined when one bundles it. */
export function ignoredBy(
  uploads: BundleSource[],
  wanted: string,
  isDirectory: boolean,
  bundleIgnore: Plan['bundleIgnore'] | undefined,
): string | undefined {
  const rules = ignore()
    .add([...DEFAULT_EXCLUDES])
    .add(bundleIgnore?.rules ?? '');
  const project = { rules, label: bundleIgnore?.file ?? 'the default excludes' };
  let reason: string | undefined;
  for (const upload of uploads.filter((candidate) => covers(candidate, wanted))) {
    if (upload.source === wanted) return undefined; // named itself: bundled whatever the rules say
    reason = skipInside(upload, wanted, isDirectory, project);
    if (reason === undefined) return undefined;
  }
  return reason;
}
