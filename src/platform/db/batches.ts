import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * PGlite's protocol reads a statement's parameter count as a signed 16-bit number, so one statement
 * stays under 32,767 parameters; PostgreSQL's limit is 65,535. Multi-row inserts are cut to fit.
 */
const MAX_PARAMETERS = 30_000;

export function* insertBatches<T extends object>(rows: readonly T[]): Generator<T[]> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length + 1; // + tenant_id
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** `column = any($1)`: one parameter for any number of values, instead of one per value in `in (…)`. */
export function anyOf(column: string, values: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} = any(${values as string[]}::text[])`;
}
