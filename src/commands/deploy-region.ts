/**
 * Everything one region needs before and during launch: the image, the
 * subnets (capacity pools), the deployment's security group, and the ladder.
 * Each launch call gets its own user-data, whose status URLs point under
 * that call's launch id.
 */
import type { Tag } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/clients.js';
import { resolveImage } from '../aws/ami.js';
import { launchInRegion, type RegionLaunchResult } from '../aws/launch.js';
import { ensureSecurityGroup, findSubnets } from '../aws/network.js';
import { presignPut, statusKey } from '../aws/s3.js';
import { renderUserData, assertUserDataFits } from '../cloudinit/user-data.js';
import { SpotError } from '../errors.js';
import type { Plan, RegionPlan } from '../plan/types.js';
import { agentSettingsFor, ingressFor, sshAccessFor } from './prepare.js';

export interface RegionDeployRequest {
  clients: AwsClients;
  /** S3 client of the bucket's region, to presign status URLs. */
  bucketClients: AwsClients;
  plan: Plan;
  region: RegionPlan;
  count: number;
  bundleUrl: string;
  bundleSha256: string;
  agentScript: string;
  tags: Tag[];
  clientTokenBase: string;
  urlLifetimeSeconds: number;
  mask: (secret: string) => void;
}

export interface RegionDeployResult extends RegionLaunchResult {
  region: string;
  statusPrefixes: string[];
  userDataBytes: number;
}

export async function deployRegion(request: RegionDeployRequest): Promise<RegionDeployResult> {
  const { plan, region, clients } = request;
  const result: RegionDeployResult = { region: region.name, instances: [], attempts: [], statusPrefixes: [], userDataBytes: 0 };
  try {
    const image = await resolveImage(clients, region.image, plan.architecture);
    const { vpcId, subnets } = await findSubnets(clients, plan.network, region.subnets);
    const securityGroupId = await ensureSecurityGroup(clients, {
      vpcId,
      deploymentId: plan.deploymentId,
      ingress: ingressFor(plan),
      tags: request.tags,
    });
    const launched = await launchInRegion({
      clients,
      plan,
      count: request.count,
      instanceTypes: region.instanceTypes,
      image,
      subnets,
      securityGroupId,
      tags: request.tags,
      clientTokenBase: request.clientTokenBase,
      userDataFor: async (launchId, count) => {
        const statusUrls = await presignStatusUrls(request, launchId, count);
        const ssh = sshAccessFor(plan);
        const rendered = renderUserData({
          template: plan.manifest.template,
          agentScript: request.agentScript,
          ...(ssh ? { ssh } : {}),
          settings: agentSettingsFor(plan, { bundleUrl: request.bundleUrl, bundleSha256: request.bundleSha256, statusUrls }),
        });
        assertUserDataFits(rendered, region.name);
        result.userDataBytes = Math.max(result.userDataBytes, rendered.bytes);
        result.statusPrefixes.push(statusPrefix(plan, launchId));
        return rendered.payload.toString('base64');
      },
    });
    return { ...result, ...launched };
  } catch (error) {
    const wrapped = error instanceof SpotError ? error : new SpotError('SD299', `${region.name}: ${String(error)}`, { cause: error });
    return { ...result, error: wrapped };
  }
}

/** The folder of one launch call's status objects. */
export const statusPrefix = (plan: Plan, launchId: string): string =>
  statusKey(plan.bucket.prefix, plan.deploymentId, launchId, 0).replace(/0\.json$/, '');

/** One PUT URL per instance of a launch call; the agent picks its ami-launch-index. */
async function presignStatusUrls(request: RegionDeployRequest, launchId: string, count: number): Promise<string[]> {
  const { plan } = request;
  const urls = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      presignPut(
        request.bucketClients.s3,
        plan.bucket.name,
        statusKey(plan.bucket.prefix, plan.deploymentId, launchId, index),
        request.urlLifetimeSeconds,
      ),
    ),
  );
  for (const url of urls) request.mask(url);
  return urls;
}
