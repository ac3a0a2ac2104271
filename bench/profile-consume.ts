// Ad hoc: one load on the consume path (SPREAD=1: over 10,000 accounts; INGEST=1: usage events in
// batches of 1,000; CHECK=1: check instead), to profile: node --cpu-prof --import tsx bench/profile-consume.ts
import pino from 'pino';
import { createAllot } from '../src/app.ts';
import { batcherFor } from '../src/entitlements/group-commit.ts';
import { loadConfig } from '../src/platform/config.ts';
import { freshDatabase } from '../test/helpers/database.ts';
import { seedSpread } from './entitlements.ts';
import { load } from './load.ts';

const KEY = 'sk_bench_bootstrap_key_0000';
const db = await freshDatabase(process.env.DATABASE_URL);
const config = loadConfig({
  ...db.env,
  ALLOT_DEMO: '0',
  ALLOT_JOBS: '0',
  ALLOT_BOOTSTRAP_KEY: KEY,
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
  return res.json() as Promise<Record<string, unknown>>;
};
await api('PUT', '/v1/catalog', {
  features: [{ key: 'tickets', name: 'Tickets', kind: 'quota' }],
  plans: [
    {
      key: 'p',
      name: 'P',
      entitlements: [{ feature: 'tickets', limit: 1_000_000_000 }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
    },
  ],
});
const acct = (await api('POST', '/v1/accounts', { name: 'Hot', currency: 'EUR' })).id as string;
await api('POST', '/v1/subscriptions', { account: acct, plan: 'p' });
const spread = process.env.SPREAD ? await seedSpread(allot.ctx.db.kysely, 10_000) : null;
const path = process.env.INGEST
  ? 'usage_events'
  : process.env.CHECK
    ? 'entitlements/check'
    : 'entitlements/consume';
const r = await load(`${url}/v1/${path}`, {
  method: 'POST',
  headers: { authorization: `Bearer ${KEY}` },
  concurrency: process.env.INGEST ? 4 : 32,
  body: process.env.INGEST
    ? { events: { account: acct, feature: 'tickets', size: 1000 } }
    : spread
      ? { spread: { accounts: spread, feature: 'tickets' } }
      : { fixed: JSON.stringify({ account: acct, feature: 'tickets' }) },
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
});
console.log(r, batcherFor(allot.ctx.db.kysely).counted);
await allot.close();
await db.drop();
