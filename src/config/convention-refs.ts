/**
 * A `deployment/` convention project uploads `deployment/` and nothing else
 * (to /opt/deployment, where its scripts run). A script there that names a
 * project file outside it (`python3 app/server.py` with `app/` at the root,
 * `cp ../config.json .`) validates, builds and launches, and then fails on
 * the instance, because the file never got there. This finds such names the
 * only way that is certain: the file exists in the project, and not where
 * the script will look for it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { DEFAULT_TARGET, type ConventionScan } from './convention.js';
import { CONVENTION_DIR } from './find-root.js';
import type { IssueList } from './issues.js';

/** Larger scripts are not read: a generated installer is not where this slip happens. */
const MAX_SCRIPT_BYTES = 256 * 1024;

/**
 * A relative path (`./x`, `../x`, or anything with a `/`), not part of a
 * URL, an absolute path or a variable (`$HOME/x`, `${DIR}/x`): the names a
 * script gives to files next to it.
 */
const RELATIVE_PATH = /(?<![\w/:.$}~-])((?:\.\.?\/)+\w[\w.-]*(?:\/[\w.-]+)*|\w[\w.-]*(?:\/[\w.-]+)+)/g;

/** Where the instance would look for `name`, as a project-relative path, when that is outside deployment/. */
function outsideDeployment(name: string): string | undefined {
  const resolved = path.posix.normalize(path.posix.join(CONVENTION_DIR, name));
  return resolved === CONVENTION_DIR || resolved.startsWith(`${CONVENTION_DIR}/`) ? undefined : resolved;
}

/** The project file a script's relative `name` means but the instance will not have, if any. */
function leftBehind(root: string, name: string): string | undefined {
  const outside = outsideDeployment(name);
  if (outside !== undefined) return outside.startsWith('../') || !existsSync(path.join(root, outside)) ? undefined : outside;
  const bare = name.replace(/^(\.\/)+/, '');
  if (existsSync(path.join(root, CONVENTION_DIR, bare))) return undefined;
  return existsSync(path.join(root, bare)) ? bare : undefined;
}

/** A script's text, when it is a readable file of a size worth reading; a script that is not a file is SD117 elsewhere. */
function scriptText(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() && stat.size <= MAX_SCRIPT_BYTES ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Warns (SD134) for each project file a convention script names that is not under deployment/. */
export function reportFilesLeftBehind(root: string, scan: ConventionScan, issues: IssueList): void {
  for (const script of scan.deployment.scripts ?? []) {
    const file = typeof script === 'string' ? undefined : script.path;
    if (!file) continue;
    const text = scriptText(path.join(root, file));
    if (text === undefined) continue;
    const seen = new Set<string>();
    text.split('\n').forEach((line, index) => {
      if (line.trimStart().startsWith('#')) return;
      for (const match of line.matchAll(RELATIVE_PATH)) {
        const name = match[1]!;
        const missing = seen.has(name) ? undefined : leftBehind(root, name);
        seen.add(name);
        if (missing === undefined) continue;
        issues.add({
          code: CODE.fileLeftBehind,
          file,
          line: index + 1,
          column: (match.index ?? 0) + 1,
          key: '',
          message: `${file} names ${name}; the project has ${missing}, but only ${CONVENTION_DIR}/ is uploaded (to ${DEFAULT_TARGET}), so the instance will not have it`,
          hint: `move ${missing} under ${CONVENTION_DIR}/, or write .spot/deployment.yaml with an upload of it (\`spot-deployer init\` writes one from what the scan found)`,
          severity: 'warning',
        });
      }
    });
  }
}
