import Fastify from 'fastify';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { benchSnapshotCheck } from '../sdk/bench-check.ts';
import { Allot } from '../sdk/index.ts';
import { createAllot } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { freshDatabase } from '../test/helpers/database.ts';
import { copyBaseline } from './copy-baseline.ts';
import { load } from './load.ts';

const KEY = 'sk_bench_bootstrap_key_0000';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

export interface Row {
  benchmark: string;
  database: string;
  measured: string;
  baseline: string;
  ratio: string;
}

/**
 * A server on a fresh database with a one-feature catalog (`p`: a billion tickets, `p10k`: ten
 * thousand) and one account on `p`: what every entitlement benchmark starts from.
 */
export async function benchServer(databaseUrl: string | undefined) {
  const db = await freshDatabase(databaseUrl);
  const config = loadConfig({
    ...db.env,
    ALLOT_DEMO: '0',
    ALLOT_JOBS: '0',
    ALLOT_BOOTSTRAP_KEY: KEY,
    // The per-key limiter runs, as in production, with a limit the load never reaches.
    ALLOT_RATE_LIMIT: '1000000000',
    ALLOT_PORTAL_RATE_LIMIT: '1000000000',
    LOG_LEVEL: 'silent',
  });
  const allot = await createAllot(config, { log: pino({ level: 'silent' }) });
  const url = await allot.server.listen({ port: 0, host: '127.0.0.1' });
  const api = async (method: string, path: string, body: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const close = async () => {
    await allot.close();
    await db.drop();
  };
  try {
    await api('PUT', '/v1/catalog', {
      features: [{ key: 'tickets', name: 'Tickets', kind: 'quota' }],
      plans: [
        {
          key: 'p',
          name: 'P',
          entitlements: [{ feature: 'tickets', limit: 1_000_000_000 }],
          prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
        },
        {
          key: 'p10k',
          name: 'P10k',
          entitlements: [{ feature: 'tickets', limit: 10_000 }],
          prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
        },
      ],
    });
    const acct = (await api('POST', '/v1/accounts', { name: 'Hot', currency: 'EUR' })).id as string;
    await api('POST', '/v1/subscriptions', { account: acct, plan: 'p' });
    const headers = { authorization: `Bearer ${KEY}` };
    return { db, allot, url, api, acct, headers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The entitlement hot paths, each beside a baseline measured in the same run. */
export async function benchEntitlements(databaseUrl: string | undefined): Promise<Row[]> {
  const { db, allot, url, api, acct, headers, close } = await benchServer(databaseUrl);
  const rows: Row[] = [];
  try {
    // HTTP check vs a bare Fastify route answering the same JSON.
    const answer = await api('POST', '/v1/entitlements/check', { account: acct, feature: 'tickets' });
    const bare = Fastify();
    bare.post('/check', async () => answer);
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const checkBody = JSON.stringify({ account: acct, feature: 'tickets' });
    const base = await load(`${bareUrl}/check`, {
      method: 'POST',
      body: { fixed: checkBody },
      concurrency: 32,
      seconds: SECONDS,
    });
    const ours = await load(`${url}/v1/entitlements/check`, {
      method: 'POST',
      headers,
      body: { fixed: checkBody },
      concurrency: 32,
      seconds: SECONDS,
    });
    await bare.close();
    rows.push({
      benchmark: 'HTTP check, 32 clients',
      database: db.kind,
      measured: `${fmt(ours.perSecond)}/s`,
      baseline: `bare Fastify route, same JSON: ${fmt(base.perSecond)}/s`,
      ratio: `${(ours.perSecond / base.perSecond).toFixed(2)}× (goal ≥ 0.6×)`,
    });

    // The SDK's check from its local snapshot, beside a bare Map lookup and comparison (the floor).
    const sdk = new Allot({ baseUrl: url, secretKey: KEY });
    await sdk.entitlements.check({ account: acct, feature: 'tickets' });
    const fromSnapshot = benchSnapshotCheck(sdk, acct, 'tickets', 5_000_000);
    const floor = mapFloor(5_000_000);
    rows.push({
      benchmark: 'SDK check from its local snapshot',
      database: db.kind,
      measured: `${fmt(fromSnapshot.perSecond)}/s`,
      baseline: `Map.get and a comparison: ${fmt(floor)}/s`,
      ratio: `${(fromSnapshot.perSecond / floor).toFixed(2)}× (goal ≥ 1M/s)`,
    });

    // Consume on one hot account, 32 clients, vs the same 32 clients on a bare route running one plain
    // conditional UPDATE per request (per-request row locks: what group commit replaces).
    const hot = await load(`${url}/v1/entitlements/consume`, {
      method: 'POST',
      headers,
      body: { fixed: checkBody },
      concurrency: 32,
      seconds: SECONDS,
    });
    const counted = Number(
      (await api('POST', '/v1/entitlements/check', { account: acct, feature: 'tickets' })).used,
    );
    // Zero overshoot: the same load on a quota of 10,000 it runs through within the run.
    const capped = (await api('POST', '/v1/accounts', { name: 'Capped', currency: 'EUR' })).id as string;
    await api('POST', '/v1/subscriptions', { account: capped, plan: 'p10k' });
    const cappedBody = JSON.stringify({ account: capped, feature: 'tickets' });
    const cap = await load(`${url}/v1/entitlements/consume`, {
      method: 'POST',
      headers,
      body: { fixed: cappedBody },
      concurrency: 32,
      seconds: SECONDS,
    });
    const cappedUsed = Number(
      (await api('POST', '/v1/entitlements/check', { account: capped, feature: 'tickets' })).used,
    );
    const overshoot = `quota of 10,000 under the same load: ${cap.statuses[200] ?? 0} answered 200, ${cap.statuses[409] ?? 0} answered 409, counter at ${cappedUsed.toLocaleString('en')}`;
    const plainHot = await plainUpdateRoute(allot.ctx.db.kysely, db.env.DATABASE_URL, 1, SECONDS);
    rows.push({
      benchmark: `consume, one hot account, 32 clients (${counted.toLocaleString('en')} counted, ${hot.statuses[200] ?? 0} answered 200; ${overshoot})`,
      database: db.kind,
      measured: `${fmt(hot.perSecond)}/s`,
      baseline: `bare route, one plain UPDATE … WHERE used + 1 <= limit per request: ${fmt(plainHot.http)}/s (the UPDATE alone, no HTTP: ${fmt(plainHot.sql)}/s)`,
      ratio: `${(hot.perSecond / plainHot.http).toFixed(2)}× (goal ≥ 3×); ${(hot.perSecond / plainHot.sql).toFixed(2)}× the UPDATE alone`,
    });

    // Consume spread over 10,000 accounts, vs the same plain conditional UPDATE on 10,000 rows.
    const spread = await seedSpread(allot.ctx.db.kysely, 10_000);
    const wide = await load(`${url}/v1/entitlements/consume`, {
      method: 'POST',
      headers,
      body: { spread: { accounts: spread, feature: 'tickets' } },
      concurrency: 32,
      seconds: SECONDS,
    });
    const plainWide = await plainUpdateRoute(allot.ctx.db.kysely, db.env.DATABASE_URL, 10_000, SECONDS);
    rows.push({
      benchmark: `consume spread over 10,000 accounts, 32 clients (${wide.statuses[200] ?? 0} answered 200)`,
      database: db.kind,
      measured: `${fmt(wide.perSecond)}/s`,
      baseline: `bare route, one plain UPDATE per request over 10,000 rows: ${fmt(plainWide.http)}/s (the UPDATE alone: ${fmt(plainWide.sql)}/s)`,
      ratio: `${(wide.perSecond / plainWide.http).toFixed(2)}×; ${(wide.perSecond / plainWide.sql).toFixed(2)}× the UPDATE alone`,
    });

    // Batched usage ingest: 1,000 events per request.
    const ingest = await load(`${url}/v1/usage_events`, {
      method: 'POST',
      headers,
      body: { events: { account: acct, feature: 'tickets', size: 1000 } },
      concurrency: 4,
      seconds: SECONDS,
    });
    const copied = await copyBaseline(databaseUrl, 1000, 4, SECONDS);
    rows.push({
      benchmark: 'usage events, batches of 1,000, 4 clients (validated, de-duplicated, counted)',
      database: db.kind,
      measured: `${fmt(ingest.perSecond * 1000)} events/s`,
      baseline: `COPY of the same rows in batches of 1,000, 4 clients: ${fmt(copied)} rows/s`,
      ratio: `${((ingest.perSecond * 1000) / copied).toFixed(2)}× (goal ≥ 0.5×)`,
    });
  } finally {
    await close();
  }
  return rows;
}

/**
 * The baseline for consume: one `UPDATE … WHERE used + 1 <= limit` per request, on the same database —
 * behind a bare Fastify route loaded by the same 32 clients, and alone (32 connections, no HTTP).
 */
async function plainUpdateRoute(
  k: Kysely<Database>,
  url: string | undefined,
  rowCount: number,
  seconds: number,
): Promise<{ http: number; sql: number }> {
  const pool = url ? new pg.Pool({ connectionString: url, max: 32 }) : null;
  const run = async (text: string, values: unknown[] = []) => {
    if (pool) await pool.query(text, values);
    else await sql.raw(text.replace(/\$(\d+)/g, (_, i) => String(values[Number(i) - 1]))).execute(k);
  };
  await run(
    'create table if not exists bench_plain (id int primary key, used bigint not null, lim bigint not null)',
  );
  await run(
    `insert into bench_plain select g, 0, 1000000000 from generate_series(1, ${rowCount}) g on conflict (id) do update set used = 0`,
  );
  const update = (id: number) =>
    run('update bench_plain set used = used + 1 where id = $1 and used + 1 <= lim', [id]);
  const pick = () => 1 + Math.floor(Math.random() * rowCount);

  const bare = Fastify();
  bare.post('/consume', async () => {
    await update(pick());
    return { allowed: true };
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const viaHttp = await load(`${bareUrl}/consume`, {
    method: 'POST',
    body: { fixed: '{}' },
    concurrency: 32,
    seconds,
  });
  await bare.close();

  let n = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < deadline) {
        await update(pick());
        n++;
      }
    }),
  );
  const alone = n / ((performance.now() - started) / 1000);
  await run('drop table bench_plain');
  await pool?.end();
  return { http: viaHttp.perSecond, sql: alone };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function mapFloor(iterations: number): number {
  const m = new Map([['tickets', { used: 1, ceiling: 1_000_000_000 }]]);
  let allowed = 0;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const slot = m.get('tickets');
    if (slot && slot.used + 1 <= slot.ceiling) allowed++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (allowed !== iterations) throw new Error('floor loop miscounted');
  return iterations / seconds;
}

/** N accounts on plan `p`, each with a live subscription, written set-based. */
export async function seedSpread(k: Kysely<Database>, n: number): Promise<string[]> {
  const tenant = (await k.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
  const plan = await k
    .selectFrom('plans')
    .select(['id', 'version'])
    .where('key', '=', 'p')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await sql`insert into accounts (tenant_id, id, name, kind, currency, timezone, locale, billing_period, bill_to_parent, billing_basis, tax_rate_bps, created_at, updated_at)
    select ${tenant}, 'acct_spread_' || g, 'Spread ' || g, 'customer', 'EUR', 'UTC', 'en', 'month', false, '[]'::jsonb, 0, ${now}, ${now}
    from generate_series(1, ${n}::int) g`.execute(k);
  await sql`insert into subscriptions (tenant_id, id, account_id, plan_id, plan_version, billing_period, currency, quantity, status, auto_renew,
      anchor_date, period_index, timezone, current_period_start, current_period_end, purchased_at, cancellable_until, scheduled_changes,
      phase_effective_at, created_at, updated_at)
    select ${tenant}, 'sub_spread_' || g, 'acct_spread_' || g, ${plan.id}, ${plan.version}, 'month', 'EUR', 1, 'active', true,
      to_char(now(), 'YYYY-MM-DD'), 0, 'UTC', date_trunc('day', now()), date_trunc('day', now()) + interval '1 month', ${now}, ${now}, '{}'::jsonb,
      ${now}, ${now}, ${now}
    from generate_series(1, ${n}::int) g`.execute(k);
  await sql`insert into subscription_phases (tenant_id, subscription_id, seq, action, effective_at, status, plan_id, plan_version,
      billing_period, currency, quantity, addons, anchor_date, timezone, created_at)
    select tenant_id, id, 0, 'created', purchased_at, status, plan_id, plan_version, billing_period, currency, quantity, addons,
      anchor_date, timezone, created_at from subscriptions where tenant_id = ${tenant} and id like 'sub_spread_%'`.execute(
    k,
  );
  // As autovacuum would on a live database: the planner needs statistics to use the indexes.
  await sql`analyze accounts`.execute(k);
  await sql`analyze subscriptions`.execute(k);
  return Array.from({ length: n }, (_, i) => `acct_spread_${i + 1}`);
}
