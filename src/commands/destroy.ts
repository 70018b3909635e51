/**
 * `destroy`: removes everything tagged with the deployment (its id and its
 * repository together) in every configured region — instances (waited until terminated, so their security
 * group can go), the security group, the launch template (with every version),
 * and the deployment's S3 objects.
 */
import type { ClientPool } from '../aws/clients.js';
import { findDeploymentInstances, terminateInstances } from '../aws/instances.js';
import { deleteLaunchTemplates } from '../aws/launch-template.js';
import { deleteSecurityGroups } from '../aws/network.js';
import { deleteObjectsUnder } from '../aws/s3.js';
import { deploymentFolder, keyScopeOf } from '../agent/keys.js';
import { ownerOf } from '../deploy/existing.js';
import type { Plan } from '../plan/types.js';
import type { DestroyResult } from '../core/results.js';
import type { Surface } from '../core/surface.js';

export async function runDestroy(plan: Plan, deps: { pool: ClientPool; surface: Surface }): Promise<DestroyResult> {
  const result: DestroyResult = {
    deploymentId: plan.deploymentId,
    terminated: [],
    securityGroups: [],
    launchTemplates: [],
    objectsDeleted: 0,
  };
  await Promise.all(
    plan.regions.map(async (region) => {
      const clients = deps.pool.forRegion(region.name);
      const found = await findDeploymentInstances(clients, ownerOf(plan));
      const ids = found.map((instance) => instance.id);
      if (ids.length > 0) deps.surface.info(`${region.name}: terminating ${ids.join(', ')}`);
      await terminateInstances(clients, ids, { wait: true, maxWaitTime: 600 });
      result.terminated.push(...ids.map((id) => ({ id, region: region.name })));
      result.securityGroups.push(...(await deleteSecurityGroups(clients, ownerOf(plan))));
      result.launchTemplates.push(...(await deleteLaunchTemplates(clients, ownerOf(plan))));
    }),
  );
  const bucketClients = deps.pool.forRegion(plan.regions[0]!.name);
  result.objectsDeleted = await deleteObjectsUnder(bucketClients.s3, plan.bucket.name, deploymentFolder(keyScopeOf(plan)));
  return result;
}
