/**
 * The one core both entries call: options in, a typed result out. The action
 * and the CLI differ only in how they read options and show results.
 */
import { CODE } from '../core/codes.js';
import { loadProject } from '../plan/load-project.js';
import { ConfigError, SpotError } from '../core/errors.js';
import { runValidate } from './validate.js';
import { assertTrustedSource } from './fork-guard.js';
import { formatIssueUnlabelled } from '../config/format-issues.js';
import type { CommandOptions } from './options.js';
import type { CommandResult, ExecuteDeps } from './types.js';
import type { Plan } from '../plan/types.js';

export type { CommandResult, ExecuteDeps };

async function planOf(options: CommandOptions, deps: ExecuteDeps): Promise<Plan> {
  const { plan, warnings } = await loadProject({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
  // `plan` lists them among its notices (text and --json); every other command says them once here.
  if (options.command !== 'plan') for (const warning of warnings) deps.surface.warn(formatIssueUnlabelled(warning));
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
    for (const warning of validated.issues) deps.surface.warn(formatIssueUnlabelled(warning));
    return { command: 'validate', plan: validated.plan, warnings: validated.plan.notices };
  }
  assertTrustedSource(options, deps.run);
  const plan = await planOf(options, deps);
  await deps.onPlan?.(plan);
  if (options.command === 'plan') {
    const { planCommand } = await import('./plan.js');
    const planned = await planCommand(plan, deps.env);
    return { command: 'plan', plan, ...planned };
  }
  // The AWS SDK is loaded only by the commands that call AWS, so validate starts fast.
  const { executeWithAws } = await import('./execute-aws.js');
  return await executeWithAws(options, plan, deps);
}
