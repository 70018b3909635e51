/**
 * A Node built-in loaded when first used. Some cost milliseconds of every
 * command's start for a command that may never need them: node:net and
 * node:tty bring the whole of node:stream with them, about 5 ms of a cold
 * `validate` (docs/performance.md, "Cold start").
 */
import { createRequire } from 'node:module';

export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(name) as T);
}
