import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['snippets/**/*.test.ts', 'tests/**/*.test.ts'],
    // etcd, ZooKeeper and a JRE from Debian, installed when missing (or the run stops).
    globalSetup: ['scripts/test-setup.ts'],
    // The build and browser tests start Slidev and Chromium: give them room, and run
    // test files one at a time so they do not fight for the two cores.
    testTimeout: 120_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
  },
})
