import { defineConfig } from 'vitest/config';

// The portal in a real browser: Debian's Chromium driven by playwright-core, against the real server
// (`npm run test:browser`; .ci/run runs it after the suites). Screenshots go to .ci/out/portal/.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.walk.ts'],
    pool: 'forks',
    // The embedded databases are copied from one made per run (test/helpers/global-setup.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
