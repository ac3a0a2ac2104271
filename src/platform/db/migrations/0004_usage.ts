import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per account, feature and window (a quota's period or month; the epoch for what never resets).
  await db.schema
    .createTable('usage_counters')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz')
    .addColumn('used', 'bigint', (c) => c.notNull())
    /** The highest warning threshold (percent) already announced in this window. */
    .addColumn('warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_counters_pk', ['tenant_id', 'account_id', 'feature', 'window_start'])
    .execute();
  // Idempotency of consume, release and usage events: a key counts once per tenant, and its answer is kept.
  await db.schema
    .createTable('usage_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('answer', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_keys_pk', ['tenant_id', 'key'])
    .execute();
  await sql`create index usage_keys_by_age on usage_keys (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_keys').execute();
  await db.schema.dropTable('usage_counters').execute();
}
