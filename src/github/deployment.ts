/**
 * A GitHub deployment for the `environment` input, through its whole life:
 * created for the commit being deployed (a pull request's head, so it shows
 * in the PR timeline) with an `in_progress` status that links the run, then
 * `success` or `failure` with the preview's URL; a success makes the
 * environment's earlier deployments inactive, and closing the pull request
 * (destroy) makes all of them inactive.
 */
import type { GitHubClient, RepoRef } from './client.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive';

export interface GitHubDeploymentStart {
  repo: RepoRef;
  ref: string;
  environment: string;
  deploymentId: string;
  logUrl?: string;
}

export interface GitHubDeploymentStatus {
  repo: RepoRef;
  /** GitHub's id of the deployment. */
  id: number;
  state: DeploymentState;
  description: string;
  url?: string;
  logUrl?: string;
}

/** GitHub allows 140 characters in a status description. */
const DESCRIPTION_CHARS = 140;

export async function setGitHubDeploymentStatus(github: GitHubClient, status: GitHubDeploymentStatus): Promise<void> {
  await github.rest.repos.createDeploymentStatus({
    ...status.repo,
    deployment_id: status.id,
    state: status.state,
    description: status.description.slice(0, DESCRIPTION_CHARS),
    // We retire earlier deployments ourselves (below), with the environment's name as the only match.
    auto_inactive: false,
    ...(status.url ? { environment_url: status.url } : {}),
    ...(status.logUrl ? { log_url: status.logUrl } : {}),
  });
}

/** Creates the deployment and says it is in progress; returns GitHub's id for it. */
export async function startGitHubDeployment(github: GitHubClient, input: GitHubDeploymentStart): Promise<number> {
  const created = await github.rest.repos.createDeployment({
    ...input.repo,
    ref: input.ref,
    environment: input.environment,
    // The commit is deployed as it is: no merge of the base branch and no waiting on checks.
    auto_merge: false,
    required_contexts: [],
    transient_environment: /-pr-\d+$/.test(input.deploymentId),
    payload: { 'spot-deployer:deployment': input.deploymentId },
    description: `spot-deployer ${input.deploymentId}`,
  });
  if (!('id' in created.data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(created.data)}`);
  await setGitHubDeploymentStatus(github, {
    repo: input.repo,
    id: created.data.id,
    state: 'in_progress',
    description: `spot-deployer ${input.deploymentId}: deploying`,
    ...(input.logUrl ? { logUrl: input.logUrl } : {}),
  });
  return created.data.id;
}

/**
 * Sets every deployment of the environment whose latest status is `success`
 * to `inactive`, except `keep`; returns how many it changed.
 */
export async function deactivateEnvironment(
  github: GitHubClient,
  input: { repo: RepoRef; environment: string; keep?: number; description: string },
): Promise<number> {
  const deployments = await github.paginate(github.rest.repos.listDeployments, {
    ...input.repo,
    environment: input.environment,
    per_page: 100,
  });
  let changed = 0;
  for (const deployment of deployments) {
    if (deployment.id === input.keep) continue;
    const statuses = await github.rest.repos.listDeploymentStatuses({ ...input.repo, deployment_id: deployment.id, per_page: 1 });
    if (statuses.data[0]?.state !== 'success') continue;
    await setGitHubDeploymentStatus(github, { repo: input.repo, id: deployment.id, state: 'inactive', description: input.description });
    changed += 1;
  }
  return changed;
}
