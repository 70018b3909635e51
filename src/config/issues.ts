import type { ConfigIssue } from '../core/errors.js';
import type { Code } from '../core/codes.js';
import { positionOf, type KeyPath, type YamlSource } from './yaml-source.js';

/** Where a key path of some configuration lives: a file and a position in it. */
export interface Locator {
  locate(path: KeyPath, at?: 'key' | 'value'): { file: string; line: number; column: number };
}

/** Locates keys inside a parsed YAML file. */
export const yamlLocator = (source: YamlSource, prefix: KeyPath = []): Locator => ({
  locate: (path, at) => ({
    file: source.file,
    ...positionOf(source, [...prefix, ...path], at),
  }),
});

/**
 * Locates keys of a configuration that came from files rather than YAML (the
 * `deployment/` convention): each key path maps to the file that produced it,
 * at line 1, column 1; unknown paths fall back to `fallback`.
 */
export const fileLocator = (fallback: string, files: ReadonlyMap<string, string> = new Map()): Locator => ({
  locate: (path) => {
    for (let length = path.length; length > 0; length -= 1) {
      const file = files.get(path.slice(0, length).join('.'));
      if (file) return { file, line: 1, column: 1 };
    }
    return { file: fallback, line: 1, column: 1 };
  },
});

export interface ReportOptions {
  hint?: string;
  severity?: 'error' | 'warning';
  at?: 'key' | 'value';
  /** Key shown to the user when it differs from the located path. */
  key?: string;
}

/** Collects issues in the order they are found. */
export class IssueList {
  readonly items: ConfigIssue[] = [];

  add(...issues: ConfigIssue[]): void {
    this.items.push(...issues);
  }

  report(locator: Locator, path: KeyPath, code: Code, message: string, options: ReportOptions = {}): void {
    const where = locator.locate(path, options.at);
    this.items.push({
      code,
      ...where,
      key: options.key ?? path.join('.'),
      message,
      ...(options.hint === undefined ? {} : { hint: options.hint }),
      severity: options.severity ?? 'error',
    });
  }

  get hasErrors(): boolean {
    return this.items.some((issue) => issue.severity === 'error');
  }

  get warnings(): ConfigIssue[] {
    return this.items.filter((issue) => issue.severity === 'warning');
  }
}
