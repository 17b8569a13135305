import { defineConfig } from 'vitest/config'

// chDB binds one data directory per process: every test file runs in its own fork.
export default defineConfig({
  test: {
    include: ['*/test/**/*.test.ts', 'web/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
