/**
 * The operator's commands that work on the database itself (`DATABASE_URL`, else PGlite's folder
 * `ALLOT_DATA_DIR`), not through the API. PGlite's folder admits one process: opened while a server
 * has it, it is refused (DataDirInUseError, said by errors.ts).
 */
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import { findBootstrapTenant, getTenant } from '../tenants/tenants.ts';
import { RefusedError } from './errors.ts';

/** Where the configuration points, in words: `PostgreSQL at db:5432/allot` or `PGlite in ./data`. */
export function databaseName(config: Config): string {
  if (!config.databaseUrl) return `PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Opens the configured database (migrated unless `migrate: false`), runs `fn`, closes it. */
export async function withDatabase<T>(
  fn: (db: Kysely<Database>, config: Config, opened: Db) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // Loaded here: the commands that talk to a server start without the database drivers.
  const { migrateServed, openDatabase } = await import('../platform/db/database.ts');
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
    pgliteTemplate: config.pgliteTemplate,
    poolSize: 2,
  });
  try {
    if (options.migrate !== false) await migrateServed(config, db);
    return await fn(db.kysely, config, db);
  } finally {
    await db.close();
  }
}

/** The tenant named, or the bootstrap tenant (the one made on the first start). */
export async function tenantOrBootstrap(db: Kysely<Database>, id: string | undefined) {
  const tenant = id ? await getTenant(db, id) : await findBootstrapTenant(db);
  if (!tenant)
    throw new RefusedError(
      id
        ? `No tenant ${id} in this database.`
        : 'No tenant yet: start Allot once, or name one with --tenant.',
    );
  return tenant;
}
