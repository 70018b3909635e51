import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './__tests__/helpers/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Three workers on two cores: the end-to-end files spend much of their time waiting on child processes
    // (measured on this machine: 2 workers 139 s, 3 workers 104 s, 4 workers 108 s for the whole suite).
    // One local AWS endpoint per worker, shared by that worker's files in turn (moto-pool-setup.ts).
    maxWorkers: 3,
    globalSetup: ['__tests__/helpers/moto-pool-setup.ts'],
    sequence: { sequencer: SlowFirstSequencer },
    // GitHub's workflow parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses; Vite's transform loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
