/**
 * One sticky comment per deployment on its pull request, found again by a
 * hidden marker and updated in place, so a PR shows the current state of its
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

/** Creates the comment, or updates the one this deployment already has. Returns its id. */
export async function upsertPrComment(github: GitHubClient, comment: StickyComment): Promise<{ id: number; created: boolean }> {
  const marker = commentMarker(comment.deploymentId);
  const body = `${marker}\n${comment.body}`;
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...comment.repo,
    issue_number: comment.pullRequest,
    per_page: 100,
  });
  const existing = comments.find((candidate) => candidate.body?.includes(marker));
  if (existing) {
    await github.rest.issues.updateComment({ ...comment.repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const created = await github.rest.issues.createComment({ ...comment.repo, issue_number: comment.pullRequest, body });
  return { id: created.data.id, created: true };
}
