/**
 * The Debian userland the real-boot test boots: built once with debootstrap
 * and cached OUTSIDE the repo, because building takes minutes and needs the
 * Debian mirror, while a boot must need neither.
 *
 * The cache folder is named after a hash of everything that shapes it (suite,
 * mirror, packages, the examples' packages, this builder's version), so a
 * change of any of them builds a new one instead of reusing a stale one. It is
 * built under a temporary name and renamed into place at the end: a killed
 * build leaves only a `.build-*` folder, which the next build removes, never a
 * half cache that looks finished.
 *
 * Layout of `<cacheRoot>/rootfs-<key>/`:
 *   rootfs/        the root filesystem (never booted itself; boots use an overlay)
 *   mirror/debian/ the InRelease and .deb files the examples' apt-get needs, at
 *                  the paths deb.debian.org has them, served offline by the test
 *   manifest.json  what was built, with which versions, and how long it took
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mirrorPackages } from './examples.ts';
import { run } from './proc.ts';

/** The Debian release and mirror; the mirror is the one this machine's apt uses. */
export const SUITE = 'bookworm';
export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';

/**
 * What an EC2 Debian image has and the agent relies on: systemd as init,
 * cloud-init, curl for presigned URLs, dbus so `shutdown -h +N` (the TTL) can
 * reach logind, python3, openssl and openssh-server as on Debian's EC2
 * images (cloud-init's ssh modules act on it), locales for its locale module.
 */
export const IMAGE_PACKAGES = [
  'ca-certificates',
  'cloud-init',
  'curl',
  'dbus',
  'iproute2',
  'locales',
  'openssh-server',
  'openssl',
  'python3',
  'systemd-sysv',
];

/** Bump when the build steps change in a way the cache key cannot see. */
const BUILDER_VERSION = 5;

export interface RootfsCache {
  dir: string;
  rootfs: string;
  mirror: string;
}

export function cacheRoot(): string {
  return process.env.SPOT_BOOT_CACHE_DIR ?? '/var/cache/spot-deployer';
}

