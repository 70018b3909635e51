/**
 * Current spot prices from the price history (the newest entry per type and
 * AZ). Prices are informative: a failure here never fails a deploy.
 */
import { DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.js';

export type PriceKey = `${string}|${string}`;
export const priceKey = (instanceType: string, availabilityZone: string): PriceKey => `${instanceType}|${availabilityZone}`;

export async function readSpotPrices(clients: AwsClients, instanceTypes: string[], now: Date = new Date()): Promise<Map<PriceKey, number>> {
  const prices = new Map<PriceKey, number>();
  if (instanceTypes.length === 0) return prices;
  try {
    const history = await clients.ec2.send(
      new DescribeSpotPriceHistoryCommand({
        InstanceTypes: instanceTypes as never[],
        ProductDescriptions: ['Linux/UNIX'],
        StartTime: now,
        MaxResults: 1000,
      }),
    );
    const newestFirst = [...(history.SpotPriceHistory ?? [])].sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0));
    for (const entry of newestFirst) {
      if (!entry.InstanceType || !entry.AvailabilityZone || !entry.SpotPrice) continue;
      const key = priceKey(entry.InstanceType, entry.AvailabilityZone);
      if (!prices.has(key)) prices.set(key, Number(entry.SpotPrice));
    }
  } catch {
    // Prices only decorate the report; the caller shows "unknown".
  }
  return prices;
}
