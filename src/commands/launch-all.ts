/**
 * Launch rounds across regions: every region in parallel for its own count,
 * then what is still missing spills over to the regions that had capacity
 * (in the order written, including `count: 0` fallback regions). Replacing
 * instances that spot took back is one more round in their own regions.
 */
import type { Tag } from '@aws-sdk/client-ec2';
import type { AwsClients, ClientPool } from '../aws/clients.js';
import type { Plan, RegionPlan } from '../plan/types.js';
import { deployRegion, type RegionDeployResult } from './deploy-region.js';
import type { Surface } from './surface.js';

export interface LaunchContext {
  plan: Plan;
  pool: ClientPool;
  surface: Surface;
  bucketClients: AwsClients;
  bundleUrl: string;
  bundleSha256: string;
  agentScript: string;
  tags: Tag[];
  runId: string;
  urlLifetimeSeconds: number;
}

/** One round: the given count in each region, all regions at once. */
export function launchRound(
  context: LaunchContext,
  wanted: Array<{ region: RegionPlan; count: number }>,
  round: string,
): Promise<RegionDeployResult[]> {
  return Promise.all(
    wanted
      .filter(({ count }) => count > 0)
      .map(({ region, count }) =>
        deployRegion({
          clients: context.pool.forRegion(region.name),
          bucketClients: context.bucketClients,
          plan: context.plan,
          region,
          count,
          bundleUrl: context.bundleUrl,
          bundleSha256: context.bundleSha256,
          agentScript: context.agentScript,
          tags: context.tags,
          // The round keeps ClientTokens and launch ids apart between rounds of one run.
          clientTokenBase: `${context.plan.deploymentId}:${context.runId}:${region.name}:${round}`,
          urlLifetimeSeconds: context.urlLifetimeSeconds,
          mask: (secret) => context.surface.mask(secret),
        }),
      ),
  );
}

const launchedIn = (results: RegionDeployResult[], region: string): number =>
  results.filter((result) => result.region === region).reduce((sum, result) => sum + result.instances.length, 0);

/** Each region for its count; then the shortfall, region by region, where capacity was found. */
export async function launchWithSpillover(context: LaunchContext): Promise<RegionDeployResult[]> {
  const { plan } = context;
  const results = await launchRound(
    context,
    plan.regions.map((region) => ({ region, count: region.count })),
    'main',
  );
  // An error no pool can fix (permissions, quota, AMI) is not a capacity problem: do not spread it.
  if (results.some((result) => result.error)) return results;
  let missing = plan.regions.reduce((sum, region) => sum + region.count - launchedIn(results, region.name), 0);
  const withCapacity = plan.regions.filter((region) => launchedIn(results, region.name) >= region.count);
  for (const region of withCapacity) {
    if (missing <= 0) break;
    context.surface.info(`${missing} instance(s) short: trying ${region.name}`);
    const [spill] = await launchRound(context, [{ region, count: missing }], `spill-${region.name}`);
    if (!spill) continue;
    results.push(spill);
    missing -= spill.instances.length;
    if (spill.error) break;
  }
  return results;
}
