import { loadProject } from '../plan/load-project.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import type { Plan, PlanOverrides } from '../plan/types.js';
import type { RunContext } from '../core/run-context.js';

export interface ValidateOptions {
  dir: string;
  overrides: PlanOverrides;
  run: RunContext;
}

export interface ValidateResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Errors and warnings, errors first. */
  issues: ConfigIssue[];
  /** The plan, when the project is valid. */
  plan?: Plan;
}

/**
 * Loads and checks everything, offline: no AWS client exists here. Config
 * problems come back as issues (print them with formatIssue); anything else
 * is a bug or an I/O failure and is thrown.
 */
export async function runValidate(options: ValidateOptions): Promise<ValidateResult> {
  try {
    const { plan, warnings } = await loadProject({
      dir: options.dir,
      overrides: options.overrides,
      run: options.run,
    });
    return { ok: true, issues: warnings, plan };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const errors = error.issues.filter((issue) => issue.severity === 'error');
    const warnings = error.issues.filter((issue) => issue.severity === 'warning');
    return { ok: false, issues: [...errors, ...warnings] };
  }
}
