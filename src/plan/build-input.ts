import type { ConfigFile } from '../config/config-schema.js';
import type { IssueList, Locator } from '../config/issues.js';
import type { RunContext } from '../core/run-context.js';
import type { Manifest, Plan, PlanOverrides, UserDataSources } from './types.js';

/** Everything the Plan is built from: the validated files, the inputs, and the run. */
export interface BuildPlanInput {
  config: ConfigFile;
  /** Where the config's keys are (for issues); inputs have no file. */
  locator: Locator;
  manifest: Manifest;
  userData: UserDataSources;
  bundleIgnore: Plan['bundleIgnore'];
  overrides: PlanOverrides;
  run: RunContext;
  projectRoot: string;
  sourceFiles: string[];
  issues: IssueList;
  /** Public key text read from `ssh.public_key_path`, if any. */
  publicKey?: string;
}
