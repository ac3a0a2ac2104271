/**
 * One tenant's rows, all of them, as JSON lines — and back, into another database (PGlite or
 * PostgreSQL, either way). Nothing here names a business table: the tables come from the catalog.
 * Every table with a `tenant_id` column holds the tenant's rows; `tenants` holds its own row; a table
 * without `tenant_id` that references one of those holds the rows that reference the tenant's. Tables
 * come in foreign-key order, and the rows of a table that references itself parents first.
 *
 * Rows are written as PostgreSQL renders them (`to_jsonb(row)`, time zone UTC) and read back with
 * `jsonb_populate_recordset`, so no value passes through a JavaScript type on the way: timestamps keep
 * their microseconds, jsonb its numbers, bytea its bytes.
 *
 * The file: a header line `["allot-tenant-export", {…}]`, then per table `["table", name, {columns}]`
 * followed by its rows (one JSON object a line), and last `["end", {tables: {name: count}}]` — a file
 * cut short has no end line, and is refused.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';
import {
  DumpError,
  type DumpTable,
  dumpPlan,
  type ForeignKey,
  ROOT,
  SCOPE_COLUMN,
} from './tenant-dump-plan.ts';

export { DumpError } from './tenant-dump-plan.ts';

export const DUMP_FORMAT = 'allot-tenant-export';
export const DUMP_VERSION = 1;
const BATCH_ROWS = 500;
const BATCH_CHARS = 4_000_000;

export interface DumpHeader {
  version: number;
  tenant: string;
  /** The last migration of the exporting database: the file's columns are that schema's. */
  schema: string;
  exported_at: string;
  /** The tenant's own row, for whoever reads the file. */
  root: Record<string, unknown>;
}

const cols = (names: readonly string[], alias?: string) =>
  sql.join(names.map((c) => (alias ? sql.ref(`${alias}.${c}`) : sql.id(c))));

/** The condition that picks the tenant's rows of `t` (aliased `t`). */
function scopeOf(table: DumpTable, tenant: RawBuilder<unknown>): RawBuilder<unknown> {
  if (table.scope.kind === 'root') return sql`t.id = ${tenant}`;
  if (table.scope.kind === 'tenant') return sql`${sql.ref(`t.${SCOPE_COLUMN}`)} = ${tenant}`;
  const { fk } = table.scope;
  const match = sql.join(
    fk.columns.map((c, i) => sql`${sql.ref(`r.${fk.refColumns[i]!}`)} = ${sql.ref(`t.${c}`)}`),
    sql` and `,
  );
  const refScope = fk.ref === ROOT ? sql`r.id = ${tenant}` : sql`${sql.ref(`r.${SCOPE_COLUMN}`)} = ${tenant}`;
  return sql`exists (select 1 from ${sql.table(fk.ref)} r where ${match} and ${refScope})`;
}

export interface DumpResult {
  header: DumpHeader;
  counts: Record<string, number>;
  skipped: string[];
}

/**
 * The migrations the database has run (Kysely's own table), and those among them this Allot does not
 * know: a newer Allot migrated it, and its tables have columns this one would not copy.
 */
