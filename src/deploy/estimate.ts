/**
 * `plan`'s price estimate: read-only calls only, and when AWS cannot be
 * reached (no credentials, no network) plan carries on offline with a notice.
 */
import { ClientPool } from '../aws/clients.js';
import { awsErrorCode } from '../aws/errors.js';
import { fetchSpotPrices } from '../aws/pricing.js';
import type { Plan } from '../plan/types.js';

export interface Estimate {
  costPerHour?: number;
  notices: string[];
}

async function cheapestSpotPrice(pool: ClientPool, region: string, instanceTypes: string[]): Promise<number | undefined> {
  const prices = [...(await fetchSpotPrices(pool.forRegion(region), instanceTypes)).values()].filter((price) => Number.isFinite(price));
  return prices.length === 0 ? undefined : Math.min(...prices);
}

export async function estimateCost(plan: Plan, env: NodeJS.ProcessEnv = process.env): Promise<Estimate> {
  // One attempt each: plan must stay quick when AWS is out of reach.
  const pool = new ClientPool({ ...env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' });
  try {
    let total = 0;
    // Every region at once: the answer is the same, the wait is the slowest region's, not their sum.
    const wanted = plan.regions.filter((candidate) => candidate.count > 0);
    const prices = await Promise.all(wanted.map((region) => cheapestSpotPrice(pool, region.name, region.instanceTypes)));
    for (const [index, region] of wanted.entries()) {
      const price = prices[index];
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
