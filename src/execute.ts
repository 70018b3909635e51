/**
 * The one core both entries call: options in, a typed result out. The action
 * and the CLI differ only in how they read options and show results.
 */
import { ClientPool } from './aws/clients.js';
import { estimateCost } from './commands/estimate.js';
import { runDeploy, type DeployResult } from './commands/deploy.js';
import { runDestroy, type DestroyResult } from './commands/destroy.js';
import { prepareDeployment } from './commands/prepare.js';
import { runStatus, type StatusResult } from './commands/status.js';
import { runSweep, type SweepResult } from './commands/sweep.js';
import { realSleep, type Sleep, type Surface } from './commands/surface.js';
import { loadProject } from './config/load-project.js';
import { ConfigError, SpotError } from './errors.js';
import { runValidate } from './commands/validate.js';
import { formatIssue } from './config/format-issues.js';
import type { CommandOptions } from './options.js';
import { totalInstances, type Plan } from './plan/types.js';
import type { RunEnvironment } from './run-context.js';

export interface PlanResult {
  deploymentId: string;
  files: Array<{ path: string; size: number; mode: string; secret: boolean }>;
  bundle: { sha256: string; bytes: number };
  userDataBytes: number;
  regions: Array<{ name: string; count: number; instanceTypes: string[]; image: string }>;
  market: Plan['market'];
  sourceFiles: string[];
  /** Cheapest current spot price of each region's ladder × its count, when prices could be read. */
  estimatedCostPerHour?: number;
  notices: string[];
}

export type CommandResult =
  | { command: 'validate'; plan: Plan; warnings: string[] }
  | { command: 'plan'; plan: Plan; result: PlanResult; userDataText: string }
  | { command: 'deploy'; plan: Plan; result: DeployResult }
  | { command: 'status'; plan: Plan; result: StatusResult }
  | { command: 'destroy'; plan: Plan; result: DestroyResult }
  | { command: 'sweep'; plan: Plan; result: SweepResult };

export interface ExecuteDeps {
  surface: Surface;
  run: RunEnvironment;
  env?: NodeJS.ProcessEnv;
  sleep?: Sleep;
  now?: () => Date;
  /** For sweep: whether a pull request is closed (needs a GitHub token; absent in a terminal). */
  isPullRequestClosed?: (pullRequest: number) => Promise<boolean>;
}

async function planOf(options: CommandOptions, deps: ExecuteDeps): Promise<Plan> {
  const { plan, warnings } = await loadProject({ dir: options.dir, overrides: options.overrides, env: deps.env });
  for (const warning of warnings)
    deps.surface.warn(`${warning.file}:${warning.line}:${warning.column}  ${warning.key}  ${warning.message}`);
  return plan;
}

async function planCommand(plan: Plan, env: NodeJS.ProcessEnv | undefined): Promise<CommandResult> {
  const prepared = await prepareDeployment(plan);
  prepared.dispose();
  const estimate = await estimateCost(plan, env);
  const result: PlanResult = {
    deploymentId: plan.deploymentId,
    files: prepared.bundle.entries
      .filter((entry) => entry.type === 'file')
      .map(({ path, size, mode, secret }) => ({ path, size, mode, secret })),
    bundle: { sha256: prepared.bundle.sha256, bytes: prepared.bundle.bytes },
    userDataBytes: prepared.sizeCheck.bytes,
    regions: plan.regions.map((region) => ({
      name: region.name,
      count: region.count,
      instanceTypes: region.instanceTypes,
      image: region.image,
    })),
    market: plan.market,
    sourceFiles: plan.sourceFiles,
    ...(estimate.costPerHour === undefined ? {} : { estimatedCostPerHour: estimate.costPerHour }),
    notices: [...estimate.notices, ...plan.notices],
  };
  return { command: 'plan', plan, result, userDataText: prepared.sizeCheck.text };
}

export async function execute(options: CommandOptions, deps: ExecuteDeps): Promise<CommandResult> {
  if (options.command === 'init') {
    throw new SpotError('SD100', 'init writes files into the project, so it runs in a terminal, not in the action', {
      hint: 'Run `npx spot-deployer init` in your project and commit what it writes.',
    });
  }
  if (options.command === 'validate') {
    const validated = await runValidate({ dir: options.dir, overrides: options.overrides });
    if (!validated.ok || !validated.plan) throw new ConfigError(validated.issues);
    for (const warning of validated.issues) deps.surface.warn(formatIssue(warning));
    return { command: 'validate', plan: validated.plan, warnings: validated.plan.notices };
  }
  const plan = await planOf(options, deps);
  if (options.command === 'plan') return planCommand(plan, deps.env);
  const pool = new ClientPool(deps.env);
  const sleep = deps.sleep ?? realSleep;
  try {
    if (options.command === 'status') return { command: 'status', plan, result: await runStatus(plan, { pool, sleep }) };
    if (options.command === 'destroy') return { command: 'destroy', plan, result: await runDestroy(plan, { pool, surface: deps.surface }) };
    if (options.command === 'sweep') {
      const result = await runSweep(plan, {
        pool,
        surface: deps.surface,
        repository: deps.run.repository,
        now: deps.now ?? (() => new Date()),
        ...(deps.isPullRequestClosed ? { isPullRequestClosed: deps.isPullRequestClosed } : {}),
      });
      return { command: 'sweep', plan, result };
    }
    deps.surface.info(
      `deploying ${plan.deploymentId}: ${totalInstances(plan)} instance(s) in ${plan.regions.map((region) => region.name).join(', ')}`,
    );
    const result = await runDeploy(
      plan,
      { dryRun: options.dryRun },
      { pool, surface: deps.surface, run: deps.run, sleep, now: deps.now ?? (() => new Date()) },
    );
    return { command: 'deploy', plan, result };
  } finally {
    pool.destroy();
  }
}
