/**
 * `allot tenants create | list`: the operator's, on the database itself (listing every tenant is no
 * API operation; a bootstrap key creates tenants over the API with `POST /v1/tenants`).
 */
import type { Command } from 'commander';
import { systemClock } from '../platform/clock/clock.ts';
import { createTenant, listTenants } from '../tenants/tenants.ts';
import { UsageError } from './errors.ts';
import { databaseName, withDatabase } from './offline.ts';
import { shortTime, table } from './output.ts';

export function registerTenants(program: Command): void {
  const tenants = program
    .command('tenants')
    .summary('Create and list tenants, in the database itself.')
    .description(
      'Create and list tenants in the database itself (DATABASE_URL or ALLOT_DATA_DIR; stop a server using the same PGlite folder first).',
    );

  tenants
    .command('create')
    .description('Create a tenant and its first secret key, shown once.')
    .requiredOption('--name <name>', 'the tenant’s name (its vendor’s)')
    .action(async (opts: { name: string }) => {
      const name = opts.name.trim();
      if (!name || name.length > 200) throw new UsageError('--name is 1 to 200 characters.');
      await withDatabase(async (db, config) => {
        const tenant = await createTenant(db, { name, now: systemClock.now() });
        process.stdout.write(
          `Created tenant ${tenant.id} (${tenant.name}) in ${databaseName(config)}.\n` +
            `Its secret key, shown this once:\n\n  ${tenant.secret_key}\n\n`,
        );
      });
    });

  tenants
    .command('list')
    .description('Every tenant, oldest first, with its active secret keys.')
    .action(async () => {
      await withDatabase(async (db) => {
        const rows = await listTenants(db);
        process.stdout.write(
          rows.length
            ? table(
                ['ID', 'NAME', 'CREATED', 'ACTIVE KEYS', 'BOOTSTRAP'],
                rows.map((t) => [
                  t.id,
                  t.name,
                  shortTime(t.created_at.toISOString()),
                  t.active_keys,
                  t.is_bootstrap ? 'yes' : '',
                ]),
              )
            : 'No tenants yet: `allot serve` makes the first one.\n',
        );
      });
    });
}
