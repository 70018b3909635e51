/**
 * The links a summary's footer needs, from the variables GitHub Actions sets.
 * Pure (the environment is passed in), so the action's wiring stays one call.
 */
import type { SummaryContext } from './summary.js';

/** The variables read here; `process.env` fits. */
export type ActionsEnv = Readonly<Record<string, string | undefined>>;

/**
 * The commit, its link and the run's link for {@link SummaryContext}.
 *
 * @param headSha the pull request's head (`pull_request.head.sha` of the event
 *   payload) on a pull_request event: GITHUB_SHA is then a merge commit that
 *   nobody pushed. Without it, GITHUB_SHA.
 */
export function actionsLinks(env: ActionsEnv, headSha?: string): Pick<SummaryContext, 'commit' | 'commitUrl' | 'runUrl'> {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY;
  const commit = headSha || env.GITHUB_SHA || undefined;
  const runId = env.GITHUB_RUN_ID;
  return {
    ...(commit ? { commit } : {}),
    ...(commit && repository ? { commitUrl: `${server}/${repository}/commit/${commit}` } : {}),
    ...(runId && repository ? { runUrl: `${server}/${repository}/actions/runs/${runId}` } : {}),
  };
}
