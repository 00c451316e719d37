import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
    // Trains (or loads) the assistant's model once for every worker.
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each test file opens its own database; two workers match the CI machine's two cores.
    maxWorkers: 2,
  },
});
