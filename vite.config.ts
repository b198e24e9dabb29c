import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * HTTP headers for `vite dev` and `vite preview` (README › Hosting lists the same for any host).
 * The page's own policy is the <meta> CSP in index.html; a header adds what a <meta> cannot
 * carry: `frame-ancestors 'none'` (no framing, so no clickjacking). Preview serves the built
 * app, so it gets the full policy; dev keeps only the framing rule, because Vite's dev server
 * injects an inline React Refresh preamble and an HMR websocket that the full policy would block.
 */
const metaCsp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
  readFileSync(new URL('./index.html', import.meta.url), 'utf8'),
)?.[1];
if (!metaCsp) throw new Error('index.html has no Content-Security-Policy <meta>');
const common = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
export const previewHeaders = { ...common, 'Content-Security-Policy': `${metaCsp}; frame-ancestors 'none'` };
export const devHeaders = { ...common, 'Content-Security-Policy': "frame-ancestors 'none'" };

export default defineConfig({
  plugins: [react()],
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  server: { headers: devHeaders },
  preview: { headers: previewHeaders },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
