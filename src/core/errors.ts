/**
 * The error family every user-facing failure belongs to. The code comes from
 * the registry in codes.ts, so users and docs can refer to it; a place that
 * has no more specific hint gets the registry's.
 */
import { CODE, defaultHint, type Code } from './codes.js';

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export interface SpotErrorOptions {
  hint?: string;
  position?: SourcePosition;
  /** Dotted key path inside the file, e.g. `regions.0.name`. */
  key?: string;
  cause?: unknown;
}

export class SpotError extends Error {
  readonly code: Code;
  readonly hint: string;
  readonly position: SourcePosition | undefined;
  readonly key: string | undefined;

  constructor(code: Code, message: string, options: SpotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SpotError';
    this.code = code;
    this.hint = options.hint ?? defaultHint(code);
    this.position = options.position;
    this.key = options.key;
  }

  /** `--json` output: an Error's message is not enumerable, so spell the fields out. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.key ? { key: this.key } : {}),
      ...(this.position ? { position: this.position } : {}),
    };
  }
}

/** One configuration problem; many of them make a ConfigError. */
export interface ConfigIssue {
  code: Code;
  file: string;
  line: number;
  column: number;
  key: string;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

/** Raised when validation found at least one error; carries all issues. */
export class ConfigError extends SpotError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const first = issues.find((issue) => issue.severity === 'error') ?? issues[0];
    const count = issues.filter((issue) => issue.severity === 'error').length;
    super(first?.code ?? CODE.usage, count === 1 ? 'the configuration has 1 error' : `the configuration has ${count} errors`, {
      hint: first?.hint,
      position: first ? { file: first.file, line: first.line, column: first.column } : undefined,
      key: first?.key,
    });
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Usage errors (bad flags, unknown command) exit with 2, not 1. */
export class UsageError extends SpotError {
  constructor(message: string, hint?: string) {
    super(CODE.usage, message, { hint });
    this.name = 'UsageError';
  }
}

export const isSpotError = (error: unknown): error is SpotError => error instanceof SpotError;
