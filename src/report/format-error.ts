/**
 * How an error reads to a user: code, message, where, and a hint. A stack
 * trace only when debug logging is on.
 */
import { CODE, defaultHint } from '../core/codes.js';
import { ConfigError, SpotError } from '../core/errors.js';
import { formatIssues } from '../config/format-issues.js';

export function formatError(error: unknown, debug: boolean): string {
  if (error instanceof ConfigError) {
    return formatIssues(error.issues);
  }
  if (error instanceof SpotError) {
    const where = error.position
      ? `${error.position.file}${error.position.line ? `:${error.position.line}` : ''}${error.position.column ? `:${error.position.column}` : ''}  `
      : '';
    const key = error.key ? `${error.key}  ` : '';
    const lines = [`${error.code} ${where}${key}${error.message}`];
    if (error.hint) lines.push(`  hint: ${error.hint}`);
    if (debug && error.cause instanceof Error && error.cause.stack) lines.push(error.cause.stack);
    return lines.join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${CODE.bug} unexpected error: ${message}`, `  hint: ${defaultHint(CODE.bug)}`];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join('\n');
}
