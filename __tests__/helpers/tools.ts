/**
 * Tests that need a program from the system ask for it here: when it is
 * missing they fail with the exact command that installs it, instead of
 * Node's ENOENT. Root-only tests name how to run them in their title.
 */
import { spawnSync } from 'node:child_process';

/** What installs each tool on Debian or Ubuntu (the machines .ci/run sets up). */
export const INSTALL = {
  shellcheck: 'sudo apt-get install -y shellcheck',
  'cloud-init': 'sudo apt-get install -y cloud-init   (for `cloud-init schema`)',
  unshare: 'sudo apt-get install -y util-linux',
  curl: 'sudo apt-get install -y curl',
  python3: 'sudo apt-get install -y python3 python3-pip && pip install "moto[server]>=5.2"',
  chromium: 'sudo apt-get install -y chromium fonts-noto-color-emoji',
  // Compose v1 (Python): `docker-compose config` parses a project without a Docker engine.
  'docker-compose': 'sudo apt-get install -y docker-compose',
} as const;

export type Tool = keyof typeof INSTALL;

export const hasTool = (tool: Tool): boolean => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;

/** The tool's name, for spawnSync; throws with the install command when it is not on PATH. */
export function tool(name: Tool): string {
  if (!hasTool(name))
    throw new Error(
      `this test needs ${name}, which is not installed. Install it with:\n  ${INSTALL[name]}\n(or run .ci/run, which installs every prerequisite)`,
    );
  return name;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Appended to the title of a test that runs only as root, so a skipped run says how to run it. */
export const NEEDS_ROOT = '(needs root: sudo --preserve-env=PATH npx vitest run <this file>)';
