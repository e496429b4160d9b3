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
    // The AWS SDK v3 clients (dev dependencies, pinned by the lockfile) warn once per process that
    // releases after January 2027 need Node 22; on this project's Node 20 that line repeated in
    // every test file's output. The SDK's own switch turns it off.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
