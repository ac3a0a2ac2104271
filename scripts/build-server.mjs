// `npm run build:server`: the server as built JavaScript in dist/ (or the folder given), for
// bin/allot.js and the container image. One entry, dist/allot.js, and chunks that load when first
// needed (the document renderers), its packages left to node_modules; a source map beside each.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  entryNames: 'allot',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
