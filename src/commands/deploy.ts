/**
 * `deploy`: the whole pipeline. Idempotent per deployment: instances are
 * found by tag, the same bundle changes nothing, a new bundle brings up new
 * instances and retires the old ones only once the new ones are ready.
 */
import type { AwsClients, ClientPool } from '../aws/clients.js';
import { findDeploymentInstances, waitForRunning, type InstanceView } from '../aws/instances.js';
import type { Attempt, LaunchedInstance } from '../aws/launch.js';
import { bundleKey, ensureBucket, presignGet, uploadBundle } from '../aws/s3.js';
import { deploymentTags } from '../aws/tags.js';
import { SpotError } from '../errors.js';
import { totalInstances, type Plan } from '../plan/types.js';
import { toInstanceReport, type BootstrapState, type BootstrapStatus, type InstanceReport } from '../report/instance-report.js';
import type { RunEnvironment } from '../run-context.js';
import { statusPrefix, type RegionDeployResult } from './deploy-region.js';
import { costOf, describeAll, groupByRegion, terminateAll, withPrices } from './instance-groups.js';
import { launchWithSpillover, waitReadyReplacingReclaimed, type LaunchContext } from './launch-all.js';
import { bootstrapErrors, failuresOf, type BootstrapFailure } from './bootstrap-errors.js';
import { prepareDeployment, type Prepared } from './prepare.js';
import type { Sleep, Surface } from './surface.js';
import { waitForBootstrap } from './wait-ready.js';

export type DeployStatus = 'success' | 'partial' | 'failed';

export interface DeployResult {
  deploymentId: string;
  status: DeployStatus;
  dryRun: boolean;
  unchanged: boolean;
  instances: InstanceReport[];
  bundle: { key: string; sha256: string; bytes: number; files: number; uploadedBytes: number };
  userDataBytes: number;
  attempts: Attempt[];
  costPerHour?: number;
  errors: SpotError[];
  /** Old instances terminated because a new bundle replaced them. */
  retired: string[];
  /** Instances whose bootstrap failed, with the end of the agent's log: what went wrong. */
  failures: BootstrapFailure[];
}

export interface DeployDeps {
  pool: ClientPool;
  surface: Surface;
  run: RunEnvironment;
  sleep: Sleep;
  now: () => Date;
}

const PRESIGN_MARGIN_SECONDS = 30 * 60;

function expiresAt(plan: Plan, now: Date): string | undefined {
  return plan.ttlSeconds === 'never' ? undefined : new Date(now.getTime() + plan.ttlSeconds * 1000).toISOString();
}

async function existingInstances(pool: ClientPool, plan: Plan): Promise<InstanceView[]> {
  const perRegion = await Promise.all(
    plan.regions.map((region) => findDeploymentInstances(pool.forRegion(region.name), plan.deploymentId)),
  );
  return perRegion.flat();
}

/** Same bundle, right count per region, all running: nothing to do. */
function isUnchanged(plan: Plan, existing: InstanceView[], sha256: string): boolean {
  return plan.regions.every((region) => {
    const here = existing.filter((instance) => instance.region === region.name);
    return here.length === region.count && here.every((instance) => instance.state === 'running' && instance.bundleSha256 === sha256);
  });
}

async function uploadAndPresign(deps: DeployDeps, plan: Plan, prepared: Prepared, bucketClients: AwsClients) {
  const key = bundleKey(plan.bucket.prefix, plan.deploymentId, prepared.bundle.sha256);
  await ensureBucket(
    bucketClients.s3,
    { name: plan.bucket.name, create: plan.bucket.create, prefix: plan.bucket.prefix, kmsKeyId: plan.bucket.kmsKeyId },
    bucketClients.region,
  );
  const upload = await uploadBundle(bucketClients.s3, {
    bucket: plan.bucket.name,
    key,
    file: prepared.bundle.file,
    sha256: prepared.bundle.sha256,
    kmsKeyId: plan.bucket.kmsKeyId,
    onProgress: ({ loaded, total }) => deps.surface.debug(`uploaded ${loaded} of ${total} bytes`),
  });
  deps.surface.info(
    upload.uploaded
      ? `uploaded s3://${plan.bucket.name}/${key} (${upload.bytes} bytes)`
      : `bundle already in s3://${plan.bucket.name}/${key}: not uploaded again`,
  );
  const lifetime = plan.readyTimeoutSeconds + PRESIGN_MARGIN_SECONDS;
  const url = await presignGet(bucketClients.s3, plan.bucket.name, key, lifetime);
  deps.surface.mask(url);
  return { key, url, lifetime, uploadedBytes: upload.uploaded ? upload.bytes : 0 };
}

