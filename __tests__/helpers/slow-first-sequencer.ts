/**
 * Starts the slowest files first, in this order, whatever vitest's cache of
 * earlier durations holds: a fresh clone (CI) has no cache, and a real boot
 * that starts last finishes long after everything else.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = ['e2e/real-boot', 'e2e/iam-policy', 'agent/bootstrap-run', 'e2e/real-agent', 'e2e/local-action'];

const rank = (file: TestSpecification): number => {
  const index = SLOWEST.findIndex((name) => file.moduleId.includes(`__tests__/${name}.test.ts`));
  return index === -1 ? SLOWEST.length : index;
};

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}
