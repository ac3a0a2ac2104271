import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { Database, TenantTable } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const BULK_ROWS = 10_000;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : String(value);
}
type WithoutTenant<T extends TenantTable> = Omit<Insertable<Database[T]>, 'tenant_id'>;

/**
 * The only door to tenant-owned tables. Every query built here is bound to one tenant: selects, updates
 * and deletes carry `tenant_id = $tenant`, inserts have it filled in. Modules take a TenantScope, never a
 * bare Kysely, so data access cannot be called without the tenant.
 *
 * `raw` is for set-based statements the builder cannot express; they must bind `scope.tenantId` themselves.
 */
export class TenantScope {
  constructor(
    readonly tenantId: string,
    private readonly executor: Executor,
  ) {}

  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, object> {
    // biome-ignore lint/suspicious/noExplicitAny: the column reference is built from T, which Kysely cannot check generically
    return (this.executor.selectFrom(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }

  insertInto<T extends TenantTable>(
    table: T,
    values: WithoutTenant<T> | readonly WithoutTenant<T>[],
  ): InsertQueryBuilder<Database, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, tenant_id: this.tenantId }));
    // biome-ignore lint/suspicious/noExplicitAny: rows are Insertable<Database[T]> with tenant_id restored
    return this.executor.insertInto(table).values(rows as any);
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    // biome-ignore lint/suspicious/noExplicitAny: see selectFrom
    return (this.executor.updateTable(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    // biome-ignore lint/suspicious/noExplicitAny: see selectFrom
    return (this.executor.deleteFrom(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }

  /**
   * Inserts many rows as one array per column (`insert … select from unnest(…)`): a handful of
   * parameters instead of one per value, which is what makes bulk billing fast on both drivers.
   * `columns` maps each column to its SQL type; values travel as text and are cast.
   */
  async bulkInsert<T extends TenantTable>(
    table: T,
    columns: Partial<Record<keyof WithoutTenant<T> & string, string>>,
    rows: readonly WithoutTenant<T>[],
  ): Promise<void> {
    const names = Object.keys(columns) as (keyof WithoutTenant<T> & string)[];
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      const batch = rows.slice(i, i + BULK_ROWS);
      const arrays = names.map((n) => batch.map((r) => asText((r as Record<string, unknown>)[n])));
      const aliases = names.map((_, j) => sql.raw(`c${j}`));
      await sql`insert into ${sql.table(table)} (tenant_id, ${sql.join(names.map((n) => sql.ref(n)))})
        select ${this.tenantId}, ${sql.join(names.map((n, j) => sql`${aliases[j]}::${sql.raw(columns[n]!)}`))}
        from unnest(${sql.join(arrays.map((a) => sql`${a}::text[]`))}) as u(${sql.join(aliases)})`.execute(
        this.executor,
      );
    }
  }

  /** For `sql\`…\`.execute(scope.raw)`; the statement must filter on scope.tenantId itself. */
  get raw(): Executor {
    return this.executor;
  }

  get inTransaction(): boolean {
    return this.executor.isTransaction;
  }

  /** Runs `fn` in a transaction bound to the same tenant (or in the current one). */
  async transaction<R>(fn: (scope: TenantScope) => Promise<R>): Promise<R> {
    if (this.executor.isTransaction) return fn(this);
    return (this.executor as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new TenantScope(this.tenantId, trx)));
  }
}
