/**
 * The commands that call AWS, loaded on demand by execute.ts so that the
 * offline commands never load the SDK.
 */
import { ClientPool } from '../aws/clients.js';
import { realSleep } from '../core/surface.js';
import type { Plan } from '../plan/types.js';
import { deployCommand } from './deploy.js';
import { runDestroy } from './destroy.js';
import type { CommandOptions } from './options.js';
import { runStatus } from './status.js';
import { runSweep } from './sweep.js';
import type { CommandResult, ExecuteDeps } from './types.js';

export async function executeWithAws(options: CommandOptions, plan: Plan, deps: ExecuteDeps): Promise<CommandResult> {
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
