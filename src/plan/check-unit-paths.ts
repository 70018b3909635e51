/**
 * A unit that names a file of its own deployment which the bundle does not
 * bring fails on the instance, after the launch: `EnvironmentFile=` ("Failed
 * to load environment files"), `WorkingDirectory=` (status 200/CHDIR), the
 * program of `ExecStart=` (203/EXEC). Found trying a project of my own under
 * real systemd (docs/decisions.md, "A failed service says why").
 *
 * Said only where it is certain, since anything that runs on the instance
 * could make the file: the path lies inside an upload's destination or the
 * deployment's folder, the project has no file where that maps back to, the
 * deployment runs nothing that writes files (no scripts, hooks, tarballs or
 * compose) and the unit has no `ExecStartPre=`. An upload into a folder
 * packages share (`/etc`, `/usr/local`, `/`) does not count. Paths with systemd
 * specifiers or variables (`%h`, `$X`) and optional ones (`-/path`) are not
 * read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import type { IssueList } from '../config/issues.js';
import type { Manifest, Plan } from './types.js';

const NAMED_PATH = /^\s*(EnvironmentFile|WorkingDirectory|ExecStart)\s*=\s*(.*?)\s*$/;

/** The path an assignment names, when it is absolute, literal and required. */
function namedPath(key: string, value: string): string | undefined {
  const word = key === 'ExecStart' ? value.replace(/^[@:+!-]+/, '').split(/\s+/)[0]! : value;
  if (key !== 'ExecStart' && word.startsWith('-')) return undefined;
  return word.startsWith('/') && !/[%$]/.test(word) ? path.posix.normalize(word) : undefined;
}

/** Folders packages and the system write to as well: an upload there does not make a path the bundle's alone. */
const SHARED_FOLDERS = new Set(['/', '/etc', '/usr', '/usr/local', '/usr/bin', '/usr/lib', '/var', '/var/lib', '/opt', '/srv', '/home']);

/** The project file an instance path comes from, when it lies where only the bundle writes. */
function projectFileFor(manifest: Manifest, instancePath: string): string | undefined {
  const inside = (folder: string) =>
    !SHARED_FOLDERS.has(path.posix.normalize(folder).replace(/(.)\/+$/, '$1')) &&
    (instancePath === folder || instancePath.startsWith(`${folder.replace(/\/+$/, '')}/`));
  const upload = manifest.uploads.filter((entry) => inside(entry.dest)).sort((a, b) => b.dest.length - a.dest.length)[0];
  if (upload) return path.posix.join(upload.source, path.posix.relative(upload.dest, instancePath));
  return inside(manifest.target) ? path.posix.relative(manifest.target, instancePath) : undefined;
}

const writesFiles = (manifest: Manifest): boolean =>
  manifest.scripts.length > 0 ||
  manifest.hooks.preInstall.length > 0 ||
  manifest.hooks.postInstall.length > 0 ||
  manifest.tarballs.length > 0 ||
  manifest.compose !== undefined;

export function checkUnitPaths(plan: Pick<Plan, 'projectRoot' | 'manifest'>, issues: IssueList): void {
  const { manifest } = plan;
  if (writesFiles(manifest)) return;
  for (const [index, service] of manifest.services.entries()) {
    if (service.file === undefined) continue;
    let text: string;
    try {
      text = readFileSync(path.join(plan.projectRoot, service.file), 'utf8');
    } catch {
      continue; // a unit that cannot be read is reported by the deployment checks
    }
    const lines = text.split(/\r?\n/);
    if (lines.some((line) => /^\s*ExecStartPre\s*=/.test(line))) continue;
    for (const [lineIndex, line] of lines.entries()) {
      const match = NAMED_PATH.exec(line);
      const named = match ? namedPath(match[1]!, match[2]!) : undefined;
      const source = named === undefined ? undefined : projectFileFor(manifest, named);
      if (source === undefined || existsSync(path.join(plan.projectRoot, source))) continue;
      const key = match![1]!;
      issues.add({
        code: CODE.unitFileMissing,
        file: service.file,
        line: lineIndex + 1,
        column: line.indexOf('=') + 2,
        key: `services.${index}.file`,
        message: `${key}=${named} is in this deployment's folders, and the bundle puts nothing there (it would come from ${source})`,
        hint:
          key === 'ExecStart'
            ? `add ${source} to the project or fix the path (a program from a package has its own path, e.g. /usr/bin/node)`
            : `add ${source} to the project or fix the path; if it may be absent, write ${key}=-${named}`,
        severity: 'error',
      });
    }
  }
}
