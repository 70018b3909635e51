import { existsSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { rootComposeFile, scanConvention, scanRunsSomething } from './convention.js';
import { reportFilesLeftBehind } from './convention-refs.js';
import { deploymentSchema, type DeploymentFile } from './deployment-schema.js';
import { PARSE_ONCE } from './config-schema.js';
import { CONVENTION_DIR } from './find-root.js';
import { fileLocator, yamlLocator, type IssueList, type Locator } from './issues.js';
import { readYamlFile } from './read-files.js';
import type { YamlSource } from './yaml-source.js';
import { reportZodIssues } from './zod-issues.js';

export const DEPLOYMENT_FILE = '.spot/deployment.yaml';

/** Keys that may sit beside a `deployment:` map without making the file "mixed". */
const WRAPPER_SIBLINGS = new Set(['$schema', 'version']);

export interface LoadedDeployment {
  deployment: DeploymentFile | undefined;
  locator: Locator;
  /** Project-relative files that described the deployment. */
  files: string[];
  origin: 'file' | 'convention' | 'none';
}

/** `.spot/deployment.yaml` when present, else the `deployment/` convention scan. */
export function loadDeployment(root: string, issues: IssueList): LoadedDeployment {
  if (existsSync(path.join(root, DEPLOYMENT_FILE))) return loadFile(root, issues);
  if (existsSync(path.join(root, CONVENTION_DIR)) || rootComposeFile(root) !== undefined) {
    const scan = scanConvention(root);
    if (!scanRunsSomething(scan)) reportRunsNothing(issues);
    reportFilesLeftBehind(root, scan, issues);
    return {
      deployment: scan.deployment,
      locator: fileLocator(CONVENTION_DIR, scan.origins),
      files: scan.files,
      origin: 'convention',
    };
  }
  return {
    deployment: undefined,
    locator: fileLocator(DEPLOYMENT_FILE),
    files: [],
    origin: 'none',
  };
}

function loadFile(root: string, issues: IssueList): LoadedDeployment {
  const source = readYamlFile(root, DEPLOYMENT_FILE, issues);
  const files = [DEPLOYMENT_FILE];
  if (!source)
    return {
      deployment: undefined,
      locator: fileLocator(DEPLOYMENT_FILE),
      files,
      origin: 'file',
    };
  const unwrapped = unwrap(source, issues);
  if (!unwrapped)
    return {
      deployment: undefined,
      locator: yamlLocator(source),
      files,
      origin: 'file',
    };
  const locator = yamlLocator(source, unwrapped.prefix);
  const parsed = deploymentSchema().safeParse(unwrapped.value, PARSE_ONCE);
  if (!parsed.success) {
    reportZodIssues({
      issues: parsed.error.issues,
      schema: deploymentSchema(),
      value: unwrapped.value,
      locator,
      list: issues,
    });
    return { deployment: undefined, locator, files, origin: 'file' };
  }
  return {
    deployment: parsed.data,
    locator,
    files: [...files, ...referencedFiles(parsed.data)],
    origin: 'file',
  };
}

function reportRunsNothing(issues: IssueList): void {
  issues.add({
    code: CODE.incompleteSpot,
    file: `${CONVENTION_DIR}/`,
    line: 1,
    column: 1,
    key: '',
    message: `${CONVENTION_DIR}/ has nothing to run: no setup.sh or init.sh, no scripts/*.sh, no *.service and no compose file`,
    hint: `add ${CONVENTION_DIR}/setup.sh with the commands that install and start your app (or a compose.yaml), or describe it in ${DEPLOYMENT_FILE}`,
    severity: 'error',
  });
}

/** Accepts keys at the top level or under `deployment:`, never both. */
function unwrap(source: YamlSource, issues: IssueList): { value: unknown; prefix: string[] } | undefined {
  const value = source.value as Record<string, unknown>;
  if (!('deployment' in value)) return { value, prefix: [] };
  const mixed = Object.keys(value).filter((key) => key !== 'deployment' && !WRAPPER_SIBLINGS.has(key));
  if (mixed.length > 0) {
    issues.report(
      yamlLocator(source),
      [mixed[0]!],
      CODE.mixedLayout,
      `"${mixed[0]}" is at the top level but the other settings are under deployment:`,
      {
        at: 'key',
        key: mixed[0],
        hint: 'put every key under deployment:, or remove the deployment: level and keep them all at the top',
      },
    );
    return undefined;
  }
  const inner = value.deployment;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    issues.report(yamlLocator(source), ['deployment'], CODE.invalidValue, 'deployment must be a map of settings', {
      hint: 'indent the settings under deployment:',
    });
    return undefined;
  }
  return {
    value: {
      ...(inner as Record<string, unknown>),
      ...pick(value, WRAPPER_SIBLINGS),
    },
    prefix: ['deployment'],
  };
}

const pick = (value: Record<string, unknown>, keys: Set<string>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([key]) => keys.has(key)));

function referencedFiles(deployment: DeploymentFile): string[] {
  const scripts = (deployment.scripts ?? []).flatMap((entry) => (typeof entry === 'object' && entry.path ? [entry.path] : []));
  const services = (deployment.services ?? []).flatMap((entry) => (entry.file ? [entry.file] : []));
  return [...scripts, ...services, ...(deployment.compose ? [deployment.compose] : [])];
}
