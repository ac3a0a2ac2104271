import type { ListParams, ListPromise, Page } from './types.ts';

/** The most items `toArray` gathers, and its default. */
export const TO_ARRAY_MAX = 10_000;

/**
 * A list call that is both the first page (a promise, as before) and every item (`for await`): the
 * first page is requested at once, the next ones as iteration reaches them, each after the last id of
 * the previous (`starting_after`), with the same `limit` and filters.
 */
export function listPromise<T extends { id: string | null }, P extends ListParams>(
  fetchPage: (params: P) => Promise<Page<T>>,
  params: P,
): ListPromise<T> {
  const first = fetchPage(params);
  async function* items(): AsyncGenerator<T, void, undefined> {
    let page = await first;
    for (;;) {
      yield* page.data;
      const last = page.data.at(-1)?.id;
      if (!page.has_more || !last) return;
      page = await fetchPage({ ...params, starting_after: last });
    }
  }
  const extra = {
    [Symbol.asyncIterator]: () => items(),
    async toArray(options: { limit?: number } = {}): Promise<T[]> {
      const limit = options.limit ?? TO_ARRAY_MAX;
      if (!Number.isInteger(limit) || limit < 1 || limit > TO_ARRAY_MAX) {
        throw new RangeError(
          `toArray: limit must be a whole number from 1 to ${TO_ARRAY_MAX}, not ${limit}.`,
        );
      }
      const out: T[] = [];
      for await (const item of items()) {
        out.push(item);
        if (out.length >= limit) break;
      }
      return out;
    },
  };
  return Object.assign(first, extra);
}

/** Every item of a list, page after page: `for await (const a of paginate((p) => allot.accounts.list(p)))`. */
export async function* paginate<T extends { id: string | null }, P extends ListParams>(
  list: (params: P) => Promise<Page<T>>,
  params: P = {} as P,
): AsyncGenerator<T> {
  let page = await list({ limit: 100, ...params });
  for (;;) {
    for (const item of page.data) yield item;
    const last = page.data.at(-1)?.id;
    if (!page.has_more || !last) return;
    page = await list({ limit: 100, ...params, starting_after: last });
  }
}
