/**
 * The deploy engine: a pipeline of stages that pass values along. The AWS
 * work that needs no bundle starts first (early-aws.ts: regions, prices,
 * bucket, lock, what runs), the bundle is indexed meanwhile and built only
 * when the running instances do not already have it; then compare with
 * what runs → launch (while the bundle uploads) → wait → result → retire
 * the old instances. Idempotent per deployment: instances are found by tag,
 * the same bundle changes nothing, a new one brings up new instances and
 * retires the old ones only once the new ones are ready.
 */
import type { ClientPool } from '../aws/clients.js';
import type { LaunchedInstance } from '../aws/launch.js';
import { waitForRunning, type InstanceView } from '../aws/instances.js';
import { TAG } from '../core/tags.js';
import type { DeployResult } from '../core/results.js';
import type { Sleep, Surface } from '../core/surface.js';
import { totalInstances, type Plan } from '../plan/types.js';
import { bootstrapErrors, failuresOf } from './bootstrap-errors.js';
import { bootstrapStateOf, expiresAt, isUnchanged, overallStatus, shortfallError } from './decide.js';
import { startAwsWork, type EarlyAws } from './early-aws.js';
import { readStatusesOf } from './existing.js';
import { toInstanceReport } from './instance-report.js';
import { costOf, describeAll, groupByRegion, terminateAll, withPrices } from './instance-groups.js';
import { launchWithSpillover, waitReadyReplacingReclaimed, type LaunchContext, type ReadyState } from './launch-all.js';
import { bundleFileCount, prepareDeployment, userDataSizeCheck, type Prepared } from './prepare.js';
import { userDataNotice } from '../cloudinit/user-data.js';
import { removeLaunchConfs } from './launch-conf.js';
import { launchSpecHashes } from './spec-hash.js';
import type { RegionDeployResult } from './deploy-region.js';
import { deferredUpload, urlLifetimeOf } from './upload.js';

export interface DeployDeps {
  pool: ClientPool;
  surface: Surface;
  sleep: Sleep;
  now: () => Date;
}

export async function runDeploy(plan: Plan, options: { dryRun: boolean }, deps: DeployDeps): Promise<DeployResult> {
  // Before any AWS call: a user-data that cannot fit is refused first (a sha256 has the same length whatever it is).
  const notice = userDataNotice(await userDataSizeCheck(plan));
  if (notice) deps.surface.warn(notice);
  if (options.dryRun) {
    const prepared = await deps.surface.group('Bundle', () => prepareDeployment(plan));
    prepared.dispose();
    return plannedResult(plan, prepared, true);
  }
  const expires = expiresAt(plan.ttlSeconds, deps.now()) ?? 'never';
  let selected!: { resolve: () => void; reject: (error: unknown) => void };
  const writes = new Promise<void>((resolve, reject) => (selected = { resolve, reject }));
  const aws = startAwsWork(plan, deps, { writes, tags: { ...plan.resourceTags, [TAG.expiresAt]: expires } });
  let prepared: Prepared | undefined;
  try {
    prepared = await deps.surface.group('Bundle', () =>
      prepareDeployment(plan, { onSelected: selected.resolve, reuse: (index) => aws.storedBundleFor(index) }),
    );
    if (prepared.reused) {
      deps.surface.info(
        `the files are unchanged (index sha256 ${prepared.bundle.indexSha256.slice(0, 12)}): the bundle ${prepared.bundleKey} is reused, nothing was compressed`,
      );
    }
    await aws.lock;
    return await deployLocked(plan, { prepared, aws, expires }, deps);
  } catch (error) {
    selected.reject(error);
    throw error;
  } finally {
    await aws.close();
    prepared?.dispose();
  }
}

interface Staged {
  prepared: Prepared;
  aws: EarlyAws;
  /** The instances' `spot-deployer:expires-at`, fixed at the start of the run. */
  expires: string;
}

/**
 * Compare, launch, wait, retire: the part of a deploy that runs while it
 * holds the deployment's lock. The bundle uploads meanwhile (its key is its
 * sha256, known already; instances retry the download until it is there),
 * from the moment a region makes its first fleet call: a deploy whose every
 * region failed its lookups (a subnet id that is not there) leaves no bundle
 * behind. A failed upload terminates what was launched and fails the deploy.
 */
