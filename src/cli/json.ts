/**
 * What `--json` prints on stdout: results and errors alike, every key in
 * camelCase. The action's `instances` output keeps SPEC §4's snake_case
 * shape (`public_ip`, …); the CLI maps it here, at its edge, so core/ keeps
 * one shape (see docs/decisions.md).
 */
import { CODE } from '../core/codes.js';
import { ConfigError, SpotError } from '../core/errors.js';
import type { CommandResult } from '../commands/execute.js';
import type { InstanceReport } from '../core/results.js';

export interface JsonError {
  ok: false;
  code: string;
  message: string;
  hint: string;
  file?: string;
  line?: number;
  column?: number;
  key?: string;
  /** Every configuration problem, when the error is a ConfigError. */
  issues?: unknown[];
}

export function instanceJson(instance: InstanceReport): Record<string, unknown> {
  const { public_ip, private_ip, failed_step, launched_at, ...rest } = instance;
  return {
    ...rest,
    ...(public_ip === undefined ? {} : { publicIp: public_ip }),
    ...(private_ip === undefined ? {} : { privateIp: private_ip }),
    ...(failed_step === undefined ? {} : { failedStep: failed_step }),
    ...(launched_at === undefined ? {} : { launchedAt: launched_at }),
  };
}

/** An error as `--json` shows it: code, message, hint, and where when known. */
export function errorJson(error: unknown): JsonError {
  if (!(error instanceof SpotError)) {
    const message = error instanceof Error ? error.message : String(error);
    return errorJson(new SpotError(CODE.bug, `unexpected error: ${message}`));
  }
  const position = error.position;
  return {
    ok: false,
    code: error.code,
    message: error.message,
    hint: error.hint,
    ...(position?.file ? { file: position.file } : {}),
    ...(position?.line ? { line: position.line } : {}),
    ...(position?.column ? { column: position.column } : {}),
    ...(error.key ? { key: error.key } : {}),
    ...(error instanceof ConfigError ? { issues: error.issues } : {}),
  };
}

/** A command's result, ready for JSON.stringify. */
export function resultJson(outcome: CommandResult): unknown {
  switch (outcome.command) {
    case 'validate':
      return { ok: true, warnings: outcome.warnings };
    case 'plan':
    case 'destroy':
    case 'sweep':
      return outcome.result;
    case 'status':
      return { ...outcome.result, instances: outcome.result.instances.map(instanceJson) };
    case 'deploy': {
      const { result } = outcome;
      const errors = result.errors.map((error) => {
        const { ok: _ok, ...rest } = errorJson(error);
        return rest;
      });
      return { ...result, instances: result.instances.map(instanceJson), errors };
    }
  }
}

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
