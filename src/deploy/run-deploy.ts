/**
 * The deploy engine: a pipeline of stages that pass values along. Bundle →
 * upload → compare with what runs → launch → wait → result → retire the old
 * instances. Idempotent per deployment: instances are found by tag, the same
 * bundle changes nothing, a new one brings up new instances and retires the
 * old ones only once the new ones are ready.
 */
import type { ClientPool } from '../aws/clients.js';
import type { LaunchedInstance } from '../aws/launch.js';
import { acquireDeployLock } from './lock.js';
import { waitForRunning, type InstanceView } from '../aws/instances.js';
import { TAG } from '../core/tags.js';
import type { DeployResult } from '../core/results.js';
import type { Sleep, Surface } from '../core/surface.js';
import { totalInstances, type Plan } from '../plan/types.js';
import { bootstrapErrors, failuresOf } from './bootstrap-errors.js';
import { bootstrapStateOf, expiresAt, isUnchanged, overallStatus, shortfallError } from './decide.js';
import { findExisting, readStatusesOf } from './existing.js';
import { toInstanceReport } from './instance-report.js';
import { costOf, describeAll, groupByRegion, terminateAll, withPrices } from './instance-groups.js';
import { launchWithSpillover, waitReadyReplacingReclaimed, type LaunchContext, type ReadyState } from './launch-all.js';
import { bundleFileCount, prepareDeployment, type Prepared } from './prepare.js';
import { launchSpecHashes } from './spec-hash.js';
import type { RegionDeployResult } from './deploy-region.js';
import { uploadAndPresign, type Uploaded } from './upload.js';

export interface DeployDeps {
  pool: ClientPool;
  surface: Surface;
  sleep: Sleep;
  now: () => Date;
}

export async function runDeploy(plan: Plan, options: { dryRun: boolean }, deps: DeployDeps): Promise<DeployResult> {
  const prepared = await deps.surface.group('Bundle', () => prepareDeployment(plan));
  try {
    const planned = plannedResult(plan, prepared, options.dryRun);
    if (options.dryRun) return planned;
    const bucket = deps.pool.forRegion(plan.regions[0]!.name);
    const uploaded = await deps.surface.group('Upload', () => uploadAndPresign(plan, prepared, bucket, deps.surface));
    const before = { ...planned, bundle: { ...planned.bundle, uploadedBytes: uploaded.uploadedBytes } };
    const lock = await acquireDeployLock(plan, { s3: bucket.s3, surface: deps.surface, sleep: deps.sleep, now: deps.now });
    try {
      return await deployLocked(plan, { prepared, uploaded, before }, deps);
    } finally {
      await lock.release();
    }
  } finally {
    prepared.dispose();
  }
}

/** Compare, launch, wait, retire: the part of a deploy that runs while it holds the deployment's lock. */
async function deployLocked(
  plan: Plan,
  staged: { prepared: Prepared; uploaded: Uploaded; before: DeployResult },
  deps: DeployDeps,
): Promise<DeployResult> {
  const { prepared, before } = staged;
  const existing = await findExisting(deps.pool, plan);
  const specHashes = launchSpecHashes(plan, prepared.specUserData);
  if (isUnchanged(plan.regions, existing, { bundleSha256: prepared.bundle.sha256, specHashes })) {
    const kept = await keptResult(plan, existing, before, deps);
    publishEarly(plan, kept, existing, [], deps.surface);
    if (kept.status === 'success') {
      deps.surface.info(
        `${plan.deploymentId}: the same bundle and launch spec are already running on ${existing.length} instance(s); nothing to change`,
      );
      return kept;
    }
    // Same bundle, but a bootstrap failed or never reported: a re-run means "try again".
    deps.surface.info(`${plan.deploymentId}: the same bundle is running but not every instance reported ok; launching replacements`);
  }
  const context = launchContextOf(plan, staged, deps, specHashes);
  const launches = await deps.surface.group('Launch', () => launchWithSpillover(context));
  const launched = launches.flatMap((launch) => launch.instances);
  publishEarly(plan, before, await describeAll(deps.pool, launched), launched, deps.surface);
  const ready = await waitForInstances(plan, context, launches, before, deps);
  const result = await finishedResult(plan, before, [...launches, ...ready.replacements], ready, deps.pool);
  return await retireOld(result, existing, deps.pool);
}

/** What the plan alone says: the bundle and the user-data size, nothing launched yet. */
function plannedResult(plan: Plan, prepared: Prepared, dryRun: boolean): DeployResult {
  return {
    deploymentId: plan.deploymentId,
    status: 'success',
    dryRun,
    unchanged: false,
    instances: [],
    bundle: {
      key: prepared.bundleKey,
      sha256: prepared.bundle.sha256,
      bytes: prepared.bundle.bytes,
      files: bundleFileCount(prepared.bundle),
      uploadedBytes: 0,
    },
    userDataBytes: prepared.sizeCheck.bytes,
    attempts: [],
    errors: [],
    retired: [],
    failures: [],
  };
}

function launchContextOf(
  plan: Plan,
  staged: { prepared: Prepared; uploaded: Uploaded; before: DeployResult },
  deps: DeployDeps,
  specHashes: Record<string, string>,
): LaunchContext {
  const { prepared, uploaded, before } = staged;
  return {
    specHashes,
    plan,
    pool: deps.pool,
    surface: deps.surface,
    bucketClients: deps.pool.forRegion(plan.regions[0]!.name),
    bundleKey: uploaded.key,
    bundleSha256: prepared.bundle.sha256,
    onLaunched: launchedReporter(plan, before, deps.surface),
    secretBundleFile: prepared.hasSecrets ? prepared.secretBundle.file : undefined,
    tags: {
      ...plan.resourceTags,
      [TAG.bundleSha256]: prepared.bundle.sha256,
      [TAG.expiresAt]: expiresAt(plan.ttlSeconds, deps.now()) ?? 'never',
    },
    runId: plan.run.runId,
    urlLifetimeSeconds: uploaded.lifetime,
  };
}

