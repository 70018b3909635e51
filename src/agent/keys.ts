/**
 * Where a deployment's objects live in the bucket: the bundle the loader
 * fetches and the status objects the agent writes. The deployer and the
 * agent's grants both derive from these functions, so the layout is written
 * down once.
 */

/** Joins key parts, trimming slashes and dropping empty parts. */
export const keyOf = (...parts: string[]): string =>
  parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');

/** What names a deployment's folder: the bucket prefix and the deployment id. */
export interface KeyScope {
  prefix: string;
  deploymentId: string;
}

/** The scope of a plan-like value: its bucket prefix and deployment id. */
export const keyScopeOf = (plan: { bucket: { prefix: string }; deploymentId: string }): KeyScope => ({
  prefix: plan.bucket.prefix,
  deploymentId: plan.deploymentId,
});

/** `<prefix>/<deployment>/`, with the trailing slash that keeps `demo` from matching `demo-pr-1`. */
export const deploymentFolder = (scope: KeyScope): string => `${keyOf(scope.prefix, scope.deploymentId)}/`;

/** `<folder><sha256>.tar.gz`: the key is the content, so an existing object is never re-uploaded. */
export const bundleKey = (scope: KeyScope, sha256: string): string => `${deploymentFolder(scope)}${sha256}.tar.gz`;

/** `<folder>status/<launchId>/`: the status objects of one launch call. */
export const statusPrefix = (scope: KeyScope, launchId: string): string => `${deploymentFolder(scope)}${keyOf('status', launchId)}/`;

/** One status object per instance of a launch call, by its launch index. */
export const statusKey = (scope: KeyScope, launchId: string, index: number): string => `${statusPrefix(scope, launchId)}${index}.json`;

/** The secret part sealed to one instance of a launch call (ciphertext only), by its launch index. */
export const sealedKey = (scope: KeyScope, launchId: string, index: number): string =>
  `${deploymentFolder(scope)}${keyOf('sealed', launchId)}/${index}.bin`;

/** Where a status key's launch id and index are: `<folder>status/<launchId>/<index>.json`. */
export function parseStatusKey(scope: KeyScope, key: string): { launchId: string; index: number } | undefined {
  const match = /^status\/([^/]+)\/(\d+)\.json$/.exec(key.slice(deploymentFolder(scope).length));
  return key.startsWith(deploymentFolder(scope)) && match ? { launchId: match[1]!, index: Number(match[2]) } : undefined;
}
