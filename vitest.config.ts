import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores. One local AWS endpoint per worker, shared by that worker's files in turn (moto-pool-setup.ts).
    maxWorkers: 2,
    globalSetup: ['__tests__/helpers/moto-pool-setup.ts'],
    // GitHub's workflow parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses; Vite's transform loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
