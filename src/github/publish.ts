/**
 * What a run tells GitHub besides the job summary: the sticky PR comment and,
 * when an environment is named, a deployment with its status and URL.
 */
import { createGitHubClient, repoRef } from './client.js';
import { recordGitHubDeployment } from './deployment.js';
import { upsertPrComment } from './pr-comment.js';

export interface GitHubReport {
  token: string;
  repository: string;
  sha: string;
  pullRequest?: number;
  prComment: boolean;
  environment?: string;
  deploymentId: string;
  /** The summary's Markdown, reused as the comment body. */
  markdown: string;
  state: 'success' | 'failure' | 'inactive';
  url?: string;
}

/** Returns one line per thing done, for the log. Throws on a GitHub error; the caller warns. */
export async function publishToGitHub(report: GitHubReport): Promise<string[]> {
  const repo = repoRef(report.repository);
  if (!report.token || !repo) return [];
  const wantsComment = report.prComment && report.pullRequest !== undefined;
  if (!wantsComment && !report.environment) return [];
  const github = createGitHubClient(report.token);
  const done: string[] = [];
  if (wantsComment) {
    const comment = await upsertPrComment(github, {
      repo,
      pullRequest: report.pullRequest!,
      deploymentId: report.deploymentId,
      body: report.markdown,
    });
    done.push(`${comment.created ? 'created' : 'updated'} the comment on #${report.pullRequest} (${comment.id})`);
  }
  if (report.environment && report.sha) {
    const id = await recordGitHubDeployment(github, {
      repo,
      ref: report.sha,
      environment: report.environment,
      deploymentId: report.deploymentId,
      state: report.state,
      ...(report.url ? { url: report.url } : {}),
      description: `spot-deployer ${report.deploymentId}: ${report.state}`,
    });
    done.push(`recorded GitHub deployment ${id} in ${report.environment} (${report.state})`);
  }
  return done;
}
