import type { Row } from './customerRows.ts';

export type SortBy = 'name' | 'allocated' | 'used';
export interface Sort {
  by: SortBy;
  /** The seat feature sorted on (null for the name). */
  feature: string | null;
  dir: 'asc' | 'desc';
}

/** Case and accents ignored: "lefevre" finds "Cabinet Lefèvre Avocats". */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

function sortValue(r: Row, s: Sort): number {
  const seats = s.feature ? r.seats.get(s.feature) : undefined;
  if (!seats) return 0;
  if (s.by === 'used') return seats.used;
  return seats.allocated ?? Number.POSITIVE_INFINITY;
}

/** The rows whose name holds `needle` (already folded; empty: all), in the order `sort` says. */
export function sortRows(rows: Row[], needle: string, sort: Sort, collator: Intl.Collator): Row[] {
  return rows
    .filter((r) => !needle || fold(r.name).includes(needle))
    .sort((a, b) => {
      const order =
        sort.by === 'name' ? collator.compare(a.name, b.name) : sortValue(a, sort) - sortValue(b, sort);
      // Ties keep the names in order.
      return (sort.dir === 'asc' ? order : -order) || collator.compare(a.name, b.name);
    });
}

/** A click on a column's header: the same column turns its direction, another starts on its own. */
export function toggleSort(s: Sort, by: SortBy, feature: string | null): Sort {
  return s.by === by && s.feature === feature
    ? { ...s, dir: s.dir === 'asc' ? 'desc' : 'asc' }
    : { by, feature, dir: by === 'name' ? 'asc' : 'desc' };
}
