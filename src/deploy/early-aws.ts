/**
 * The AWS half of a deploy that needs no bundle, started at its first
 * moment so that it runs while the bundle is indexed and built: every
 * region's image, subnets and security group (all regions at once, each
 * region's lookups at once), the spot prices of every region, the bucket,
 * the deployment's lock and then what already runs.
 *
 * Writes wait for `writes`, which settles once the bundle's files were
 * chosen, so bad input still never leaves anything behind in AWS: the bucket
 * and its settings, then the lock, then (under the lock, as before) each
 * region's security group. Lookups start at once.
 */
import { bundleKey, keyScopeOf } from '../agent/keys.js';
import type { InstanceView } from '../aws/instances.js';
import { storedObjectBytes } from '../aws/s3.js';
import type { Plan, RegionPlan } from '../plan/types.js';
import { bundleToReuse } from './decide.js';
import { prepareRegion, type PreparedRegion } from './deploy-region.js';
import { findExisting } from './existing.js';
import { priceBook, type PriceBook } from './instance-groups.js';
import { acquireDeployLock, type HeldLock } from './lock.js';
import type { ClientPool } from '../aws/clients.js';
import type { Sleep, Surface } from '../core/surface.js';
import { setUpBucket } from './upload.js';

export interface EarlyAws {
  /** Settles once the bucket is set up and this run holds the deployment's lock. */
  lock: Promise<HeldLock>;
  /** What already runs, looked up once the lock is held. */
  existing: Promise<InstanceView[]>;
  preparedRegion(region: RegionPlan): Promise<PreparedRegion>;
  prices: PriceBook;
  /** The stored bundle for this file index, when the running instances name one and it is still in the bucket. */
  storedBundleFor(indexSha256: string): Promise<{ sha256: string; bytes: number } | undefined>;
  /** Stops waiting for the lock, lets every started call settle, and releases the lock if it was taken. */
  close(): Promise<void>;
}

/** A promise whose rejection is handled where it is awaited, never reported as unhandled meanwhile. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

class Closed extends Error {}

export interface EarlyDeps {
  pool: ClientPool;
  surface: Surface;
  sleep: Sleep;
  now: () => Date;
}

export function startAwsWork(plan: Plan, deps: EarlyDeps, options: { writes: Promise<void>; tags: Record<string, string> }): EarlyAws {
  const bucket = deps.pool.forRegion(plan.regions[0]!.name);
  let closed = false;
  // A run that failed while waiting for another deploy's lock stops waiting at the next poll.
  const sleep = async (ms: number): Promise<void> => {
    if (closed) throw new Closed('the deploy ended while waiting for the lock');
    await deps.sleep(ms);
    if (closed) throw new Closed('the deploy ended while waiting for the lock');
  };
  const writes = quiet(options.writes);
  const lock = quiet(
    writes
      .then(() => setUpBucket(plan, bucket, deps.surface))
      .then(() => acquireDeployLock(plan, { s3: bucket.s3, surface: deps.surface, sleep, now: deps.now })),
  );
  const existing = quiet(lock.then(() => findExisting(deps.pool, plan)));
  // A security group is created under the lock, as before: two deploys started together never race to create it.
  const locked = quiet(lock.then(() => undefined));
  const regions = new Map<string, Promise<PreparedRegion>>();
  const preparedRegion = (region: RegionPlan): Promise<PreparedRegion> => {
    let prepared = regions.get(region.name);
    if (!prepared) {
      prepared = quiet(prepareRegion(deps.pool.forRegion(region.name), plan, region, { tags: options.tags, writes: locked }));
      regions.set(region.name, prepared);
    }
    return prepared;
  };
  // A fallback region (count 0) is prepared only if capacity spills over to it.
  const launching = plan.regions.filter((region) => region.count > 0);
  for (const region of launching) preparedRegion(region);
  const prices = priceBook(
    deps.pool,
    launching.map((region) => ({ region: region.name, instanceTypes: region.instanceTypes })),
  );
  return {
    lock,
    existing,
    preparedRegion,
    prices,
    async storedBundleFor(indexSha256) {
      const sha256 = bundleToReuse(await existing, indexSha256);
      if (sha256 === undefined) return undefined;
      const bytes = await storedObjectBytes(bucket.s3, plan.bucket.name, bundleKey(keyScopeOf(plan), sha256));
      return bytes === undefined ? undefined : { sha256, bytes };
    },
    async close() {
      closed = true;
      const prepared = await Promise.allSettled(regions.values());
      // A region's security group rules may still be being written after its lookups settled.
      await Promise.allSettled([existing, ...prepared.flatMap((region) => (region.status === 'fulfilled' ? [region.value.ingress] : []))]);
      const held = await lock.catch(() => undefined);
      await held?.release();
    },
  };
}
