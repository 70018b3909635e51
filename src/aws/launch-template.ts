/**
 * The deployment's launch template: one per deployment and region, found by
 * its ownership tags (like the security group) and named from the owner, so
 * two repositories never share one. Each fleet call writes a new version
 * (its user-data points under that call's launch id); `destroy` deletes the
 * template with all its versions.
 */
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  type LaunchTemplate,
  type RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.js';
import { awsErrorCode, wrapAwsError } from './errors.js';
import { isOwnedBy, ownedResourceName, ownerFilters, tagSpecifications, toTagList, type DeploymentOwner } from './tags.js';

/** A template version a fleet call can name. */
export interface TemplateVersion {
  id: string;
  version: string;
}

/**
 * Where the region keeps its template id once known: the lookup starts with
 * the region's other lookups; the first fleet call creates the template when
 * none was found, and later calls (spillover, replacements) reuse the id.
 */
export interface LaunchTemplateSlot {
  id?: string;
}

async function ownedTemplates(clients: AwsClients, owner: DeploymentOwner): Promise<LaunchTemplate[]> {
  const found = await clients.ec2.send(new DescribeLaunchTemplatesCommand({ Filters: ownerFilters(owner) }));
  return (found.LaunchTemplates ?? []).filter((template) => isOwnedBy(template.Tags, owner));
}

/** The deployment's template in this region, if there is one (read-only: asked together with the image and subnets). */
export async function findLaunchTemplate(clients: AwsClients, owner: DeploymentOwner): Promise<LaunchTemplateSlot> {
  try {
    const [template] = await ownedTemplates(clients, owner);
    return template?.LaunchTemplateId ? { id: template.LaunchTemplateId } : {};
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeLaunchTemplates', resource: clients.region });
  }
}

/**
 * Writes `data` as a new version of the deployment's template (creating the
 * template, as version 1, when the slot holds none) and returns the version
 * to launch. One call in the usual case.
 */
export async function putLaunchTemplateVersion(
  clients: AwsClients,
  options: { owner: DeploymentOwner; slot: LaunchTemplateSlot; tags: Record<string, string>; data: RequestLaunchTemplateData },
): Promise<TemplateVersion> {
  const { slot } = options;
  const name = ownedResourceName(options.owner);
  if (!slot.id) {
    try {
      const created = await clients.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: name,
          LaunchTemplateData: options.data,
          TagSpecifications: tagSpecifications(toTagList(options.tags), ['launch-template']),
        }),
      );
      slot.id = created.LaunchTemplate!.LaunchTemplateId!;
      return { id: slot.id, version: String(created.LaunchTemplate!.LatestVersionNumber ?? 1) };
    } catch (error) {
      // Created since the lookup (an earlier round of this run): use it, if it is ours.
      if (awsErrorCode(error) !== 'InvalidLaunchTemplateName.AlreadyExistsException') {
        throw wrapAwsError(error, { action: 'ec2:CreateLaunchTemplate', resource: `${clients.region} ${name}` });
      }
      const found = await findLaunchTemplate(clients, options.owner);
      if (!found.id) throw wrapAwsError(error, { action: 'ec2:CreateLaunchTemplate', resource: `${clients.region} ${name}` });
      slot.id = found.id;
    }
  }
  try {
    const version = await clients.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: slot.id, LaunchTemplateData: options.data }),
    );
    return { id: slot.id, version: String(version.LaunchTemplateVersion!.VersionNumber!) };
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:CreateLaunchTemplateVersion', resource: `${clients.region} ${slot.id}` });
  }
}

/** Deletes the deployment's templates (all versions) in this region; returns their ids. */
export async function deleteLaunchTemplates(clients: AwsClients, owner: DeploymentOwner): Promise<string[]> {
  let templates: LaunchTemplate[];
  try {
    templates = await ownedTemplates(clients, owner);
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeLaunchTemplates', resource: clients.region });
  }
  const deleted: string[] = [];
  for (const template of templates) {
    try {
      await clients.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: template.LaunchTemplateId }));
      deleted.push(template.LaunchTemplateId!);
    } catch (error) {
      if (awsErrorCode(error) === 'InvalidLaunchTemplateId.NotFound') continue;
      throw wrapAwsError(error, { action: 'ec2:DeleteLaunchTemplate', resource: `${clients.region} ${template.LaunchTemplateId}` });
    }
  }
  return deleted;
}
