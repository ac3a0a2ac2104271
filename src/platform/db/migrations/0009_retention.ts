import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Usage keys are written a thousand a batch and read by age only by the retention job: a BRIN index
  // (a few pages, rows arrive in time order) serves that at a fraction of a B-tree's cost per insert.
  await sql`drop index usage_keys_by_age`.execute(db);
  await sql`create index usage_keys_by_age on usage_keys using brin (created_at)`.execute(db);
  // The retention job finds finished deliveries by age, tenant by tenant.
  await sql`create index webhook_deliveries_finished_by_age on webhook_deliveries (tenant_id, created_at)
    where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index usage_keys_by_age`.execute(db);
  await sql`create index usage_keys_by_age on usage_keys (created_at)`.execute(db);
  await sql`drop index webhook_deliveries_finished_by_age`.execute(db);
}
