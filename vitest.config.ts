import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/globalSetup.ts'],
    // Test-only argon2 cost in every test process (test/server/passwordCost.test.ts checks the real one).
    setupFiles: ['test/setupCheapHashing.ts'],
    // The upload parser's worker thread from dist/server (built by globalSetup), not through tsx.
    env: { CONCORD_COMPILED_UPLOAD_WORKER: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores on the CI machine: keep parallelism modest so socket tests are not starved.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
