/**
 * Where a deployment's objects live in the bucket: the bundle the loader
 * fetches and the status objects the agent writes. The deployer and the
 * agent's grants both derive from these functions, so the layout is written
 * down once.
 *
 * A deployment is (repository, deployment id): two repositories that use the
 * same deployment name in one bucket get separate folders, and no folder is
 * a prefix of another deployment's folder (see `repositorySegments`).
 */
import { createHash } from 'node:crypto';

/** Joins key parts, trimming slashes and dropping empty parts. */
export const keyOf = (...parts: string[]): string =>
  parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');

/** What names a deployment's folder: the bucket prefix, the repository and the deployment id. */
export interface KeyScope {
  prefix: string;
  /** `owner/repo`; empty for a project outside any repository. */
  repository: string;
  deploymentId: string;
}

/** The scope of a plan-like value: its bucket prefix, repository and deployment id. */
export const keyScopeOf = (plan: { bucket: { prefix: string }; deploymentId: string; run: { repository: string } }): KeyScope => ({
  prefix: plan.bucket.prefix,
  repository: plan.run.repository,
  deploymentId: plan.deploymentId,
});

/** GitHub's shapes: an owner never starts with `_` or `.`, so `_local` and `_repo-…` cannot clash with one. */
const GITHUB_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;

/**
 * The repository as key segments: `owner/repo` stays readable as two
 * segments; no repository is `_local`; anything else (a `--repository` with
 * more slashes or odd characters) is one hashed segment. No segment holds a
 * `/` of its own, so folders never nest inside one another.
 */
export function repositorySegments(repository: string): string[] {
  if (repository === '') return ['_local'];
  if (GITHUB_REPOSITORY.test(repository) && !repository.split('/').includes('..')) return repository.split('/');
  return [`_repo-${createHash('sha256').update(repository).digest('hex').slice(0, 16)}`];
}

/** `<prefix>/<owner>/<repo>/<deployment>/`, with the trailing slash that keeps `demo` from matching `demo-pr-1`. */
export const deploymentFolder = (scope: KeyScope): string =>
  `${keyOf(scope.prefix, ...repositorySegments(scope.repository), scope.deploymentId)}/`;

/** `<folder><sha256>.tar.gz`: the key is the content, so an existing object is never re-uploaded. */
export const bundleKey = (scope: KeyScope, sha256: string): string => `${deploymentFolder(scope)}${sha256}.tar.gz`;

/** `<folder>status/<launchId>/`: the status objects of one launch call. */
export const statusPrefix = (scope: KeyScope, launchId: string): string => `${deploymentFolder(scope)}${keyOf('status', launchId)}/`;

/**
 * One status object per instance of a launch call, named by its instance id:
 * EC2 Fleet numbers `ami-launch-index` per request, so two instances of one
 * fleet call can share an index (on moto every spot instance has 0).
 */
export const statusKey = (scope: KeyScope, launchId: string, instance: string | number): string =>
  `${statusPrefix(scope, launchId)}${instance}.json`;

/**
 * `<folder>launch/<launchId>.conf`: the agent's settings for one launch call
 * (bundle URL, status grant, sealed-secret URLs), fetched by the loader the
 * user-data carries, so the user-data does not grow with the count.
 */
export const launchConfKey = (scope: KeyScope, launchId: string): string => `${deploymentFolder(scope)}${keyOf('launch', launchId)}.conf`;

/**
 * `<folder>launch/<launchId>.slots`: which sealed-secret slot each instance of
 * the launch reads (`<instance id> <slot>` lines), written once the launch
 * call returned its instance ids. EC2 Fleet can give two instances of one
 * call the same `ami-launch-index`, so the index cannot choose the slot.
 */
export const launchSlotsKey = (scope: KeyScope, launchId: string): string => `${deploymentFolder(scope)}${keyOf('launch', launchId)}.slots`;

/** `<folder>deploy.lock`: held by the one deploy of this deployment that is running. */
export const lockKey = (scope: KeyScope): string => `${deploymentFolder(scope)}deploy.lock`;

/** The secret part sealed to one instance of a launch call (ciphertext only), by its launch index. */
export const sealedKey = (scope: KeyScope, launchId: string, index: number): string =>
  `${deploymentFolder(scope)}${keyOf('sealed', launchId)}/${index}.bin`;

/** Where a status key's launch id is: `<folder>status/<launchId>/<instance id>.json`. */
export function parseStatusKey(scope: KeyScope, key: string): { launchId: string } | undefined {
  const match = /^status\/([^/]+)\/[^/]+\.json$/.exec(key.slice(deploymentFolder(scope).length));
  return key.startsWith(deploymentFolder(scope)) && match ? { launchId: match[1]! } : undefined;
}
