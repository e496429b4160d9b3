import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file starts its own server on a free port; two at a time suits a 2-core machine.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
