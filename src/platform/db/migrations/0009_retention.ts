import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The retention job finds finished deliveries by age, tenant by tenant.
  await sql`create index webhook_deliveries_finished_by_age on webhook_deliveries (tenant_id, created_at)
    where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index webhook_deliveries_finished_by_age`.execute(db);
}
