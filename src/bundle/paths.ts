/**
 * Path rules for the bundle: what a source, a destination and an archive
 * path may look like. Kept apart from the file walk so the rules are easy
 * to read and to test.
 */
import { posix } from 'node:path';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import type { BundleSource } from '../plan/types.js';

const hasDotDot = (path: string): boolean => path.split(/[/\\]/).includes('..');

/** Where the upload's bytes live in the archive: `files/<dest without leading slash>`. */
export function archiveBaseFor(upload: BundleSource, index: number): string {
  const { dest } = upload;
  if (!dest.startsWith('/') || hasDotDot(dest) || dest.includes('\0')) {
    throw new SpotError(
      CODE.unsafeDest,
      `upload ${index + 1} (${upload.source}): destination "${dest}" must be an absolute path without ".."`,
      { key: `uploads.${index}.dest`, hint: 'Write the destination as an absolute path on the instance, e.g. /opt/app.' },
    );
  }
  const trimmed = posix.normalize(dest).replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? 'files' : `files/${trimmed}`;
}

/** The upload's source relative to the project root, normalised; refuses escapes. */
export function checkedSource(upload: BundleSource, index: number): string {
  const { source } = upload;
  const absolute = source.startsWith('/') || /^[A-Za-z]:[/\\]/.test(source);
  if (absolute || hasDotDot(source) || source.includes('\0')) {
    throw new SpotError(
      CODE.pathEscape,
      `upload ${index + 1}: source "${source}" must be a path inside the project (no absolute path, no "..")`,
      { key: `uploads.${index}.source`, hint: 'Move the file into the project and name it relative to the project root.' },
    );
  }
  const normal = posix.normalize(source.replace(/\\/g, '/')).replace(/\/+$/, '');
  return normal === '' ? '.' : normal;
}

/** Extra files are written by our own code, but a bad path must still never escape. */
export function checkedExtraPath(path: string): string {
  const normal = posix.normalize(path);
  if (path.startsWith('/') || hasDotDot(path) || normal.startsWith('files/') || normal === '.') {
    throw new SpotError(CODE.unsafeExtra, `bundle extra file "${path}" must be a relative path outside files/`);
  }
  return normal;
}

/**
 * A symlink is kept only when its target stays inside the upload it belongs
 * to: anything else would point at a different file on the instance than on
 * the machine that built the bundle.
 */
export function checkedLinkTarget(target: string, relPath: string, projectPath: string): string {
  const resolved = posix.normalize(posix.join(posix.dirname(relPath), target));
  if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
    throw new SpotError(CODE.pathEscape, `symlink "${projectPath}" points outside the upload (to "${target}")`, {
      position: { file: projectPath },
      hint: 'Replace the link with the file itself, make it relative inside the uploaded folder, or exclude it in .spotignore.',
    });
  }
  return target;
}

/** `0644` style string from a number. */
export const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/** Parses an octal mode string such as `0640` or `640`. */
export function parseMode(mode: string, key: string): number {
  if (!/^0?[0-7]{3,4}$/.test(mode)) {
    throw new SpotError(CODE.badPermissions, `mode "${mode}" is not an octal permission such as 0644`, { key });
  }
  return Number.parseInt(mode, 8);
}
