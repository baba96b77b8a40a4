import { defineConfig } from '@playwright/test';

// Real browsers with the extension loaded, against the local Realtime peer. One worker: two cores, and
// every test runs a browser plus a WebRTC peer. No retries: a flaky test is a bug to fix, not to hide.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
