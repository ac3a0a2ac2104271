import { type Kysely, sql } from 'kysely';

/**
 * Publishable keys beside secret ones, and pricing tables in the catalog.
 *
 * A publishable key (`pk_…`) is meant to sit in a web page, so it is stored readable (`token`) and
 * shown in full in listings, as Stripe does; it authenticates by its hash like any key, and only
 * from the origins listed on it. A secret key's `token` stays null: it is shown once and never kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('secret'))
    .execute();
  await db.schema.alterTable('api_keys').addColumn('name', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('token', 'text').execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('allowed_origins', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`alter table api_keys add constraint api_keys_kind check (kind in ('secret', 'publishable'))`.execute(
    db,
  );
  await sql`alter table api_keys add constraint api_keys_token_publishable check (token is null or kind = 'publishable')`.execute(
    db,
  );

  await db.schema
    .createTable('pricing_tables')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('published', 'boolean', (c) => c.notNull())
    /** plans, highlighted_plan, features, call_to_action_url, default_billing_period, default_currency. */
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pricing_tables_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('pricing_tables_key')
    .unique()
    .on('pricing_tables')
    .columns(['tenant_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pricing_tables').execute();
  await sql`alter table api_keys drop constraint api_keys_token_publishable`.execute(db);
  await sql`alter table api_keys drop constraint api_keys_kind`.execute(db);
  for (const c of ['allowed_origins', 'token', 'name', 'kind'])
    await db.schema.alterTable('api_keys').dropColumn(c).execute();
}
