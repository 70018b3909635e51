/**
 * The one shell quoting used for everything written for the instance
 * (agent.conf in the user-data, steps.sh and env in the bundle).
 */
import { SpotError } from './errors.js';

/** The code for a value that holds a NUL byte, which no shell argument can carry. */
export const NUL_BYTE_CODE = 'SD142';

/** Quotes one value for bash: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    throw new SpotError(NUL_BYTE_CODE, `a value for the instance contains a NUL byte: ${JSON.stringify(value.slice(0, 40))}`, {
      hint: 'Remove the NUL character from the value in .spot/deployment.yaml.',
    });
  }
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
