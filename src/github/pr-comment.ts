/**
 * One sticky comment per deployment on its pull request, found again by a
 * hidden marker among the comments of the token's own identity, and updated in place, so a PR shows the current state of its
 * preview instead of a comment per push.
 */
import type { GitHubClient, RepoRef } from './client.js';

export const commentMarker = (deploymentId: string): string => `<!-- spot-deployer:deployment=${deploymentId} -->`;

export interface StickyComment {
  repo: RepoRef;
  pullRequest: number;
  deploymentId: string;
  /** Markdown; the marker is added here. */
  body: string;
}

/** The identity of the Actions token (GITHUB_TOKEN), which may not read GET /user. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * Who the token writes as. A user's token (PAT, OAuth) reads it from GET
 * /user; an installation token — the workflow's GITHUB_TOKEN — is refused
 * there (403 "Resource not accessible by integration") and writes as
 * github-actions[bot]. With another GitHub App's installation token the
 * comment would not be found again and a new one is written: never someone
 * else's comment overwritten.
 */
export async function ownLogin(github: GitHubClient): Promise<string> {
  try {
    return (await github.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) return ACTIONS_BOT_LOGIN;
    throw error;
  }
}

/** Creates the comment, or updates the one this deployment already has (written by this token's identity). Returns its id. */
export async function upsertPrComment(github: GitHubClient, comment: StickyComment): Promise<{ id: number; created: boolean }> {
  const marker = commentMarker(comment.deploymentId);
  const body = `${marker}\n${comment.body}`;
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...comment.repo,
    issue_number: comment.pullRequest,
    per_page: 100,
  });
  const login = await ownLogin(github);
  // Only a comment this token wrote is ours: anyone can paste the marker into a comment of their own.
  const existing = comments.find((candidate) => candidate.user?.login === login && candidate.body?.startsWith(marker));
  if (existing) {
    await github.rest.issues.updateComment({ ...comment.repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const created = await github.rest.issues.createComment({ ...comment.repo, issue_number: comment.pullRequest, body });
  return { id: created.data.id, created: true };
}
