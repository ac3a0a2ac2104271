import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The most users holding a billed seat feature at once in a period: extra users are billed on it (S17).
  await db.schema
    .createTable('seat_peaks')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('peak', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('seat_peaks_pk', ['tenant_id', 'account_id', 'feature', 'window_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seat_peaks').execute();
}
