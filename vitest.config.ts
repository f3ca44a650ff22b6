import { defineConfig } from 'vitest/config';

// One vitest run for the whole monorepo. Tests sit beside the code they test.
// Integration suites open their own database (fresh PGlite or a fresh PostgreSQL
// database per file), so files may run in parallel across the two cores.
export default defineConfig({
  test: {
    include: ['{contract,engine,server,web}/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/.next/**'],
    globalSetup: ['scripts/web-build.global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
