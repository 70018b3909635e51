/** A run context as a terminal outside any git checkout gives: no repository, no pull request. */
import { tmpdir } from 'node:os';
import { readRunContext, type RunContext } from '../../src/core/run-context.ts';

export const localRun = (overrides: Partial<RunContext> = {}): RunContext => ({
  ...readRunContext({ env: {}, cwd: tmpdir() }),
  ...overrides,
});
