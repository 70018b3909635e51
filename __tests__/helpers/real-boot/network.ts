/**
 * The booted container's whole network: a network namespace the test creates,
 * joined to the host by one veth pair carrying a /30 (10.200.N.1 host side,
 * 10.200.N.2 container side), and nothing else: no default route, no DNS, so
 * the container can reach only what the test serves on 10.200.N.1 (the S3
 * forwarder and the offline Debian mirror) and, on the namespace's own
 * loopback, the fake IMDS at 169.254.169.254.
 *
 * IMDS lives inside the namespace (not on the host side) so the host never
 * gets a 169.254.169.254 address of its own: that would hijack this
 * machine's real metadata service. `--private-network` is not used because
 * the container then has no veth to reach the test's servers through.
 */
import { existsSync } from 'node:fs';
import { run } from './proc.ts';

export const IMDS_ADDRESS = '169.254.169.254';

export interface BootNetwork {
  /** Namespace name, `sdboot-<pid of the test process>`. */
  name: string;
  /** For `systemd-nspawn --network-namespace-path`. */
  path: string;
  hostIp: string;
  guestIp: string;
  close(): Promise<void>;
}

const ip = (...args: string[]): Promise<string> => run('ip', args);

/** Deletes namespaces of earlier test runs that were killed before their afterAll. */
async function removeAbandoned(): Promise<void> {
  for (const line of (await ip('netns', 'list')).split('\n')) {
    const pid = /^sdboot-(\d+)/.exec(line)?.[1];
    if (pid && !existsSync(`/proc/${pid}`)) await ip('netns', 'del', `sdboot-${pid}`).catch(() => {});
  }
}

/** A 10.200.N.0/30 that no interface or route on the host mentions yet. */
async function freeSubnet(): Promise<number> {
  const used = (await ip('-o', 'addr')) + (await ip('route'));
  for (let n = 1; n < 255; n += 1) if (!used.includes(`10.200.${n}.`)) return n;
  throw new Error('no free 10.200.N.0/30 for the boot test');
}

export async function createBootNetwork(): Promise<BootNetwork> {
  await removeAbandoned();
  const name = `sdboot-${process.pid}`;
  const hostIf = `sdb${process.pid}h`;
  const guestIf = `sdb${process.pid}g`;
  const n = await freeSubnet();
  const [hostIp, guestIp] = [`10.200.${n}.1`, `10.200.${n}.2`];
  await ip('netns', 'add', name);
  const close = async (): Promise<void> => {
    // Deleting the namespace destroys its veth end, and with it the host end.
    await ip('netns', 'del', name).catch(() => {});
    await ip('link', 'del', hostIf).catch(() => {});
  };
  try {
    await ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', guestIf, 'netns', name);
    await ip('addr', 'add', `${hostIp}/30`, 'dev', hostIf);
    await ip('link', 'set', hostIf, 'up');
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    await ip('-n', name, 'addr', 'add', `${IMDS_ADDRESS}/32`, 'dev', 'lo');
    await ip('-n', name, 'addr', 'add', `${guestIp}/30`, 'dev', guestIf);
    await ip('-n', name, 'link', 'set', guestIf, 'up');
  } catch (error) {
    await close();
    throw error;
  }
  return { name, path: `/run/netns/${name}`, hostIp, guestIp, close };
}