export function cacheKey(): string {
  const shape = { BUILDER_VERSION, SUITE, DEBIAN_MIRROR, IMAGE_PACKAGES, mirror: mirrorPackages() };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

function cacheOf(dir: string): RootfsCache {
  return { dir, rootfs: join(dir, 'rootfs'), mirror: join(dir, 'mirror') };
}

/** The finished cache, or undefined when it has not been built (manifest.json is written last). */
export function cachedRootfs(): RootfsCache | undefined {
  const dir = join(cacheRoot(), `rootfs-${cacheKey()}`);
  return existsSync(join(dir, 'manifest.json')) ? cacheOf(dir) : undefined;
}

/** Removes `.build-*` folders left by builds that were killed (their pid is gone). */
function removeAbandonedBuilds(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = /^\.build-[0-9a-f]+-(\d+)$/.exec(name)?.[1];
    if (!pid || existsSync(`/proc/${pid}`)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

/**
 * Pretends to be a cloud image for cloud-init: the NoCloud seed is the
 * datasource, and the test wires the container's network itself, so
 * cloud-init must not rewrite it. An empty machine-id and no SSH host keys,
 * as images ship, make each boot generate its own.
 */
async function configureImage(rootfs: string, log: (text: string) => void): Promise<void> {
  // cloud-init's locale module sets en_US.UTF-8, and Debian's locale-gen only
  // builds what /etc/locale.gen enables: without it the module fails (status: error).
  const localeGen = join(rootfs, 'etc/locale.gen');
  writeFileSync(localeGen, readFileSync(localeGen, 'utf8').replace(/^# (en_US\.UTF-8 UTF-8)$/m, '$1'));
  await run('chroot', [rootfs, 'locale-gen'], log);
  writeFileSync(
    join(rootfs, 'etc/cloud/cloud.cfg.d/90-spot-deployer-boot-test.cfg'),
    '# spot-deployer boot test: NoCloud seed instead of EC2; the test sets up the network.\n' +
      'datasource_list: [NoCloud, None]\nnetwork: {config: disabled}\n',
  );
  writeFileSync(join(rootfs, 'etc/machine-id'), '');
  // openssh-server's postinst made host keys; images ship none, cloud-init makes each instance's.
  for (const name of readdirSync(join(rootfs, 'etc/ssh'))) {
    if (name.startsWith('ssh_host_')) rmSync(join(rootfs, 'etc/ssh', name));
  }
  // debootstrap writes no /etc/hosts; a boot appends deb.debian.org to this one.
  writeFileSync(join(rootfs, 'etc/hosts'), '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n');
  mkdirSync(join(rootfs, 'var/log/journal'), { recursive: true });
}

/**
 * Downloads the .debs the examples install (with their dependencies and
 * recommends, as a plain `apt-get install` would fetch them) and puts them,
 * with the signed InRelease apt already trusts, where deb.debian.org has them.
 * The apt lists stay in the image, so `apt-get update` in the container finds
 * the same InRelease and needs no index download.
 */
async function buildMirror(rootfs: string, mirror: string, log: (text: string) => void): Promise<Record<string, string>> {
  const inChroot = (...args: string[]): Promise<string> => run('chroot', [rootfs, ...args], log);
  const packages = mirrorPackages();
  const uris = await inChroot('apt-get', 'install', '-y', '-qq', '--print-uris', ...packages);
  await inChroot('apt-get', 'install', '-y', '-q', '--download-only', ...packages);
  const files: Record<string, string> = {};
  for (const [, url, file] of uris.matchAll(/^'([^']+)' (\S+) \d+ /gm)) {
    const path = decodeURIComponent(new URL(url!).pathname).replace(/^\/debian\//, '');
    mkdirSync(dirname(join(mirror, 'debian', path)), { recursive: true });
    renameSync(join(rootfs, 'var/cache/apt/archives', file!), join(mirror, 'debian', path));
    files[file!] = path;
  }
  const lists = join(rootfs, 'var/lib/apt/lists');
  const inRelease = readdirSync(lists).find((name) => name.endsWith(`_dists_${SUITE}_InRelease`));
  if (!inRelease) throw new Error(`no ${SUITE} InRelease in ${lists}`);
  mkdirSync(join(mirror, 'debian/dists', SUITE), { recursive: true });
  writeFileSync(join(mirror, 'debian/dists', SUITE, 'InRelease'), readFileSync(join(lists, inRelease)));
  return files;
}

/**
 * Installs the image packages with apt in the chroot, not with debootstrap's
 * --include: debootstrap's resolver does not follow virtual packages
 * (cloud-init -> python3-cryptography -> python3-cffi-backend-api-*) and
 * leaves cloud-init unconfigured. No recommends, like a lean cloud image.
 */
async function installAndMirror(cache: RootfsCache, log: (text: string) => void): Promise<Record<string, string>> {
  const resolvConf = join(cache.rootfs, 'etc/resolv.conf');
  writeFileSync(resolvConf, readFileSync('/etc/resolv.conf'));
  try {
    await run('chroot', [cache.rootfs, 'apt-get', 'update', '-q'], log);
    await run('chroot', [cache.rootfs, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...IMAGE_PACKAGES], log);
    await run('chroot', [cache.rootfs, 'apt-get', 'clean'], log);
    return await buildMirror(cache.rootfs, cache.mirror, log);
  } finally {
    rmSync(resolvConf, { force: true });
  }
}

/** Builds the cache (debootstrap, image config, offline mirror) and renames it into place. */
export async function buildRootfs(log: (text: string) => void = () => {}): Promise<RootfsCache & { seconds: number }> {
  const started = Date.now();
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  removeAbandonedBuilds(root);
  const final = join(root, `rootfs-${cacheKey()}`);
  const temp = cacheOf(join(root, `.build-${cacheKey()}-${process.pid}`));
  mkdirSync(temp.dir);
  try {
    await run('debootstrap', ['--variant=minbase', SUITE, temp.rootfs, DEBIAN_MIRROR], log);
    const debs = await installAndMirror(temp, log);
    await configureImage(temp.rootfs, log);
    const versions = await run('chroot', [temp.rootfs, 'dpkg-query', '-W', '-f', '${Package} ${Version}\n', 'cloud-init', 'systemd']);
    const seconds = Math.round((Date.now() - started) / 1000);
    const manifest = { key: cacheKey(), suite: SUITE, mirror: DEBIAN_MIRROR, packages: IMAGE_PACKAGES, versions, debs, seconds };
    writeFileSync(join(temp.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (cachedRootfs()) {
      // Another build finished first; a boot may already use it, so keep it and drop ours.
      rmSync(temp.dir, { recursive: true, force: true });
    } else {
      rmSync(final, { recursive: true, force: true }); // only a manual leftover: manifest.json is written before the rename
      renameSync(temp.dir, final);
    }
    return { ...cacheOf(final), seconds };
  } catch (error) {
    rmSync(temp.dir, { recursive: true, force: true });
    throw error;
  }
}
