import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Secret rotation: the secret replaced last keeps signing deliveries, beside the new one, until it expires.
  await db.schema
    .alterTable('webhook_endpoints')
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .execute();
  await sql`alter table webhook_endpoints add constraint webhook_endpoints_previous_secret
    check ((previous_secret is null) = (previous_secret_expires_at is null))`.execute(db);

  // A retry asked for by the vendor is one attempt, not a new retry schedule.
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('manual', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('webhook_attempts')
    .addColumn('trigger', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .execute();
  await sql`alter table webhook_attempts add constraint webhook_attempts_trigger
    check (trigger in ('scheduled', 'manual'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhook_attempts').dropColumn('trigger').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('manual').execute();
  await db.schema
    .alterTable('webhook_endpoints')
    .dropConstraint('webhook_endpoints_previous_secret')
    .execute();
  await db.schema
    .alterTable('webhook_endpoints')
    .dropColumn('previous_secret')
    .dropColumn('previous_secret_expires_at')
    .execute();
}
