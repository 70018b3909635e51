/**
 * Tags identify everything a deployment owns: no local state file is kept,
 * so `status`, `destroy` and `sweep` find resources by these tags alone.
 */
import { createHash } from 'node:crypto';
import type { Tag, TagSpecification, ResourceType } from '@aws-sdk/client-ec2';
import { TAG } from '../core/tags.js';

export { MANAGED_BY, TAG } from '../core/tags.js';

/** Tag pairs for the SDK, without empty values (EC2 keeps them, but they say nothing). */
export const toTagList = (tags: Record<string, string | undefined>): Tag[] =>
  Object.entries(tags)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([Key, Value]) => ({ Key, Value }));

export const tagSpecifications = (tags: Tag[], types: ResourceType[]): TagSpecification[] =>
  types.map((ResourceType) => ({ ResourceType, Tags: tags }));

export const tagValue = (tags: Tag[] | undefined, key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value;

/** Who a deployment belongs to: the repository and the deployment id together. */
export interface DeploymentOwner {
  deploymentId: string;
  /** `owner/repo`; empty for a project outside any repository, whose resources carry no repository tag. */
  repository: string;
}

/**
 * Server-side filters for a deployment's resources. EC2 cannot filter on a
 * tag being absent, so an empty repository is checked by `isOwnedBy` on the
 * results; every caller applies both.
 */
export const ownerFilters = (owner: DeploymentOwner) => [
  { Name: `tag:${TAG.deployment}`, Values: [owner.deploymentId] },
  ...(owner.repository ? [{ Name: `tag:${TAG.repository}`, Values: [owner.repository] }] : []),
];

/** True when the tags name exactly this deployment of exactly this repository (or, for none, no repository). */
export const isOwnedBy = (tags: Tag[] | undefined, owner: DeploymentOwner): boolean =>
  tagValue(tags, TAG.deployment) === owner.deploymentId && (tagValue(tags, TAG.repository) ?? '') === owner.repository;

/** True when the tags belong to this repository (any deployment); see `isOwnedBy` for the empty repository. */
export const isOfRepository = (tags: Tag[] | undefined, repository: string): boolean =>
  (tagValue(tags, TAG.repository) ?? '') === repository;

/**
 * The name of a resource the deployment owns in a region (its security group,
 * its launch template): the deployment id, and the repository hashed, so two
 * repositories' same-named deployments never share one. Both name rules
 * (`[a-zA-Z0-9().\-/_]`, up to 128 characters for templates) hold.
 */
export const ownedResourceName = (owner: DeploymentOwner): string =>
  owner.repository
    ? `spot-deployer-${owner.deploymentId}-${createHash('sha256').update(owner.repository).digest('hex').slice(0, 8)}`
    : `spot-deployer-${owner.deploymentId}`;
