import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // E-mails to an account's owners and subscription managers, written in the transaction of the
  // event that causes them (an outbox), sent by the job runner.
  await db.schema
    .createTable('emails')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('emails_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('emails_once', ['tenant_id', 'event_id', 'user_id'])
    .addCheckConstraint('emails_status', sql`status in ('pending', 'sent', 'stored', 'failed')`)
    .execute();
  await sql`create index emails_due on emails (tenant_id, next_attempt_at) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('emails_by_account')
    .on('emails')
    .columns(['tenant_id', 'account_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('emails').execute();
}
