/**
 * Tags identify everything a deployment owns: no local state file is kept,
 * so `status`, `destroy` and `sweep` find resources by these tags alone.
 */
import type { Tag, TagSpecification, ResourceType } from '@aws-sdk/client-ec2';

export const TAG = {
  deployment: 'spot-deployer:deployment',
  managedBy: 'spot-deployer:managed-by',
  repository: 'spot-deployer:repository',
  ref: 'spot-deployer:ref',
  sha: 'spot-deployer:sha',
  runId: 'spot-deployer:run-id',
  pr: 'spot-deployer:pr',
  bundleSha256: 'spot-deployer:bundle-sha256',
  expiresAt: 'spot-deployer:expires-at',
  launchId: 'spot-deployer:launch-id',
  name: 'Name',
} as const;

export const MANAGED_BY = 'spot-deployer';

/** Where a run comes from; empty strings are dropped from the tags. */
export interface RunContext {
  repository: string;
  ref: string;
  sha: string;
  runId: string;
  pullRequest?: number;
}

export interface DeploymentTagInput {
  deploymentId: string;
  run: RunContext;
  bundleSha256: string;
  /** ISO time, or undefined for `ttl: never`. */
  expiresAt?: string;
  launchId: string;
  userTags: Record<string, string>;
}

export function deploymentTags(input: DeploymentTagInput): Tag[] {
  const ours: Record<string, string | undefined> = {
    [TAG.deployment]: input.deploymentId,
    [TAG.managedBy]: MANAGED_BY,
    [TAG.repository]: input.run.repository,
    [TAG.ref]: input.run.ref,
    [TAG.sha]: input.run.sha,
    [TAG.runId]: input.run.runId,
    [TAG.pr]: input.run.pullRequest === undefined ? undefined : String(input.run.pullRequest),
    [TAG.bundleSha256]: input.bundleSha256,
    [TAG.expiresAt]: input.expiresAt ?? 'never',
    [TAG.launchId]: input.launchId,
    [TAG.name]: input.deploymentId,
  };
  // The user's tags come first so ours win on a clash: the tool relies on them.
  const merged = { ...input.userTags, ...ours };
  return Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([Key, Value]) => ({ Key, Value }));
}

export const tagSpecifications = (tags: Tag[], types: ResourceType[]): TagSpecification[] =>
  types.map((ResourceType) => ({ ResourceType, Tags: tags }));

export const tagValue = (tags: Tag[] | undefined, key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value;

export const deploymentFilter = (deploymentId: string) => ({
  Name: `tag:${TAG.deployment}`,
  Values: [deploymentId],
});
