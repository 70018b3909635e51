import { statSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { DEFAULT_TARGET } from '../config/convention.js';
import type { DeploymentFile, ScriptEntry, UploadEntry } from '../config/deployment-schema.js';
import type { ManifestContext } from './manifest-context.js';
import { timeoutSeconds, toService } from './build-services.js';
import { normaliseSource } from './paths.js';
import { addComposeClosure } from './compose-closure.js';
import type { BundleSource, Manifest, ScriptStep, TarballStep } from './types.js';

export const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 1800;

export type { ManifestContext };

export { normaliseSource };

/**
 * Maps a validated deployment.yaml value (or the convention scan's) to the
 * Manifest. Paths of scripts, unit files and the compose file stay
 * project-relative (plan/types.ts); the bundle stage maps them onto the
 * instance through the uploads.
 */
export function buildManifest(file: DeploymentFile, context: ManifestContext): Manifest {
  const target = file.target ?? DEFAULT_TARGET;
  const uploads = (file.uploads ?? []).map((entry, index) => toSource(entry, ['uploads', index], false, context));
  const secrets = (file.secrets ?? []).map((entry, index) => toSource(entry, ['secrets', index], true, context));
  const all = [...uploads, ...secrets];
  const scripts = (file.scripts ?? []).map((entry, index) => toScript(entry, index, { target, all, context }));
  const services = (file.services ?? []).map((entry, index) => toService(entry, index, context));
  // A unit file no upload covers is bundled where instancePath() will look for it.
  for (const service of services) if (service.file !== undefined) ensureBundled(service.file, { target, all, context });
  const compose = file.compose === undefined ? undefined : normaliseSource(file.compose);
  const composePorts =
    compose === undefined
      ? []
      : addComposeClosure({ compose, target, uploads: all, context }).map((port) => ({
          port: port.port,
          protocol: port.protocol,
          key: port.key.join('.'),
          line: port.line ?? 1,
          column: port.column ?? 1,
        }));
  return {
    target,
    packages: file.packages ?? [],
    env: stringMap(file.env),
    uploads: all,
    scripts,
    services,
    ...(compose === undefined ? {} : { compose }),
    ...(composePorts.length === 0 ? {} : { composePorts }),
    tarballs: toTarballs(file, target),
    hooks: {
      preInstall: asList(file.hooks?.pre_install),
      postInstall: asList(file.hooks?.post_install),
      onFailure: asList(file.hooks?.on_failure),
    },
    template: file.template ?? 'minimal',
  };
}

function toSource(entry: UploadEntry, at: (string | number)[], secret: boolean, context: ManifestContext): BundleSource {
  const source = normaliseSource(entry.source);
  if (entry.dest !== undefined && entry.destination !== undefined && entry.dest !== entry.destination) {
    context.issues.report(context.locator, [...at, 'destination'], CODE.invalidValue, 'dest and destination disagree', {
      at: 'key',
      hint: 'destination is an alias of dest; keep one of them',
    });
  }
  const dest = entry.dest ?? entry.destination;
  if (dest === undefined) {
    context.issues.report(context.locator, at, CODE.missingValue, 'dest is required', {
      key: [...at, 'dest'].join('.'),
      hint: `add dest: the absolute path on the instance, e.g. dest: /opt/${path.posix.basename(source)}`,
    });
  }
  const mode = entry.permissions ?? (secret ? secretMode(context.projectRoot, source) : undefined);
  const owner = entry.owner ?? (secret ? 'root' : undefined);
  return {
    source,
    dest: (dest ?? '').replace(/\/+$/, '') || '/',
    ...(mode === undefined ? {} : { mode }),
    ...(owner === undefined ? {} : { owner }),
    exclude: entry.exclude ?? [],
    secret,
  };
}

function secretMode(root: string, source: string): string {
  try {
    return statSync(path.join(root, source)).isDirectory() ? '0700' : '0600';
  } catch {
    return '0600';
  }
}

interface PathContext {
  target: string;
  all: BundleSource[];
  context: ManifestContext;
}

/**
 * A script or unit file named by path must be in the bundle: when no
 * upload covers it, an upload to `<target>/<path>` is added — where the
 * bundle stage's instancePath() looks for files that no upload covers.
 */
function ensureBundled(projectPath: string, where: PathContext): void {
  const wanted = normaliseSource(projectPath);
  const covered = where.all.some(
    (upload) => !upload.secret && (upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`)),
  );
  if (!covered) {
    const dest = path.posix.join(where.target, wanted);
    where.all.push({ source: wanted, dest, exclude: [], secret: false });
  }
}

function toScript(entry: ScriptEntry, index: number, where: PathContext): ScriptStep {
  const { context, target } = where;
  const base = {
    workingDir: target,
    user: 'root',
    env: {},
    timeoutSeconds: DEFAULT_SCRIPT_TIMEOUT_SECONDS,
  };
  if (typeof entry === 'string') return { ...base, command: entry };
  const at = ['scripts', index];
  if ((entry.command === undefined) === (entry.path === undefined)) {
    context.issues.report(context.locator, at, CODE.invalidValue, 'a script needs exactly one of command or path', {
      hint: 'command: runs a shell command; path: runs a script file of the project',
    });
  }
  if (entry.path !== undefined) ensureBundled(entry.path, where);
  return {
    ...(entry.path === undefined ? { command: entry.command ?? '' } : { path: normaliseSource(entry.path) }),
    workingDir: entry.working_dir ?? target,
    user: entry.user ?? 'root',
    env: stringMap(entry.env),
    timeoutSeconds: timeoutSeconds(entry.timeout, [...at, 'timeout'], context) ?? DEFAULT_SCRIPT_TIMEOUT_SECONDS,
  };
}

function toTarballs(file: DeploymentFile, target: string): TarballStep[] {
  const list = file.tarball === undefined ? [] : Array.isArray(file.tarball) ? file.tarball : [file.tarball];
  return list.map((entry) => ({
    url: entry.url,
    sha256: entry.checksum.replace(/^sha256:/i, '').toLowerCase(),
    extractTo: entry.extract_to ?? target,
  }));
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const stringMap = (map: Record<string, string | number | boolean> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(map ?? {}).map(([key, value]) => [key, String(value)]));
