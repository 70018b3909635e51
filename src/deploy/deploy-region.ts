/**
 * Everything one region needs before and during launch: the image, the
 * subnets (capacity pools), the deployment's security group and launch template (`prepareRegion`,
 * started by the deploy before the bundle is built), and the ladder. Each
 * fleet call gets its own settings object (`launch/<launchId>.conf`: the
 * bundle URL, the status grant under that call's launch id, the sealed-secret
 * URLs) and a user-data of constant size that points at it.
 */
import { CODE } from '../core/codes.js';
import { TAG } from '../core/tags.js';
import type { AwsClients } from '../aws/clients.js';
import { resolveImage, type ResolvedImage } from '../aws/ami.js';
import { launchInRegion, type LaunchedInstance, type LaunchSpec, type RegionLaunchResult } from '../aws/launch.js';
import { findLaunchTemplate, type LaunchTemplateSlot } from '../aws/launch-template.js';
import { deleteSecurityGroup, findOwnedGroups, provideSecurityGroup, findSubnets, type SubnetChoice } from '../aws/network.js';
import { assertUserDataFits } from '../cloudinit/user-data.js';
import { SpotError } from '../core/errors.js';
import type { Plan, RegionPlan } from '../plan/types.js';
import { ingressFor } from './prepare.js';
import { renderLaunchConf, slotsOf, uploadLaunchConf, uploadLaunchSlots } from './launch-conf.js';
import { keyScopeOf, statusPrefix } from '../agent/keys.js';
import { ownerOf } from './existing.js';

/** What a region's launch calls need from AWS before the first one. */
export interface PreparedRegion {
  image: ResolvedImage;
  subnets: SubnetChoice[];
  securityGroupId: string;
  /** The group's rules, being brought in line with the config: the fleet call waits for them, the template does not. */
  ingress: Promise<void>;
  /** The deployment's launch template here; the first fleet call creates it when none was found. */
  launchTemplate: LaunchTemplateSlot;
}

/**
 * The region's lookups, all at once (image ∥ subnets ∥ the deployment's
 * security groups ∥ its launch template), and its security group, created
 * when missing as soon as the subnets named the VPC and the groups were
 * looked up, while the image is still being resolved: in a far region each
 * round trip is a quarter of a second. Creating is a write, so it also waits
 * for `writes` (the deploy holds its lock, so the bundle's files were chosen
 * without error). The group's rules are written while the launch template
 * is: only the fleet call waits for them. Nothing here depends on the bundle.
 */
export async function prepareRegion(
  clients: AwsClients,
  plan: Plan,
  region: RegionPlan,
  options: { tags: Record<string, string>; writes: Promise<void> },
): Promise<PreparedRegion> {
  const owner = ownerOf(plan);
  const network = findSubnets(clients, plan.network, region.subnets);
  const securityGroup = Promise.all([network, findOwnedGroups(clients, owner), options.writes]).then(([{ vpcId }, owned]) =>
    // None found before the lock: another deploy may have created it since; the create call says so (Duplicate).
    provideSecurityGroup(clients, {
      vpcId,
      owner,
      ingress: ingressFor(plan),
      tags: options.tags,
      owned,
    }),
  );
  const settled = await Promise.allSettled([
    resolveImage(clients, region.image, plan.architecture),
    network,
    findLaunchTemplate(clients, owner),
    securityGroup,
  ] as const);
  const [image, subnets, launchTemplate, group] = settled;
  if (
    image.status === 'fulfilled' &&
    subnets.status === 'fulfilled' &&
    launchTemplate.status === 'fulfilled' &&
    group.status === 'fulfilled'
  ) {
    return {
      image: image.value,
      subnets: subnets.value.subnets,
      securityGroupId: group.value.groupId,
      ingress: group.value.ingress,
      launchTemplate: launchTemplate.value,
    };
  }
  // A lookup failed (an image not in this region, say) after the group was made: nothing launches here, so it goes again.
  if (group.status === 'fulfilled' && group.value.created) {
    await group.value.ingress.catch(() => undefined);
    await deleteSecurityGroup(clients, group.value.groupId).catch(() => false);
  }
  throw settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')!.reason;
}

