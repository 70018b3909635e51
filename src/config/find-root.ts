import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { CODE } from '../core/codes.js';

export const SPOT_DIR = '.spot';
export const CONVENTION_DIR = 'deployment';

/** Compose file names, in the order the convention prefers them; one at the root marks a project on its own. */
export const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

const isFile = (target: string): boolean => {
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
};

const isDirectory = (target: string): boolean => {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The project root: `dir` itself when it holds `.spot/`, `deployment/` or a compose file,
 * else the nearest parent that does (so commands work from a subfolder).
 * Stops at the filesystem root or at a `.git` boundary.
 */
export function findProjectRoot(dir: string): string {
  const start = path.resolve(dir);
  if (!isDirectory(start)) throw noProject(start, `${start} is not a folder`);
  for (let current = start; ; current = path.dirname(current)) {
    if (isDirectory(path.join(current, SPOT_DIR)) || isDirectory(path.join(current, CONVENTION_DIR))) return current;
    if (COMPOSE_FILES.some((name) => isFile(path.join(current, name)))) return current;
    const parent = path.dirname(current);
    if (parent === current || isDirectory(path.join(current, '.git'))) break;
  }
  throw noProject(start, `no ${SPOT_DIR}/ or ${CONVENTION_DIR}/ folder in ${start} or its parents`);
}

function noProject(start: string, message: string): ConfigError {
  return new ConfigError([
    {
      code: CODE.noProject,
      file: start,
      line: 1,
      column: 1,
      key: '',
      message,
      hint: 'add deployment/setup.sh (the commands that install and start your app) or a compose.yaml, then `spot-deployer init` can write .spot/ from it; use --dir (working-directory) to point elsewhere',
      severity: 'error',
    },
  ]);
}