async function appliedMigrations(db: Kysely<Database>): Promise<{ applied: string[]; unknown: string[] }> {
  const { rows } = await sql<{ present: boolean }>`
    select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return { applied: [], unknown: [] };
  const known = new Set(Object.keys(await migrationProvider.getMigrations()));
  const { rows: ran } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    db,
  );
  const applied = ran.map((r) => r.name);
  return { applied, unknown: applied.filter((n) => !known.has(n)) };
}

async function currentSchema(db: Kysely<Database>): Promise<string | null> {
  const { applied, unknown } = await appliedMigrations(db);
  if (unknown.length)
    throw new DumpError(
      `This database was migrated by a newer Allot (${unknown.join(', ')}): export it with that version.`,
    );
  return applied.at(-1) ?? null;
}

/**
 * Writes the tenant to `write`, line by line, from one consistent snapshot (repeatable read: a
 * PostgreSQL database may keep serving meanwhile).
 */
export async function dumpTenant(
  db: Kysely<Database>,
  tenantId: string,
  write: (line: string) => void | Promise<void>,
  onTable?: (table: string, rows: number) => void,
): Promise<DumpResult> {
  if (!/^[A-Za-z0-9_]+$/.test(tenantId)) throw new DumpError(`${tenantId} is not a tenant id.`);
  const schema = await currentSchema(db);
  if (!schema) throw new DumpError('This database has no schema yet.');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set local time zone 'UTC'`.execute(trx);
      const plan = await dumpPlan(trx);
      const tenant = sql.lit(tenantId);
      const { rows: roots } = await sql<{ row: string }>`
        select to_jsonb(t)::text as row from ${sql.table(ROOT)} t where t.id = ${tenantId}`.execute(trx);
      if (!roots[0]) throw new DumpError(`No tenant ${tenantId} in this database.`);
      const header: DumpHeader = {
        version: DUMP_VERSION,
        tenant: tenantId,
        schema,
        exported_at: new Date().toISOString(),
        root: JSON.parse(roots[0].row) as Record<string, unknown>,
      };
      await write(JSON.stringify([DUMP_FORMAT, header]));
      const counts: Record<string, number> = {};
      for (const table of plan.tables) {
        await write(JSON.stringify(['table', table.name, { columns: table.columns }]));
        const select = sql`select to_jsonb(t)::text as row from ${sql.table(table.name)} t
          where ${scopeOf(table, tenant)}
          ${table.primaryKey.length ? sql`order by ${cols(table.primaryKey, 't')}` : sql``}`;
        let n = 0;
        if (table.selfRefs.length) {
          const { rows } = await sql<{ row: string }>`${select}`.execute(trx);
          for (const row of parentsFirst(
            rows.map((r) => r.row),
            table.selfRefs,
          ))
            await write(row);
          n = rows.length;
        } else {
          // A cursor: a big table streams through in pages, never whole in memory.
          await sql`declare allot_dump no scroll cursor for ${select}`.execute(trx);
          for (;;) {
            const { rows } = await sql<{ row: string }>`fetch forward 1000 from allot_dump`.execute(trx);
            for (const r of rows) await write(r.row);
            n += rows.length;
            if (rows.length < 1000) break;
          }
          await sql`close allot_dump`.execute(trx);
        }
        counts[table.name] = n;
        onTable?.(table.name, n);
      }
      await write(JSON.stringify(['end', { tables: counts }]));
      return { header, counts, skipped: plan.skipped };
    });
}

/** Rows of a self-referencing table, each after the rows it references. */
function parentsFirst(raw: string[], refs: ForeignKey[]): string[] {
  const rows = raw.map((text) => ({ text, value: JSON.parse(text) as Record<string, unknown> }));
  const key = (v: Record<string, unknown>, names: string[]) => JSON.stringify(names.map((n) => v[n] ?? null));
  const index = new Map<string, number>();
  for (const [i, r] of rows.entries())
    for (const f of refs) index.set(`${f.ref}|${key(r.value, f.refColumns)}`, i);
  const out: string[] = [];
  const state = new Array<0 | 1 | 2>(rows.length).fill(0);
  const visit = (i: number) => {
    if (state[i] !== 0) return;
    state[i] = 1;
    for (const f of refs) {
      if (f.columns.some((c) => rows[i]!.value[c] === null || rows[i]!.value[c] === undefined)) continue;
      const parent = index.get(`${f.ref}|${key(rows[i]!.value, f.columns)}`);
      if (parent !== undefined) visit(parent);
    }
    state[i] = 2;
    out.push(rows[i]!.text);
  };
  for (let i = 0; i < rows.length; i++) visit(i);
  return out;
}

export interface RestoreResult {
  header: DumpHeader;
  counts: Record<string, number>;
  /** Migrations run after the rows went in (the file came from an older schema). */
  migrated: string[];
}

type Line = [string, ...unknown[]];

function controlLine(text: string, where: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DumpError(`${where} is not JSON.`);
  }
  if (!Array.isArray(value) || typeof value[0] !== 'string')
    throw new DumpError(`${where} is not an export line.`);
  return value as Line;
}

/** An export file being read: its header, checked, and the lines after it. */
export interface DumpReader {
  header: DumpHeader;
  /** The next line that is not blank, or null at the end. */
  next(): Promise<string | null>;
  /** The number of the line `next` answered last (for messages). */
  lineNo(): number;
}

/** Reads and checks the header of an export: nothing is opened or written for a file that is not one. */
export async function readDump(lines: AsyncIterable<string>): Promise<DumpReader> {
  const iterator = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | null> => {
    for (;;) {
      const r = await iterator.next();
      if (r.done) return null;
      lineNo++;
      if (r.value.trim()) return r.value;
    }
  };
  const first = await next();
  if (first === null) throw new DumpError('The file is empty.');
  const [format, header] = controlLine(first, 'Line 1') as [string, DumpHeader];
  if (format !== DUMP_FORMAT || typeof header?.tenant !== 'string')
    throw new DumpError('This is not a file of `allot export`.');
  if (header.version !== DUMP_VERSION)
    throw new DumpError(
      `This file is in format version ${header.version}; this Allot reads version ${DUMP_VERSION}.`,
    );
  return { header, next, lineNo: () => lineNo };
}

