/**
 * Boots one "instance": the cached Debian rootfs under a throwaway overlay
 * (the cache stays read-only and every boot starts clean, without copying
 * hundreds of MB), seeded for cloud-init's NoCloud datasource with the exact
 * user-data bytes EC2 received, run by `systemd-nspawn --boot` so systemd is
 * PID 1 and cloud-init runs all its stages as on a real instance.
 *
 * Internet hosts the instance needs are served by the test on the host end
 * of the veth and named in its /etc/hosts (BootSeed.hosts, trustedCa).
 *
 * Why these nspawn flags: `--register=no --keep-unit` need no machined/dbus
 * on the host; `--network-namespace-path` puts it in the test's namespace
 * (network.ts); `--resolv-conf=off` keeps our no-DNS resolv.conf;
 * `--link-journal=no` keeps the journal inside the container, where the test
 * exports it. The overlay's upper folder is what the boot changed, so its
 * logs outlive the container for the artifacts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BootNetwork } from './network.ts';
import { capture, run, type Captured } from './proc.ts';

export interface BootSeed {
  instanceId: string;
  hostname: string;
  /** Exactly what EC2 stored (gzip or text); cloud-init decompresses it itself. */
  userData: Buffer;
  /** More internet hosts a test serves on the host end of the veth, like deb.debian.org (e.g. github.com). */
  hosts?: string[];
  /** A PEM CA certificate the instance trusts, for such a host's HTTPS (appended to Debian's CA bundle). */
  trustedCa?: string;
}

export interface Container {
  upper: string;
  startedAt: number;
  console(): string;
  /** Runs a command inside the running container (all its namespaces). */
  exec(args: string[], timeoutMs?: number): Promise<Captured>;
  /** Asks systemd to power off (nspawn turns SIGTERM into that), then unmounts. */
  stop(): Promise<void>;
}

async function mountOverlay(lower: string, workDir: string): Promise<{ merged: string; upper: string }> {
  const [upper, work, merged] = ['upper', 'work', 'merged'].map((name) => join(workDir, name)) as [string, string, string];
  for (const dir of [upper, work, merged]) mkdirSync(dir, { recursive: true });
  await run('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged]);
  return { merged, upper };
}

/**
 * The NoCloud seed, plus the two files that stand in for the VPC: deb.debian.org
 * is the test's offline mirror on the host end of the veth, and there is no DNS.
 */
function seed(root: string, boot: BootSeed, network: BootNetwork): void {
  const dir = join(root, 'var/lib/cloud/seed/nocloud');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta-data'), `instance-id: ${boot.instanceId}\nlocal-hostname: ${boot.hostname}\n`);
  writeFileSync(join(dir, 'user-data'), boot.userData);
  const names = ['deb.debian.org', ...(boot.hosts ?? [])];
  appendFileSync(join(root, 'etc/hosts'), names.map((name) => `${network.hostIp} ${name}\n`).join(''));
  // curl and apt read this bundle; update-ca-certificates would rebuild it from the same folder plus ours.
  if (boot.trustedCa) appendFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), boot.trustedCa);
  writeFileSync(join(root, 'etc/resolv.conf'), '# boot test: no DNS; only the test network exists\n');
}

/** The host pid of the container's PID 1: nspawn's child whose innermost pid is 1. */
async function leaderOf(nspawn: ChildProcess, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && nspawn.exitCode === null) {
    const children = readChildren(nspawn.pid!);
    for (const pid of children) {
      const nspid = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]?.split(/\s+/);
      if (nspid && nspid.length > 1 && nspid.at(-1) === '1') return pid;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('could not find the container PID 1 under systemd-nspawn');
}

function readChildren(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function startNspawn(merged: string, name: string, network: BootNetwork): { child: ChildProcess; console: () => string } {
  const args = ['--boot', '--register=no', '--keep-unit', `--directory=${merged}`, `--machine=${name}`];
  args.push(`--network-namespace-path=${network.path}`, '--resolv-conf=off', '--link-journal=no');
  // setpriv (exec, same pid) makes nspawn power the container off if the test process dies.
  const child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', 'systemd-nspawn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return { child, console: () => output };
}

async function stopNspawn(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Unmounts and removes the work folders of boots whose test process was killed. */
export async function removeAbandonedBoots(parent: string): Promise<void> {
  for (const name of readdirSync(parent)) {
    const pid = /^sdboot-(\d+)-/.exec(name)?.[1];
    if (!pid || existsSync(`/proc/${pid}`)) continue;
    await capture('umount', [join(parent, name, 'merged')]);
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export async function bootContainer(options: { lower: string; workDir: string; seed: BootSeed; network: BootNetwork }): Promise<Container> {
  const { merged, upper } = await mountOverlay(options.lower, options.workDir);
  const unmount = (): Promise<unknown> => capture('umount', [merged]);
  let nspawn: ReturnType<typeof startNspawn> | undefined;
  try {
    seed(merged, options.seed, options.network);
    const startedAt = Date.now();
    nspawn = startNspawn(merged, `sdboot-${options.seed.instanceId}`, options.network);
    const leader = await leaderOf(nspawn.child);
    const { child, console } = nspawn;
    let stopped = false;
    return {
      upper,
      startedAt,
      console,
      exec: (args, timeoutMs = 60_000) =>
        capture('nsenter', [`--target=${leader}`, '--mount', '--uts', '--ipc', '--net', '--pid', '--', ...args], { timeoutMs }),
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopNspawn(child, 60_000);
        await unmount();
      },
    };
  } catch (error) {
    if (nspawn) await stopNspawn(nspawn.child, 10_000);
    await unmount();
    throw new Error(`booting failed: ${String(error)}\n${nspawn?.console() ?? ''}`, { cause: error });
  }
}
