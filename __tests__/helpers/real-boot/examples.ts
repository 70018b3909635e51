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
 */
export interface BootExample {
  /** Folder holding the project (its `.spot/config.yaml` names the deployment). */
  dir: string;
  /** Debian packages its setup scripts install with apt-get (served offline). */
  aptPackages: string[];
  /** Optional check inside the booted instance: a shell command... */
  probe?: string;
  /** ...and text its output must hold. */
  expect?: string;
}

export const BOOT_EXAMPLES: BootExample[] = [
  { dir: 'examples/hello-web', aptPackages: ['nginx'], probe: 'curl -fsS http://localhost/', expect: 'Hello from a spot instance' },
  { dir: 'examples/python-web', aptPackages: [], probe: 'curl -fsS http://127.0.0.1:8000/', expect: 'Hello from a spot instance' },
  { dir: 'examples/static-site', aptPackages: [], probe: 'curl -fsS http://127.0.0.1:8080/', expect: 'A static site on a spot instance' },
  // Node from Debian's package, served offline: the reply names the runtime, so the python3 fallback would fail this.
  { dir: 'examples/node-service', aptPackages: ['nodejs'], probe: 'curl -fsS http://127.0.0.1:3000/', expect: '"runtime":"node v' },
];

/** Every package any example needs, sorted, so the cache key does not depend on order. */
export function mirrorPackages(examples: BootExample[] = BOOT_EXAMPLES): string[] {
  return [...new Set(examples.flatMap((example) => example.aptPackages))].sort();
}
