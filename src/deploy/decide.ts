/**
 * The deploy's decisions, as pure functions of values: is there anything to
 * change, what each instance's bootstrap state is, and what the whole deploy
 * comes to. Table-tested in milliseconds (__tests__/deploy/decide.test.ts).
 */
import type { BootstrapStatus } from '../agent/status.js';
import type { InstanceView } from '../aws/instances.js';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import type { BootstrapState, DeployStatus, InstanceReport } from '../core/results.js';
import type { RegionPlan, WaitMode } from '../plan/types.js';

/**
 * Same bundle, same launch spec (its fingerprint per region, spec-hash.ts),
 * right count per region, all running: nothing to do. An instance without a
 * fingerprint (launched before it existed) counts as different.
 */
export function isUnchanged(
  regions: RegionPlan[],
  existing: InstanceView[],
  wanted: { bundleSha256: string; specHashes: Readonly<Record<string, string>> },
): boolean {
  return regions.every((region) => {
    const here = existing.filter((instance) => instance.region === region.name);
    return (
      here.length === region.count &&
      here.every(
        (instance) =>
          instance.state === 'running' &&
          instance.bundleSha256 === wanted.bundleSha256 &&
          instance.specSha256 !== undefined &&
          instance.specSha256 === wanted.specHashes[region.name],
      )
    );
  });
}

/**
 * The bundle already running for this file index, so it need not be built
 * again: the bundle sha256 of the live instances tagged with the same index.
 * Undefined when none is, or when they disagree (then the build decides).
 */
export function bundleToReuse(existing: readonly InstanceView[], indexSha256: string): string | undefined {
  const shas = new Set(
    existing
      .filter((instance) => instance.indexSha256 === indexSha256 && instance.bundleSha256 !== undefined)
      .map((instance) => instance.bundleSha256!),
  );
  return shas.size === 1 ? [...shas][0] : undefined;
}

export function bootstrapStateOf(
  wait: WaitMode,
  id: string,
  statuses: ReadonlyMap<string, BootstrapStatus>,
  reclaimed: ReadonlySet<string>,
): BootstrapState {
  if (reclaimed.has(id)) return 'reclaimed';
  const status = statuses.get(id);
  if (status) return status.status;
  return wait === 'ready' ? 'pending' : 'not-waited';
}

/** An instance counts when it did what `wait` asked of it. */
const isGood = (wait: WaitMode, report: InstanceReport): boolean =>
  wait === 'ready' ? report.bootstrap === 'ok' : wait === 'none' || report.state === 'running';

export function overallStatus(wanted: number, wait: WaitMode, reports: InstanceReport[], errorCount: number): DeployStatus {
  const good = reports.filter((report) => isGood(wait, report)).length;
  if (good >= wanted && errorCount === 0) return 'success';
  return good === 0 ? 'failed' : 'partial';
}

/** The error for a launch that found less capacity than wanted and said nothing else. */
export function shortfallError(launched: number, wanted: number, regions: string[]): SpotError | undefined {
  if (launched >= wanted) return undefined;
  return new SpotError(CODE.noCapacity, `only ${launched} of ${wanted} instance(s) found spot capacity in ${regions.join(', ')}`, {
    hint: 'Every pool tried is in the capacity attempts table. Add instance types or regions (a region with count: 0 is a fallback), or use market: spot-then-on-demand.',
  });
}

/** When an instance launched now should stop itself; undefined for `ttl: never`. */
export const expiresAt = (ttlSeconds: number | 'never', now: Date): string | undefined =>
  ttlSeconds === 'never' ? undefined : new Date(now.getTime() + ttlSeconds * 1000).toISOString();
