/**
 * Tags identify everything a deployment owns: no local state file is kept,
 * so `status`, `destroy` and `sweep` find resources by these tags alone.
 */
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

export const deploymentFilter = (deploymentId: string) => ({
  Name: `tag:${TAG.deployment}`,
  Values: [deploymentId],
});
