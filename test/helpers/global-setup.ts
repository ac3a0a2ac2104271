import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Once per run: a new, empty embedded database, dumped to a file that every embedded database of the
 * run (in memory or in a folder, in this process or a server's) is copied from instead of running
 * PostgreSQL's initdb for itself (ALLOT_PGLITE_TEMPLATE: two seconds or more each, here). Each still
 * runs the migrations, and none shares another's data.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.ALLOT_PGLITE_TEMPLATE) return () => {};
  const { dumpPglite, openPglite } = await import('../../src/platform/db/pglite.ts');
  const dir = mkdtempSync(join(tmpdir(), 'allot-template-'));
  const file = join(dir, 'empty.tar');
  const pglite = await openPglite('memory://', { sharedBuffers: '32MB' });
  try {
    writeFileSync(file, await dumpPglite(pglite));
  } finally {
    await pglite.close();
  }
  process.env.ALLOT_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
