import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    testTimeout: 20_000,
    // Vitest leaves a core free by default: on two cores that is one worker, and the suite takes 85 s instead of 50 s.
    maxWorkers: 2,
  },
});
