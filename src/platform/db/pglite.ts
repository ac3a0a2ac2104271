import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';

const run = promisify(execFile);

/**
 * The embedded database. Two things keep its memory small, which is most of an idle server's:
 *
 * - A new folder is made (PostgreSQL's initdb) by a short-lived Node process, then opened here. initdb
 *   runs in a WebAssembly instance of its own whose memory would stay with the server for its life,
 *   some 150 to 450 MB resident for a step that runs once (a worker thread gave back only part of it).
 * - `shared_buffers` is PGlite's own, 128 MB by default, on top of the operating system's page cache
 *   that PGlite's files also go through: `ALLOT_PGLITE_SHARED_BUFFERS` (default 32MB) sets it.
 *
 * An in-memory database (`memory://`, the tests') cannot be handed to another process: it is made here.
 */
export async function openPglite(dataDir: string, sharedBuffers: string): Promise<PGlite> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory && !existsSync(join(dataDir, 'PG_VERSION'))) await initInProcess(dataDir);
  return PGlite.create(dataDir, {
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) },
    postgresqlconf: `shared_buffers = '${sharedBuffers}'`,
  });
}

async function initInProcess(dataDir: string): Promise<void> {
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
    const db = await PGlite.create(${JSON.stringify(dataDir)});
    await db.close();`;
  try {
    await run(process.execPath, ['--input-type=module', '--eval', script]);
  } catch (error) {
    throw new Error(
      `making the database folder ${dataDir} failed: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }
}
