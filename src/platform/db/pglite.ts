import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
 *
 * With `template` (ALLOT_PGLITE_TEMPLATE), a new database, in memory or in a folder, is not made by
 * initdb (two seconds or more) but copied from that dump of a new, empty one (`dumpPglite`), in a
 * fraction of it: the tests make one per run, which every database of the run starts from.
 */
export async function openPglite(
  dataDir: string,
  options: { sharedBuffers: string; template?: string | undefined },
): Promise<PGlite> {
  const isNew = dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
  if (isNew && !options.template && !dataDir.startsWith('memory://')) await initInProcess(dataDir);
  return PGlite.create(dataDir, {
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) },
    postgresqlconf: `shared_buffers = '${options.sharedBuffers}'`,
    ...(isNew && options.template ? { loadDataDir: new Blob([readFileSync(options.template)]) } : {}),
  });
}

/** A database's folder as a tar, which a new database can start from (`template`). */
export async function dumpPglite(db: PGlite): Promise<Uint8Array> {
  return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
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
