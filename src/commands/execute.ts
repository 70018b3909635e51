/**
 * The one core both entries call: options in, a typed result out. The action
 * and the CLI differ only in how they read options and show results.
 */
import { CODE } from '../core/codes.js';
import { ClientPool } from '../aws/clients.js';
import { deployCommand } from './deploy.js';
import { runDestroy } from './destroy.js';
import { runStatus } from './status.js';
import { runSweep } from './sweep.js';
import { realSleep, type Sleep, type Surface } from '../core/surface.js';
import { loadProject } from '../plan/load-project.js';
import { ConfigError, SpotError } from '../core/errors.js';
import { runValidate } from './validate.js';
import { assertTrustedSource } from './fork-guard.js';
import { formatIssue } from '../config/format-issues.js';
import type { CommandOptions } from './options.js';
import type { Plan } from '../plan/types.js';
import { planCommand, type PlanResult } from './plan.js';
import type { RunContext } from '../core/run-context.js';
import type { DeployResult, DestroyResult, StatusResult, SweepResult } from '../core/results.js';

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
}

async function planOf(options: CommandOptions, deps: ExecuteDeps): Promise<Plan> {
  const { plan, warnings } = await loadProject({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
  for (const warning of warnings)
    deps.surface.warn(`${warning.file}:${warning.line}:${warning.column}  ${warning.key}  ${warning.message}`);
  return plan;
}

export async function execute(options: CommandOptions, deps: ExecuteDeps): Promise<CommandResult> {
  if (options.command === 'init') {
    throw new SpotError(CODE.usage, 'init writes files into the project, so it runs in a terminal, not in the action', {
      hint: 'Run `npx spot-deployer init` in your project and commit what it writes.',
    });
  }
  if (options.command === 'validate') {
    const validated = await runValidate({ dir: options.dir, overrides: options.overrides, run: deps.run });
    if (!validated.ok || !validated.plan) throw new ConfigError(validated.issues);
    for (const warning of validated.issues) deps.surface.warn(formatIssue(warning));
    return { command: 'validate', plan: validated.plan, warnings: validated.plan.notices };
  }
  assertTrustedSource(options, deps.run);
  const plan = await planOf(options, deps);
  if (options.command === 'plan') {
    const planned = await planCommand(plan, deps.env);
    return { command: 'plan', plan, ...planned };
  }
  const pool = new ClientPool(deps.env);
  const sleep = deps.sleep ?? realSleep;
  try {
    if (options.command === 'status') return { command: 'status', plan, result: await runStatus(plan, { pool }) };
    if (options.command === 'destroy') return { command: 'destroy', plan, result: await runDestroy(plan, { pool, surface: deps.surface }) };
    if (options.command === 'sweep') {
      const result = await runSweep(plan, {
        pool,
        surface: deps.surface,
        now: deps.now ?? (() => new Date()),
        ...(deps.isPullRequestClosed ? { isPullRequestClosed: deps.isPullRequestClosed } : {}),
      });
      return { command: 'sweep', plan, result };
    }
    const result = await deployCommand(
      plan,
      { dryRun: options.dryRun },
      { pool, surface: deps.surface, sleep, now: deps.now ?? (() => new Date()) },
    );
    return { command: 'deploy', plan, result };
  } finally {
    pool.destroy();
  }
}
