/**
 * Instances spread over regions: grouping, describing and pricing them one
 * region at a time. Shared by deploy and status.
 */
import type { ClientPool } from '../aws/clients.js';
import { describeInstances, terminateInstances, type InstanceView } from '../aws/instances.js';
import { priceKey, readSpotPrices, type PriceKey } from '../aws/pricing.js';
import type { InstanceReport } from '../core/results.js';

export const groupByRegion = (instances: Array<{ id: string; region: string }>): Array<[string, string[]]> => {
  const byRegion = new Map<string, string[]>();
  for (const instance of instances) byRegion.set(instance.region, [...(byRegion.get(instance.region) ?? []), instance.id]);
  return [...byRegion.entries()];
};

export async function describeAll(pool: ClientPool, instances: Array<{ id: string; region: string }>): Promise<InstanceView[]> {
  const views = await Promise.all(groupByRegion(instances).map(([region, ids]) => describeInstances(pool.forRegion(region), ids)));
  return views.flat();
}

/** Terminates instances wherever they are, without waiting; returns what was asked per region. */
export async function terminateAll(pool: ClientPool, instances: Array<{ id: string; region: string }>): Promise<Array<[string, string[]]>> {
  const groups = groupByRegion(instances);
  await Promise.all(groups.map(([region, ids]) => terminateInstances(pool.forRegion(region), ids, { wait: false })));
  return groups;
}

/** Spot prices by region, each asked once; a deploy asks every region at the start, all at once. */
export interface PriceBook {
  prices(region: string, instanceTypes: string[]): Promise<Map<PriceKey, number>>;
}

export function priceBook(pool: ClientPool, prefetch: Array<{ region: string; instanceTypes: string[] }> = []): PriceBook {
  const asked = new Map<string, { types: Set<string>; prices: Promise<Map<PriceKey, number>> }>();
  const ask = (region: string, instanceTypes: string[]): Promise<Map<PriceKey, number>> => {
    const prices = readSpotPrices(pool.forRegion(region), [...new Set(instanceTypes)]);
    asked.set(region, { types: new Set(instanceTypes), prices });
    return prices;
  };
  for (const { region, instanceTypes } of prefetch) void ask(region, instanceTypes);
  return {
    prices: (region, instanceTypes) => {
      const have = asked.get(region);
      return have && instanceTypes.every((type) => have.types.has(type)) ? have.prices : ask(region, instanceTypes);
    },
  };
}

/** Builds each instance's report and adds its current spot price when it can be read (every region at once). */
export async function withPrices(
  pool: ClientPool,
  views: InstanceView[],
  build: (view: InstanceView) => InstanceReport,
  book: PriceBook = priceBook(pool),
): Promise<InstanceReport[]> {
  const perRegion = await Promise.all(
    groupByRegion(views).map(async ([region]) => {
      const here = views.filter((view) => view.region === region);
      const prices = await book.prices(region, [...new Set(here.map((view) => view.instanceType))]);
      return here.map((view) => {
        const report = build(view);
        const price = view.lifecycle === 'spot' ? prices.get(priceKey(view.instanceType, view.availabilityZone)) : undefined;
        return price === undefined ? report : { ...report, price };
      });
    }),
  );
  return perRegion.flat();
}

/** Sum of the known prices, or undefined when no price is known. */
export const costOf = (reports: InstanceReport[]): number | undefined =>
  reports.some((report) => report.price !== undefined)
    ? Number(reports.reduce((sum, report) => sum + (report.price ?? 0), 0).toFixed(6))
    : undefined;
