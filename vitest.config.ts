import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['functions/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts', 'stacks/**/*.test.ts'],
    // Integration tests share one real Kafka and VictoriaLogs, started here when not running.
    globalSetup: ['scripts/test/global-setup.mjs'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: keep Kafka, VictoriaLogs and Chromium from starving each other.
    maxWorkers: 2,
  },
})
