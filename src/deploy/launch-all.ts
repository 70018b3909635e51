/**
 * Launch rounds across regions: every region in parallel for its own count,
 * then what is still missing spills over to the regions that had capacity
 * (in the order written, including `count: 0` fallback regions). Replacing
 * instances that spot took back is one more round in their own regions.
 */
import type { AwsClients, ClientPool } from '../aws/clients.js';
import type { LaunchedInstance } from '../aws/launch.js';
import type { Plan, RegionPlan } from '../plan/types.js';
import { deployRegion, type PreparedRegion, type RegionDeployResult } from './deploy-region.js';
import { describeAll, groupByRegion } from './instance-groups.js';
import type { Sleep, Surface } from '../core/surface.js';
import { waitForBootstrap, type StatusCache, type WaitReadyOptions } from './wait-ready.js';
import { removeLaunchConfs } from './launch-conf.js';
import type { BootstrapStatus } from '../agent/status.js';
import { keyScopeOf } from '../agent/keys.js';
import { removeSealedFor, sealSecretsFor } from './seal-secrets.js';

export interface LaunchContext {
  plan: Plan;
  pool: ClientPool;
  surface: Surface;
  bucketClients: AwsClients;
  bundleKey: string;
  bundleSha256: string;
  /** The secret part, sealed to each instance once its hello checks out; undefined when there is none. */
  secretBundleFile: string | undefined;
  tags: Record<string, string>;
  /** The launch spec's fingerprint per region, tagged on each instance. */
  specHashes: Record<string, string>;
  /** Hears the instances of each launch call as soon as it returns. */
  onLaunched?: (instances: LaunchedInstance[]) => void;
  /** Hears that a region is about to make a fleet call (its lookups all succeeded). */
  onLaunchCall?: () => void;
  runId: string;
  urlLifetimeSeconds: number;
  /** Each region's image, subnets and security group, looked up once (started before the bundle was built). */
  preparedRegion: (region: RegionPlan) => Promise<PreparedRegion>;
}

/** One round: the given count in each region, all regions at once. */
export function launchRound(
  context: LaunchContext,
  wanted: Array<{ region: RegionPlan; count: number }>,
  round: string,
): Promise<RegionDeployResult[]> {
  return Promise.all(
    wanted
      .filter(({ count }) => count > 0)
      .map(({ region, count }) =>
        deployRegion({
          clients: context.pool.forRegion(region.name),
          prepared: context.preparedRegion(region),
          bucketClients: context.bucketClients,
          plan: context.plan,
          region,
          count,
          bundleKey: context.bundleKey,
          withSecrets: context.secretBundleFile !== undefined,
          bundleSha256: context.bundleSha256,
          tags: context.tags,
          specSha256: context.specHashes[region.name] ?? '',
          ...(context.onLaunched ? { onLaunched: context.onLaunched } : {}),
          ...(context.onLaunchCall ? { onLaunchCall: context.onLaunchCall } : {}),
          // The round keeps ClientTokens and launch ids apart between rounds of one run.
          clientTokenBase: `${context.plan.deploymentId}:${context.runId}:${region.name}:${round}`,
          urlLifetimeSeconds: context.urlLifetimeSeconds,
          mask: (secret) => context.surface.mask(secret),
        }),
      ),
  );
}

const launchedIn = (results: RegionDeployResult[], region: string): number =>
  results.filter((result) => result.region === region).reduce((sum, result) => sum + result.instances.length, 0);

/** Each region for its count; then the shortfall, region by region, where capacity was found. */
export async function launchWithSpillover(context: LaunchContext): Promise<RegionDeployResult[]> {
  const { plan } = context;
  const results = await launchRound(
    context,
    plan.regions.map((region) => ({ region, count: region.count })),
    'main',
  );
  // An error no pool can fix (permissions, quota, AMI) is not a capacity problem: do not spread it.
  if (results.some((result) => result.error)) return results;
  let missing = plan.regions.reduce((sum, region) => sum + region.count - launchedIn(results, region.name), 0);
  const withCapacity = plan.regions.filter((region) => launchedIn(results, region.name) >= region.count);
  for (const region of withCapacity) {
    if (missing <= 0) break;
    context.surface.info(`${missing} instance(s) short: trying ${region.name}`);
    const [spill] = await launchRound(context, [{ region, count: missing }], `spill-${region.name}`);
    if (!spill) continue;
    results.push(spill);
    missing -= spill.instances.length;
    if (spill.error) break;
  }
  return results;
}

/** How many times instances that spot took back while booting are replaced. */
const REPLACEMENT_ROUNDS = 2;

