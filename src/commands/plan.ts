/**
 * `plan`: validate, then build the bundle and user-data and show what would
 * run where, with an estimated cost. Read-only against AWS.
 */
import { estimateCost } from '../deploy/estimate.js';
import { userDataNotice } from '../cloudinit/user-data.js';
import { bundleFileCount, prepareDeployment, userDataSizeCheck } from '../deploy/prepare.js';
import type { Plan } from '../plan/types.js';

export interface PlanResult {
  deploymentId: string;
  files: Array<{ path: string; size: number; mode: string; secret: boolean }>;
  /** `files` counts what deploy counts: every entry but folders. */
  bundle: { sha256: string; bytes: number; files: number };
  userDataBytes: number;
  regions: Array<{ name: string; count: number; instanceTypes: string[]; image: string }>;
  market: Plan['market'];
  sourceFiles: string[];
  /** Cheapest current spot price of each region's ladder × its count, when prices could be read. */
  estimatedCostPerHour?: number;
  notices: string[];
}

const optional = (notice: string | undefined): string[] => (notice === undefined ? [] : [notice]);

/** `plan`: the offline half of a deploy, shown; prices read-only, offline with a notice. */
export async function planCommand(plan: Plan, env: NodeJS.ProcessEnv | undefined): Promise<{ result: PlanResult; userDataText: string }> {
  // The prices are read while the bundle builds; a user-data that cannot fit is refused before either.
  await userDataSizeCheck(plan);
  const estimating = estimateCost(plan, env);
  const prepared = await prepareDeployment(plan).catch(async (error: unknown) => {
    await estimating;
    throw error;
  });
  prepared.dispose();
  const estimate = await estimating;
  const result: PlanResult = {
    deploymentId: plan.deploymentId,
    // Both parts: the public bundle's files and the secrets that travel sealed to each instance.
    files: [...prepared.secretBundle.entries.filter((entry) => entry.secret), ...prepared.bundle.entries]
      .filter((entry) => entry.type === 'file')
      .map(({ path, size, mode, secret }) => ({ path, size, mode, secret })),
    bundle: { sha256: prepared.bundle.sha256, bytes: prepared.bundle.bytes, files: bundleFileCount(prepared.bundle) },
    userDataBytes: prepared.sizeCheck.bytes,
    regions: plan.regions.map((region) => ({
      name: region.name,
      count: region.count,
      instanceTypes: region.instanceTypes,
      image: region.image,
    })),
    market: plan.market,
    sourceFiles: plan.sourceFiles,
    ...(estimate.costPerHour === undefined ? {} : { estimatedCostPerHour: estimate.costPerHour }),
    notices: [...estimate.notices, ...plan.notices, ...prepared.bundle.notices, ...optional(userDataNotice(prepared.sizeCheck))],
  };
  return { result, userDataText: prepared.sizeCheck.text };
}
