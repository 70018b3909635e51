import type { ConfigIssue } from '../core/errors.js';

/**
 * One issue as users see it:
 * `file:line:col  key  message` and, on the next line, `  hint: …`.
 * Warnings say so before the message.
 */
export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const parts = [where, issue.key, `${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message} (${issue.code})`].filter(Boolean);
  const head = parts.join('  ');
  return issue.hint ? `${head}\n  hint: ${issue.hint}` : head;
}

/** All issues, errors first, each formatted by formatIssue. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const ordered = [...issues].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  return ordered.map(formatIssue).join('\n');
}
