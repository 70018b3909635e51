import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { configSchema, PARSE_ONCE, type ConfigFile } from './config-schema.js';
import { fileLocator, yamlLocator, type IssueList, type Locator } from './issues.js';
import { mapLegacyConfig } from './legacy.js';
import { readYamlFile } from './read-files.js';
import { reportZodIssues } from './zod-issues.js';

export const DEFAULT_CONFIG_FILE = '.spot/config.yaml';

export interface LoadedConfig {
  /** Undefined when the file has errors that stop it from being used. */
  config: ConfigFile | undefined;
  locator: Locator;
  /** Project-relative path, whether or not it exists. */
  file: string;
  exists: boolean;
  publicKey?: string;
}

/** Reads, maps (original layout) and validates the config file. */
export function loadConfig(
  root: string,
  file: string,
  issues: IssueList,
  /** Expands `~/` in ssh.public_key_path. */
  home: string = os.homedir(),
): LoadedConfig {
  const before = issues.items.length;
  const source = readYamlFile(root, file, issues);
  const exists = existsSync(path.join(root, file));
  if (!source) {
    const failed = issues.items.length > before;
    return {
      config: failed ? undefined : {},
      locator: fileLocator(file),
      file,
      exists,
    };
  }
  const locator = yamlLocator(source);
  const value = mapLegacyConfig(source.value as Record<string, unknown>, locator, issues);
  const parsed = configSchema.safeParse(value, PARSE_ONCE);
  if (!parsed.success) {
    reportZodIssues({
      issues: parsed.error.issues,
      schema: configSchema,
      value,
      locator,
      list: issues,
    });
    return { config: undefined, locator, file, exists };
  }
  const publicKey = readPublicKey(root, parsed.data, { locator, issues, home });
  return {
    config: parsed.data,
    locator,
    file,
    exists,
    ...(publicKey === undefined ? {} : { publicKey }),
  };
}

function readPublicKey(
  root: string,
  config: ConfigFile,
  { locator, issues, home }: { locator: Locator; issues: IssueList; home: string },
): string | undefined {
  const keyPath = config.ssh?.public_key_path;
  if (keyPath === undefined) return undefined;
  const absolute = keyPath.startsWith('~/') ? path.join(home, keyPath.slice(2)) : path.resolve(root, keyPath);
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    issues.report(locator, ['ssh', 'public_key_path'], CODE.missingSource, `public key file ${keyPath} not found`, {
      hint: 'give the path of a .pub file (relative to the project root or ~/…), or use ssh.public_key with the key text',
    });
    return undefined;
  }
}
