/**
 * The example projects the real-boot test deploys, one line each. The
 * container has no internet, so every Debian package an example's setup.sh
 * installs must be listed in `aptPackages`: the rootfs builder downloads
 * those .debs once (at cache-build time, from the Debian mirror) and the test
 * serves them to the container as a local copy of deb.debian.org.
 *
 * Each example must launch one instance (every container gets the one fake
 * IMDS); the region comes from its `.spot/config.yaml`.
 *
 * To add an example: append `{ dir: 'examples/NAME', aptPackages: [...] }` (probe optional).
 * Changing the packages changes the cache key, so `npm run rootfs` rebuilds.
 * An example that downloads from the internet gets a `prepare` hook that
 * serves a stand-in on the host end of the veth (release-stand-in.ts).
 */
import { githubReleaseStandIn, type Prepared } from './release-stand-in.ts';

export type { Prepared };
export interface BootExample {
  /** Folder holding the project (its `.spot/config.yaml` names the deployment). */
  dir: string;
  /** Debian packages its setup scripts install with apt-get (served offline). */
  aptPackages: string[];
  /** Optional check inside the booted instance: a shell command... */
  probe?: string;
  /** ...and text its output must hold (each of them). */
  expect?: string | string[];
  /**
   * Runs on the test's temporary copy of the example before the deploy: may
   * rewrite the copy and start stand-ins for internet hosts, which the
   * instance then reaches (its /etc/hosts, its CA bundle).
   */
  prepare?: (context: { dir: string; hostIp: string }) => Promise<Prepared>;
  /** Paths of the instance (relative to /) kept under the artifacts' instance/ folder. */
  keep?: string[];
}

export const BOOT_EXAMPLES: BootExample[] = [
  { dir: 'examples/hello-web', aptPackages: ['nginx'], probe: 'curl -fsS http://localhost/', expect: 'Hello from a spot instance' },
  { dir: 'examples/python-web', aptPackages: [], probe: 'curl -fsS http://127.0.0.1:8000/', expect: 'Hello from a spot instance' },
  { dir: 'examples/static-site', aptPackages: [], probe: 'curl -fsS http://127.0.0.1:8080/', expect: 'A static site on a spot instance' },
  // Node from Debian's package, served offline: the reply names the runtime, so the python3 fallback would fail this.
  { dir: 'examples/node-service', aptPackages: ['nodejs'], probe: 'curl -fsS http://127.0.0.1:3000/', expect: '"runtime":"node v' },
  // The release tarball from github.com, served by a stand-in of the same layout; the unit runs it under DynamicUser=yes.
  {
    dir: 'examples/prebuilt-binary',
    aptPackages: [],
    prepare: githubReleaseStandIn,
    // ...and the process serving it runs as a uid from systemd's DynamicUser range (61184-65519), not root.
    probe:
      'curl -fsS http://127.0.0.1:9100/metrics && pid=$(systemctl show -p MainPID --value node-exporter.service) && ' +
      'uid=$(awk \'/^Uid:/ {print $2}\' /proc/$pid/status) && [ "$uid" -ge 61184 ] && [ "$uid" -le 65519 ] && echo "dynamic user $uid"',
    expect: ['node_exporter_build_info{version="1.8.2"} 1', 'dynamic user '],
  },
];

/**
 * compose-stack, booted as far as this machine allows: the agent fetches the
 * bundle and the sealed secret part, places every file and the `.env` secret,
 * and then fails at its compose step, because Debian has no
 * `docker-compose-v2` package (Ubuntu's name, which the agent installs) and
 * no image (`nginx:1.27-alpine`) can be pulled offline anyway. The test then
 * runs a real compose parser (`docker-compose config`) over the files as they
 * landed on the instance. The probe shows their modes and owners there.
 */
export const COMPOSE_EXAMPLE: BootExample = {
  dir: 'examples/compose-stack',
  aptPackages: [],
  keep: ['opt/deployment'],
  probe: 'cd /opt/deployment && stat -c "%a %U %n" .env compose.yaml web web/Dockerfile static static/logo.svg',
};

/** Every package any example needs, sorted, so the cache key does not depend on order. */
export function mirrorPackages(examples: BootExample[] = BOOT_EXAMPLES): string[] {
  return [...new Set(examples.flatMap((example) => example.aptPackages))].sort();
}
