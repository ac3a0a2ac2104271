#!/usr/bin/env node
// Runs the built server (dist/allot.js, made by `npm run build`, which `npm ci` runs). In a checkout
// whose sources are newer than the build — someone is editing them — it runs the TypeScript sources
// through tsx instead, so what runs is always what is written. ALLOT_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, 'dist', 'allot.js');

/** The newest modification time of the TypeScript sources the build is made of (0 when none are here). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'sdk'));
  return newest;
}

const fresh =
  process.env.ALLOT_FROM_SOURCE !== '1' && existsSync(built) && statSync(built).mtimeMs >= newestSource();
if (fresh) {
  // Stack traces name the TypeScript sources (dist/allot.js.map).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
