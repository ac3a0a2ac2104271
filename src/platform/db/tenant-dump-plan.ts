/**
 * Which tables hold a tenant's rows, read from the catalog of the current schema, in foreign-key
 * order (tenant-dump.ts writes and reads them). Every table with a `tenant_id` column holds the
 * tenant's rows; `tenants` holds its own row; a table without `tenant_id` that references one of those
 * holds the rows that reference the tenant's. Deeper chains are refused rather than left out.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

export const ROOT = 'tenants';
export const SCOPE_COLUMN = 'tenant_id';

export class DumpError extends Error {
  override name = 'DumpError';
}

export interface ForeignKey {
  table: string;
  ref: string;
  columns: string[];
  refColumns: string[];
}

export interface DumpTable {
  name: string;
  /** The columns an insert gives (generated ones are left out). */
  columns: string[];
  primaryKey: string[];
  identity: boolean;
  /** How its rows belong to the tenant. */
  scope: { kind: 'root' } | { kind: 'tenant' } | { kind: 'via'; fk: ForeignKey };
  selfRefs: ForeignKey[];
}

export interface DumpPlan {
  /** In foreign-key order: referenced tables first. */
  tables: DumpTable[];
  /** Tables that hold no tenant's rows (the migrations' own). */
  skipped: string[];
}

const parseList = (text: string | null): string[] => (text ? (JSON.parse(text) as string[]) : []);

/** Reads the catalog of the current schema: which tables hold a tenant's rows, in which order. */
export async function dumpPlan(db: Kysely<Database>): Promise<DumpPlan> {
  const { rows: cols } = await sql<{ table: string; column: string; generated: boolean; identity: string }>`
    select c.relname::text as table, a.attname::text as column, a.attgenerated <> '' as generated,
           a.attidentity::text as identity
      from pg_class c join pg_attribute a on a.attrelid = c.oid
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
       and not c.relispartition and a.attnum > 0 and not a.attisdropped
     order by c.relname, a.attnum`.execute(db);
  const { rows: pks } = await sql<{ table: string; columns: string }>`
    select c.relname::text as table,
           (select json_agg(a.attname::text order by k.ord)
              from unnest(i.indkey) with ordinality as k(n, ord)
              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n)::text as columns
      from pg_index i join pg_class c on c.oid = i.indrelid
     where i.indisprimary and c.relnamespace = current_schema()::regnamespace`.execute(db);
  const { rows: fkRows } = await sql<{ table: string; ref: string; columns: string; ref_columns: string }>`
    select src.relname::text as table, ref.relname::text as ref,
           (select json_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality as k(n, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n)::text as columns,
           (select json_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality as k(n, ord)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n)::text as ref_columns
      from pg_constraint con
      join pg_class src on src.oid = con.conrelid
      join pg_class ref on ref.oid = con.confrelid
     where con.contype = 'f' and con.connamespace = current_schema()::regnamespace
     order by 1, 2`.execute(db);
  const fks: ForeignKey[] = fkRows.map((r) => ({
    table: r.table,
    ref: r.ref,
    columns: parseList(r.columns),
    refColumns: parseList(r.ref_columns),
  }));

  const byTable = new Map<string, { columns: string[]; all: string[]; identity: boolean }>();
  for (const c of cols) {
    const t = byTable.get(c.table) ?? { columns: [], all: [], identity: false };
    t.all.push(c.column);
    if (!c.generated) t.columns.push(c.column);
    if (c.identity === 'a') t.identity = true;
    byTable.set(c.table, t);
  }
  if (!byTable.has(ROOT)) throw new DumpError(`This database has no ${ROOT} table: migrate it first.`);
  const scoped = new Set([
    ROOT,
    ...[...byTable].filter(([, t]) => t.all.includes(SCOPE_COLUMN)).map(([n]) => n),
  ]);
  const tables: DumpTable[] = [];
  const skipped: string[] = [];
  for (const [name, t] of byTable) {
    let scope: DumpTable['scope'] | null = name === ROOT ? { kind: 'root' } : null;
    if (!scope && t.all.includes(SCOPE_COLUMN)) scope = { kind: 'tenant' };
    if (!scope) {
      const fk = fks.find((f) => f.table === name && f.ref !== name && scoped.has(f.ref));
      if (fk) scope = { kind: 'via', fk };
    }
    if (!scope) {
      skipped.push(name);
      continue;
    }
    tables.push({
      name,
      columns: t.columns,
      primaryKey: parseList(pks.find((p) => p.table === name)?.columns ?? null),
      identity: t.identity,
      scope,
      selfRefs: fks.filter((f) => f.table === name && f.ref === name),
    });
  }
  const included = new Set(tables.map((t) => t.name));
  for (const f of fks) {
    if (!included.has(f.table) && included.has(f.ref))
      throw new DumpError(
        `Table ${f.table} references ${f.ref} but holds no tenant_id and no direct reference to a tenant's rows: the export cannot follow it.`,
      );
  }
  return { tables: inDependencyOrder(tables, fks), skipped: skipped.sort() };
}

/** Referenced tables first (Kahn's algorithm, ties by name). */
function inDependencyOrder(tables: DumpTable[], fks: ForeignKey[]): DumpTable[] {
  const names = new Set(tables.map((t) => t.name));
  const needs = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const f of fks)
    if (f.table !== f.ref && names.has(f.table) && names.has(f.ref)) needs.get(f.table)!.add(f.ref);
  const out: DumpTable[] = [];
  const left = new Map(tables.map((t) => [t.name, t]));
  while (left.size) {
    const ready = [...left.keys()].filter((n) => [...needs.get(n)!].every((d) => !left.has(d))).sort();
    if (!ready.length)
      throw new DumpError(`The tables ${[...left.keys()].join(', ')} reference each other in a cycle.`);
    for (const n of ready) {
      out.push(left.get(n)!);
      left.delete(n);
    }
  }
  return out;
}
