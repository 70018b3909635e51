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
 *
 * A reboot is the guest's own `systemctl reboot`: under --keep-unit nspawn
 * exits 133 instead of restarting (systemd-nspawn@.service restarts on it),
 * so `reboot()` starts nspawn again on the same merged folder, the same disk.
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
  /**
   * `systemctl reboot` inside, as a user would: systemd shuts down and nspawn
   * exits 133 (it does not restart itself under --keep-unit), then nspawn boots
   * the same overlay again, the same disk. Resolves with nspawn's exit code
   * and when the second boot started; rejects if it did not exit 133.
   */
  reboot(timeoutMs?: number): Promise<{ exitCode: number | null; bootedAt: number }>;
  /** Waits for the container to end by itself (e.g. a poweroff inside); nspawn's exit code, undefined on timeout. */
  exited(timeoutMs: number): Promise<number | null | undefined>;
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

function startNspawn(merged: string, name: string, network: BootNetwork, collect: (chunk: Buffer) => void): ChildProcess {
  const args = ['--boot', '--register=no', '--keep-unit', `--directory=${merged}`, `--machine=${name}`];
  args.push(`--network-namespace-path=${network.path}`, '--resolv-conf=off', '--link-journal=no');
  // setpriv (exec, same pid) makes nspawn power the container off if the test process dies.
  const child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', 'systemd-nspawn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return child;
}

/** nspawn's exit code once it has exited by itself, undefined if it is still running after `timeoutMs`. */
async function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null | undefined> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const result = await Promise.race([exit, timeout]);
  clearTimeout(timer);
  return result;
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
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  const name = `sdboot-${options.seed.instanceId}`;
  let child: ChildProcess | undefined;
  try {
    seed(merged, options.seed, options.network);
    const startedAt = Date.now();
    child = startNspawn(merged, name, options.network, collect);
    let leader = await leaderOf(child);
    let stopped = false;
    const exec = (args: string[], timeoutMs = 60_000): Promise<Captured> =>
      capture('nsenter', [`--target=${leader}`, '--mount', '--uts', '--ipc', '--net', '--pid', '--', ...args], { timeoutMs });
    return {
      upper,
      startedAt,
      console: () => output,
      exec,
      async reboot(timeoutMs = 60_000) {
        // The reply may never come: systemctl's namespace is torn down under it.
        void exec(['systemctl', 'reboot'], timeoutMs);
        const exitCode = await exitOf(child!, timeoutMs);
        if (exitCode !== 133) throw new Error(`the container did not reboot (nspawn exit ${exitCode}):\n${output.slice(-3000)}`);
        // The seed is already on the disk; the second boot finds what the first one left.
        const bootedAt = Date.now();
        child = startNspawn(merged, name, options.network, collect);
        leader = await leaderOf(child);
        return { exitCode, bootedAt };
      },
      exited: (timeoutMs) => exitOf(child!, timeoutMs),
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopNspawn(child!, 60_000);
        await unmount();
      },
    };
  } catch (error) {
    if (child) await stopNspawn(child, 10_000);
    await unmount();
    throw new Error(`booting failed: ${String(error)}\n${output}`, { cause: error });
  }
}
