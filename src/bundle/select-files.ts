/**
 * Chooses what goes into the bundle: walks each upload, applies the default
 * excludes, `.spotignore` and the upload's own `exclude`, and decides each
 * entry's archive path and normalised mode. Reads the file system but writes
 * nothing.
 */
import { existsSync, realpathSync, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import type { BundleSource, Plan } from '../plan/types.js';
import { DEFAULT_EXCLUDES, isSecretName } from '../plan/paths.js';
import { archiveBaseFor, checkedLinkTarget, checkedSource, octal, parseMode } from './paths.js';
import type { IndexUpload, SelectedEntry } from './types.js';

export { DEFAULT_EXCLUDES };

interface WalkContext {
  projectRoot: string;
  projectIgnore: Ignore;
  /** Real paths of secret sources: other uploads must not carry them at a laxer mode. */
  secretSources: string[];
  /** Never bundle our own output when it sits inside the project. */
  outDir: string;
  entries: SelectedEntry[];
}

interface UploadWalk {
  upload: BundleSource;
  index: number;
  rootAbs: string;
  base: string;
  uploadIgnore: Ignore;
}

const toPosix = (path: string): string => path.split(sep).join('/');

const isInside = (child: string, parent: string): boolean =>
  child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/** The default excludes, then the project's rules (read into the Plan), so a rule can re-include with `!`. */
const projectIgnoreOf = (plan: Plan): Ignore =>
  ignore()
    .add([...DEFAULT_EXCLUDES])
    .add(plan.bundleIgnore.rules);

/** Resolves an upload's source; a symlinked source is followed but must stay in the project. */
function resolveSource(projectRoot: string, upload: BundleSource, index: number): string {
  const source = checkedSource(upload, index);
  const candidate = join(projectRoot, source);
  if (!existsSync(candidate)) {
    throw new SpotError(CODE.missingSource, `upload source "${source}" does not exist in the project`, {
      key: `uploads.${index}.source`,
      hint: `Create ${source} or correct the path; sources are relative to ${projectRoot}.`,
    });
  }
  const real = realpathSync(candidate);
  if (!isInside(real, projectRoot)) {
    throw new SpotError(CODE.pathEscape, `upload source "${source}" is a link that leaves the project`, {
      key: `uploads.${index}.source`,
      hint: 'Copy the file into the project instead of linking to it.',
    });
  }
  return real;
}

/** SPEC §2.2: secrets (by upload or by name) are always 0600, whatever `mode` says; the agent enforces the same. */
function fileMode(upload: BundleSource, stats: Stats, index: number, secret: boolean): number {
  if (secret) return 0o600;
  if (upload.mode !== undefined) return parseMode(upload.mode, `uploads.${index}.mode`);
  return stats.mode & 0o100 ? 0o755 : 0o644;
}

function entryFor(ctx: WalkContext, walk: UploadWalk, abs: string, path: string, stats: Stats): SelectedEntry {
  const { upload } = walk;
  const projectPath = toPosix(relative(ctx.projectRoot, abs));
  const secret = upload.secret || isSecretName(projectPath, stats.isDirectory());
  if (stats.isDirectory()) {
    return { path, size: 0, mode: secret ? '0700' : '0755', secret, type: 'directory' };
  }
  if (stats.isFile()) {
    const mode = octal(fileMode(upload, stats, walk.index, secret));
    return { path, size: stats.size, mode, secret, type: 'file', sourcePath: abs };
  }
  throw new SpotError(CODE.unsupportedType, `"${projectPath}" is not a regular file, folder or symlink`, {
    position: { file: projectPath },
    hint: 'Device files, sockets and FIFOs cannot be bundled; exclude it in .spotignore.',
  });
}

async function symlinkEntry(ctx: WalkContext, walk: UploadWalk, abs: string, rel: string): Promise<SelectedEntry> {
  const projectPath = toPosix(relative(ctx.projectRoot, abs));
  const linkTarget = checkedLinkTarget(await readlink(abs), rel, projectPath);
  const path = `${walk.base}/${rel}`;
  return { path, size: 0, mode: '0777', secret: walk.upload.secret, type: 'symlink', linkTarget };
}

function excluded(ctx: WalkContext, walk: UploadWalk, abs: string, rel: string, isDir: boolean): boolean {
  if (isInside(abs, ctx.outDir)) return true;
  if (!walk.upload.secret && ctx.secretSources.some((secret) => isInside(abs, secret))) return true;
  const suffix = isDir ? '/' : '';
  const projectPath = toPosix(relative(ctx.projectRoot, abs));
  return ctx.projectIgnore.ignores(projectPath + suffix) || walk.uploadIgnore.ignores(rel + suffix);
}

async function walkFolder(ctx: WalkContext, walk: UploadWalk, rel: string): Promise<void> {
  const dirAbs = rel === '' ? walk.rootAbs : join(walk.rootAbs, rel);
  const names = (await readdir(dirAbs)).sort();
  for (const name of names) {
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const abs = join(dirAbs, name);
    const stats = await lstat(abs);
    if (excluded(ctx, walk, abs, childRel, stats.isDirectory())) continue;
    if (stats.isSymbolicLink()) {
      ctx.entries.push(await symlinkEntry(ctx, walk, abs, childRel));
      continue;
    }
    ctx.entries.push(entryFor(ctx, walk, abs, `${walk.base}/${childRel}`, stats));
    if (stats.isDirectory()) await walkFolder(ctx, walk, childRel);
  }
}

async function walkUpload(ctx: WalkContext, upload: BundleSource, index: number): Promise<IndexUpload> {
  const rootAbs = resolveSource(ctx.projectRoot, upload, index);
  const base = archiveBaseFor(upload, index);
  const uploadIgnore = ignore().add(upload.exclude);
  const walk: UploadWalk = { upload, index, rootAbs, base, uploadIgnore };
  const stats = await lstat(rootAbs);
  // An explicitly named source is bundled even if .spotignore would skip it: the user asked for it.
  ctx.entries.push(entryFor(ctx, walk, rootAbs, base, stats));
  if (stats.isDirectory()) await walkFolder(ctx, walk, '');
  const type = stats.isDirectory() ? 'directory' : 'file';
  return { path: base, dest: upload.dest, type, secret: upload.secret, ...(upload.owner ? { owner: upload.owner } : {}) };
}

/** Same archive path twice: folders merge (the stricter mode wins), anything else is an error. */
function mergeEntries(entries: SelectedEntry[]): Map<string, SelectedEntry> {
  const byPath = new Map<string, SelectedEntry>();
  for (const entry of entries) {
    const seen = byPath.get(entry.path);
    if (!seen) {
      byPath.set(entry.path, entry);
    } else if (seen.type === 'directory' && entry.type === 'directory') {
      if (entry.secret) byPath.set(entry.path, entry);
    } else {
      throw new SpotError(CODE.duplicateDest, `two uploads write "/${entry.path.replace(/^files\//, '')}"`, {
        hint: 'Give each upload its own destination, or exclude the file from one of them.',
      });
    }
  }
  return byPath;
}

/** Folders above each entry, so that unpacking never depends on the umask. */
export function addAncestors(byPath: Map<string, SelectedEntry>): void {
  for (const path of [...byPath.keys()]) {
    for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) {
      if (byPath.has(dir)) continue;
      byPath.set(dir, { path: dir, size: 0, mode: '0755', secret: false, type: 'directory' });
    }
  }
}

/** Walks every upload of the plan and returns the entries (unsorted) and the upload roots. */
export async function selectUploads(plan: Plan, outDir: string): Promise<{ entries: Map<string, SelectedEntry>; uploads: IndexUpload[] }> {
  const projectRoot = realpathSync(plan.projectRoot);
  const uploadsList = plan.manifest.uploads;
  const secretSources = uploadsList
    .map((upload, index) => ({ upload, index }))
    .filter(({ upload }) => upload.secret)
    .map(({ upload, index }) => resolveSource(projectRoot, upload, index));
  const ctx: WalkContext = {
    projectRoot,
    projectIgnore: projectIgnoreOf(plan),
    secretSources,
    outDir: existsSync(outDir) ? realpathSync(outDir) : resolve(outDir),
    entries: [],
  };
  const uploads: IndexUpload[] = [];
  for (const [index, upload] of uploadsList.entries()) uploads.push(await walkUpload(ctx, upload, index));
  return { entries: mergeEntries(ctx.entries), uploads };
}
