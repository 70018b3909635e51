import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunContext } from '../core/run-context.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import { buildManifest, normaliseSource } from './build-manifest.js';
import { buildPlan } from './build-plan.js';
import type { Plan, PlanOverrides } from './types.js';
import { checkConfig } from '../config/check-config.js';
import { checkArchitecture } from './check-architecture.js';
import { checkCompose } from './check-compose.js';
import { checkUploadLinks } from './check-links.js';
import { checkUnitPaths } from './check-unit-paths.js';
import { checkDeployment } from '../config/check-deployment.js';
import { CODE } from '../core/codes.js';
import { findProjectRoot, SPOT_DIR } from '../config/find-root.js';
import { formatIssue } from '../config/format-issues.js';
import { IssueList } from '../config/issues.js';
import { CLOUD_INIT_FILE, readUserDataSources } from './user-data-sources.js';
import { DEFAULT_CONFIG_FILE, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { DEPLOYMENT_FILE, loadDeployment, type LoadedDeployment } from '../config/load-deployment.js';

export interface LoadProjectOptions {
  /** The folder to start from: the project root or any folder below it. */
  dir: string;
  overrides: PlanOverrides;
  /** Where the run comes from (names and tags); read once by the entry. */
  run: RunContext;
  /** Only HOME is read (for `~/` in ssh.public_key_path); default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface LoadedProject {
  plan: Plan;
  /** Warnings (deprecations, risky settings); errors are thrown instead. */
  warnings: ConfigIssue[];
}

/** Optional project files that shape the bundle or user-data when present. */
const IGNORE_FILE = '.spotignore';
const GITIGNORE_FILE = '.gitignore';
const EXTRA_FILES = [IGNORE_FILE, CLOUD_INIT_FILE];

/**
 * The project's ignore rules, read once here: the bundle stage never reads
 * the project's settings. `.spotignore` when present, else the root
 * `.gitignore` (what git does not keep is rarely meant for the server).
 */
function readBundleIgnore(root: string): Plan['bundleIgnore'] {
  for (const name of [IGNORE_FILE, GITIGNORE_FILE]) {
    const file = path.join(root, name);
    if (existsSync(file)) return { file: name, rules: readFileSync(file, 'utf8') };
  }
  return { rules: '' };
}

/**
 * Loads and validates the project at or above `options.dir` and builds its
 * Plan. Makes no network call. Throws ConfigError carrying every issue found
 * (errors and warnings) when there is at least one error.
 */
export async function loadProject(options: LoadProjectOptions): Promise<LoadedProject> {
  const root = findProjectRoot(options.dir);
  const issues = new IssueList();
  const configFile = normaliseSource(options.overrides.config ?? DEFAULT_CONFIG_FILE);
  if (configFile !== DEFAULT_CONFIG_FILE && !existsSync(path.join(root, configFile))) {
    issues.add({
      code: CODE.missingSource,
      file: configFile,
      line: 1,
      column: 1,
      key: 'config',
      message: `config file ${configFile} (from the config input) does not exist`,
      hint: `give a path relative to the project root ${root}, or leave config unset for ${DEFAULT_CONFIG_FILE}`,
      severity: 'error',
    });
  }
  const config = loadConfig(root, configFile, issues, options.env?.HOME ?? os.homedir());
  const deployment = loadDeployment(root, issues);
  if (deployment.origin === 'none') reportNothingToDeploy(issues);
  if (deployment.deployment) {
    checkDeployment(deployment.deployment, {
      root,
      locator: deployment.locator,
      issues,
    });
  }
  if (issues.hasErrors || !config.config || !deployment.deployment) throw new ConfigError(issues.items);
  const plan = planFrom({
    root,
    config,
    deployment,
    overrides: options.overrides,
    run: options.run,
    issues,
  });
  if (issues.hasErrors) throw new ConfigError(issues.items);
  plan.notices = issues.warnings.map(formatIssue);
  return { plan, warnings: issues.warnings };
}

function planFrom(input: {
  root: string;
  config: LoadedConfig;
  deployment: LoadedDeployment;
  overrides: PlanOverrides;
  run: RunContext;
  issues: IssueList;
}): Plan {
  const { root, config, deployment, issues } = input;
  const bundleIgnore = readBundleIgnore(root);
  const manifest = buildManifest(deployment.deployment!, {
    projectRoot: root,
    locator: deployment.locator,
    issues,
    bundleIgnore,
  });
  const userData = readUserDataSources(root, manifest.template, issues);
  const sourceFiles = [
    ...(config.exists ? [config.file] : []),
    ...deployment.files,
    ...EXTRA_FILES.filter((file) => existsSync(path.join(root, file))),
  ].map(normaliseSource);
  const plan = buildPlan({
    config: config.config!,
    locator: config.locator,
    manifest,
    userData,
    bundleIgnore,
    overrides: input.overrides,
    run: input.run,
    projectRoot: root,
    sourceFiles: [...new Set(sourceFiles)],
    issues,
    ...(config.publicKey === undefined ? {} : { publicKey: config.publicKey }),
  });
  checkConfig({
    config: config.config!,
    overrides: input.overrides,
    locator: config.locator,
    issues,
  });
  checkArchitecture({ config: config.config!, overrides: input.overrides, locator: config.locator, issues }, plan);
  checkCompose(plan, { locator: deployment.locator, issues });
  checkUploadLinks(plan, issues);
  checkUnitPaths(plan, issues);
  return plan;
}

function reportNothingToDeploy(issues: IssueList): void {
  issues.add({
    code: CODE.incompleteSpot,
    file: SPOT_DIR,
    line: 1,
    column: 1,
    key: '',
    message: `nothing to deploy: no ${DEPLOYMENT_FILE} and no deployment/ folder`,
    hint: 'add .spot/deployment.yaml, or a deployment/ folder with a setup.sh (spot-deployer init can write one)',
    severity: 'error',
  });
}
