/**
 * The one shell quoting used for everything written for the instance
 * (agent.conf in the user-data, steps.sh and env in the bundle).
 */
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';

function refuseNul(value: string): void {
  if (value.includes('\0')) {
    throw new SpotError(CODE.nulByte, `a value for the instance contains a NUL byte: ${JSON.stringify(value.slice(0, 40))}`, {
      hint: 'Remove the NUL character from the value in .spot/deployment.yaml.',
    });
  }
}

/** Quotes one value for bash: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  refuseNul(value);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Quotes one value for a file read by both bash and systemd's env-file
 * parser (`EnvironmentFile=`): double quotes with `\\ " $ \``
 * backslash-escaped mean the same to both, newlines included.
 */
export function envFileQuote(value: string): string {
  refuseNul(value);
  return `"${value.replace(/[\\"$`]/g, (char) => `\\${char}`)}"`;
}
