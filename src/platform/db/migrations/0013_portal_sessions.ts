import { type Kysely, sql } from 'kysely';

/**
 * Portal sessions: a vendor opens the portal for one of its users; the link's single-use token is
 * traded for a session cookie. Only hashes of the token and of the cookie's secret are stored (as
 * for API keys), so a copy of the table opens no session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_sessions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('page', 'text')
    .addColumn('return_url', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('portal_sessions_pk', ['tenant_id', 'id'])
    .execute();
  // The link and the cookie arrive without a tenant: they are found by their hash alone.
  await sql`create unique index portal_sessions_token on portal_sessions (token_hash)`.execute(db);
  await sql`create unique index portal_sessions_secret on portal_sessions (secret_hash) where secret_hash is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('portal_sessions_by_user')
    .on('portal_sessions')
    .columns(['tenant_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_sessions').execute();
}
