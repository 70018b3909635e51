/**
 * A GitHub deployment for the `environment` input: created for the commit
 * being deployed, with a status that carries the preview's URL, so the PR and
 * the environments page link to it.
 */
import type { GitHubClient, RepoRef } from './client.js';

export interface GitHubDeploymentInput {
  repo: RepoRef;
  ref: string;
  environment: string;
  deploymentId: string;
  state: 'success' | 'failure' | 'inactive';
  url?: string;
  description: string;
}

export async function recordGitHubDeployment(github: GitHubClient, input: GitHubDeploymentInput): Promise<number> {
  const created = await github.rest.repos.createDeployment({
    ...input.repo,
    ref: input.ref,
    environment: input.environment,
    // The deploy already ran: no merge of the base branch and no waiting on checks.
    auto_merge: false,
    required_contexts: [],
    transient_environment: /-pr-\d+$/.test(input.deploymentId),
    payload: { 'spot-deployer:deployment': input.deploymentId },
    description: input.description,
  });
  if (!('id' in created.data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(created.data)}`);
  await github.rest.repos.createDeploymentStatus({
    ...input.repo,
    deployment_id: created.data.id,
    state: input.state,
    description: input.description.slice(0, 140),
    ...(input.url ? { environment_url: input.url } : {}),
  });
  return created.data.id;
}
