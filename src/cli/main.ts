import closeWithGrace from 'close-with-grace';
import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { loadConfig } from '../platform/config.ts';
import { startBanner } from './banner.ts';
import { registerBilling } from './billing.ts';
import { registerCatalog } from './catalog.ts';
import { registerClocks } from './clocks.ts';
import { registerDump } from './dump.ts';
import { describeError, EXIT } from './errors.ts';
import { registerInvoices } from './invoices.ts';
import { registerKeys } from './keys.ts';
import { withDatabase } from './offline.ts';
import { registerPortal } from './portal.ts';
import { registerTenants } from './tenants.ts';

const program = new Command()
  .name('allot')
  .description('Allot: subscriptions, quotas, seats and billing for SaaS vendors.')
  .version(pkg.version, '-V, --version', 'print the version')
  // Usage errors exit 2 (commander's own exit is 1), and the error is said once, by main() below.
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .configureHelp({ showGlobalOptions: true })
  .addHelpText(
    'after',
    [
      '',
      'Configuration comes from the environment: PORT, HOST, DATABASE_URL, ALLOT_DATA_DIR, ALLOT_BOOTSTRAP_KEY, ALLOT_DEMO, LOG_LEVEL;',
      'commands that talk to a running Allot read ALLOT_URL and ALLOT_KEY (or --url, --key).',
      'Exit codes: 0 done, 1 refused (by the server or the database) or failed, 2 a usage or configuration error.',
    ].join('\n'),
  );

/** `serve` keeps running once its action returns; every other command ends the process. */
let serving = false;

program
  .command('serve')
  .description('Start the API and portal (migrates the database first).')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 4000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .action(async (opts: { port?: string; host?: string }) => {
    serving = true;
    const config = loadConfig({
      ...process.env,
      ...(opts.port ? { PORT: opts.port } : {}),
      ...(opts.host ? { HOST: opts.host } : {}),
    });
    // Loaded here: the other commands start without the server's modules.
    const [{ createAllot }, { demoPortalLinks }, { findBootstrapTenant }] = await Promise.all([
      import('../app.ts'),
      import('../demo/portal-links.ts'),
      import('../tenants/tenants.ts'),
    ]);
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
    const { migrateServed } = await import('../platform/db/database.ts');
    await withDatabase(
      async (_db, config, opened) => {
        const applied = await migrateServed(config, opened);
        process.stdout.write(
          applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n',
        );
      },
      { migrate: false },
    );
  });

registerKeys(program);
registerTenants(program);
registerClocks(program);
registerBilling(program);
registerInvoices(program);
registerCatalog(program);
registerPortal(program);
registerDump(program);

/** Ends the process once what was written has gone out (a pipe may still hold it). */
async function exit(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))),
  );
  // Explicit: a PGlite reopened on a folder leaves a timer of its own running after it is closed.
  process.exit(code);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has printed the help, the version, or what was wrong with the command line.
    await exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  const { message, code } = describeError(error);
  process.stderr.write(`allot: ${message}\n`);
  await exit(code);
}
if (!serving) await exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
