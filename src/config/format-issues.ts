import type { ConfigIssue } from '../core/errors.js';

/**
 * One issue as users see it:
 * `file:line:col  key  message` and, on the next line, `  hint: …`.
 * Warnings say so before the message.
 */
export const formatIssue = (issue: ConfigIssue): string => formatIssueWith(issue, true);

/** For a surface whose warn() labels the line itself (the CLI's `warning:`, an Actions warning). */
export const formatIssueUnlabelled = (issue: ConfigIssue): string => formatIssueWith(issue, false);

function formatIssueWith(issue: ConfigIssue, severityLabel: boolean): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const label = issue.severity === 'warning' && severityLabel ? 'warning: ' : '';
  const parts = [where, issue.key, `${label}${issue.message} (${issue.code})`].filter(Boolean);
  const head = parts.join('  ');
  return issue.hint ? `${head}\n  hint: ${issue.hint}` : head;
}

/** All issues, errors first, each formatted by formatIssue. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const ordered = [...issues].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  return ordered.map(formatIssue).join('\n');
}
