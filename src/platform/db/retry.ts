/** A transaction the database aborted as a deadlock victim or a serialization failure: safe to run again. */
const TRANSIENT = new Set(['40P01', '40001']);

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

/**
 * True when the server answered the statement with an ERROR: a statement or transaction it answers so
 * is rolled back, whatever the cause — a lost race, or input it refused (a data exception, a broken
 * constraint). Rerunning part of the work is then safe; after a dropped connection it is not.
 */
export function refusedByServer(error: unknown): boolean {
  const e = error as { severity?: unknown; code?: unknown };
  return e.severity === 'ERROR' && typeof e.code === 'string';
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
