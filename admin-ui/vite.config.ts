import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by the Kith server at `/`; in development, `vite` proxies the API to it.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The form screens (RJSF + ajv) load on first use; the budget is for the first screen.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': process.env.KITH_API ?? 'http://127.0.0.1:3000' },
  },
});