function bootstrapStateOf(plan: Plan, view: InstanceView, statuses: Map<string, BootstrapStatus>, reclaimed: Set<string>): BootstrapState {
  if (reclaimed.has(view.id)) return 'reclaimed';
  const status = statuses.get(view.id);
  if (status) return status.status;
  return plan.wait === 'ready' ? 'pending' : 'not-waited';
}

function overallStatus(plan: Plan, reports: InstanceReport[], errors: SpotError[]): DeployStatus {
  const wanted = totalInstances(plan);
  const good = reports.filter((report) =>
    plan.wait === 'ready' ? report.bootstrap === 'ok' : report.state === 'running' || plan.wait === 'none',
  );
  if (good.length >= wanted && errors.length === 0) return 'success';
  return good.length === 0 ? 'failed' : 'partial';
}

export async function runDeploy(plan: Plan, options: { dryRun: boolean }, deps: DeployDeps): Promise<DeployResult> {
  const prepared = await deps.surface.group('Bundle', () => prepareDeployment(plan));
  try {
    return await deployPrepared(plan, prepared, options, deps);
  } finally {
    prepared.dispose();
  }
}

async function deployPrepared(plan: Plan, prepared: Prepared, options: { dryRun: boolean }, deps: DeployDeps): Promise<DeployResult> {
  const result: DeployResult = {
    deploymentId: plan.deploymentId,
    status: 'success',
    dryRun: options.dryRun,
    unchanged: false,
    instances: [],
    bundle: {
      key: bundleKey(plan.bucket.prefix, plan.deploymentId, prepared.bundle.sha256),
      sha256: prepared.bundle.sha256,
      bytes: prepared.bundle.bytes,
      files: prepared.bundle.entries.length,
      uploadedBytes: 0,
    },
    userDataBytes: prepared.sizeCheck.bytes,
    attempts: [],
    errors: [],
    retired: [],
    failures: [],
  };
  if (options.dryRun) return result;

  const bucketClients = deps.pool.forRegion(plan.regions[0]!.name);
  const uploaded = await deps.surface.group('Upload', () => uploadAndPresign(deps, plan, prepared, bucketClients));
  result.bundle.uploadedBytes = uploaded.uploadedBytes;

  const existing = await existingInstances(deps.pool, plan);
  if (isUnchanged(plan, existing, prepared.bundle.sha256)) {
    const report = await reportExisting(plan, existing, { ...result }, deps, bucketClients);
    if (report.status === 'success') {
      deps.surface.info(`${plan.deploymentId}: the same bundle is already running on ${existing.length} instance(s); nothing to change`);
      return report;
    }
    // Same bundle, but a bootstrap failed or never reported: a re-run means "try again".
    deps.surface.info(`${plan.deploymentId}: the same bundle is running but not every instance reported ok; launching replacements`);
  }

  const now = deps.now();
  const tags = deploymentTags({
    deploymentId: plan.deploymentId,
    run: deps.run,
    bundleSha256: prepared.bundle.sha256,
    expiresAt: expiresAt(plan, now),
    launchId: '',
    userTags: plan.tags,
  });
  const context: LaunchContext = {
    plan,
    pool: deps.pool,
    surface: deps.surface,
    bucketClients,
    bundleUrl: uploaded.url,
    bundleSha256: prepared.bundle.sha256,
    agentScript: prepared.agentScript,
    tags,
    runId: deps.run.runId,
    urlLifetimeSeconds: uploaded.lifetime,
  };
  const regionResults = await deps.surface.group('Launch', () => launchWithSpillover(context));
  const launched = collectLaunches(result, regionResults);
  const wanted = totalInstances(plan);
  if (launched.length < wanted && result.errors.length === 0) {
    result.errors.push(
      new SpotError(
        'SD300',
        `only ${launched.length} of ${wanted} instance(s) found spot capacity in ${plan.regions.map((region) => region.name).join(', ')}`,
        {
          hint: 'Every pool tried is in the capacity attempts table. Add instance types or regions (a region with count: 0 is a fallback), or use market: spot-then-on-demand.',
        },
      ),
    );
  }
  publishEarly(plan, result, await describeAll(deps.pool, launched), deps, launched);

  if (plan.wait !== 'none' && launched.length > 0) {
    await deps.surface.group('Wait for running', () =>
      Promise.all(
        groupByRegion(launched).map(([region, regionIds]) =>
          // An instance that never runs (spot took it back at once) is not fatal: the states are
          // reported below, and the bootstrap wait replaces what spot reclaimed.
          waitForRunning(deps.pool.forRegion(region), regionIds, plan.readyTimeoutSeconds).catch((error: unknown) =>
            deps.surface.warn(error instanceof Error ? error.message : String(error)),
          ),
        ),
      ),
    );
  }
  const ready =
    plan.wait === 'ready' && launched.length > 0
      ? await deps.surface.group('Wait for bootstrap', () =>
          waitReadyReplacingReclaimed(context, deps, launched, regionResults, async (replacements) => {
            collectLaunches(result, replacements);
            publishEarly(plan, result, await describeAll(deps.pool, launched), deps, launched);
          }),
        )
      : { statuses: new Map<string, BootstrapStatus>(), reclaimed: new Set<string>() };
  const views = await describeAll(deps.pool, launched);
  const { statuses, reclaimed } = ready;
  const ids = launched.map((instance) => instance.id);
  result.instances = await withPrices(deps.pool, views, (view) =>
    toInstanceReport(view, bootstrapStateOf(plan, view, statuses, reclaimed), statuses.get(view.id)),
  );
  result.failures = failuresOf(statuses);
  result.errors.push(...bootstrapErrors(plan, result.failures, result.instances));
  result.costPerHour = costOf(result.instances);
  result.status = overallStatus(plan, result.instances, result.errors);

  if (result.status === 'success') {
    const old = existing.filter((instance) => !ids.includes(instance.id));
    await terminateAll(deps.pool, old);
    result.retired = old.map((instance) => instance.id);
  }
  return result;
}

