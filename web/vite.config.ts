import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is served by the API process under /portal/ (src/portal/web.ts); `npm run build` writes
// web/dist, which npm ci runs through `prepare`. No inline script or style: the pages' CSP forbids them.
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:4000' },
  },
});
