import type { SelectQueryBuilder } from 'kysely';
import { Type } from 'typebox';

export const LIST_QUERY = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1–100).' }),
  ),
  starting_after: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The last id of the previous page.' }),
  ),
};

export interface ListParams {
  limit?: number;
  starting_after?: string;
}

export interface Page<T> {
  data: T[];
  has_more: boolean;
}

/**
 * Newest first, by id: ids are time-sortable, so `starting_after` is a stable cursor
 * that rows created meanwhile do not shift.
 */
export async function listPage<DB, TB extends keyof DB, O extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  params: ListParams,
): Promise<Page<O>> {
  const limit = params.limit ?? 20;
  // biome-ignore lint/suspicious/noExplicitAny: the id column reference is chosen by the caller
  let q = query as SelectQueryBuilder<any, any, O>;
  if (params.starting_after) q = q.where(idColumn, '<', params.starting_after);
  const rows = await q
    .orderBy(idColumn, 'desc')
    .limit(limit + 1)
    .execute();
  return { data: rows.slice(0, limit), has_more: rows.length > limit };
}

export function listSchema(item: ReturnType<typeof Type.Object> | ReturnType<typeof Type.Unsafe>) {
  return Type.Object({ data: Type.Array(item), has_more: Type.Boolean() });
}
