/** Whether a pull request is closed, for `sweep` to retire its preview. */
import { createGitHubClient, repoRef } from './client.js';

export function pullRequestChecker(token: string, repository: string): (pullRequest: number) => Promise<boolean> {
  const github = createGitHubClient(token);
  const repo = repoRef(repository);
  return async (pullRequest) => {
    if (!repo) return false;
    const { data } = await github.rest.pulls.get({ ...repo, pull_number: pullRequest });
    return data.state === 'closed';
  };
}
