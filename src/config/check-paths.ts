import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import type { IssueList, Locator } from './issues.js';
import type { KeyPath } from './yaml-source.js';

export interface PathCheck {
  root: string;
  locator: Locator;
  issues: IssueList;
}

const isInside = (child: string, parent: string): boolean =>
  child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/**
 * Checks that a project-relative source is relative, has no `..`, exists,
 * and does not resolve (through symlinks) outside the project. Returns its
 * stats when it is usable.
 */
export function checkSource(source: string, at: KeyPath, check: PathCheck): Stats | undefined {
  const { issues, locator } = check;
  if (path.posix.isAbsolute(source) || path.win32.isAbsolute(source)) {
    issues.report(locator, at, CODE.pathEscape, `source "${source}" is an absolute path`, {
      hint: 'name sources relative to the project root, e.g. deployment/app; files outside the project cannot be bundled',
    });
    return undefined;
  }
  if (source.split(/[\\/]/).includes('..')) {
    issues.report(locator, at, CODE.pathEscape, `source "${source}" leaves the project with ".."`, {
      hint: 'sources must stay inside the project; move the file into it',
    });
    return undefined;
  }
  const absolute = path.join(check.root, source);
  let stats: Stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    issues.report(locator, at, CODE.missingSource, `source "${source}" does not exist`, {
      hint: 'check the spelling; paths are relative to the project root',
    });
    return undefined;
  }
  return followInside(source, absolute, stats, at, check);
}

function followInside(source: string, absolute: string, stats: Stats, at: KeyPath, check: PathCheck): Stats | undefined {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    check.issues.report(check.locator, at, CODE.missingSource, `source "${source}" is a broken symlink`, {
      hint: 'point the link at an existing file inside the project, or remove it',
    });
    return undefined;
  }
  if (!isInside(real, realpathSync(check.root))) {
    check.issues.report(check.locator, at, CODE.pathEscape, `source "${source}" is a symlink that leaves the project`, {
      hint: 'copy the file into the project instead of linking to it',
    });
    return undefined;
  }
  return stats.isSymbolicLink() ? statSync(absolute) : stats;
}

/** Destinations and working folders on the instance: absolute, no `..`. */
export function checkInstancePath(value: string, at: KeyPath, check: PathCheck, what: string): void {
  if (!value.startsWith('/')) {
    check.issues.report(check.locator, at, CODE.invalidValue, `${what} "${value}" must be an absolute path on the instance`, {
      hint: `start it with /, e.g. /opt/${path.posix.basename(value) || 'app'}`,
    });
  } else if (value.split('/').includes('..')) {
    check.issues.report(check.locator, at, CODE.pathEscape, `${what} "${value}" contains ".."`, {
      hint: 'write the destination without .. segments',
    });
  }
}
