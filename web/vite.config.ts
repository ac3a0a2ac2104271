import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { isLocale } from './src/i18n/catalog.ts';
import { messagesFor } from './src/i18n/messages.ts';

// The portal is served by the API process under /portal/ (src/portal/web.ts); `npm run build` writes
// web/dist, which npm ci runs through `prepare`. No inline script or style: the pages' CSP forbids them.
//
// The first page stays light: every page but the overview is its own chunk (React.lazy in main.tsx),
// each locale's messages are their own chunk (below, and src/i18n/load.ts), and the libraries every
// page needs (React, react-intl, TanStack Query, wouter) are one vendor chunk that changes only when
// they do, so a new release of the portal's own code leaves it in the browser's cache.
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react(), localeMessages()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:4000' },
  },
});

const PREFIX = 'virtual:portal-messages/';

/**
 * `virtual:portal-messages/fr`: the portal's messages in one locale, as messages.ts gives them (every
 * area's table, French typography applied). The areas keep their three languages side by side in one
 * module each, so the split is made here, at build time, rather than by the bundler. The config's own
 * imports are watched: editing a table restarts the dev server with the new words.
 */
function localeMessages(): Plugin {
  return {
    name: 'allot-portal-locale-messages',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const locale = id.slice(PREFIX.length + 1);
      if (!isLocale(locale)) this.error(`no portal locale "${locale}"`);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(messagesFor(locale)))});`;
    },
  };
}
