import type { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './folder-lock.ts';
import { migrationProvider } from './migrations/index.ts';
import { openPglite } from './pglite.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** The pg pool's connections now (PostgreSQL only). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** PGlite's `shared_buffers` (`32MB`): see pglite.ts. */
  pgliteSharedBuffers?: string;
  /** A new, empty PGlite folder's dump that new databases are copied from: see pglite.ts. */
  pgliteTemplate?: string | undefined;
  /** Connections in the pg pool. */
  poolSize?: number;
  onIdleError?: (error: Error) => void;
  /** Told of every query once it is done (tracing). */
  onQuery?: ((event: LogEvent) => void) | undefined;
}

// bigint columns hold counts and minor-unit amounts far below 2^53: read them as numbers on both drivers.
const INT8 = 20;

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8
            ? Number
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server drops (a restart, an administrator) must not crash the process:
    // the pool replaces it on the next query.
    pool.on('error', (error) => options.onIdleError?.(error));
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      ...(options.onQuery ? { log: options.onQuery } : {}),
    });
    return {
      kysely,
      kind: 'postgres',
      poolStats: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options.max ?? 10,
      }),
      close: () => kysely.destroy(),
    };
  }
  // PGlite opens a folder another process has open without a word: Allot's own lock refuses it.
  const release = lockDataDir(options.dataDir ?? 'memory://');
  let pglite: PGlite;
  try {
    pglite = await openPglite(options.dataDir ?? 'memory://', {
      sharedBuffers: options.pgliteSharedBuffers ?? '32MB',
      template: options.pgliteTemplate,
    });
  } catch (error) {
    release();
    throw error;
  }
  const kysely = new Kysely<Database>({
    dialect: new PGliteDialect(pglite),
    ...(options.onQuery ? { log: options.onQuery } : {}),
  });
  return {
    kysely,
    kind: 'pglite',
    close: async () => {
      try {
        await kysely.destroy();
      } finally {
        release();
      }
    },
  };
}

/** Brings the schema to the latest migration. Safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Tables whose rows are only ever added: their triggers refuse updates and deletes. */
const APPEND_ONLY = ['history', 'subscription_phases'];

/**
 * Migrates the database Allot serves. With `migrationDatabaseUrl` (ALLOT_MIGRATION_DATABASE_URL, the
 * schema's owner), the migrations run as that owner and the serving role (DATABASE_URL's user) is then
 * granted what it may do — read and write every table, but only read and add to the append-only ones —
 * so that it cannot rewrite history, nor disable the triggers that guard it (only an owner can).
 */
export async function migrateServed(
  config: { databaseUrl?: string | undefined; migrationDatabaseUrl?: string | undefined },
  db: Db,
): Promise<string[]> {
  if (!config.migrationDatabaseUrl || !config.databaseUrl) return migrateToLatest(db.kysely);
  const owner = await openDatabase({ databaseUrl: config.migrationDatabaseUrl, poolSize: 1 });
  try {
    const applied = await migrateToLatest(owner.kysely);
    const role = decodeURIComponent(new URL(config.databaseUrl).username);
    const ownerRole = decodeURIComponent(new URL(config.migrationDatabaseUrl).username);
    if (role && role !== ownerRole) {
      const r = sql.id(role);
      await sql`grant usage on schema public to ${r}`.execute(owner.kysely);
      await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(
        owner.kysely,
      );
      for (const t of APPEND_ONLY)
        await sql`revoke update, delete, truncate on ${sql.table(t)} from ${r}`.execute(owner.kysely);
      // The migrations' own bookkeeping is the owner's.
      await sql`revoke insert, update, delete on kysely_migration, kysely_migration_lock from ${r}`.execute(
        owner.kysely,
      );
    }
    return applied;
  } finally {
    await owner.close();
  }
}
