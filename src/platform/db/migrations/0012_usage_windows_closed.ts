import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the renewal that invoiced a window closed it: nothing more counts in a closed window.
  await db.schema.alterTable('usage_counters').addColumn('closed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_counters').dropColumn('closed_at').execute();
}
