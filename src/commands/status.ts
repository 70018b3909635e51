/**
 * `status`: the deployment's instances across its regions, with bootstrap
 * status read from their status objects. Read-only.
 */
import type { ClientPool } from '../aws/clients.js';
import { findDeploymentInstances } from '../aws/instances.js';
import type { Plan } from '../plan/types.js';
import { toInstanceReport, type InstanceReport } from '../report/instance-report.js';
import { statusPrefix } from './deploy-region.js';
import { costOf, withPrices } from './instance-groups.js';
import type { Sleep } from './surface.js';
import { waitForBootstrap } from './wait-ready.js';

export interface StatusResult {
  deploymentId: string;
  instances: InstanceReport[];
  costPerHour?: number;
}

export async function runStatus(plan: Plan, deps: { pool: ClientPool; sleep: Sleep }): Promise<StatusResult> {
  const views = (
    await Promise.all(
      plan.regions.map((region) =>
        findDeploymentInstances(deps.pool.forRegion(region.name), plan.deploymentId, [
          'pending',
          'running',
          'stopping',
          'stopped',
          'shutting-down',
        ]),
      ),
    )
  ).flat();
  // A zero timeout reads each status object once: status never waits.
  const { statuses } = await waitForBootstrap({
    s3: deps.pool.forRegion(plan.regions[0]!.name).s3,
    bucket: plan.bucket.name,
    statusPrefixes: [...new Set(views.flatMap((view) => (view.launchId ? [statusPrefix(plan, view.launchId)] : [])))],
    instanceIds: views.map((view) => view.id),
    timeoutSeconds: 0,
    sleep: deps.sleep,
    now: () => Date.now(),
    describe: async () => views,
    progress: () => undefined,
  });
  const instances = await withPrices(deps.pool, views, (view) =>
    toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)),
  );
  return { deploymentId: plan.deploymentId, instances, costPerHour: costOf(instances) };
}
