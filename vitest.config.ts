import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each test file starts its own local AWS endpoint; two cores, so keep it modest.
    maxWorkers: 2,
    // GitHub's workflow parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses; Vite's transform loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
