import closeWithGrace from 'close-with-grace';
import { Command } from 'commander';
import { Allot } from '../../sdk/index.ts';
import type { Locale, PortalPage } from '../../sdk/types.ts';
import { createAllot } from '../app.ts';
import { demoPortalLinks } from '../demo/portal-links.ts';
import { systemClock } from '../platform/clock/clock.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { migrateToLatest, openDatabase } from '../platform/db/database.ts';
import { createKey, findBootstrapTenant } from '../tenants/tenants.ts';
import { startBanner } from './banner.ts';
import { type ApiTarget, exportCatalogTo, importCatalogFrom } from './catalog.ts';

const program = new Command()
  .name('allot')
  .description('Allot: subscriptions, quotas, seats and billing for SaaS vendors.')
  .addHelpText(
    'after',
    '\nConfiguration comes from the environment: PORT, HOST, DATABASE_URL, ALLOT_DATA_DIR, ALLOT_BOOTSTRAP_KEY, ALLOT_DEMO, LOG_LEVEL.',
  );

program
  .command('serve')
  .description('Start the API and portal (migrates the database first).')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 4000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .action(async (opts: { port?: string; host?: string }) => {
    const config = loadConfig({
      ...process.env,
      ...(opts.port ? { PORT: opts.port } : {}),
      ...(opts.host ? { HOST: opts.host } : {}),
    });
    const allot = await createAllot(config);
    closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
      if (err) allot.ctx.log.error({ err }, 'shutting down after an error');
      else allot.ctx.log.info({ signal }, 'shutting down');
      await allot.close();
    });
    const address = await allot.server.listen({ port: config.port, host: config.host });
    allot.ctx.log.info({ address, database: allot.ctx.db.kind }, `Allot listening on ${address}`);
    const tenant = config.demo ? await findBootstrapTenant(allot.ctx.db.kysely) : undefined;
    const links = tenant
      ? await demoPortalLinks(allot.ctx.db.kysely, tenant.id, config.publicUrl ?? address, allot.ctx.clock)
      : [];
    // One block, after the log lines, for the person who just started it.
    process.stdout.write(
      startBanner({
        address,
        database: config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`,
        secretKey: allot.generatedKey ?? null,
        links,
      }),
    );
  });

program
  .command('migrate')
  .description('Bring the database schema to the latest version and exit.')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(db.kysely);
      process.stdout.write(
        applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n',
      );
    } finally {
      await db.close();
    }
  });

const keys = program.command('keys').description('Manage secret keys.');
keys
  .command('create')
  .description(
    'Create a secret key for a tenant and print it once (stop a server using the same PGlite folder first).',
  )
  .option('-t, --tenant <id>', 'the tenant (default: the bootstrap tenant)')
  .action(async (opts: { tenant?: string }) => {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateToLatest(db.kysely);
      const tenantId = opts.tenant ?? (await findBootstrapTenant(db.kysely))?.id;
      if (!tenantId) throw new ConfigError('No tenant yet: start Allot once, or name one with --tenant.');
      const exists = await db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      if (!exists) throw new ConfigError(`No tenant ${tenantId}.`);
      const key = await createKey(db.kysely, tenantId, systemClock.now());
      process.stdout.write(`${key.secret_key}\n`);
    } finally {
      await db.close();
    }
  });

const catalog = program
  .command('catalog')
  .description(
    'Import or export the catalog of a running Allot (YAML or JSON by extension; - for stdin/stdout).',
  )
  .option('--url <url>', 'the Allot server (default: $ALLOT_URL or http://127.0.0.1:$PORT)')
  .option('--key <key>', 'a secret key (default: $ALLOT_KEY)');
const target = (): ApiTarget => {
  const opts = catalog.opts<{ url?: string; key?: string }>();
  const key = opts.key ?? process.env.ALLOT_KEY;
  if (!key) throw new ConfigError('Give a secret key with --key or ALLOT_KEY.');
  return { url: opts.url ?? process.env.ALLOT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`, key };
};
catalog
  .command('export')
  .argument('<file>', 'where to write: catalog.yaml, catalog.json or -')
  .description('Write the whole catalog (features, plans, add-ons) to FILE.')
  .action(async (file: string) => {
    await exportCatalogTo(target(), file);
    if (file !== '-') process.stdout.write(`Catalog written to ${file}.\n`);
  });
catalog
  .command('import')
  .argument('<file>', 'what to read: catalog.yaml, catalog.json or -')
  .description('Import FILE all or nothing: every error is listed and nothing is written.')
  .action(async (file: string) => {
    try {
      const r = await importCatalogFrom(target(), file);
      process.stdout.write(
        `Imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.\n`,
      );
    } catch (error) {
      process.stderr.write(`The catalog was not imported.\n${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  });

const portal = program.command('portal').description('The customers’ portal.');
portal
  .command('link')
  .description(
    'Print a one-time link that signs a user in to the portal of a running Allot (good for 5 minutes).',
  )
  .requiredOption('-a, --account <account>', 'the account (id or external_id)')
  .requiredOption('-u, --user <user>', 'the user who signs in (id or external_id)')
  .option('-l, --locale <locale>', 'en, fr or de (default: the account’s)')
  .option('--page <page>', 'the page to land on: plans, licences, packs, users, invoices, history, subscribe')
  .option('--return-url <url>', 'where “Back to the application” leads')
  .option('--url <url>', 'the Allot server (default: $ALLOT_URL or http://127.0.0.1:$PORT)')
  .option('--key <key>', 'a secret key (default: $ALLOT_KEY)')
  .action(
    async (opts: {
      account: string;
      user: string;
      locale?: string;
      page?: string;
      returnUrl?: string;
      url?: string;
      key?: string;
    }) => {
      const key = opts.key ?? process.env.ALLOT_KEY;
      if (!key) throw new ConfigError('Give a secret key with --key or ALLOT_KEY.');
      const client = new Allot({
        baseUrl: opts.url ?? process.env.ALLOT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`,
        secretKey: key,
      });
      try {
        const session = await client.portalSessions.create({
          account: opts.account,
          user: opts.user,
          ...(opts.locale ? { locale: opts.locale as Locale } : {}),
          ...(opts.page ? { page: opts.page as PortalPage } : {}),
          ...(opts.returnUrl ? { return_url: opts.returnUrl } : {}),
        });
        process.stdout.write(`${session.url}\n`);
      } catch (error) {
        process.stderr.write(`No link: ${(error as Error).message}\n`);
        process.exitCode = 1;
      }
    },
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`allot: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
