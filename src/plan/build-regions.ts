import { CODE } from '../core/codes.js';
import type { RegionEntry } from '../config/config-schema.js';
import type { BuildPlanInput } from './build-input.js';
import type { RegionPlan } from './types.js';

const DEFAULT_INSTANCE_TYPES = ['t3.small'];
const DEFAULT_IMAGE = 'ubuntu-24.04';

type RegionObject = Exclude<RegionEntry, string>;

const asObject = (entry: RegionEntry): RegionObject => (typeof entry === 'string' ? { name: entry } : entry);

/**
 * Regions in order with their instance counts. `instances` is spread over
 * the regions without an explicit `count`, earlier regions first; an
 * explicit `count: 0` keeps a region listed (as a fallback) with none.
 */
export function buildRegions(input: BuildPlanInput): RegionPlan[] {
  const { config, overrides, issues, locator } = input;
  const fromConfig = (config.regions ?? []).map(asObject);
  const entries =
    overrides.regions === undefined
      ? fromConfig
      : overrides.regions.map((name) => {
          const { count: _ignored, ...rest } = fromConfig.find((entry) => entry.name === name) ?? { name };
          return rest as RegionObject;
        });
  if (entries.length === 0) {
    issues.report(locator, [], CODE.missingValue, 'regions is required: where to launch instances', {
      key: 'regions',
      hint: 'add regions: [us-east-1] to .spot/config.yaml, or pass the regions input / --regions',
    });
    return [];
  }
  const counts = spread(entries, overrides.instances ?? config.instances, input);
  const globalTypes = overrides.instanceTypes ?? config.instance_types ?? DEFAULT_INSTANCE_TYPES;
  return entries.map((entry, index) => ({
    name: entry.name,
    count: counts[index] ?? 0,
    instanceTypes: overrides.instanceTypes ?? entry.instance_types ?? globalTypes,
    image: entry.image ?? config.image ?? DEFAULT_IMAGE,
    subnets: entry.subnets ?? config.network?.subnets ?? 'auto',
  }));
}

function spread(entries: RegionObject[], total: number | undefined, input: BuildPlanInput): number[] {
  const fixed = entries.reduce((sum, entry) => sum + (entry.count ?? 0), 0);
  const open = entries.filter((entry) => entry.count === undefined).length;
  if (open === 0) {
    if (total !== undefined && total !== fixed) {
      input.issues.report(input.locator, ['instances'], CODE.badCount, `instances is ${total} but the region counts add up to ${fixed}`, {
        hint: 'drop instances, or make the per-region count values add up to it',
      });
    }
    if (fixed === 0) {
      input.issues.report(input.locator, ['regions'], CODE.badCount, 'every region has count: 0, so nothing would be launched', {
        hint: 'give at least one region a count above 0',
      });
    }
    return entries.map((entry) => entry.count ?? 0);
  }
  const remaining = (total ?? Math.max(open, 1)) - fixed;
  if (remaining < open) {
    const listed = `${open} region${open === 1 ? '' : 's'} without a count`;
    input.issues.report(
      input.locator,
      ['instances'],
      CODE.badCount,
      `instances is ${total ?? 1} but ${listed} need at least one each${fixed > 0 ? ` after ${fixed} fixed by count` : ''}`,
      {
        hint: `raise instances to ${fixed + open}, or give the extra regions count: 0 to keep them as fallbacks`,
      },
    );
  }
  const share = Math.floor(Math.max(remaining, 0) / open);
  let extra = Math.max(remaining, 0) - share * open;
  return entries.map((entry) => {
    if (entry.count !== undefined) return entry.count;
    const count = share + (extra > 0 ? 1 : 0);
    extra -= 1;
    return count;
  });
}
