import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each test file starts its own local AWS endpoint; two cores, so keep it modest.
    maxWorkers: 2,
  },
});
