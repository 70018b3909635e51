import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeploymentFile, ScriptEntry, ServiceEntry, UploadEntry } from './deployment-schema.js';
import { COMPOSE_FILES, CONVENTION_DIR } from './find-root.js';

export const DEFAULT_TARGET = '/opt/deployment';

/** Runtime manifests and the (Ubuntu) packages they need. */
const RUNTIME_PACKAGES: ReadonlyArray<[file: string, packages: string[]]> = [
  ['requirements.txt', ['python3', 'python3-pip', 'python3-venv']],
  ['package.json', ['nodejs', 'npm']],
  ['Gemfile', ['ruby-full', 'ruby-bundler']],
  ['go.mod', ['golang-go']],
  ['Cargo.toml', ['cargo']],
];

/** A compose file at the project root, which the convention uses when deployment/ has none. */
export const rootComposeFile = (root: string): string | undefined => COMPOSE_FILES.find((name) => isFile(path.join(root, name)));

/** What the `deployment/` scan found: a deployment.yaml-shaped value and where each part came from. */
export interface ConventionScan {
  deployment: DeploymentFile;
  /** Project-relative files the scan used, in the order found. */
  files: string[];
  /** Key path (dotted) → the file that produced it, for positions in issues. */
  origins: Map<string, string>;
}

const rel = (...parts: string[]): string => [CONVENTION_DIR, ...parts].join('/');

/**
 * Scans `<root>/deployment/` by SPEC §2.3; without a compose file there, a
 * compose file at the root is used (its folder, the root, is then bundled).
 * The result has the same shape as `.spot/deployment.yaml`, which is what
 * `init` writes out.
 */
export function scanConvention(root: string): ConventionScan {
  const base = path.join(root, CONVENTION_DIR);
  const scan: ConventionScan = {
    deployment: { version: 1, target: DEFAULT_TARGET },
    files: [],
    origins: new Map(),
  };
  const entries = new Set(listDir(base));
  const uploads: UploadEntry[] = isDir(base) ? [{ source: CONVENTION_DIR, dest: DEFAULT_TARGET }] : [];
  const secrets: UploadEntry[] = [];
  const exclude: string[] = [];
  if (isDir(path.join(base, 'secrets'))) {
    secrets.push({ source: rel('secrets'), dest: '/opt/secrets' });
    exclude.push('secrets/');
    scan.files.push(rel('secrets'));
  }
  if (entries.has('.env') && isFile(path.join(base, '.env'))) {
    secrets.push({ source: rel('.env'), dest: `${DEFAULT_TARGET}/.env` });
    exclude.push('.env');
    scan.files.push(rel('.env'));
  }
  if (exclude.length > 0 && uploads[0]) uploads[0] = { ...uploads[0], exclude };
  for (const folder of ['configs', 'files']) {
    if (!isDir(path.join(base, folder))) continue;
    uploads.push({ source: rel(folder), dest: `/opt/${folder}` });
    scan.files.push(rel(folder));
  }
  if (uploads.length > 0) scan.deployment.uploads = uploads;
  if (secrets.length > 0) scan.deployment.secrets = secrets;
  addPackages(scan, base, entries);
  addScripts(scan, base, entries);
  addServices(scan, base, entries);
  const inFolder = COMPOSE_FILES.find((name) => entries.has(name));
  const compose = inFolder ? rel(inFolder) : rootComposeFile(root);
  if (compose) {
    scan.deployment.compose = compose;
    scan.files.push(compose);
    scan.origins.set('compose', compose);
  }
  return scan;
}

function addPackages(scan: ConventionScan, base: string, entries: Set<string>): void {
  const packages: string[] = [];
  if (entries.has('packages.txt')) {
    const lines = readFileSync(path.join(base, 'packages.txt'), 'utf8').split(/\r?\n/);
    packages.push(...lines.map((line) => line.replace(/#.*/, '').trim()).filter(Boolean));
    scan.files.push(rel('packages.txt'));
    scan.origins.set('packages', rel('packages.txt'));
  }
  for (const [file, needed] of RUNTIME_PACKAGES) {
    if (!entries.has(file)) continue;
    packages.push(...needed);
    scan.files.push(rel(file));
  }
  if (packages.length > 0) scan.deployment.packages = [...new Set(packages)];
}

function addScripts(scan: ConventionScan, base: string, entries: Set<string>): void {
  const scripts: ScriptEntry[] = [];
  const found = listDir(path.join(base, 'scripts'))
    .filter((name) => name.endsWith('.sh'))
    .map((name) => rel('scripts', name));
  const main = ['setup.sh', 'init.sh'].find((name) => entries.has(name));
  if (main) found.push(rel(main));
  for (const file of found) {
    scan.origins.set(`scripts.${scripts.length}`, file);
    scripts.push({ path: file });
    scan.files.push(file);
  }
  if (scripts.length > 0) scan.deployment.scripts = scripts;
}

function addServices(scan: ConventionScan, base: string, entries: Set<string>): void {
  const units = [
    ...listDir(path.join(base, 'services')).map((name) => rel('services', name)),
    ...listDir(path.join(base, 'systemd')).map((name) => rel('systemd', name)),
    ...[...entries].map((name) => rel(name)),
  ].filter((file) => file.endsWith('.service'));
  const services: ServiceEntry[] = [];
  for (const file of units) {
    scan.origins.set(`services.${services.length}`, file);
    services.push({ file });
    scan.files.push(file);
  }
  if (services.length > 0) scan.deployment.services = services;
}

/** True when the scan found something that runs: a script, a unit or a compose file. */
export const scanRunsSomething = (scan: ConventionScan): boolean =>
  Boolean(scan.deployment.scripts?.length || scan.deployment.services?.length || scan.deployment.compose);

/** Sorted names in a folder; empty when it does not exist. Sorting by code unit keeps it locale-independent. */
function listDir(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const isDir = (target: string): boolean => existsSync(target) && statSync(target).isDirectory();
const isFile = (target: string): boolean => existsSync(target) && statSync(target).isFile();
