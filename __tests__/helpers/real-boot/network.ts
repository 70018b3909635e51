/**
 * The booted container's whole network, all of it created by the test:
 *
 *   host ns  10.200.N.1 --veth-- 10.200.N.2  container ns  169.254.169.253 --veth-- 169.254.169.254  IMDS ns
 *
 * No default route and no DNS: the container reaches only what the test
 * serves on 10.200.N.1 (the S3 forwarder, the offline Debian mirror) and the
 * fake IMDS. IMDS has a namespace of its own because its address must be
 * local neither to the host (a 169.254.169.254 there would hijack this
 * machine's real metadata service) nor to the container (a server there
 * holds the instance's port 80, and nginx then cannot start), just as on EC2
 * where IMDS is off the instance, one hop away.
 * `--private-network` is not used: the container then has no link at all.
 */
import { existsSync } from 'node:fs';
import { run } from './proc.ts';

export const IMDS_ADDRESS = '169.254.169.254';

export interface BootNetwork {
  /** Container namespace, `sdboot-<pid of the test process>`. */
  name: string;
  /** For `systemd-nspawn --network-namespace-path`. */
  path: string;
  /** The namespace the fake IMDS runs in (`ip netns exec`). */
  imdsName: string;
  hostIp: string;
  guestIp: string;
  close(): Promise<void>;
}

const ip = (...args: string[]): Promise<string> => run('ip', args);

/** Deletes namespaces of earlier test runs that were killed before their afterAll. */
async function removeAbandoned(): Promise<void> {
  for (const line of (await ip('netns', 'list')).split('\n')) {
    const match = /^(sdboot|sdimds)-(\d+)/.exec(line);
    if (match && !existsSync(`/proc/${match[2]}`)) await ip('netns', 'del', match[0]).catch(() => {});
  }
}

/** A 10.200.N.0/30 that no interface or route on the host mentions yet. */
async function freeSubnet(): Promise<number> {
  const used = (await ip('-o', 'addr')) + (await ip('route'));
  for (let n = 1; n < 255; n += 1) if (!used.includes(`10.200.${n}.`)) return n;
  throw new Error('no free 10.200.N.0/30 for the boot test');
}

/** A veth pair from namespace `from` (undefined: the host) into namespace `to`, both ends up. */
async function veth(from: string | undefined, fromIf: string, to: string, toIf: string): Promise<void> {
  const inFrom = from ? ['-n', from] : [];
  await ip(...inFrom, 'link', 'add', fromIf, 'type', 'veth', 'peer', 'name', toIf, 'netns', to);
  await ip(...inFrom, 'link', 'set', fromIf, 'up');
  await ip('-n', to, 'link', 'set', toIf, 'up');
}

export async function createBootNetwork(): Promise<BootNetwork> {
  await removeAbandoned();
  const [name, imdsName, prefix] = [`sdboot-${process.pid}`, `sdimds-${process.pid}`, `sdb${process.pid}`];
  const n = await freeSubnet();
  const [hostIp, guestIp] = [`10.200.${n}.1`, `10.200.${n}.2`];
  const close = async (): Promise<void> => {
    // Deleting a namespace destroys its veth ends, and with them their peers.
    for (const namespace of [name, imdsName]) await ip('netns', 'del', namespace).catch(() => {});
    await ip('link', 'del', `${prefix}h`).catch(() => {});
  };
  try {
    for (const namespace of [name, imdsName]) {
      await ip('netns', 'add', namespace);
      await ip('-n', namespace, 'link', 'set', 'lo', 'up');
    }
    await veth(undefined, `${prefix}h`, name, `${prefix}g`);
    await ip('addr', 'add', `${hostIp}/30`, 'dev', `${prefix}h`);
    await ip('-n', name, 'addr', 'add', `${guestIp}/30`, 'dev', `${prefix}g`);
    // Point-to-point /32s: each side gets exactly one route, to the other.
    await veth(name, `${prefix}m`, imdsName, `${prefix}i`);
    await ip('-n', name, 'addr', 'add', '169.254.169.253', 'peer', IMDS_ADDRESS, 'dev', `${prefix}m`);
    await ip('-n', imdsName, 'addr', 'add', IMDS_ADDRESS, 'peer', '169.254.169.253', 'dev', `${prefix}i`);
  } catch (error) {
    await close();
    throw error;
  }
  return { name, path: `/run/netns/${name}`, imdsName, hostIp, guestIp, close };
}