export interface ReadyState {
  statuses: Map<string, BootstrapStatus>;
  reclaimed: Set<string>;
  /** Launch rounds that replaced reclaimed instances, in order. */
  replacements: RegionDeployResult[];
}

/** What answers a checked hello (the secret part sealed to its key) and cleans up after the final report. */
function helloHandlers(context: LaunchContext): Pick<WaitReadyOptions, 'onHello' | 'onFinished'> {
  const file = context.secretBundleFile;
  if (file === undefined) return {};
  const target = {
    s3: context.bucketClients.s3,
    bucket: context.plan.bucket.name,
    scope: keyScopeOf(context.plan),
    secretBundleFile: file,
  };
  return { onHello: (hello) => sealSecretsFor(target, hello), onFinished: (hello) => removeSealedFor(target, hello) };
}

/** Once the wait is over, the conf of every launch without an instance still waiting has served (launch-conf.ts). */
async function removeServedConfs(context: LaunchContext, all: RegionDeployResult[], timedOut: ReadonlySet<string>): Promise<void> {
  const waiting = new Set(all.flatMap((launch) => launch.instances.filter((instance) => timedOut.has(instance.id)).map((i) => i.launchId)));
  const served = all.flatMap((launch) => launch.launchIds).filter((launchId) => !waiting.has(launchId));
  await removeLaunchConfs(context.bucketClients.s3, context.plan, served, (message) => context.surface.warn(message));
}

/**
 * Waits for every instance's bootstrap. An instance that spot reclaimed
 * meanwhile is replaced in its region, and the replacement is waited for
 * within the same timeout. `onLaunched` hears every instance launched so far
 * after each replacement round, so the caller can publish them at once.
 */
export async function waitReadyReplacingReclaimed(
  context: LaunchContext,
  clock: { sleep: Sleep; now: () => Date },
  launches: readonly RegionDeployResult[],
  onLaunched: (all: RegionDeployResult[]) => Promise<void>,
  /** Only until every instance has said hello and got its secrets (for `wait: none|running`). */
  untilHello = false,
): Promise<ReadyState> {
  const { plan } = context;
  const now = (): number => clock.now().getTime();
  const deadline = now() + plan.readyTimeoutSeconds * 1000;
  const ready: ReadyState = { statuses: new Map(), reclaimed: new Set(), replacements: [] };
  const pinned = new Map<string, string>();
  const cache: StatusCache = new Map();
  for (let round = 0; ; round += 1) {
    const all = [...launches, ...ready.replacements];
    const launchIds = new Map(all.flatMap((launch) => launch.instances).map((instance) => [instance.id, instance.launchId]));
    const waiting = all
      .flatMap((launch) => launch.instances)
      .filter((instance) => !ready.statuses.has(instance.id) && !ready.reclaimed.has(instance.id));
    const waited = await waitForBootstrap({
      s3: context.bucketClients.s3,
      bucket: plan.bucket.name,
      trust: {
        scope: keyScopeOf(plan),
        launchIdOf: (id) => launchIds.get(id),
        slotOf: (id) => all.find((launch) => launch.slots.has(id))?.slots.get(id),
        pinned,
        warn: (message) => context.surface.warn(message),
      },
      ...helloHandlers(context),
      untilHello,
      cache,
      statusPrefixes: all.flatMap((region) => region.statusPrefixes),
      instanceIds: waiting.map((instance) => instance.id),
      timeoutSeconds: Math.max(0, Math.floor((deadline - now()) / 1000)),
      sleep: clock.sleep,
      now,
      describe: () => describeAll(context.pool, waiting),
      progress: (message) => context.surface.info(message),
    });
    for (const [id, status] of waited.statuses) ready.statuses.set(id, status);
    for (const view of waited.reclaimed) ready.reclaimed.add(view.id);
    if (waited.reclaimed.length === 0 || round >= REPLACEMENT_ROUNDS || now() >= deadline) {
      await removeServedConfs(context, [...launches, ...ready.replacements], new Set(waited.timedOut));
      return ready;
    }
    context.surface.warn(
      `spot reclaimed ${waited.reclaimed.map((view) => `${view.id} (${view.region})`).join(', ')} while booting; launching replacements`,
    );
    const wanted = groupByRegion(waited.reclaimed).map(([region, ids]) => ({
      region: plan.regions.find((candidate) => candidate.name === region)!,
      count: ids.length,
    }));
    ready.replacements.push(...(await launchRound(context, wanted, `replace-${round + 1}`)));
    await onLaunched([...launches, ...ready.replacements]);
  }
}
