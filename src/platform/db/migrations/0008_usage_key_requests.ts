import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a consume or release key was first used for: the same key for another request is refused
  // (422 idempotency_key_reused) instead of replaying an answer to a different question.
  await db.schema.alterTable('usage_keys').addColumn('request_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_keys').dropColumn('request_hash').execute();
}
