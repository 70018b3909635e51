/**
 * `logs` (CLI only): the end of each instance's bootstrap log, as its agent
 * put it in its status object (`log_tail`, the last 4 KB). Read-only: it
 * lists the deployment's instances and reads their status objects once.
 */
import { ClientPool } from '../aws/clients.js';
import { UsageError } from '../core/errors.js';
import { findExisting, readStatusesOf } from '../deploy/existing.js';
import { loadProject } from '../plan/load-project.js';
import type { CommandOptions } from './options.js';
import type { RunContext } from '../core/run-context.js';

export interface InstanceLog {
  id: string;
  region: string;
  state: string;
  /** ok or failed as the agent reported it; pending when no status object exists yet. */
  bootstrap: 'ok' | 'failed' | 'pending';
  failedStep?: string;
  finishedAt?: string;
  /** The agent's last lines; empty when it has not reported. */
  logTail: string;
}

export interface LogsResult {
  deploymentId: string;
  logs: InstanceLog[];
}

export interface LogsDeps {
  run: RunContext;
  env?: NodeJS.ProcessEnv;
}

/** Reads the log tails of the deployment's instances, or of the one instance asked for. */
export async function logsCommand(options: CommandOptions, instanceId: string | undefined, deps: LogsDeps): Promise<LogsResult> {
  const { plan } = await loadProject({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
  const pool = new ClientPool(deps.env);
  try {
    const all = await findExisting(pool, plan);
    const views = instanceId === undefined ? all : all.filter((view) => view.id === instanceId);
    if (instanceId !== undefined && views.length === 0) {
      throw new UsageError(
        `instance ${instanceId} is not one of deployment ${plan.deploymentId}'s instances`,
        `Run spot-deployer status to list them${all.length === 0 ? ' (it has none running)' : ''}.`,
      );
    }
    const statuses = await readStatusesOf(pool, plan, views);
    const logs = views.map((view): InstanceLog => {
      const status = statuses.get(view.id);
      return {
        id: view.id,
        region: view.region,
        state: view.state,
        bootstrap: status?.status ?? 'pending',
        ...(status?.failed_step ? { failedStep: status.failed_step } : {}),
        ...(status?.finished_at ? { finishedAt: status.finished_at } : {}),
        logTail: status?.log_tail ?? '',
      };
    });
    return { deploymentId: plan.deploymentId, logs };
  } finally {
    pool.destroy();
  }
}
