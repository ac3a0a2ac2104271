import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'sdk/**/*.test.ts'],
    pool: 'forks',
    // One migrated embedded database per run, which every test file's database copies.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own database; two at once fits the 2-core machines.
    maxWorkers: 2,
  },
});
