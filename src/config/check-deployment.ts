import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { checkInstancePath, checkSource, type PathCheck } from './check-paths.js';
import { checkUnitText } from './check-unit.js';
import { checkForInstance, checkTarballUrl } from './check-instance.js';
import { DEFAULT_TARGET } from './convention.js';
import type { DeploymentFile, ScriptEntry, ServiceEntry, UploadEntry } from './deployment-schema.js';
import type { KeyPath } from './yaml-source.js';

export const PERMISSIONS_PATTERN = /^[0-7]{3,4}$/;
const NAME = '([a-z_][a-z0-9_-]*\\$?|[0-9]+)';
export const OWNER_PATTERN = new RegExp(`^${NAME}(:${NAME})?$`);
export const CHECKSUM_PATTERN = /^sha256:[0-9a-fA-F]{64}$/;
export const BUILTIN_TEMPLATES = ['minimal', 'docker'];

/** Checks of deployment.yaml (or the convention scan) beyond types; all offline. */
export function checkDeployment(file: DeploymentFile, check: PathCheck): void {
  const target = file.target ?? DEFAULT_TARGET;
  const seen = new Map<string, string>();
  for (const kind of ['uploads', 'secrets'] as const) {
    for (const [index, entry] of (file[kind] ?? []).entries()) checkUpload(entry, [kind, index], { check, seen });
  }
  for (const [index, entry] of (file.scripts ?? []).entries()) checkScript(entry, ['scripts', index], check);
  for (const [index, entry] of (file.services ?? []).entries()) checkHealthUrl(entry, ['services', index, 'health', 'http'], check);
  for (const [index, entry] of (file.services ?? []).entries()) checkService(entry, ['services', index], check);
  if (file.compose !== undefined) checkSource(file.compose, ['compose'], check);
  checkTarballs(file, check);
  checkForInstance(file, check);
  checkInstancePath(target, ['target'], check, 'target');
  if (file.template !== undefined && !BUILTIN_TEMPLATES.includes(file.template)) {
    checkSource(file.template, ['template'], check);
  }
}

function checkUpload(entry: UploadEntry, at: KeyPath, ctx: { check: PathCheck; seen: Map<string, string> }): void {
  const { check } = ctx;
  checkSource(entry.source, [...at, 'source'], check);
  const destKey = entry.dest === undefined ? 'destination' : 'dest';
  const dest = entry.dest ?? entry.destination;
  if (dest !== undefined) {
    checkInstancePath(dest, [...at, destKey], check, 'dest');
    const normal = path.posix.normalize(dest).replace(/\/+$/, '');
    const earlier = ctx.seen.get(normal);
    if (earlier) {
      check.issues.report(check.locator, [...at, destKey], CODE.duplicateDest, `dest ${dest} is also the destination of ${earlier}`, {
        hint: 'give each upload its own destination, or merge the two sources into one folder',
      });
    } else ctx.seen.set(normal, at.join('.'));
  }
  if (entry.permissions !== undefined && !PERMISSIONS_PATTERN.test(entry.permissions)) {
    check.issues.report(
      check.locator,
      [...at, 'permissions'],
      CODE.badPermissions,
      `permissions "${entry.permissions}" is not an octal mode`,
      {
        hint: 'write the mode as a quoted octal string, e.g. permissions: "0644" or "0755"',
      },
    );
  }
  if (entry.owner !== undefined && !OWNER_PATTERN.test(entry.owner)) {
    check.issues.report(check.locator, [...at, 'owner'], CODE.badOwner, `owner "${entry.owner}" is not user or user:group`, {
      hint: 'e.g. owner: www-data or owner: app:app (lowercase names or numeric ids)',
    });
  }
}

function checkScript(entry: ScriptEntry, at: KeyPath, check: PathCheck): void {
  if (typeof entry === 'string') return;
  if (entry.working_dir !== undefined) checkInstancePath(entry.working_dir, [...at, 'working_dir'], check, 'working_dir');
  if (entry.path === undefined) return;
  const stats = checkSource(entry.path, [...at, 'path'], check);
  if (!stats) return;
  if (!stats.isFile()) {
    check.issues.report(check.locator, [...at, 'path'], CODE.badScript, `script "${entry.path}" is not a file`, {
      hint: 'point path at a script file; to run several, list each one',
    });
  } else if ((stats.mode & 0o111) === 0) {
    check.issues.report(check.locator, [...at, 'path'], CODE.badScript, `script "${entry.path}" is not executable`, {
      severity: 'warning',
      hint: `run chmod +x ${entry.path} (and commit the mode); scripts ending in .sh still run with bash`,
    });
  }
}

function checkHealthUrl(entry: ServiceEntry, at: KeyPath, check: PathCheck): void {
  const url = entry.health?.http;
  if (url === undefined || /^https?:\/\/[^\s/]+/.test(url)) return;
  check.issues.report(check.locator, at, CODE.invalidValue, `health.http "${url}" is not an http(s) URL`, {
    hint: 'the instance polls it itself, e.g. http: http://localhost:8080/healthz',
  });
}

function checkService(entry: ServiceEntry, at: KeyPath, check: PathCheck): void {
  let text = entry.unit;
  let unitFile: string | undefined;
  if (entry.file !== undefined) {
    const stats = checkSource(entry.file, [...at, 'file'], check);
    if (!stats) return;
    if (!stats.isFile()) {
      check.issues.report(check.locator, [...at, 'file'], CODE.badUnit, `unit "${entry.file}" is not a file`, {
        hint: 'point file at a .service unit file',
      });
      return;
    }
    try {
      text = readFileSync(path.join(check.root, entry.file), 'utf8');
    } catch (error) {
      check.issues.report(check.locator, [...at, 'file'], CODE.invalidValue, `unit "${entry.file}" cannot be read: ${errorCode(error)}`, {
        hint: 'check the file permissions (the deployer needs to read it)',
      });
      return;
    }
    unitFile = entry.file;
  }
  if (text === undefined) return;
  const problem = checkUnitText(text);
  if (!problem) return;
  const name = unitFile ?? entry.name ?? 'the inline unit';
  const issue = {
    code: CODE.badUnit,
    key: [...at, unitFile ? 'file' : 'unit'].join('.'),
    message: `${name} ${problem.message}`,
    hint: problem.hint ?? 'a unit needs a [Service] section with at least ExecStart=…; see systemd.service(5)',
    severity: 'error' as const,
  };
  if (unitFile)
    check.issues.add({
      ...issue,
      file: path.posix.normalize(unitFile),
      line: problem.line,
      column: 1,
    });
  else check.issues.report(check.locator, [...at, 'unit'], issue.code, issue.message, { hint: issue.hint });
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

function checkTarballs(file: DeploymentFile, check: PathCheck): void {
  if (file.tarball === undefined) return;
  const entries = Array.isArray(file.tarball)
    ? file.tarball.map((entry, index) => ({ entry, at: ['tarball', index] }))
    : [{ entry: file.tarball, at: ['tarball'] }];
  for (const { entry, at } of entries) {
    checkTarballUrl(entry.url, [...at, 'url'], check);
    if (!CHECKSUM_PATTERN.test(entry.checksum)) {
      check.issues.report(
        check.locator,
        [...at, 'checksum'],
        CODE.badChecksum,
        `checksum must be sha256: and 64 hex digits, got "${entry.checksum}"`,
        {
          hint: 'compute it with sha256sum FILE and write checksum: "sha256:<the 64 hex digits>"',
        },
      );
    }
    if (entry.extract_to !== undefined) checkInstancePath(entry.extract_to, [...at, 'extract_to'], check, 'extract_to');
  }
}
