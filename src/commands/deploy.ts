/**
 * `deploy` (alias `create`): the whole pipeline, run by the engine in
 * deploy/. This file only says what is about to happen.
 */
import type { DeployResult } from '../core/results.js';
import { totalInstances, type Plan } from '../plan/types.js';
import { runDeploy, type DeployDeps } from '../deploy/run-deploy.js';

export async function deployCommand(plan: Plan, options: { dryRun: boolean }, deps: DeployDeps): Promise<DeployResult> {
  deps.surface.info(
    `deploying ${plan.deploymentId}: ${totalInstances(plan)} instance(s) in ${plan.regions.map((region) => region.name).join(', ')}`,
  );
  return await runDeploy(plan, options, deps);
}
