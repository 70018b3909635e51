/**
 * Symlinks inside uploaded folders that point outside their upload: the
 * bundle stage refuses them (bundle/paths.ts checkedLinkTarget); finding
 * them here as well lets `validate`, which builds no bundle, say so first.
 * The walk skips what the bundle would skip (default excludes, the
 * project's ignore rules, the upload's own `exclude`).
 */
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CODE } from '../core/codes.js';
import type { IssueList } from '../config/issues.js';
import { DEFAULT_EXCLUDES } from './paths.js';
import type { Plan } from './types.js';

export function checkUploadLinks(plan: Pick<Plan, 'projectRoot' | 'manifest' | 'bundleIgnore'>, issues: IssueList): void {
  const projectIgnore = ignore()
    .add([...DEFAULT_EXCLUDES])
    .add(plan.bundleIgnore.rules);
  for (const [index, upload] of plan.manifest.uploads.entries()) {
    const rootAbs = path.join(plan.projectRoot, upload.source);
    let stats;
    try {
      stats = lstatSync(rootAbs);
    } catch {
      continue; // a missing source is reported by the source checks
    }
    if (!stats.isDirectory()) continue;
    const walk = {
      rootAbs,
      source: upload.source,
      projectIgnore,
      uploadIgnore: ignore().add(upload.exclude),
      key: `uploads.${index}.source`,
    };
    const found = escapingLink(walk, '');
    if (!found) continue;
    issues.add({
      code: CODE.pathEscape,
      file: found.projectPath,
      line: 1,
      column: 1,
      key: walk.key,
      message: `symlink "${found.projectPath}" points outside the upload (to "${found.target}")`,
      hint: 'replace the link with the file itself, make it relative inside the uploaded folder, or exclude it in .spotignore',
      severity: 'error',
    });
  }
}

interface Walk {
  rootAbs: string;
  source: string;
  projectIgnore: Ignore;
  uploadIgnore: Ignore;
}

/** The first escaping link under `rel` (sorted walk), if any. */
function escapingLink(walk: Walk, rel: string): { projectPath: string; target: string } | undefined {
  const dir = path.join(walk.rootAbs, rel);
  for (const name of readdirSync(dir).sort()) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const abs = path.join(dir, name);
    const stats = lstatSync(abs);
    const suffix = stats.isDirectory() ? '/' : '';
    const projectPath = path.posix.join(walk.source, childRel);
    if (walk.projectIgnore.ignores(projectPath + suffix) || walk.uploadIgnore.ignores(childRel + suffix)) continue;
    if (stats.isSymbolicLink()) {
      const target = readlinkSync(abs);
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(childRel), target));
      if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) return { projectPath, target };
    } else if (stats.isDirectory()) {
      const inner = escapingLink(walk, childRel);
      if (inner) return inner;
    }
  }
  return undefined;
}
