import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { CODE, type Code } from '../core/codes.js';
import { rootComposeFile, scanConvention, scanRunsSomething } from '../config/convention.js';
import { CONVENTION_DIR } from '../config/find-root.js';
import { SCHEMA_BASE_URL, SCHEMA_FILES } from '../config/json-schema.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { sanitizeName } from '../plan/build-plan.js';
import { readTemplate } from '../core/templates.js';

export interface InitOptions {
  /** The project folder (where `deployment/` is). */
  dir: string;
  /** Overwrite files that already exist. */
  force: boolean;
  /** Bucket name for the config; default `spot-deployer-<name>-<6 random hex>`. */
  bucket?: string;
}

export interface InitResult {
  /** Project-relative paths written, in order. */
  written: string[];
}

/** Files `init` writes; the workflow files are copied from templates/init/. */
export const INIT_FILES = {
  config: '.spot/config.yaml',
  deployment: '.spot/deployment.yaml',
  spotignore: '.spotignore',
  preview: '.github/workflows/spot-preview.yml',
  deploy: '.github/workflows/spot-deploy.yml',
  sweep: '.github/workflows/spot-sweep.yml',
} as const;

/**
 * Scaffolds `.spot/` from what the `deployment/` scan finds, plus
 * `.spotignore` and example workflows. Never overwrites without `force`:
 * any existing target is an SD127 error naming it, and nothing is written.
 */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.dir);
  if (!isDirectory(path.join(root, CONVENTION_DIR)) && rootComposeFile(root) === undefined) {
    throw initError(
      CODE.incompleteSpot,
      CONVENTION_DIR,
      `no ${CONVENTION_DIR}/ folder and no compose file in ${root} to scaffold from`,
      'create deployment/setup.sh with the commands that install your app (or a compose.yaml), then run init again',
    );
  }
  if (!scanRunsSomething(scanConvention(root))) {
    throw initError(
      CODE.incompleteSpot,
      `${CONVENTION_DIR}/`,
      `${CONVENTION_DIR}/ has nothing to run: no setup.sh or init.sh, no scripts/*.sh, no *.service and no compose file`,
      'create deployment/setup.sh with the commands that install and start your app, then run init again',
    );
  }
  const contents = renderInitFiles(root, options);
  const existing = Object.keys(contents).filter((file) => existsSync(path.join(root, file)));
  if (existing.length > 0 && !options.force) {
    throw new ConfigError(
      existing.map((file) =>
        issue(CODE.wouldOverwrite, file, `${file} already exists`, 'pass --force to overwrite it, or move it away first'),
      ),
    );
  }
  for (const [file, text] of Object.entries(contents)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { written: Object.keys(contents) };
}

/** The text of every file init writes, keyed by project-relative path. */
export function renderInitFiles(root: string, options: Pick<InitOptions, 'bucket'>): Record<string, string> {
  const name = sanitizeName(path.basename(root)) || 'app';
  // Web Crypto's global, not node:crypto: importing that costs every other command (validate included) its load time.
  const suffix = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(3))).toString('hex');
  const bucket = options.bucket ?? sanitizeName(`spot-deployer-${name}-${suffix}`, 63);
  const template = (file: string): string => readTemplate(`init/${file}`);
  const config = template('config.yaml')
    .replaceAll('{{schema}}', `${SCHEMA_BASE_URL}/${SCHEMA_FILES.config}`)
    .replaceAll('{{name}}', name)
    .replaceAll('{{bucket}}', bucket);
  return {
    [INIT_FILES.config]: config,
    [INIT_FILES.deployment]: renderDeployment(root),
    [INIT_FILES.spotignore]: template('spotignore'),
    [INIT_FILES.preview]: template('spot-preview.yml'),
    [INIT_FILES.deploy]: template('spot-deploy.yml'),
    [INIT_FILES.sweep]: template('spot-sweep.yml'),
  };
}

/** Exactly what the convention scan found, as `.spot/deployment.yaml`. */
function renderDeployment(root: string): string {
  const scan = scanConvention(root);
  const header = [
    `# yaml-language-server: $schema=${SCHEMA_BASE_URL}/${SCHEMA_FILES.deployment}`,
    '# What goes onto each instance (version 1). Written by `spot-deployer init`',
    '# from what it found in deployment/; edit freely, it now wins over the scan:',
    ...scan.files.map((file) => `#   ${file}`),
    '',
  ];
  return `${header.join('\n')}${stringify(scan.deployment, { lineWidth: 0 })}`;
}

const isDirectory = (target: string): boolean => existsSync(target) && statSync(target).isDirectory();

function issue(code: Code, file: string, message: string, hint: string): ConfigIssue {
  return {
    code,
    file,
    line: 1,
    column: 1,
    key: '',
    message,
    hint,
    severity: 'error',
  };
}

function initError(code: Code, file: string, message: string, hint: string): ConfigError {
  return new ConfigError([issue(code, file, message, hint)]);
}
