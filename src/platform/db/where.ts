import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * `column = any($1)`: one parameter for any number of values, instead of one per value in `in (…)`.
 * PGlite's protocol reads a statement's parameter count as a signed 16-bit number, so long `in` lists
 * (and multi-row VALUES) fail there; arrays — here and in TenantScope.bulkInsert — never do.
 */
export function anyOf(column: string, values: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} = any(${values as string[]}::text[])`;
}

/**
 * The API accepts an object's id or its vendor-chosen name wherever it names one (a catalog item's
 * `key`, an account's or user's `external_id`): `id = $ref or <alt> = $ref`.
 */
export function idOr(alternative: 'key' | 'external_id', ref: string): Expression<SqlBool> {
  return sql<SqlBool>`(id = ${ref} or ${sql.ref(alternative)} = ${ref})`;
}
