import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets its own database: PGlite in memory, or — when DATABASE_URL names a PostgreSQL
 * server — a fresh database on it, dropped afterwards. Runs never see each other's rows.
 */
export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** Environment for a server using it. */
  env: { DATABASE_URL?: string; ALLOT_DATA_DIR: string; ALLOT_PGLITE_TEMPLATE?: string };
  drop(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL || undefined;

export async function freshDatabase(server: string | undefined = serverUrl): Promise<TestDatabase> {
  if (!server) {
    // The run's migrated database (test/helpers/global-setup.ts), copied: see ALLOT_PGLITE_TEMPLATE.
    const template = process.env.ALLOT_PGLITE_TEMPLATE;
    return {
      kind: 'pglite',
      env: { ALLOT_DATA_DIR: 'memory://', ...(template ? { ALLOT_PGLITE_TEMPLATE: template } : {}) },
      drop: async () => {},
    };
  }
  const name = `allot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), ALLOT_DATA_DIR: 'memory://' },
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
