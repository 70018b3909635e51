/**
 * Everything the user-data is made of, read and checked at plan time so the
 * render stage is a pure function of the Plan: the base template (built-in or
 * the project's own file), `.spot/cloud-init.yaml`, and the agent script.
 * A problem here is a config issue naming the file and line, never a crash
 * at deploy time.
 */
import { parseDocument } from 'yaml';
import { CODE } from '../core/codes.js';
import { readTemplate } from '../core/templates.js';
import type { IssueList } from '../config/issues.js';
import { yamlLocator } from '../config/issues.js';
import { readYamlFile } from '../config/read-files.js';
import { BUILTIN_TEMPLATES } from '../config/check-deployment.js';
import type { YamlSource } from '../config/yaml-source.js';
import type { UserDataSources } from './types.js';

export const CLOUD_INIT_FILE = '.spot/cloud-init.yaml';
const AGENT_TEMPLATE = 'bootstrap.sh';
const LOADER_TEMPLATE = 'loader.sh';

/** Where the agent lives on the instance: a fragment may not write there. */
const AGENT_DIR = '/etc/spot-deployer/';

/**
 * Keys of a fragment that would break the bootstrap: module lists that can drop
 * the stage running the agent, a merge directive that changes how lists combine,
 * and a power state that reboots or stops the instance before it reports.
 */
const OWNED_KEYS: Record<string, string> = {
  cloud_init_modules: 'it decides which modules run, and the agent needs write_files',
  cloud_config_modules: 'it decides which modules run, and the agent needs them',
  cloud_final_modules: 'it decides which modules run, and the agent starts from runcmd (scripts_user)',
  merge_how: 'spot-deployer merges the fragment by its own documented rules',
  merge_type: 'spot-deployer merges the fragment by its own documented rules',
  power_state: 'it would stop or reboot the instance before the agent reports',
};

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function builtinTemplate(name: string): Record<string, unknown> {
  const document = parseDocument(readTemplate(`cloud-init/${name}.yaml`)).toJS() as unknown;
  return isMap(document) ? document : {};
}

/** A template of the project's own: a path relative to the project root, read now. */
function projectTemplate(root: string, file: string, issues: IssueList): Record<string, unknown> {
  const source = readYamlFile(root, file, issues);
  if (source) checkFragmentKeys(source, issues);
  return isMap(source?.value) ? source.value : {};
}

function checkFragmentKeys(source: YamlSource, issues: IssueList): void {
  const value = source.value as Record<string, unknown>;
  const locator = yamlLocator(source);
  for (const [key, why] of Object.entries(OWNED_KEYS)) {
    if (key in value) {
      issues.report(locator, [key], CODE.badTemplate, `${key} cannot be set in ${source.file}: ${why}`, {
        hint: `remove ${key}; put what it did into a script of .spot/deployment.yaml`,
      });
    }
  }
  const writeFiles = Array.isArray(value.write_files) ? value.write_files : [];
  for (const [index, entry] of writeFiles.entries()) {
    const path = isMap(entry) && typeof entry.path === 'string' ? entry.path : '';
    if (path.startsWith(AGENT_DIR)) {
      issues.report(locator, ['write_files', index, 'path'], CODE.badTemplate, `${path} belongs to the spot-deployer agent`, {
        hint: `write your file somewhere else than ${AGENT_DIR}`,
      });
    }
  }
}

export function readUserDataSources(root: string, template: string, issues: IssueList): UserDataSources {
  const builtin = BUILTIN_TEMPLATES.includes(template);
  const fragment = readYamlFile(root, CLOUD_INIT_FILE, issues);
  if (fragment) checkFragmentKeys(fragment, issues);
  return {
    template: { name: template, document: builtin ? builtinTemplate(template) : projectTemplate(root, template, issues) },
    ...(fragment && isMap(fragment.value) ? { fragment: { file: CLOUD_INIT_FILE, document: fragment.value } } : {}),
    agentScript: readTemplate(AGENT_TEMPLATE),
    loaderScript: readTemplate(LOADER_TEMPLATE),
  };
}
