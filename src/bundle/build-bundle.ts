/**
 * Builds the deployment bundle: a deterministic tar.gz holding every upload
 * under `files/<dest>`, the caller's extra files (`.spot-bundle/steps.sh`,
 * `.spot-bundle/env`) and `.spot-bundle/index.json`. The same files give the
 * same bytes and sha256 on any machine, whatever the mtimes, owners or umask.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plan } from '../plan/types.js';
import { checkedExtraPath, octal, parseMode } from './paths.js';
import { hashFiles } from './file-index.js';
import { addAncestors, selectUploads } from './select-files.js';
import { largeBundleNotice } from './size-notice.js';
import { writeTarGz } from './tar-writer.js';
import type { Bundle, BuildBundleOptions, BundleEntry, BundleIndex, ExtraFile, IndexUpload, SelectedEntry, Selection } from './types.js';

export type { Bundle, BuildBundleOptions, BundleEntry, BundleIndex, ExtraFile, Selection } from './types.js';

export const BUNDLE_DIR = '.spot-bundle';
export const INDEX_PATH = `${BUNDLE_DIR}/index.json`;
export const INDEX_VERSION = 1;

function extraEntry(extra: ExtraFile, index: number): SelectedEntry {
  const path = checkedExtraPath(extra.path);
  const content = Buffer.from(extra.content, 'utf8');
  const mode = octal(parseMode(extra.mode, `extraFiles.${index}.mode`));
  return { path, size: content.length, mode, secret: extra.secret ?? false, type: 'file', content };
}

/** Byte order, not locale order: the same on every machine. */
const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

const publicEntry = ({ path, size, mode, secret, type }: SelectedEntry): BundleEntry => ({ path, size, mode, secret, type });

/** The index lists every entry with its sha256 and secret flag; never any contents. */
function indexEntry(entries: SelectedEntry[], uploads: IndexUpload[], hashes: Map<string, string>): SelectedEntry {
  const listed = entries.map((entry) => ({
    ...publicEntry(entry),
    ...(hashes.has(entry.path) ? { sha256: hashes.get(entry.path) } : {}),
    ...(entry.linkTarget ? { linkTarget: entry.linkTarget } : {}),
  }));
  const body = `${JSON.stringify({ version: INDEX_VERSION, entries: listed, uploads }, null, 2)}\n`;
  const content = Buffer.from(body, 'utf8');
  return { path: INDEX_PATH, size: content.length, mode: '0644', secret: false, type: 'file', content };
}

/**
 * Walks the project once: every upload's files, with sizes and modes, but no
 * contents read. Both parts of a bundle (and its index) can share one walk;
 * bad input (a link that leaves the project, a device file) is refused here.
 */
export async function selectBundleFiles(plan: Plan, outDir: string): Promise<Selection> {
  return await selectUploads(plan, resolve(outDir));
}

/** Every entry of the archive except the index, sorted by path. */
async function collectEntries(plan: Plan, options: BuildBundleOptions) {
  const selection = options.selection ?? (await selectUploads(plan, options.outDir));
  // A copy: the extra files of one part must not leak into the shared walk.
  const entries = new Map(selection.entries);
  const { uploads } = selection;
  for (const [index, extra] of options.extraFiles.entries()) {
    const entry = extraEntry(extra, index);
    entries.set(entry.path, entry);
  }
  entries.set(BUNDLE_DIR, { path: BUNDLE_DIR, size: 0, mode: '0755', secret: false, type: 'directory' });
  addAncestors(entries);
  entries.delete(INDEX_PATH);
  return { sorted: inPart([...entries.values()], options.part).sort(byPath), uploads };
}

/** The entries of one part: secret entries go only to the secret part, with the folders above them. */
function inPart(entries: SelectedEntry[], part: BuildBundleOptions['part']): SelectedEntry[] {
  if (part === undefined) return entries;
  if (part === 'public') return entries.filter((entry) => !entry.secret);
  const secret = entries.filter((entry) => entry.secret);
  const above = (dir: SelectedEntry): boolean => secret.some((entry) => entry.path.startsWith(`${dir.path}/`));
  return [...secret, ...entries.filter((entry) => !entry.secret && entry.type === 'directory' && above(entry))];
}

const sha256Of = (content: Buffer | undefined): string =>
  createHash('sha256')
    .update(content ?? Buffer.alloc(0))
    .digest('hex');

/**
 * The bundle's index (`.spot-bundle/index.json`: every path, mode, size and
 * content sha256, in archive order) without writing the archive: reads and
 * hashes every file, compresses nothing. Its sha256 is the one `buildBundle`
 * reports for the same files, so a deploy can tell that nothing changed
 * before it spends time compressing.
 */
export async function indexBundle(plan: Plan, options: BuildBundleOptions): Promise<BundleIndex> {
  const { sorted, uploads } = await collectEntries(plan, { ...options, outDir: resolve(options.outDir) });
  const index = indexEntry(sorted, uploads, await hashFiles(sorted));
  return { sha256: sha256Of(index.content), entries: [...sorted, index].map(publicEntry) };
}

/**
 * Builds the bundle into `options.outDir` as `<sha256>.tar.gz`. The index
 * comes last in the archive because it records the sha256 of everything
 * before it, computed while those bytes stream through.
 */
export async function buildBundle(plan: Plan, options: BuildBundleOptions): Promise<Bundle> {
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const { sorted, uploads } = await collectEntries(plan, { ...options, outDir });
  let index: SelectedEntry | undefined;
  const trailer = (hashes: Map<string, string>): SelectedEntry => (index = indexEntry(sorted, uploads, hashes));
  const temporary = join(outDir, `.bundle-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const { sha256, bytes } = await writeTarGz(temporary, sorted, trailer);
    const file = join(outDir, `${sha256}.tar.gz`);
    await rename(temporary, file);
    const entries = [...sorted, index!].map(publicEntry);
    const notice = largeBundleNotice(entries);
    // From the hashes of the bytes actually archived, not from an earlier look at the files.
    const indexSha256 = sha256Of(index!.content);
    return { file, sha256, bytes, indexSha256, entries, notices: notice === undefined ? [] : [notice] };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
