/**
 * Which summary a command's outcome gets, with the context a reader needs
 * (links, open ports, ttl, whether the post step is about to clean up).
 */
import type { CommandResult } from '../commands/execute.js';
import type { CommandOptions } from '../commands/options.js';
import type { RunContext } from '../core/run-context.js';
import type { Plan } from '../plan/types.js';
import {
  buildDeploySummary,
  buildDestroySummary,
  buildErrorSummary,
  buildStatusSummary,
  buildSweepSummary,
  type SummaryContext,
  type SummaryError,
} from '../report/summary.js';
import { runLinks } from '../report/summary-context.js';

/** Open ports as the summary names them: the configured ingress, and 22 when SSH is on. */
const openPorts = (plan: Plan): SummaryContext['ingress'] => [
  ...plan.network.ingress.map((rule) => ({ port: rule.port, protocol: rule.protocol })),
  ...(plan.ssh && !plan.network.ingress.some((rule) => rule.port === 22) ? [{ port: 22 }] : []),
];

export function summaryContextOf(outcome: CommandResult, options: CommandOptions, run: RunContext, now = new Date()): SummaryContext {
  const deploy = outcome.command === 'deploy' ? outcome.result : undefined;
  return {
    ...runLinks(run),
    time: now,
    ingress: openPorts(outcome.plan),
    ttlSeconds: outcome.plan.ttlSeconds,
    postStepWillTerminate: Boolean(
      deploy && options.cleanupOnFailure && deploy.status !== 'success' && !deploy.dryRun && !deploy.unchanged,
    ),
  };
}

/** The Markdown for the job summary (and the PR comment), or undefined for commands that write none. */
export function summaryOf(outcome: CommandResult, context: SummaryContext): string | undefined {
  switch (outcome.command) {
    case 'deploy':
      return buildDeploySummary(outcome.result, context);
    case 'destroy':
      return buildDestroySummary(outcome.result, context);
    case 'status':
      return buildStatusSummary(outcome.result, context);
    case 'sweep':
      return buildSweepSummary(outcome.result, context);
    default:
      return undefined;
  }
}

/** A run that ended before any result: the summary still says what happened and what to do. */
export const failureSummary = (error: SummaryError, run: RunContext, command: string, deploymentId?: string, now = new Date()): string =>
  buildErrorSummary(error, { ...runLinks(run), time: now, command, ...(deploymentId ? { deploymentId } : {}) });
