/**
 * A value for a jsonb column, as a query parameter: its JSON text (the drivers would otherwise send
 * arrays as PostgreSQL arrays), typed as the column's value. Null and undefined stay SQL null.
 */
export function jsonb<T>(value: T): T;
export function jsonb<T>(value: T | null | undefined): T | null;
export function jsonb<T>(value: T | null | undefined): T | null {
  return value === null || value === undefined ? null : (JSON.stringify(value) as unknown as T);
}
