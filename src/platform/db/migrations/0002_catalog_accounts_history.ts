import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('features')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('features_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('features_key', ['tenant_id', 'key'])
    .addCheckConstraint('features_kind', sql`kind in ('boolean', 'quota', 'seat', 'counter', 'credit')`)
    .execute();

  // Plans and add-ons: the item (key, name, current version) and its immutable versions. A subscription
  // points at the version it bought, so editing a plan never changes what existing subscriptions pay.
  for (const item of ['plans', 'addons'] as const) {
    await db.schema
      .createTable(item)
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${item}_pk`, ['tenant_id', 'id'])
      .addUniqueConstraint(`${item}_key`, ['tenant_id', 'key'])
      .execute();
  }
  await db.schema
    .createTable('catalog_versions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_versions_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('catalog_versions_item', ['tenant_id', 'item_id', 'version'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('billing_period', 'text', (c) => c.notNull())
    .addColumn('bill_to_parent', 'boolean', (c) => c.notNull())
    .addColumn('billing_basis', 'jsonb', (c) => c.notNull())
    .addColumn('tax_rate_bps', 'integer', (c) => c.notNull())
    .addColumn('test_clock_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('accounts_parent', ['tenant_id', 'parent_id'], 'accounts', ['tenant_id', 'id'])
    .addForeignKeyConstraint('accounts_clock', ['tenant_id', 'test_clock_id'], 'test_clocks', [
      'tenant_id',
      'id',
    ])
    .addCheckConstraint('accounts_kind', sql`kind in ('partner', 'customer', 'site')`)
    .execute();
  await sql`create unique index accounts_external_id on accounts (tenant_id, external_id) where external_id is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('accounts_children')
    .on('accounts')
    .columns(['tenant_id', 'parent_id'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('modules', sql`text[]`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('users_account', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
    .addCheckConstraint('users_status', sql`status in ('active', 'deactivated')`)
    .execute();
  await sql`create unique index users_email on users (tenant_id, account_id, lower(email))`.execute(db);
  await sql`create unique index users_external_id on users (tenant_id, external_id) where external_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('history')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addPrimaryKeyConstraint('history_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('history_by_account')
    .on('history')
    .columns(['tenant_id', 'account_id', 'id'])
    .execute();
  // History is append-only, and the database itself holds to it.
  await sql`
    create function history_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'history is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger history_no_update before update or delete on history
    for each row execute function history_is_append_only()`.execute(db);
  await sql`create trigger history_no_truncate before truncate on history
    for each statement execute function history_is_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['history', 'users', 'accounts', 'catalog_versions', 'addons', 'plans', 'features']) {
    await db.schema.dropTable(t).execute();
  }
  await sql`drop function history_is_append_only()`.execute(db);
}
