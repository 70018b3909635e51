/**
 * `plan`'s price estimate: read-only calls only, and when AWS cannot be
 * reached (no credentials, no network) plan carries on offline with a notice.
 */
import { DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2';
import { ClientPool } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import type { Plan } from '../plan/types.js';

export interface Estimate {
  costPerHour?: number;
  notices: string[];
}

async function cheapestSpotPrice(pool: ClientPool, region: string, instanceTypes: string[]): Promise<number | undefined> {
  const history = await pool.forRegion(region).ec2.send(
    new DescribeSpotPriceHistoryCommand({
      InstanceTypes: instanceTypes as never[],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: new Date(),
      MaxResults: 1000,
    }),
  );
  const prices = (history.SpotPriceHistory ?? []).map((entry) => Number(entry.SpotPrice)).filter((price) => Number.isFinite(price));
  return prices.length === 0 ? undefined : Math.min(...prices);
}

export async function estimateCost(plan: Plan, env: NodeJS.ProcessEnv = process.env): Promise<Estimate> {
  // One attempt each: plan must stay quick when AWS is out of reach.
  const pool = new ClientPool({ ...env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' });
  try {
    let total = 0;
    for (const region of plan.regions.filter((candidate) => candidate.count > 0)) {
      const price = await cheapestSpotPrice(pool, region.name, region.instanceTypes);
      if (price === undefined) return { notices: [`no spot price found for ${region.instanceTypes.join(', ')} in ${region.name}`] };
      total += price * region.count;
    }
    return { costPerHour: Number(total.toFixed(6)), notices: [] };
  } catch (error) {
    return { notices: [`offline: prices could not be read (${awsErrorCode(error)}); the plan is built without them`] };
  } finally {
    pool.destroy();
  }
}
