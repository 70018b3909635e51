/**
 * The one place that builds a GitHub client. The base URL follows
 * GITHUB_API_URL (GitHub Enterprise, and the tests' local fake).
 */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export const createGitHubClient = (token: string): GitHubClient => getOctokit(token);

export function repoRef(repository: string): RepoRef | undefined {
  const [owner, repo] = repository.split('/');
  return owner && repo ? { owner, repo } : undefined;
}
