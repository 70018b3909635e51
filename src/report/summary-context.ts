/**
 * The footer links of a summary, from the one run context: the commit
 * deployed (a pull request's head, which the run context already chose over
 * the merge commit) and the workflow run.
 */
import type { RunContext } from '../core/run-context.js';
import type { SummaryContext } from './summary.js';

export function runLinks(
  run: Pick<RunContext, 'commit' | 'repository' | 'runUrl' | 'serverUrl'>,
): Pick<SummaryContext, 'commit' | 'commitUrl' | 'runUrl'> {
  const server = run.serverUrl.replace(/\/+$/, '');
  return {
    ...(run.commit ? { commit: run.commit } : {}),
    ...(run.commit && run.repository ? { commitUrl: `${server}/${run.repository}/commit/${run.commit}` } : {}),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
  };
}
