/**
 * What went wrong on the instances, as errors with codes and hints: a
 * bootstrap that failed (SD500, with its step and log tail) and instances
 * that never reported before `ready_timeout` (SD400).
 */
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import { sanitizedLine } from '../core/sanitize.js';
import type { Plan } from '../plan/types.js';
import type { BootstrapStatus } from '../agent/status.js';
import type { InstanceReport } from '../core/results.js';

export interface BootstrapFailure {
  id: string;
  failedStep: string;
  logTail: string;
}

export const failuresOf = (statuses: Map<string, BootstrapStatus>): BootstrapFailure[] =>
  [...statuses.values()]
    .filter((status) => status.status === 'failed')
    .map((status) => ({ id: status.instance_id, failedStep: status.failed_step ?? 'unknown', logTail: status.log_tail ?? '' }));

const minutes = (seconds: number): string => `${Math.round(seconds / 60)}m`;

export function bootstrapErrors(plan: Plan, failures: BootstrapFailure[], instances: InstanceReport[]): SpotError[] {
  const errors = failures.map(
    (failure) =>
      // The step's name comes from the instance: one plain line, as it goes into annotations and the log as well.
      new SpotError(CODE.bootstrapFailed, `the bootstrap of ${failure.id} failed at step ${sanitizedLine(failure.failedStep, 200)}`, {
        hint: 'The end of the agent log is in the summary (and in --json as failures); the full log is /var/log/spot-deployer.log on the instance.',
      }),
  );
  const silent = instances.filter((instance) => instance.bootstrap === 'pending').map((instance) => instance.id);
  if (plan.wait === 'ready' && silent.length > 0) {
    errors.push(
      new SpotError(
        CODE.bootstrapTimeout,
        `${silent.join(', ')} did not report a bootstrap status within ${minutes(plan.readyTimeoutSeconds)}`,
        {
          hint: 'Raise ready_timeout (or timeout-minutes) for slow setups; otherwise check the console output and /var/log/cloud-init-output.log: the instance needs outbound HTTPS to S3.',
        },
      ),
    );
  }
  return errors;
}
