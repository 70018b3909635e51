/**
 * The tag names that identify everything a deployment owns. No local state
 * file is kept: `status`, `destroy`, `sweep` and the post step find resources
 * by these tags alone, so the names are part of the contract with users'
 * accounts and never change.
 */
export const TAG = {
  deployment: 'spot-deployer:deployment',
  managedBy: 'spot-deployer:managed-by',
  repository: 'spot-deployer:repository',
  ref: 'spot-deployer:ref',
  sha: 'spot-deployer:sha',
  runId: 'spot-deployer:run-id',
  pr: 'spot-deployer:pr',
  bundleSha256: 'spot-deployer:bundle-sha256',
  /** sha256 of the bundle's file index (paths, modes, sizes, content hashes): tells "unchanged" without compressing. */
  indexSha256: 'spot-deployer:index-sha256',
  expiresAt: 'spot-deployer:expires-at',
  launchId: 'spot-deployer:launch-id',
  /** Hash of everything an instance is launched with (deploy/spec-hash.ts): any change replaces it. */
  specSha256: 'spot-deployer:spec-sha256',
  name: 'Name',
} as const;

export const MANAGED_BY = 'spot-deployer';
