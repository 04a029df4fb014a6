import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/cli.ts'],
  format: ['esm'],
  target: 'node20',
  sourcemap: true,
  clean: true,
  // Declarations are built for publishing (KITH_DTS=1); `pnpm start` only needs JS.
  dts: process.env.KITH_DTS === '1',
  banner: ({ format }) => (format === 'esm' ? {} : {}),
});
