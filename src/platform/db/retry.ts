/** A transaction the database aborted as a deadlock victim or a serialization failure: safe to run again. */
const TRANSIENT = new Set(['40P01', '40001']);

/**
 * The unique keys a write looks up before it inserts (a plan's key, an account's external id, a user's
 * e-mail), to refuse a taken one with 400 naming the field. Two writes of one key at once both find
 * it free and the second insert breaks the index (23505): a lost race, as a deadlock is. Run again,
 * that write finds the first one's row and answers what it would have one after the other.
 */
const CHECKED_KEYS = new Set([
  'features_key',
  'plans_key',
  'addons_key',
  'pricing_tables_key',
  'accounts_external_id',
  'users_email',
  'users_external_id',
]);

export function isTransient(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code === '23505') return typeof constraint === 'string' && CHECKED_KEYS.has(constraint);
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
 * deadlock victim, a serialization failure or the loser of a checked key's race: everything it did was
 * rolled back, so rerunning it is the intended recovery (PostgreSQL's documentation says as much).
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
