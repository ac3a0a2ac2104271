import { type Kysely, sql } from 'kysely';

/**
 * Request counts per fixed window, shared by every process on one PostgreSQL: failed
 * authentications per address, and — with ALLOT_RATE_LIMIT_STORE=postgres — requests per key.
 * Unlogged: a count lost in a crash costs nothing, and it is not worth a WAL write per request.
 * Not a tenant's table: a failed authentication names no tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unlogged table rate_limit_hits (
    key text not null,
    window_start bigint not null,
    hits integer not null,
    primary key (key, window_start)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
