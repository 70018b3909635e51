/**
 * Under `pull_request_target` a workflow runs with the base repository's
 * secrets and OIDC token. If the job checks out the pull request's head from
 * a fork, `deploy` would bundle and run that stranger's code on instances
 * launched with the base repository's AWS role (and an instance profile, if
 * configured). So a fork's pull request under pull_request_target is refused
 * unless `allow-fork-pull-request-target: true` says someone reviewed it.
 * Tearing down (destroy, a closed PR) and read-only commands stay allowed.
 */
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';
import type { CommandOptions } from './options.js';

export const isForkUnderPullRequestTarget = (run: Pick<RunContext, 'eventName' | 'fromFork'>): boolean =>
  run.fromFork && run.eventName === 'pull_request_target';

export function assertTrustedSource(options: Pick<CommandOptions, 'command' | 'allowForkPullRequestTarget'>, run: RunContext): void {
  if (options.command !== 'deploy' || !isForkUnderPullRequestTarget(run) || options.allowForkPullRequestTarget) return;
  throw new SpotError(
    CODE.untrustedFork,
    `pull request #${run.pullRequest ?? '?'} comes from a fork, and pull_request_target gives it ${run.repository}'s AWS role: refusing to deploy its code`,
    {
      key: 'allow-fork-pull-request-target',
      hint: "Use the pull_request event for forks (no AWS access, validate/plan only), or, after reviewing the fork's code, set allow-fork-pull-request-target: true (docs/security.md).",
    },
  );
}