/**
 * Restores a file written by dumpTenant (its lines, or a reader of them), all or nothing, in one
 * transaction. The database is brought to the file's schema first (never down: a newer database is
 * refused), the rows go in, then the later migrations run. `check` runs inside the transaction before
 * any row is written: it may refuse (the tenant is there already).
 */
export async function restoreTenant(
  db: Kysely<Database>,
  input: AsyncIterable<string> | DumpReader,
  options: {
    check?: (header: DumpHeader, trx: Kysely<Database>) => Promise<void>;
    onTable?: (table: string, rows: number) => void;
  } = {},
): Promise<RestoreResult> {
  const dump = 'header' in input ? input : await readDump(input);
  const { header, next } = dump;
  await prepareSchema(db, header.schema);

  const result = await db.transaction().execute(async (trx) => {
    await sql`set constraints all deferred`.execute(trx);
    await options.check?.(header, trx);
    const plan = await dumpPlan(trx);
    const known = new Map(plan.tables.map((t) => [t.name, t]));
    const counts: Record<string, number> = {};
    let table: DumpTable | null = null;
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (!table || !batch.length) return;
      const body = `[${batch.join(',')}]`;
      await sql`insert into ${sql.table(table.name)} (${cols(table.columns)})
        ${table.identity ? sql`overriding system value` : sql``}
        select ${cols(table.columns)} from jsonb_populate_recordset(null::${sql.table(table.name)}, ${body}::jsonb)`.execute(
        trx,
      );
      counts[table.name] = (counts[table.name] ?? 0) + batch.length;
      batch = [];
      chars = 0;
    };
    for (;;) {
      const text = await next();
      if (text === null) throw new DumpError('The file ends before its last line: it was cut short.');
      if (text.trimStart().startsWith('{')) {
        if (!table) throw new DumpError(`Line ${dump.lineNo()}: a row before any table.`);
        batch.push(text);
        chars += text.length;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        continue;
      }
      await flush();
      if (table) options.onTable?.(table.name, counts[table.name] ?? 0);
      const line = controlLine(text, `Line ${dump.lineNo()}`);
      if (line[0] === 'end') {
        const expected = (line[1] as { tables?: Record<string, number> } | undefined)?.tables ?? {};
        for (const [name, n] of Object.entries(expected))
          if ((counts[name] ?? 0) !== n)
            throw new DumpError(
              `Table ${name}: the file announces ${n} rows and holds ${counts[name] ?? 0}.`,
            );
        break;
      }
      if (line[0] !== 'table' || typeof line[1] !== 'string')
        throw new DumpError(`Line ${dump.lineNo()}: unknown line ${String(line[0])}.`);
      const t = known.get(line[1]);
      if (!t)
        throw new DumpError(
          `Line ${dump.lineNo()}: this database has no table ${line[1]} for a tenant's rows.`,
        );
      const columns = (line[2] as { columns?: string[] } | undefined)?.columns ?? [];
      if (columns.join(',') !== t.columns.join(','))
        throw new DumpError(`Table ${t.name}: the file's columns are not this database's.`);
      table = t;
      counts[t.name] = 0;
    }
    await resetSequences(trx);
    return { header, counts };
  });
  return { ...result, migrated: await migrate(db, 'latest') };
}

async function migrate(db: Kysely<Database>, to: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } =
    to === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(to);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The database at the file's schema: migrated up to it, never down from a newer one. */
async function prepareSchema(db: Kysely<Database>, schema: string): Promise<void> {
  if (!(schema in (await migrationProvider.getMigrations())))
    throw new DumpError(`This file was exported by a newer Allot (schema ${schema}): upgrade Allot first.`);
  const { applied } = await appliedMigrations(db);
  if (applied.some((m) => m > schema))
    throw new DumpError(
      `This database's schema is newer than the file's (${schema}): import into an empty database, or export again with this version of Allot.`,
    );
  if (applied.includes(schema)) return;
  await migrate(db, schema);
}

/** Serial and identity columns continue after the rows restored (there are none in Allot's schema today). */
async function resetSequences(trx: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ seq: string; table: string; column: string }>`
    select pg_get_serial_sequence(quote_ident(c.relname), a.attname)::text as seq,
           c.relname::text as table, a.attname::text as column
      from pg_class c join pg_attribute a on a.attrelid = c.oid
     where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0
       and not a.attisdropped and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(
    trx,
  );
  for (const r of rows)
    await sql`select setval(${r.seq}, coalesce((select max(${sql.id(r.column)}) from ${sql.table(r.table)}), 0) + 1, false)`.execute(
      trx,
    );
}
