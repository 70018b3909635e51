/**
 * Instances spread over regions: grouping, describing and pricing them one
 * region at a time. Shared by deploy and status.
 */
import type { ClientPool } from '../aws/clients.js';
import { describeInstances, terminateInstances, type InstanceView } from '../aws/instances.js';
import { priceKey, readSpotPrices } from '../aws/pricing.js';
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

/** Builds each instance's report and adds its current spot price when it can be read. */
export async function withPrices(
  pool: ClientPool,
  views: InstanceView[],
  build: (view: InstanceView) => InstanceReport,
): Promise<InstanceReport[]> {
  const reports: InstanceReport[] = [];
  for (const [region] of groupByRegion(views)) {
    const here = views.filter((view) => view.region === region);
    const prices = await readSpotPrices(pool.forRegion(region), [...new Set(here.map((view) => view.instanceType))]);
    for (const view of here) {
      const report = build(view);
      const price = view.lifecycle === 'spot' ? prices.get(priceKey(view.instanceType, view.availabilityZone)) : undefined;
      reports.push(price === undefined ? report : { ...report, price });
    }
  }
  return reports;
}

/** Sum of the known prices, or undefined when no price is known. */
export const costOf = (reports: InstanceReport[]): number | undefined =>
  reports.some((report) => report.price !== undefined)
    ? Number(reports.reduce((sum, report) => sum + (report.price ?? 0), 0).toFixed(6))
    : undefined;