async function deployLocked(plan: Plan, staged: Staged, deps: DeployDeps): Promise<DeployResult> {
  const { prepared, aws } = staged;
  const planned = plannedResult(plan, prepared, false);
  const upload = deferredUpload(plan, prepared, deps.pool.forRegion(plan.regions[0]!.name), deps.surface);
  const existing = await aws.existing;
  const specHashes = launchSpecHashes(plan, prepared.specUserData);
  if (isUnchanged(plan.regions, existing, { bundleSha256: prepared.bundle.sha256, specHashes })) {
    upload.begin(true);
    const before = withUploaded(planned, await upload.uploaded);
    const kept = await keptResult(plan, existing, before, { ...deps, aws });
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
  const context = { ...launchContextOf(plan, { ...staged, before: planned }, deps, specHashes), onLaunchCall: () => upload.begin(true) };
  const launches = await deps.surface.group('Launch', () => launchWithSpillover(context));
  // No region got as far as a fleet call: nothing will ever download the bundle.
  upload.begin(false);
  const launched = launches.flatMap((launch) => launch.instances);
  const before = withUploaded(planned, await uploadedOrTerminate(upload.uploaded, launched, deps));
  if (plan.wait === 'ready') publishEarly(plan, before, await describeAll(deps.pool, launched), launched, deps.surface);
  const ready = await waitForInstances(plan, context, launches, before, deps);
  const all = [...launches, ...ready.replacements];
  const result = await finishedResult(plan, before, all, ready, { pool: deps.pool, aws });
  return await retireOld(plan, result, existing, { ...deps, current: new Set(all.flatMap((launch) => launch.launchIds)) });
}

const withUploaded = (planned: DeployResult, uploadedBytes: number): DeployResult => ({
  ...planned,
  bundle: { ...planned.bundle, uploadedBytes },
});

/** The upload's bytes; when it failed, what this run launched is terminated (it could never boot) and the error stands. */
async function uploadedOrTerminate(uploading: Promise<number>, launched: LaunchedInstance[], deps: DeployDeps): Promise<number> {
  try {
    return await uploading;
  } catch (error) {
    if (launched.length > 0) {
      deps.surface.warn(`the bundle upload failed: terminating the ${launched.length} instance(s) this run launched`);
      await terminateAll(deps.pool, launched).catch((cleanup: unknown) =>
        deps.surface.warn(`could not terminate ${launched.map((instance) => instance.id).join(', ')}: ${String(cleanup)}`),
      );
    }
    throw error;
  }
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
  staged: Staged & { before: DeployResult },
  deps: DeployDeps,
  specHashes: Record<string, string>,
): LaunchContext {
  const { prepared, before, aws } = staged;
  return {
    specHashes,
    plan,
    pool: deps.pool,
    surface: deps.surface,
    bucketClients: deps.pool.forRegion(plan.regions[0]!.name),
    bundleKey: prepared.bundleKey,
    bundleSha256: prepared.bundle.sha256,
    onLaunched: launchedReporter(plan, before, deps.surface),
    secretBundleFile: prepared.hasSecrets ? prepared.secretBundle.file : undefined,
    tags: {
      ...plan.resourceTags,
      [TAG.bundleSha256]: prepared.bundle.sha256,
      [TAG.indexSha256]: prepared.bundle.indexSha256,
      [TAG.expiresAt]: staged.expires,
    },
    runId: plan.run.runId,
    urlLifetimeSeconds: urlLifetimeOf(plan),
    preparedRegion: (region) => aws.preparedRegion(region),
  };
}

/** What the waits found; `running` holds the instances as the wait for running last saw them, when nothing came after it. */
type Waited = ReadyState & { running?: InstanceView[] };

/** The running and bootstrap waits `wait` asks for; replacements of reclaimed instances come back with them. */
async function waitForInstances(
  plan: Plan,
  context: LaunchContext,
  launches: RegionDeployResult[],
  before: DeployResult,
  deps: DeployDeps,
): Promise<Waited> {
  const launched = launches.flatMap((launch) => launch.instances);
  const none: ReadyState = { statuses: new Map(), reclaimed: new Set(), replacements: [] };
  if (launched.length === 0) {
    // No instance will ever read the conf objects the failed launch calls wrote.
    const failed = launches.flatMap((launch) => launch.launchIds);
    await removeLaunchConfs(context.bucketClients.s3, plan, failed, (message) => deps.surface.warn(message));
    return none;
  }
  // Instances wait for their sealed secrets: answer their hellos even when not waiting for ready.
  const answerHellos = (): Promise<ReadyState> =>
    deps.surface.group('Deliver secrets', () => waitReadyReplacingReclaimed(context, deps, launches, async () => {}, true));
  if (plan.wait === 'none') return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : none;
  const running = await deps.surface.group('Wait for running', () =>
    Promise.all(
      groupByRegion(launched).map(([region, ids]) =>
        // An instance that never runs (spot took it back at once) is not fatal: the states are
        // reported below, and the bootstrap wait replaces what spot reclaimed.
        waitForRunning(deps.pool.forRegion(region), ids, plan.readyTimeoutSeconds).catch((error: unknown) => {
          deps.surface.warn(error instanceof Error ? error.message : String(error));
          return [];
        }),
      ),
    ),
  );
  if (plan.wait !== 'ready') {
    return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : { ...none, running: running.flat() };
  }
  return await deps.surface.group('Wait for bootstrap', () =>
    waitReadyReplacingReclaimed(context, deps, launches, async (all) => {
      const instances = all.flatMap((launch) => launch.instances);
      publishEarly(plan, before, await describeAll(deps.pool, instances), instances, deps.surface);
    }),
  );
}

/** The instances' current views: those the wait for running just saw, the rest described (one call per region). */
async function currentViews(pool: ClientPool, launched: LaunchedInstance[], seen: InstanceView[] = []): Promise<InstanceView[]> {
  const known = new Set(seen.map((view) => view.id));
  const fresh = await describeAll(
    pool,
    launched.filter((instance) => !known.has(instance.id)),
  );
  const order = new Map(launched.map((instance, index) => [instance.id, index]));
  return [...seen.filter((view) => order.has(view.id)), ...fresh].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

async function finishedResult(
  plan: Plan,
  before: DeployResult,
  launches: RegionDeployResult[],
  ready: Waited,
  deps: { pool: ClientPool; aws: EarlyAws },
): Promise<DeployResult> {
  const launched = launches.flatMap((launch) => launch.instances);
  const views = await currentViews(deps.pool, launched, ready.running);
  const instances = await withPrices(
    deps.pool,
    views,
    (view) => toInstanceReport(view, bootstrapStateOf(plan.wait, view.id, ready.statuses, ready.reclaimed), ready.statuses.get(view.id)),
    deps.aws.prices,
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
async function retireOld(
  plan: Plan,
  result: DeployResult,
  existing: InstanceView[],
  deps: DeployDeps & { current: ReadonlySet<string> },
): Promise<DeployResult> {
  const { pool } = deps;
  if (result.status !== 'success') return result;
  const ids = new Set(result.instances.map((instance) => instance.id));
  const old = existing.filter((instance) => !ids.has(instance.id));
  await terminateAll(pool, old);
  // Their launches' conf objects have served (launch ids name the run, so none is this run's).
  const served = old.flatMap((view) => (view.launchId && !deps.current.has(view.launchId) ? [view.launchId] : []));
  await removeLaunchConfs(pool.forRegion(plan.regions[0]!.name).s3, plan, served, (message) => deps.surface.warn(message));
  return { ...result, retired: old.map((instance) => instance.id) };
}

/** The same bundle already runs: report it as it is. */
async function keptResult(
  plan: Plan,
  existing: InstanceView[],
  before: DeployResult,
  deps: DeployDeps & { aws: EarlyAws },
): Promise<DeployResult> {
  const statuses = await readStatusesOf(deps.pool, plan, existing);
  const instances = await withPrices(
    deps.pool,
    existing,
    (view) => toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)),
    deps.aws.prices,
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
