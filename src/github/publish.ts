/**
 * What a run tells GitHub besides the job summary: the sticky PR comment and,
 * when an environment is named, a deployment with its status and URL.
 */
import { createGitHubClient, repoRef, type GitHubClient, type RepoRef } from './client.js';
import { deactivateEnvironment, setGitHubDeploymentStatus, startGitHubDeployment } from './deployment.js';
import { upsertPrComment } from './pr-comment.js';

/** Who the run is and where it reports, whatever its outcome. */
export interface GitHubTarget {
  token: string;
  repository: string;
  /** The commit deployed (a pull request's head). */
  sha: string;
  pullRequest?: number;
  prComment: boolean;
  environment?: string;
  deploymentId: string;
  /** The workflow run, linked from the deployment's statuses. */
  logUrl?: string;
}

export interface GitHubReport extends GitHubTarget {
  /** The summary's Markdown, reused as the comment body. */
  markdown: string;
  /** `inactive` for a destroy: every deployment of the environment goes inactive. */
  state: 'success' | 'failure' | 'inactive';
  url?: string;
  /** GitHub's id of the deployment {@link announceGitHubDeployment} created, if it did. */
  githubDeployment?: number;
}

function clientFor(target: GitHubTarget): { github: GitHubClient; repo: RepoRef } | undefined {
  const repo = repoRef(target.repository);
  if (!target.token || !repo) return undefined;
  return { github: createGitHubClient(target.token), repo };
}

/** At the start of a deploy: a deployment in progress, linked to the run. Undefined when there is no environment. */
export async function announceGitHubDeployment(target: GitHubTarget): Promise<number | undefined> {
  const client = target.environment && target.sha ? clientFor(target) : undefined;
  if (!client) return undefined;
  return await startGitHubDeployment(client.github, {
    repo: client.repo,
    ref: target.sha,
    environment: target.environment!,
    deploymentId: target.deploymentId,
    ...(target.logUrl ? { logUrl: target.logUrl } : {}),
  });
}

async function finishDeployment(github: GitHubClient, repo: RepoRef, report: GitHubReport): Promise<string[]> {
  const environment = report.environment!;
  const description = `spot-deployer ${report.deploymentId}: ${report.state}`;
  if (report.state === 'inactive') {
    const count = await deactivateEnvironment(github, { repo, environment, description });
    return [`set ${count} GitHub deployment(s) of ${environment} inactive`];
  }
  const id = report.githubDeployment ?? (await announceGitHubDeployment(report));
  if (id === undefined) return [];
  await setGitHubDeploymentStatus(github, {
    repo,
    id,
    state: report.state,
    description,
    ...(report.url ? { url: report.url } : {}),
    ...(report.logUrl ? { logUrl: report.logUrl } : {}),
  });
  const retired = report.state === 'success' ? await deactivateEnvironment(github, { repo, environment, keep: id, description }) : 0;
  return [`recorded GitHub deployment ${id} in ${environment} (${report.state})${retired ? `; ${retired} earlier one(s) inactive` : ''}`];
}

/** Returns one line per thing done, for the log. Throws on a GitHub error; the caller warns. */
export async function publishToGitHub(report: GitHubReport): Promise<string[]> {
  const wantsComment = report.prComment && report.pullRequest !== undefined;
  const client = wantsComment || report.environment ? clientFor(report) : undefined;
  if (!client) return [];
  const done: string[] = [];
  if (wantsComment) {
    const comment = await upsertPrComment(client.github, {
      repo: client.repo,
      pullRequest: report.pullRequest!,
      deploymentId: report.deploymentId,
      body: report.markdown,
    });
    done.push(`${comment.created ? 'created' : 'updated'} the comment on #${report.pullRequest} (${comment.id})`);
  }
  if (report.environment && (report.sha || report.state === 'inactive'))
    done.push(...(await finishDeployment(client.github, client.repo, report)));
  return done;
}
