/**
 * Current spot prices from the price history (the newest entry per type and
 * AZ). Prices are informative: a failure here never fails a deploy.
 */
import { DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.js';

export type PriceKey = `${string}|${string}`;
export const priceKey = (instanceType: string, availabilityZone: string): PriceKey => `${instanceType}|${availabilityZone}`;

/** The newest price per type and AZ; throws when AWS cannot be asked (plan reports that as offline). */
export async function fetchSpotPrices(
  clients: AwsClients,
  instanceTypes: string[],
  now: Date = new Date(),
): Promise<Map<PriceKey, number>> {
  const prices = new Map<PriceKey, number>();
  if (instanceTypes.length === 0) return prices;
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
  return prices;
}

/** Like fetchSpotPrices, but an unreachable AWS gives no prices: the report shows "unknown". */
export const readSpotPrices = (clients: AwsClients, instanceTypes: string[], now?: Date): Promise<Map<PriceKey, number>> =>
  fetchSpotPrices(clients, instanceTypes, now).catch(() => new Map<PriceKey, number>());
