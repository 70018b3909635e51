/**
 * What the real-boot test needs from the machine, each missing piece named
 * with the command that provides it. The test must never pass silently when
 * it could not boot anything: it fails in CI and skips elsewhere with these
 * messages (see the test file).
 */
import { spawnSync } from 'node:child_process';

/** The Debian package that provides each tool the test runs. */
const PROVIDER: Record<string, string> = {
  debootstrap: 'debootstrap',
  chroot: 'coreutils',
  'systemd-nspawn': 'systemd-container',
  ip: 'iproute2',
  nsenter: 'util-linux',
  setpriv: 'util-linux',
  mount: 'mount',
  python3: 'python3',
};

export function hasTool(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** One message per missing tool, e.g. "systemd-nspawn not found: apt-get install systemd-container". */
export function missingTools(tools: string[]): string[] {
  return tools.filter((tool) => !hasTool(tool)).map((tool) => `${tool} not found: apt-get install ${PROVIDER[tool] ?? tool}`);
}

/** Everything a boot needs apart from the rootfs cache (checked separately, since it can be built). */
export function missingForBoot(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('not root: network namespaces, overlay mounts and systemd-nspawn need root');
  missing.push(...missingTools(['systemd-nspawn', 'ip', 'nsenter', 'setpriv', 'mount', 'python3']));
  return missing;
}
