/**
 * `status` (alias `list`): the deployment's instances across its regions,
 * with the bootstrap status each one reported. Read-only.
 */
import type { ClientPool } from '../aws/clients.js';
import type { StatusResult } from '../core/results.js';
import { findExisting, readStatusesOf } from '../deploy/existing.js';
import { toInstanceReport } from '../deploy/instance-report.js';
import { costOf, withPrices } from '../deploy/instance-groups.js';
import type { Plan } from '../plan/types.js';

export async function runStatus(plan: Plan, deps: { pool: ClientPool }): Promise<StatusResult> {
  const views = await findExisting(deps.pool, plan);
  const statuses = await readStatusesOf(deps.pool, plan, views);
  const instances = await withPrices(deps.pool, views, (view) =>
    toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)),
  );
  return { deploymentId: plan.deploymentId, instances, costPerHour: costOf(instances) };
}
