/**
 * `sweep`, for a scheduled workflow: the third layer of teardown. Finds every
 * deployment of this repository in the configured regions by tag, and
 * destroys those past their `expires-at` and previews whose pull request has
 * closed. Deployments of other repositories in the account are never touched.
 */
import type { ClientPool } from '../aws/clients.js';
import { findManagedInstances, type InstanceView } from '../aws/instances.js';
import type { Plan } from '../plan/types.js';
import type { SweepResult } from '../core/results.js';
import { runDestroy } from './destroy.js';
import type { Surface } from '../core/surface.js';

export interface SweepDeps {
  pool: ClientPool;
  surface: Surface;
  now: () => Date;
  /** Answers whether pull request `n` is closed; undefined when GitHub cannot be asked. */
  isPullRequestClosed?: (pullRequest: number) => Promise<boolean>;
}

function byDeployment(instances: InstanceView[]): Map<string, InstanceView[]> {
  const groups = new Map<string, InstanceView[]>();
  for (const instance of instances) {
    if (!instance.deploymentId) continue;
    groups.set(instance.deploymentId, [...(groups.get(instance.deploymentId) ?? []), instance]);
  }
  return groups;
}

async function reasonToSweep(instances: InstanceView[], deps: SweepDeps): Promise<string | undefined> {
  const now = deps.now().getTime();
  const expired = instances.find(
    (instance) => instance.expiresAt && instance.expiresAt !== 'never' && Date.parse(instance.expiresAt) <= now,
  );
  if (expired) return `expired at ${expired.expiresAt}`;
  const pullRequest = Number(instances.find((instance) => instance.pullRequest)?.pullRequest);
  if (!Number.isInteger(pullRequest) || pullRequest <= 0 || !deps.isPullRequestClosed) return undefined;
  try {
    return (await deps.isPullRequestClosed(pullRequest)) ? `pull request #${pullRequest} is closed` : undefined;
  } catch (error) {
    // One unreadable pull request must not stop the sweep of the others; its ttl still applies.
    deps.surface.warn(`could not read pull request #${pullRequest}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export async function runSweep(plan: Plan, deps: SweepDeps): Promise<SweepResult> {
  const found = await Promise.all(
    plan.regions.map((region) => findManagedInstances(deps.pool.forRegion(region.name), plan.run.repository)),
  );
  // Without a repository to match (a terminal outside Actions) only this project's own names qualify.
  const ours = (id: string): boolean => Boolean(plan.run.repository) || id === plan.name || id.startsWith(`${plan.name}-pr-`);
  const groups = new Map([...byDeployment(found.flat())].filter(([deploymentId]) => ours(deploymentId)));
  const result: SweepResult = {
    seen: [...groups].map(([deploymentId, instances]) => ({ deploymentId, instances: instances.length })),
    swept: [],
  };
  for (const [deploymentId, instances] of groups) {
    const reason = await reasonToSweep(instances, deps);
    if (!reason) continue;
    deps.surface.info(`sweeping ${deploymentId}: ${reason}`);
    // The same teardown as `destroy`, aimed at that deployment in this project's regions and bucket.
    const destroyed = await runDestroy({ ...plan, deploymentId }, deps);
    result.swept.push({ deploymentId, reason, destroyed });
  }
  return result;
}
