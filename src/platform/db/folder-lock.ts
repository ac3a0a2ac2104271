import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * PGlite's folder admits one process: two PGlite instances on the same files do not see each other's
 * writes and overwrite each other's pages. PGlite itself does not refuse a second process — it opens
 * the folder without a word (its `postmaster.pid` is a fixed placeholder, pid -42) — so Allot keeps a
 * lock file of its own, `allot.lock` in the folder, holding the pid of the process that has it open.
 * A lock whose process is gone (killed, a container restarted) is taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The PGlite folder ${dataDir} is in use by process ${pid}.`);
    this.name = 'DataDirInUseError';
  }
}

/** Folders this process holds, so that it does not open one twice either. */
const held = new Set<string>();

const LOCK_FILE = 'allot.lock';

/** `memory://` and other PGlite URLs (idb://) have no folder to share. */
export function isFolder(dataDir: string): boolean {
  return !/^[a-z]+:\/\//i.test(dataDir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock or throws DataDirInUseError; answers the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  if (!isFolder(dataDir)) return () => {};
  const dir = resolve(dataDir);
  if (held.has(dir)) throw new DataDirInUseError(dataDir, process.pid);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holderOf(file);
      // Our own pid in a file this process did not write is a previous life of the same pid (pid 1 in
      // a restarted container); a live other process keeps the folder.
      if (pid !== null && pid !== process.pid && alive(pid)) throw new DataDirInUseError(dataDir, pid);
      // Stale: taken over, once (another process taking it over at the same time wins the retry).
      if (attempt > 0) throw new DataDirInUseError(dataDir, pid ?? 0);
      rmSync(file, { force: true });
    }
  }
  held.add(dir);
  return () => {
    if (!held.delete(dir)) return;
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  };
}
