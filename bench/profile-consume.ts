// Ad hoc: one load on the consume path (SPREAD=1: over 10,000 accounts; INGEST=1: usage events in
// batches of 1,000; CHECK=1: check instead), to profile: node --cpu-prof --import tsx bench/profile-consume.ts
import { batcherFor } from '../src/entitlements/group-commit.ts';
import { benchServer, seedSpread } from './entitlements.ts';
import { load } from './load.ts';

const { allot, url, acct, headers, close } = await benchServer(process.env.DATABASE_URL);
const spread = process.env.SPREAD ? await seedSpread(allot.ctx.db.kysely, 10_000) : null;
const path = process.env.INGEST
  ? 'usage_events'
  : process.env.CHECK
    ? 'entitlements/check'
    : 'entitlements/consume';
const r = await load(`${url}/v1/${path}`, {
  method: 'POST',
  headers,
  concurrency: process.env.INGEST ? 4 : 32,
  body: process.env.INGEST
    ? { events: { account: acct, feature: 'tickets', size: 1000 } }
    : spread
      ? { spread: { accounts: spread, feature: 'tickets' } }
      : { fixed: JSON.stringify({ account: acct, feature: 'tickets' }) },
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
});
console.log(r, batcherFor(allot.ctx.db.kysely).counted);
await close();
