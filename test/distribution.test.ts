/**
 * Issue 16, past one PostgreSQL: the design distributes by `tenant_id` (Citus), which these machines
 * cannot run. Its precondition is read from the migrated database's catalog instead: every table has
 * `tenant_id`, its primary key and unique indexes lead with it, and every foreign key includes it on
 * both sides — so that each tenant's rows, and each statement of one tenant, stay on one node. The
 * exceptions are listed with their reason and their place in a distributed deployment (README's
 * "Scale" section says the same); a new table or index that breaks the rule fails here.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
});
afterAll(() => t?.close());

/** Tables without `tenant_id`, and where they live when the rest is distributed. */
const NOT_DISTRIBUTED: Record<string, string> = {
  tenants: 'reference table: one row per tenant, read with every request, replicated to every node',
  rate_limit_hits: 'local to the coordinator (unlogged): limits per address exist before any tenant is known',
  kysely_migration: 'local to the coordinator: the migrator’s own bookkeeping',
  kysely_migration_lock: 'local to the coordinator: the migrator’s own bookkeeping',
};

/**
 * Unique indexes that do not lead with `tenant_id`: secrets looked up before the tenant is known
 * (whose tables are then reference tables), and those of the tables above.
 */
const UNIQUE_EXCEPTIONS: Record<string, string> = {
  api_keys_by_hash:
    'a key is found by its hash before its tenant is known: api_keys is a reference table (few rows per tenant)',
  portal_sessions_token:
    'a portal link is found by its token before its tenant is known: portal_sessions is a reference table',
  portal_sessions_secret: 'likewise, the session cookie’s secret',
  tenants_pkey: 'the tenants table itself',
  tenants_one_bootstrap: 'the tenants table itself',
  rate_limit_hits_pkey: 'a local table (above)',
  kysely_migration_pkey: 'a local table (above)',
  kysely_migration_lock_pkey: 'a local table (above)',
};
/** What a Citus deployment replicates to every node rather than distributes. */
const REFERENCE_TABLES = ['tenants', 'api_keys', 'portal_sessions'];

const tables = async () =>
  (
    await sql<{ name: string; tenant: boolean }>`
      select c.relname as name,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as tenant
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') order by 1`.execute(
      t.allot.ctx.db.kysely,
    )
  ).rows;

describe('distribution by tenant_id', () => {
  it('every table has tenant_id, but those listed with their place', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((r) => !r.tenant).map((r) => r.name)).toEqual(Object.keys(NOT_DISTRIBUTED).sort());
  });

  it('every primary key and unique index leads with tenant_id, but the listed ones', async () => {
    const { rows } = await sql<{ index: string; table: string; first: string | null; columns: number }>`
      select i.relname as index, c.relname as table, a.attname as first, ix.indnatts as columns
      from pg_index ix
      join pg_class i on i.oid = ix.indexrelid
      join pg_class c on c.oid = ix.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = ix.indkey[0]
      where n.nspname = current_schema() and ix.indisunique
      order by 1`.execute(t.allot.ctx.db.kysely);
    expect(rows.length).toBeGreaterThan(40);
    const leading = rows.filter((r) => r.first === 'tenant_id');
    // Leading with tenant_id and nothing else would be one row per tenant: only the per-tenant settings
    // and counters are.
    for (const r of leading.filter((r) => Number(r.columns) === 1))
      expect(r.table, r.index).toMatch(/^(tenant_settings|invoice_counters|credit_note_counters)$/);
    expect(rows.filter((r) => r.first !== 'tenant_id').map((r) => r.index)).toEqual(
      Object.keys(UNIQUE_EXCEPTIONS).sort(),
    );
    for (const table of REFERENCE_TABLES.filter((x) => x !== 'tenants'))
      expect(
        rows.some((r) => r.table === table && r.first !== 'tenant_id'),
        table,
      ).toBe(true);
  });

  it('every foreign key includes tenant_id on both sides, or points at the tenants table', async () => {
    const { rows } = await sql<{
      name: string;
      table: string;
      ref: string;
      cols: string[];
      refcols: string[];
    }>`
      select con.conname as name, c.relname as table, r.relname as ref,
        array(select a.attname from unnest(con.conkey) k join pg_attribute a
              on a.attrelid = con.conrelid and a.attnum = k)::text[] as cols,
        array(select a.attname from unnest(con.confkey) k join pg_attribute a
              on a.attrelid = con.confrelid and a.attnum = k)::text[] as refcols
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = con.connamespace
      where con.contype = 'f' and n.nspname = current_schema()
      order by 1`.execute(t.allot.ctx.db.kysely);
    expect(rows.length).toBeGreaterThan(30);
    const broken = rows.filter(
      (r) =>
        !(r.ref === 'tenants' && r.cols.join() === 'tenant_id') &&
        !(r.cols.includes('tenant_id') && r.refcols.includes('tenant_id')),
    );
    expect(broken.map((r) => `${r.table}.${r.name} → ${r.ref}(${r.refcols})`)).toEqual([]);
    // Distributed tables may point at reference tables, never the reverse.
    const pointingOut = rows.filter(
      (r) => REFERENCE_TABLES.includes(r.table) && !REFERENCE_TABLES.includes(r.ref),
    );
    expect(pointingOut.map((r) => r.name)).toEqual([]);
  });
});
