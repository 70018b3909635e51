/** What a command returns, and what it may use besides AWS: shared by execute.ts and execute-aws.ts. */
import type { DeployResult, DestroyResult, StatusResult, SweepResult } from '../core/results.js';
import type { RunContext } from '../core/run-context.js';
import type { Sleep, Surface } from '../core/surface.js';
import type { Plan } from '../plan/types.js';
import type { PlanResult } from './plan.js';

export type CommandResult =
  | { command: 'validate'; plan: Plan; warnings: string[] }
  | { command: 'plan'; plan: Plan; result: PlanResult; userDataText: string }
  | { command: 'deploy'; plan: Plan; result: DeployResult }
  | { command: 'status'; plan: Plan; result: StatusResult }
  | { command: 'destroy'; plan: Plan; result: DestroyResult }
  | { command: 'sweep'; plan: Plan; result: SweepResult };

export interface ExecuteDeps {
  surface: Surface;
  run: RunContext;
  env?: NodeJS.ProcessEnv;
  sleep?: Sleep;
  now?: () => Date;
  /** For sweep: whether a pull request is closed (needs a GitHub token; absent in a terminal). */
  isPullRequestClosed?: (pullRequest: number) => Promise<boolean>;
  /** Hears the Plan as soon as it exists, before any AWS call (the action announces a GitHub deployment then). */
  onPlan?: (plan: Plan) => Promise<void>;
}
