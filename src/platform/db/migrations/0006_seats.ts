import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A seat feature may belong to a module: its seats are taken by the users who have that module.
  await db.schema.alterTable('features').addColumn('module', 'text').execute();
  // Seats a parent gives a child account (a customer or a site), per seat feature.
  await db.schema
    .createTable('allocations')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('allocated', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('allocations_pk', ['tenant_id', 'account_id', 'feature'])
    .addForeignKeyConstraint('allocations_account', ['tenant_id', 'account_id'], 'accounts', [
      'tenant_id',
      'id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('allocations').execute();
  await db.schema.alterTable('features').dropColumn('module').execute();
}
