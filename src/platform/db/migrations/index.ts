import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';

/** The one list of migrations, in order. Names sort; never rename or edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
