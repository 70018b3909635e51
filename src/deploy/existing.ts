/**
 * A deployment's live instances and what their agents reported: what
 * `status` shows and what `deploy` compares against before changing anything.
 */
import { keyScopeOf, statusPrefix } from '../agent/keys.js';
import type { BootstrapStatus } from '../agent/status.js';
import type { ClientPool } from '../aws/clients.js';
import { findDeploymentInstances, type InstanceView } from '../aws/instances.js';
import type { DeploymentOwner } from '../aws/tags.js';
import type { Plan } from '../plan/types.js';
import { readReportedStatuses } from './wait-ready.js';

/** A deployment is its id within its repository: the same name in another repository is someone else's. */
export const ownerOf = (plan: Pick<Plan, 'deploymentId' | 'run'>): DeploymentOwner => ({
  deploymentId: plan.deploymentId,
  repository: plan.run.repository,
});

/** The deployment's instances in every configured region (terminated ones excluded). */
export async function findExisting(pool: ClientPool, plan: Plan): Promise<InstanceView[]> {
  const perRegion = await Promise.all(plan.regions.map((region) => findDeploymentInstances(pool.forRegion(region.name), ownerOf(plan))));
  return perRegion.flat();
}

/** What each instance's agent reported, read once (no waiting). */
export async function readStatusesOf(pool: ClientPool, plan: Plan, views: InstanceView[]): Promise<Map<string, BootstrapStatus>> {
  const prefixes = [...new Set(views.flatMap((view) => (view.launchId ? [statusPrefix(keyScopeOf(plan), view.launchId)] : [])))];
  return readReportedStatuses(pool.forRegion(plan.regions[0]!.name).s3, plan.bucket.name, prefixes, new Set(views.map((view) => view.id)));
}