/** The running and bootstrap waits `wait` asks for; replacements of reclaimed instances come back with them. */
async function waitForInstances(
  plan: Plan,
  context: LaunchContext,
  launches: RegionDeployResult[],
  before: DeployResult,
  deps: DeployDeps,
): Promise<ReadyState> {
  const launched = launches.flatMap((launch) => launch.instances);
  const none: ReadyState = { statuses: new Map(), reclaimed: new Set(), replacements: [] };
  if (launched.length === 0) return none;
  // Instances wait for their sealed secrets: answer their hellos even when not waiting for ready.
  const answerHellos = (): Promise<ReadyState> =>
    deps.surface.group('Deliver secrets', () => waitReadyReplacingReclaimed(context, deps, launches, async () => {}, true));
  if (plan.wait === 'none') return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : none;
  await deps.surface.group('Wait for running', () =>
    Promise.all(
      groupByRegion(launched).map(([region, ids]) =>
        // An instance that never runs (spot took it back at once) is not fatal: the states are
        // reported below, and the bootstrap wait replaces what spot reclaimed.
        waitForRunning(deps.pool.forRegion(region), ids, plan.readyTimeoutSeconds).catch((error: unknown) =>
          deps.surface.warn(error instanceof Error ? error.message : String(error)),
        ),
      ),
    ),
  );
  if (plan.wait !== 'ready') return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : none;
  return await deps.surface.group('Wait for bootstrap', () =>
    waitReadyReplacingReclaimed(context, deps, launches, async (all) => {
      const instances = all.flatMap((launch) => launch.instances);
      publishEarly(plan, before, await describeAll(deps.pool, instances), instances, deps.surface);
    }),
  );
}

async function finishedResult(
  plan: Plan,
  before: DeployResult,
  launches: RegionDeployResult[],
  ready: ReadyState,
  pool: ClientPool,
): Promise<DeployResult> {
  const launched = launches.flatMap((launch) => launch.instances);
  const instances = await withPrices(pool, await describeAll(pool, launched), (view) =>
    toInstanceReport(view, bootstrapStateOf(plan.wait, view.id, ready.statuses, ready.reclaimed), ready.statuses.get(view.id)),
  );
  const launchErrors = launches.flatMap((launch) => (launch.error ? [launch.error] : []));
  const shortfall =
    launchErrors.length === 0
      ? shortfallError(
          launched.length,
          totalInstances(plan),
          plan.regions.map((region) => region.name),
        )
      : undefined;
  const failures = failuresOf(ready.statuses);
  const errors = [...launchErrors, ...(shortfall ? [shortfall] : []), ...bootstrapErrors(plan, failures, instances)];
  return {
    ...before,
    instances,
    attempts: launches.flatMap((launch) => launch.attempts),
    userDataBytes: Math.max(before.userDataBytes, ...launches.map((launch) => launch.userDataBytes)),
    failures,
    errors,
    costPerHour: costOf(instances),
    status: overallStatus(totalInstances(plan), plan.wait, instances, errors.length),
  };
}

/** Only a deploy that succeeded retires what ran before it. */
async function retireOld(result: DeployResult, existing: InstanceView[], pool: ClientPool): Promise<DeployResult> {
  if (result.status !== 'success') return result;
  const ids = new Set(result.instances.map((instance) => instance.id));
  const old = existing.filter((instance) => !ids.has(instance.id));
  await terminateAll(pool, old);
  return { ...result, retired: old.map((instance) => instance.id) };
}

/** The same bundle already runs: report it as it is. */
async function keptResult(plan: Plan, existing: InstanceView[], before: DeployResult, deps: DeployDeps): Promise<DeployResult> {
  const statuses = await readStatusesOf(deps.pool, plan, existing);
  const instances = await withPrices(deps.pool, existing, (view) =>
    toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)),
  );
  const allOk = instances.every((report) => report.bootstrap === 'ok' || plan.wait !== 'ready');
  return { ...before, unchanged: true, instances, costPerHour: costOf(instances), status: allOk ? 'success' : 'partial' };
}

/**
 * Outputs and post-step state after every launch call, not only after all
 * rounds: a run cancelled between two calls still tells its post step (and
 * the CLI's signal handler) exactly what it launched.
 */
function launchedReporter(plan: Plan, before: DeployResult, surface: Surface): (instances: LaunchedInstance[]) => void {
  const launched: LaunchedInstance[] = [];
  return (instances) => {
    launched.push(...instances);
    const views: InstanceView[] = launched.map((instance) => ({
      id: instance.id,
      region: instance.region,
      availabilityZone: instance.availabilityZone,
      instanceType: instance.instanceType,
      lifecycle: instance.lifecycle,
      state: 'pending',
    }));
    publishEarly(plan, before, views, launched, surface);
  };
}

/** Outputs and post-step state as soon as instance ids exist, before any waiting. */
function publishEarly(plan: Plan, result: DeployResult, views: InstanceView[], launched: Array<{ id: string }>, surface: Surface): void {
  surface.instancesLaunched({
    deploymentId: plan.deploymentId,
    instances: result.unchanged
      ? result.instances
      : views.map((view) => toInstanceReport(view, plan.wait === 'ready' ? 'pending' : 'not-waited')),
    bundleKey: result.bundle.key,
    bundleSha256: result.bundle.sha256,
    userDataBytes: result.userDataBytes,
    launchedIds: launched.map((instance) => instance.id),
    regions: plan.regions.map((region) => region.name),
  });
}
