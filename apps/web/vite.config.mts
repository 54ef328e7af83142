/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web portal. `npm run build` writes it to dist/web, which the api serves at `/`;
 * `npm run dev:web` serves it with hot reload on :5173 and proxies the API to :3000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: {
      // The questionnaire rules the API applies (conditions, colours, completeness), run in the browser as well.
      '@ddp/definition': fileURLToPath(new URL('../../libs/questionnaires/src/definition/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The entry chunk holds the component library shared by every page (~200 kB gzipped; bench:web measures it).
    chunkSizeWarningLimit: 800,
    // No inline script: the api's Content-Security-Policy allows 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
