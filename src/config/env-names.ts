/**
 * Names a deployment's `env` may not use: bash keeps them for itself (they
 * are read-only, or change how bash itself runs), so sourcing the env file
 * would fail with "readonly variable" or change the shell under the steps.
 */
const SHELL_NAMES = new Set(['UID', 'EUID', 'PPID', 'BASHOPTS', 'SHELLOPTS', 'BASH', 'BASHPID', 'GROUPS', 'IFS', 'ENV']);

export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when bash reserves `name` (UID, EUID, PPID, BASHOPTS, SHELLOPTS, BASH_*, …). */
export const isShellReservedName = (name: string): boolean => SHELL_NAMES.has(name) || name.startsWith('BASH_');
