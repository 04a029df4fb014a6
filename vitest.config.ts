import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, never a stale build.
    alias: [
      { find: /^@kith\/core\/testing$/, replacement: here('./core/src/testing/index.ts') },
      { find: /^@kith\/core$/, replacement: here('./core/src/index.ts') },
      { find: /^@kith\/sdk$/, replacement: here('./sdk/src/index.ts') },
      { find: /^@kith\/example-demo-company$/, replacement: here('./examples/demo-company/src/index.ts') },
      { find: /^@kith\/plugin-crm$/, replacement: here('./plugins/crm/src/index.ts') },
      { find: /^@kith\/plugin-sales$/, replacement: here('./plugins/sales/src/index.ts') },
    ],
  },
  test: {
    include: ['{core,sdk,plugins,examples,tests}/**/*.test.ts', 'admin-ui/src/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/support/global-setup.ts'],
    // .ci/run asks for a JSON report to print one closing "N passed, N failed" line.
    reporters: process.env.KITH_VITEST_JSON ? ['default', 'json'] : ['default'],
    ...(process.env.KITH_VITEST_JSON ? { outputFile: { json: process.env.KITH_VITEST_JSON } } : {}),
  },
});
