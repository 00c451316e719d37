import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    fileParallelism: false,
    // Waits for what the page shows get Playwright's own default patience (30 s), not expect.poll's
    // 1 s, which a loaded machine exceeds; none of them waits longer than it must.
    expect: { poll: { timeout: 30_000 } },
  },
});