export interface RegionDeployRequest {
  clients: AwsClients;
  /** The region's lookups, started early (prepareRegion); awaited here, so their errors are this region's. */
  prepared: Promise<PreparedRegion>;
  /** S3 client of the bucket's region: presigns the launch's URLs and writes its conf object. */
  bucketClients: AwsClients;
  plan: Plan;
  region: RegionPlan;
  count: number;
  /** Key of the public bundle: each launch call presigns its own short-lived URL. */
  bundleKey: string;
  bundleSha256: string;
  /** Whether instances get a sealed secret part to wait for. */
  withSecrets: boolean;
  tags: Record<string, string>;
  /** Fingerprint of the launch spec in this region: instances carry it, the security group does not. */
  specSha256: string;
  onLaunched?: (instances: LaunchedInstance[]) => void;
  /** Hears each fleet call before its user-data is rendered. */
  onLaunchCall?: () => void;
  clientTokenBase: string;
  urlLifetimeSeconds: number;
  mask: (secret: string) => void;
}

export interface RegionDeployResult extends RegionLaunchResult {
  region: string;
  statusPrefixes: string[];
  /** Every launch call's id, launched or not: each wrote a `launch/<launchId>.conf` object. */
  launchIds: string[];
  /** With a secret part: each instance's sealed-secret slot in its launch (launch/<launchId>.slots). */
  slots: Map<string, number>;
  userDataBytes: number;
}

export async function deployRegion(request: RegionDeployRequest): Promise<RegionDeployResult> {
  const { plan, region, clients } = request;
  const result: RegionDeployResult = {
    region: region.name,
    instances: [],
    attempts: [],
    statusPrefixes: [],
    launchIds: [],
    slots: new Map(),
    userDataBytes: 0,
  };
  // Each launch call's slot map goes up as soon as its instance ids are known; the region waits for them.
  const slotWrites: Array<Promise<void>> = [];
  const onLaunched = (instances: LaunchedInstance[]): void => {
    request.onLaunched?.(instances);
    if (!request.withSecrets) return;
    for (const launchId of new Set(instances.map((instance) => instance.launchId))) {
      const slots = slotsOf(instances.filter((instance) => instance.launchId === launchId).map((instance) => instance.id));
      for (const [id, slot] of slots) result.slots.set(id, slot);
      slotWrites.push(uploadLaunchSlots(request.bucketClients.s3, plan, launchId, slots));
    }
  };
  try {
    const { image, subnets, securityGroupId, ingress, launchTemplate } = await request.prepared;
    const launched = await launchInRegion({
      clients,
      spec: launchSpecOf(plan),
      count: request.count,
      instanceTypes: region.instanceTypes,
      image,
      subnets,
      securityGroupId,
      ingress,
      launchTemplate,
      owner: ownerOf(plan),
      templateTags: request.tags,
      tags: { ...request.tags, [TAG.specSha256]: request.specSha256 },
      clientTokenBase: request.clientTokenBase,
      onLaunched,
      // The user-data only names the launch's conf object: it is written while the template version is, before the fleet call.
      userDataFor: async (launchId, count) => {
        request.onLaunchCall?.();
        const conf = await renderLaunchConf({
          s3: request.bucketClients.s3,
          plan,
          launchId,
          count,
          bundleKey: request.bundleKey,
          bundleSha256: request.bundleSha256,
          withSecrets: request.withSecrets,
          urlLifetimeSeconds: request.urlLifetimeSeconds,
          expiresAt: request.tags[TAG.expiresAt],
        });
        for (const secret of conf.secrets) request.mask(secret);
        assertUserDataFits(conf.userData, region.name);
        result.launchIds.push(launchId);
        const written = uploadLaunchConf(request.bucketClients.s3, plan, conf);
        result.userDataBytes = Math.max(result.userDataBytes, conf.userData.bytes);
        result.statusPrefixes.push(statusPrefix(keyScopeOf(plan), launchId));
        return { userData: conf.userData.payload.toString('base64'), written };
      },
    });
    await Promise.all(slotWrites);
    return { ...result, ...launched };
  } catch (error) {
    await Promise.allSettled(slotWrites);
    const wrapped = error instanceof SpotError ? error : new SpotError(CODE.awsError, `${region.name}: ${String(error)}`, { cause: error });
    return { ...result, error: wrapped };
  }
}

/** What every instance gets, whatever its pool: the Plan narrowed to what EC2 is told. */
export const launchSpecOf = (plan: Plan): LaunchSpec => ({
  market: plan.market,
  allocation: plan.allocation,
  ...(plan.maxPrice === undefined ? {} : { maxPrice: plan.maxPrice }),
  rootVolume: plan.rootVolume,
  publicIp: plan.network.publicIp,
  ...(plan.ssh?.keyName ? { keyName: plan.ssh.keyName } : {}),
  ...(plan.iamInstanceProfile ? { iamInstanceProfile: plan.iamInstanceProfile } : {}),
  // Containers are one hop further: only a docker template or a compose project gets 2.
  metadataHopLimit: plan.userData.template.name === 'docker' || plan.manifest.compose !== undefined ? 2 : 1,
});
