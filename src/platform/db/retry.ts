/** A transaction the database aborted as a deadlock victim or a serialization failure: safe to run again. */
const TRANSIENT = new Set(['40P01', '40001']);

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/** Those, and a lock or statement timeout: the server refused the statement, which changed nothing. */
const REFUSED = new Set([...TRANSIENT, '55P03', '57014']);

/**
 * True when the server answered an ERROR that aborted the statement before it could commit. A failure
 * without one (a dropped connection, a server going down) may have come after an autocommit committed.
 */
export function abortedBeforeCommit(error: unknown): boolean {
  const e = error as { severity?: unknown; code?: unknown };
  return e.severity === 'ERROR' && typeof e.code === 'string' && REFUSED.has(e.code);
}

/**
 * Runs a whole transaction, again (up to `attempts` times in all) when the database aborted it as a
 * deadlock victim or a serialization failure: everything it did was rolled back, so rerunning it is
 * the intended recovery (PostgreSQL's documentation says as much).
 */
export async function retryingTransaction<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
    }
  }
}
