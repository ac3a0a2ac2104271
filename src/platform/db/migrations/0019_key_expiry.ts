import type { Kysely } from 'kysely';

/** A key rolled (replaced by a new one) keeps working until its `expires_at`, then stops. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('expires_at').execute();
}
