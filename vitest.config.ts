import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    setupFiles: ['test/harness/log-failed-attempts.ts'],
    reporters: ['default', './test/harness/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // On a loaded 2-core CI machine a step can miss a deadline that has nothing to do with the product
    // (a browser frame, a worker's RPC); one retry there keeps such noise from failing the run, and the
    // summary line names every test that needed it, so real flakiness stays visible.
    retry: process.env.CI ? 1 : 0,
    // expect.poll waits for a state the product reaches on its own (a page re-rendered after a click,
    // a queue drained): a second is too short on a loaded machine, and a passing poll returns at once.
    expect: { poll: { timeout: 15_000 } },
  },
});
