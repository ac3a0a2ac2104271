import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { defineConfig, type Plugin } from 'vite';
import { MESSAGES } from './messages.ts';

// `<allot-pricing-table>` as one ES module, everything bundled (Lit, intl-messageformat), written beside
// the portal's build in web/dist/embed/ (the portal's own build empties web/dist first, so it runs first:
// see `npm run build`). The server serves it at /embed/pricing-table.js.
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  plugins: [precompiledMessages()],
  resolve: {
    // Every message reaches the browser parsed (below), so the ICU parser stays out of the bundle:
    // intl-messageformat takes its type guards from the parser's no-parser entry instead.
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
      },
    ],
  },
  build: {
    outDir: '../dist/embed',
    emptyOutDir: false,
    target: 'es2022',
    // Vite's lib mode keeps whitespace for ES output (for bundlers downstream); this file goes straight
    // to the browser, so it is minified whole.
    minify: 'oxc',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'pricing-table.ts',
      formats: ['es'],
      fileName: () => 'pricing-table.js',
    },
    rolldownOptions: {
      output: {
        codeSplitting: false,
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});

/**
 * messages.ts keeps the messages as ICU strings; the build replaces its `MESSAGES` with their parsed
 * form (intl-messageformat formats an AST as it formats a string), parsed here by the same parser.
 */
function precompiledMessages(): Plugin {
  const file = join(import.meta.dirname, 'messages.ts');
  return {
    name: 'allot-embed-precompiled-messages',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== file) return null;
      const line = /^export const MESSAGES\b.*$/m;
      if (!line.test(code)) this.error('messages.ts has no `export const MESSAGES …` line to replace');
      const parsed = Object.fromEntries(
        Object.entries(MESSAGES).map(([locale, table]) => [
          locale,
          Object.fromEntries(Object.entries(table).map(([key, text]) => [key, parse(text)])),
        ]),
      );
      return {
        code: code.replace(
          line,
          `export const MESSAGES = ${JSON.stringify(parsed)} as unknown as Record<Locale, Table>;`,
        ),
        map: null,
      };
    },
  };
}
