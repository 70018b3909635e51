/**
 * A check that needs the Plan: every instance type, after inputs override the
 * config, must match the architecture (or, unset, each other).
 */
import { CODE } from '../core/codes.js';
import { INPUT_FILE, type ConfigCheck } from '../config/check-config.js';
import { architectureOf } from '../config/instance-types.js';
import type { KeyPath } from '../config/yaml-source.js';
import type { Plan } from './types.js';

/** Every type's architecture must match `architecture` (or, unset, each other). */
export function checkArchitecture(check: ConfigCheck, plan: Plan): void {
  const explicit = check.config.architecture;
  const fromInput = check.overrides.instanceTypes !== undefined;
  for (const [regionIndex, region] of plan.regions.entries()) {
    const perRegion = !fromInput && typeof check.config.regions?.[regionIndex] === 'object';
    const base: KeyPath =
      perRegion && (check.config.regions?.[regionIndex] as { instance_types?: string[] }).instance_types
        ? ['regions', regionIndex, 'instance_types']
        : ['instance_types'];
    for (const [index, type] of region.instanceTypes.entries()) {
      const arch = architectureOf(type);
      if (arch === undefined || arch === plan.architecture) continue;
      const why = explicit ? `architecture is ${plan.architecture}` : `${region.instanceTypes[0]} is ${plan.architecture}`;
      const message = `${type} is an ${arch} type but ${why}`;
      const hint = !explicit
        ? 'use types of one architecture, or set architecture and pick types that match it'
        : arch === 'arm64'
          ? 'set architecture: arm64, or use x86_64 types such as t3.small'
          : 'set architecture: x86_64, or use Graviton types such as t4g.small';
      if (fromInput)
        check.issues.add({
          code: CODE.archMismatch,
          file: INPUT_FILE,
          line: 1,
          column: 1,
          key: 'instance-types',
          message,
          hint,
          severity: 'error',
        });
      else check.issues.report(check.locator, [...base, index], CODE.archMismatch, message, { hint });
      return;
    }
  }
}
