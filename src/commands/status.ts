/**
 * `status`: the deployment's instances across its regions, with bootstrap
 * status read from their status objects. Read-only.
 */
import type { ClientPool } from '../aws/clients.js';
import { findDeploymentInstances } from '../aws/instances.js';
import { priceKey, readSpotPrices } from '../aws/pricing.js';
import type { Plan } from '../plan/types.js';
import { toInstanceReport, type InstanceReport } from '../report/instance-report.js';
import { statusPrefix } from './deploy-region.js';
import type { Sleep } from './surface.js';
import { waitForBootstrap } from './wait-ready.js';

export interface StatusResult {
  deploymentId: string;
  instances: InstanceReport[];
  costPerHour?: number;
}

export async function runStatus(plan: Plan, deps: { pool: ClientPool; sleep: Sleep }): Promise<StatusResult> {
  const instances: InstanceReport[] = [];
  const bucketClients = deps.pool.forRegion(plan.regions[0]!.name);
  for (const region of plan.regions) {
    const clients = deps.pool.forRegion(region.name);
    const views = await findDeploymentInstances(clients, plan.deploymentId, ['pending', 'running', 'stopping', 'stopped', 'shutting-down']);
    const prices = await readSpotPrices(clients, [...new Set(views.map((view) => view.instanceType))]);
    const { statuses } = await waitForBootstrap({
      s3: bucketClients.s3,
      bucket: plan.bucket.name,
      statusPrefixes: [...new Set(views.flatMap((view) => (view.launchId ? [statusPrefix(plan, view.launchId)] : [])))],
      instanceIds: views.map((view) => view.id),
      timeoutSeconds: 0,
      sleep: deps.sleep,
      now: () => Date.now(),
      describe: async () => views,
      progress: () => undefined,
    });
    for (const view of views) {
      const status = statuses.get(view.id);
      const price = view.lifecycle === 'spot' ? prices.get(priceKey(view.instanceType, view.availabilityZone)) : undefined;
      const report = toInstanceReport(view, status?.status ?? 'unknown', status);
      instances.push(price === undefined ? report : { ...report, price });
    }
  }
  const costPerHour = instances.some((report) => report.price !== undefined)
    ? instances.reduce((sum, report) => sum + (report.price ?? 0), 0)
    : undefined;
  return { deploymentId: plan.deploymentId, instances, costPerHour };
}
