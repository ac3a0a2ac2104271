/**
 * Issue 15, the hardening suite: a server killed with SIGKILL (no shutdown, no flush) in the middle of
 * usage ingest and in the middle of a billing run loses nothing and counts nothing twice once it is
 * started again and the client sends again what it was not sure of. On PostgreSQL: a real server
 * process beside the test's own Allot, on one database.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { serverUrl } from './helpers/database.ts';
import { startServerProcess } from './helpers/process.ts';
import { account, clockAt, seedCatalog, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];

beforeAll(async () => {
  if (!serverUrl) return;
  t = await startAllot();
  await seedCatalog(t);
});
afterAll(async () => {
  for (const s of servers) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
  await t?.close();
});

async function server() {
  const s = await startServerProcess({ ...t.database.env, ALLOT_DEMO: '0', ALLOT_BOOTSTRAP_KEY: t.key });
  servers.push(s);
  return s;
}

const post = (base: string, path: string, body: unknown) =>
  fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(
    (r) => r.status,
    () => 0,
  );

/** Waits until one of the server's connections is inside a transaction: the work has begun. */
async function whenWorking() {
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
             where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()
               and query not like 'LISTEN%'`.execute(t.allot.ctx.db.kysely)
        ).rows[0]!.n,
      { timeout: 20_000, interval: 1 },
    )
    .toBeGreaterThan(0);
}

describe.skipIf(!serverUrl)('killed with SIGKILL', { timeout: 180_000 }, () => {
  it('in the middle of usage ingest: after a restart and a resend, every event is counted once', async () => {
    const a = await account(t, null, { name: 'Ingest' });
    await subscribe(t, { account: a, plan: 'professional', billing_period: 'month' });
    const batches = Array.from({ length: 20 }, (_, b) => ({
      events: Array.from({ length: 50 }, (_, i) => ({
        id: `crash-${b}-${i}`,
        account: a,
        feature: 'tickets',
        quantity: 1,
      })),
    }));
    const first = await server();
    const sending = batches.map((batch) => post(first.url, '/v1/usage_events', batch));
    await Promise.race(sending);
    first.child.kill('SIGKILL');
    await first.exited;
    const statuses = await Promise.all(sending);
    // Some batches were answered, some were cut off: the client does not know which counted.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const second = await server();
    for (const batch of batches) expect(await post(second.url, '/v1/usage_events', batch)).toBe(200);
    const check = await t.api('POST', '/v1/entitlements/check', { account: a, feature: 'tickets' });
    expect(check.body.used).toBe(1000);
  });

  it('in the middle of a billing run: after a restart and a rerun, every period is invoiced once, numbers without gaps', async () => {
    const clock = await clockAt(t, '2026-01-10T09:00:00Z');
    const accounts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const a = await account(t, clock, { name: `Renewal ${i}`, timezone: 'UTC' });
      await subscribe(t, { account: a, plan: i % 2 ? 'premium' : 'professional', billing_period: 'month' });
      accounts.push(a);
    }
    const first = await server();
    const advancing = post(first.url, `/v1/test_clocks/${clock}/advance`, {
      frozen_time: '2026-03-10T10:00:00Z',
    });
    await whenWorking();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await advancing).not.toBe(200);
    // The whole advance was one transaction: the clock is where it was, and it is run again.
    expect((await t.api('GET', `/v1/test_clocks/${clock}`)).body.frozen_time).toBe(
      '2026-01-10T09:00:00.000Z',
    );
    const second = await server();
    expect(
      await post(second.url, `/v1/test_clocks/${clock}/advance`, { frozen_time: '2026-03-10T10:00:00Z' }),
    ).toBe(200);
    for (const a of accounts) {
      const periods = (await t.api('GET', `/v1/invoices?account=${a}&limit=100`)).body.data
        .map((i: { period_start: string }) => i.period_start)
        .sort();
      expect(periods, a).toEqual(['2026-01-10', '2026-02-10', '2026-03-10']);
    }
    const { rows } = await sql<{ number: number }>`select number from invoices order by number`.execute(
      t.allot.ctx.db.kysely,
    );
    expect(rows.map((r) => Number(r.number))).toEqual(rows.map((_, i) => i + 1));
    const lines = await t.allot.ctx.db.kysely.selectFrom('invoice_lines').select('line_key').execute();
    expect(new Set(lines.map((l) => l.line_key)).size).toBe(lines.length);
  });
});