/** Adds the rounds' attempts and errors to the result; returns every instance launched. */
function collectLaunches(result: DeployResult, regionResults: RegionDeployResult[]): LaunchedInstance[] {
  for (const region of regionResults) {
    result.attempts.push(...region.attempts);
    if (region.error) result.errors.push(region.error);
    result.userDataBytes = Math.max(result.userDataBytes, region.userDataBytes);
  }
  return regionResults.flatMap((region) => region.instances);
}

function publishEarly(plan: Plan, result: DeployResult, views: InstanceView[], deps: DeployDeps, launched: LaunchedInstance[]): void {
  const ids = launched.map((instance) => instance.id);
  deps.surface.instancesLaunched({
    deploymentId: plan.deploymentId,
    instances: views.map((view) => toInstanceReport(view, plan.wait === 'ready' ? 'pending' : 'not-waited')),
    bundleKey: result.bundle.key,
    bundleSha256: result.bundle.sha256,
    userDataBytes: result.userDataBytes,
    launchedIds: ids,
    regions: plan.regions.map((region) => region.name),
  });
}

async function reportExisting(
  plan: Plan,
  existing: InstanceView[],
  result: DeployResult,
  deps: DeployDeps,
  bucketClients: AwsClients,
): Promise<DeployResult> {
  const prefixes = [...new Set(existing.map((view) => (view.launchId ? statusPrefix(plan, view.launchId) : '')).filter(Boolean))];
  const waited = await waitForBootstrap({
    s3: bucketClients.s3,
    bucket: plan.bucket.name,
    statusPrefixes: prefixes,
    instanceIds: existing.map((view) => view.id),
    timeoutSeconds: 0,
    sleep: deps.sleep,
    now: () => deps.now().getTime(),
    describe: async () => existing,
    progress: () => undefined,
  });
  result.unchanged = true;
  result.instances = await withPrices(deps.pool, existing, (view) =>
    toInstanceReport(view, waited.statuses.get(view.id)?.status ?? 'unknown', waited.statuses.get(view.id)),
  );
  result.costPerHour = costOf(result.instances);
  result.status = result.instances.every((report) => report.bootstrap === 'ok' || plan.wait !== 'ready') ? 'success' : 'partial';
  deps.surface.instancesLaunched({
    deploymentId: plan.deploymentId,
    instances: result.instances,
    bundleKey: result.bundle.key,
    bundleSha256: result.bundle.sha256,
    userDataBytes: result.userDataBytes,
    launchedIds: [],
    regions: plan.regions.map((region) => region.name),
  });
  return result;
}
