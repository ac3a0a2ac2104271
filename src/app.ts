import { sql } from 'kysely';
import type { Logger } from 'pino';
import { accountRoutes } from './accounts/routes.ts';
import { billingJob } from './billing/billing-job.ts';
import { creditNoteRoutes } from './billing/credit-note-routes.ts';
import { billingRoutes } from './billing/routes.ts';
import { pricingTableRoutes } from './catalog/pricing-table-routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { testClockRoutes } from './clocks/routes.ts';
import { loadDemo } from './demo/demo.ts';
import { forgetAllUsage, forgetUsage } from './entitlements/counters.ts';
import { entitlementRoutes } from './entitlements/routes.ts';
import { forgetAllSnapshots, forgetSnapshots } from './entitlements/snapshot.ts';
import { eventRoutes } from './events/routes.ts';
import { historyRoutes } from './history/routes.ts';
import { emailJob } from './notifications/mailer.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { TenantChanges } from './platform/changes.ts';
import { type Clock, systemClock } from './platform/clock/clock.ts';
import { DueWorkRegistry } from './platform/clock/due-work.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { startChangeFeed } from './platform/db/change-feed.ts';
import { migrateServed, openDatabase } from './platform/db/database.ts';
import { TenantScope } from './platform/db/tenant-scope.ts';
import { type AppServer, buildServer, type RouteModule } from './platform/http/server.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import { createLogger } from './platform/log.ts';
import { watch } from './platform/metrics.ts';
import { retentionJob } from './platform/retention/retention.ts';
import { startTracing } from './platform/tracing.ts';
import { portalRoutes } from './portal/routes.ts';
import { seatRoutes } from './seats/routes.ts';
import { subscriptionDueWork } from './subscriptions/renewals.ts';
import { subscriptionRoutes } from './subscriptions/routes.ts';
import { keyRoutes } from './tenants/key-routes.ts';
import { servesPublishableKeys } from './tenants/publishable.ts';
import { tenantRoutes } from './tenants/routes.ts';
import { ensureBootstrapTenant } from './tenants/tenants.ts';
import { webhookJob } from './webhooks/job.ts';
import { webhookRoutes } from './webhooks/routes.ts';

/** Every module's routes, in the order they appear in the API reference. */
const MODULES: RouteModule[] = [
  tenantRoutes,
  keyRoutes,
  catalogRoutes,
  servesPublishableKeys(pricingTableRoutes),
  accountRoutes,
  seatRoutes,
  subscriptionRoutes,
  entitlementRoutes,
  billingRoutes,
  creditNoteRoutes,
  eventRoutes,
  webhookRoutes,
  notificationRoutes,
  historyRoutes,
  portalRoutes,
  testClockRoutes,
];

export interface Allot {
  readonly ctx: AppContext;
  readonly server: AppServer;
  readonly jobs: JobRunner;
  /** The bootstrap key when this start generated it (to print once), else null. */
  readonly generatedKey: string | null;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
}

/** Opens the database, migrates it, makes the bootstrap tenant on an empty one, and builds the server. */
export async function createAllot(config: Config, options: StartOptions = {}): Promise<Allot> {
  const log = options.log ?? createLogger(config);
  const tracing = await startTracing(process.env, config.databaseUrl ? 'postgresql' : 'pglite');
  const db = await openDatabase({
    onQuery: tracing?.onQuery,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
    pgliteTemplate: config.pgliteTemplate,
    poolSize: config.dbPoolSize,
    onIdleError: (err) => log.warn({ err }, 'an idle database connection failed; it will be replaced'),
  });
  try {
    await migrateServed(config, db);
    const clock = options.clock ?? systemClock;
    const { created, generatedKey } = await ensureBootstrapTenant(db.kysely, {
      bootstrapKey: config.bootstrapKey,
      now: clock.now(),
    });
    if (created && config.demo) {
      const summary = await loadDemo(new TenantScope(created.id, db.kysely), clock.now());
      log.info({ demo: summary }, 'demo workspace loaded (start with ALLOT_DEMO=0 for an empty one)');
    }
    const ctx: AppContext = {
      config,
      db,
      clock,
      dueWork: new DueWorkRegistry(),
      log,
      changes: new TenantChanges(),
      tracing,
    };
    ctx.dueWork.register(subscriptionDueWork);
    // Snapshots hold terms, not usage: counting usage leaves them current.
    ctx.changes.subscribe(forgetSnapshots, { skipUsage: true, all: forgetAllSnapshots });
    ctx.changes.subscribe(forgetUsage, { all: forgetAllUsage });
    // Several processes on one PostgreSQL: each hears the others' writes at once.
    const feed = config.databaseUrl
      ? startChangeFeed(config.databaseUrl, db.kysely as never, ctx.changes, log)
      : undefined;
    if (feed) {
      // Serve once listening, so that no write of another process is missed; a feed that cannot listen
      // yet keeps trying while this process serves (its caches then only expire).
      const listening = await Promise.race([
        feed.ready.then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, 5_000, false).unref()),
      ]);
      if (!listening) log.warn('the change feed is not listening yet: caches expire instead until it does');
    }
    const jobs = new JobRunner(ctx);
    jobs.register(billingJob);
    jobs.register(webhookJob);
    jobs.register(retentionJob);
    jobs.register(emailJob);
    const server = await buildServer(ctx, MODULES);
    const unwatch = watch({
      pool: () => db.poolStats?.() ?? null,
      jobLag: async () => {
        const { rows } = await sql<{ lag: number | null }>`
          select extract(epoch from (now() - min(run_at)))::float8 as lag from jobs
           where run_at <= now() and (locked_until is null or locked_until < now())`.execute(db.kysely);
        return Math.max(0, Number(rows[0]?.lag ?? 0));
      },
    });
    if (config.jobs) jobs.start();
    let closed = false;
    return {
      ctx,
      server,
      jobs,
      generatedKey,
      async close() {
        if (closed) return;
        closed = true;
        unwatch();
        // The job runner finishes its tick, in-flight requests finish; then the database closes.
        await jobs.stop();
        await server.close();
        await feed?.close();
        await db.close();
        await tracing?.shutdown();
      },
    };
  } catch (error) {
    await db.close();
    await tracing?.shutdown();
    throw error;
  }
}
