import { defineConfig } from 'vitest/config';

/**
 * One `npm test` runs every suite. Server-side suites share one Node environment; the
 * client's component tests live in client/ (its own vitest project, happy-dom); browser
 * tests (tests/e2e) drive Debian's Chromium against the real API and embedded database.
 */
export default defineConfig({
  test: {
    projects: [
      'client/vitest.config.ts',
      {
        test: {
          name: 'server',
          include: ['tests/{db,api,domain,jobs,ledger,hardening,faults}/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
    ],
  },
});
