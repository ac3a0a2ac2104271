import { sql } from 'kysely';
import pino from 'pino';
import { type Allot, createAllot } from '../src/app.ts';
import { runBilling } from '../src/billing/billing-job.ts';
import { type Clock, Temporal } from '../src/platform/clock/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { freshDatabase } from '../test/helpers/database.ts';

/**
 * One billing run renewing and invoicing N due subscriptions, against a baseline measured in the
 * same run on the same database: one set-based INSERT … SELECT writing the same number of invoices
 * and lines (the floor for any implementation that writes them).
 */
export interface RenewalFigures {
  database: string;
  subscriptions: number;
  seconds: number;
  perSecond: number;
  baselineSeconds: number;
  ratio: number;
}

const WALL: Clock = { now: () => Temporal.Instant.from('2026-02-01T06:00:00Z') };

export async function benchRenewals(n: number, databaseUrl: string | undefined): Promise<RenewalFigures> {
  const db = await freshDatabase(databaseUrl);
  const config = loadConfig({
    ...db.env,
    ALLOT_DEMO: '0',
    ALLOT_JOBS: '0',
    ALLOT_BOOTSTRAP_KEY: 'sk_bench_bootstrap_key_0000',
    LOG_LEVEL: 'silent',
  });
  const allot = await createAllot(config, { log: pino({ level: 'silent' }), clock: WALL });
  try {
    const tenantId = await seed(allot, n);
    const started = performance.now();
    const counts = await runBilling(allot.ctx, tenantId);
    const seconds = (performance.now() - started) / 1000;
    if (counts.renewed !== n || counts.invoices !== n)
      throw new Error(`expected ${n} renewals, got ${JSON.stringify(counts)}`);
    const again = await runBilling(allot.ctx, tenantId);
    if (again.renewed !== 0) throw new Error('a second run renewed again');
    const baselineSeconds = await baseline(allot, tenantId, n);
    return {
      database: db.kind,
      subscriptions: n,
      seconds,
      perSecond: n / seconds,
      baselineSeconds,
      ratio: seconds / baselineSeconds,
    };
  } finally {
    await allot.close();
    await db.drop();
  }
}

/** N monthly subscriptions over N/100 accounts, all due at the wall clock's now. */
async function seed(allot: Allot, n: number): Promise<string> {
  const k = allot.ctx.db.kysely;
  const tenant = await k.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
  const t = tenant.id;
  const now = '2026-01-01T00:00:00Z';
  await sql`insert into plans (tenant_id, id, key, name, version, created_at, updated_at) values (${t}, 'plan_bench', 'bench', 'Bench', 1, ${now}, ${now})`.execute(
    k,
  );
  const definition = JSON.stringify({
    modules: [],
    rank: 1,
    trial_days: 0,
    cancellation_window_hours: 72,
    entitlements: [],
    prices: [
      {
        billing_period: 'month',
        currency: 'EUR',
        amount: 4900,
        per_seat: false,
        consumption_unit_amount: null,
      },
    ],
  });
  await sql`insert into catalog_versions (tenant_id, id, item_id, version, definition, created_at) values (${t}, 'planv_bench', 'plan_bench', 1, ${definition}::jsonb, ${now})`.execute(
    k,
  );
  const accounts = Math.max(1, Math.floor(n / 100));
  await sql`insert into accounts (tenant_id, id, name, kind, currency, timezone, locale, billing_period, bill_to_parent, billing_basis, tax_rate_bps, created_at, updated_at)
    select ${t}, 'acct_bench_' || g, 'Account ' || g, 'customer', 'EUR', 'Europe/Paris', 'fr', 'month', false, '[]'::jsonb, 2000, ${now}, ${now}
    from generate_series(1, ${accounts}) g`.execute(k);
  await sql`insert into subscriptions (tenant_id, id, account_id, plan_id, plan_version, billing_period, currency, quantity, status, auto_renew,
      anchor_date, period_index, timezone, current_period_start, current_period_end, purchased_at, cancellable_until, scheduled_changes,
      phase_effective_at, created_at, updated_at)
    select ${t}, 'sub_bench_' || lpad(g::text, 7, '0'), 'acct_bench_' || (1 + g % ${accounts}), 'plan_bench', 1, 'month', 'EUR', 1, 'active', true,
      '2026-01-01', 0, 'Europe/Paris', '2025-12-31T23:00:00Z', '2026-01-31T23:00:00Z', ${now}, ${now}, '{}'::jsonb, ${now}, ${now}, ${now}
    from generate_series(1, ${n}) g`.execute(k);
  // Each with its timeline: the one phase its purchase began.
  await sql`insert into subscription_phases (tenant_id, subscription_id, seq, action, effective_at, status, plan_id, plan_version,
      billing_period, currency, quantity, addons, anchor_date, timezone, created_at)
    select tenant_id, id, 0, 'created', purchased_at, status, plan_id, plan_version, billing_period, currency, quantity, addons,
      anchor_date, timezone, created_at from subscriptions where tenant_id = ${t}`.execute(k);
  await sql`analyze`.execute(k);
  return t;
}

async function baseline(allot: Allot, t: string, n: number): Promise<number> {
  const k = allot.ctx.db.kysely;
  const started = performance.now();
  await k.transaction().execute(async (trx) => {
    await sql`insert into invoices (tenant_id, id, number, account_id, subscription_id, reason, status, currency, tax_rate_bps, subtotal, tax, total,
        credit_applied, amount_due, period_start, period_end, issued_at, created_at)
      select ${t}, 'inv_base_' || g, 10000000 + g, 'acct_bench_1', 'sub_bench_' || lpad(g::text, 7, '0'), 'baseline', 'open', 'EUR', 2000, 4900, 980, 5880,
        0, 5880, '2026-03-01', '2026-04-01', now(), now()
      from generate_series(1, ${n}) g`.execute(trx);
    await sql`insert into invoice_lines (tenant_id, invoice_id, position, line_key, kind, description, subscription_id, period_start, period_end, quantity, unit_amount, amount, tax)
      select ${t}, 'inv_base_' || g, 0, 'base:' || g, 'subscription', 'Bench (monthly)', 'sub_bench_' || lpad(g::text, 7, '0'), '2026-03-01', '2026-04-01', 1, 4900, 4900, 980
      from generate_series(1, ${n}) g`.execute(trx);
  });
  return (performance.now() - started) / 1000;
}
