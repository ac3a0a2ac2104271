import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from '../src/platform/clock/clock.ts';
import { purgeExpired } from '../src/platform/retention/retention.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
  await seedCatalog(t);
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.allot.ctx.db.kysely;
const tenantOf = async () => (await sql<{ id: string }>`select id from tenants`.execute(db())).rows[0]!.id;
const count = async (table: string, where = sql`true`) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(db()))
    .rows[0]!.n;

describe('retention', () => {
  it('forgets idempotency keys after a day, event ids after 400 days, finished deliveries and portal sessions after 30', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'premium' });
    const consume = () =>
      t.api('POST', '/v1/entitlements/consume', {
        account: acct,
        feature: 'tickets',
        idempotency_key: 'r-1',
      });
    expect((await consume()).body.used).toBe(1);
    expect((await consume()).body).toMatchObject({ used: 1, replayed: true });
    const ingested = await t.api('POST', '/v1/usage_events', {
      events: [{ id: 'evt-r-1', account: acct, feature: 'tickets', quantity: 1 }],
    });
    expect(ingested.body.accepted).toBe(1);
    const created = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Kept a day', currency: 'EUR' },
      { headers: { 'idempotency-key': 'acct-r-1' } },
    );
    expect(created.status).toBe(201);
    const user = await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: 'p@retained.example.com',
      name: 'P',
    });
    const session = await t.api('POST', '/v1/portal_sessions', { account: acct, user: user.body.id });
    expect(session.status).toBe(201);
    const endpoint = await t.api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/hook' });
    expect(endpoint.status).toBe(201);
    const tenant = await tenantOf();
    const at = new Date();
    for (const [id, status] of [
      ['whd_r_done', 'succeeded'],
      ['whd_r_failed', 'failed'],
      ['whd_r_pending', 'pending'],
    ] as const) {
      await sql`insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, created_at)
        values (${tenant}, ${id}, ${endpoint.body.id}, ${`evt_${id}`}, ${status}, ${at})`.execute(db());
    }

    const now = Temporal.Now.instant();
    const within = await purgeExpired(db(), tenant, now.add({ hours: 23 }));
    expect(Object.values(within).every((n) => n === 0)).toBe(true);

    const day = await purgeExpired(db(), tenant, now.add({ hours: 25 }));
    expect(day['Idempotency-Key answers']).toBeGreaterThanOrEqual(1);
    expect(day['consume and release idempotency keys']).toBeGreaterThanOrEqual(1);
    expect(await count('idempotency_keys', sql`key = 'acct-r-1'`)).toBe(0);
    expect(await count('usage_keys', sql`key = 'consume:r-1'`)).toBe(0);
    expect(await count('usage_keys', sql`key = 'event:evt-r-1'`)).toBe(1);
    // Forgotten, the key counts anew: a day is the promise, not forever.
    expect((await consume()).body).toMatchObject({ used: 3 });
    expect(
      (
        await t.api('POST', '/v1/usage_events', {
          events: [{ id: 'evt-r-1', account: acct, feature: 'tickets', quantity: 1 }],
        })
      ).body,
    ).toMatchObject({ accepted: 0, duplicates: 1 });

    expect(await count('portal_sessions', sql`id = ${session.body.id}`)).toBe(1);
    await purgeExpired(db(), tenant, now.add({ hours: 31 * 24 }));
    expect(await count('portal_sessions', sql`id = ${session.body.id}`)).toBe(0);
    expect(await count('webhook_deliveries', sql`id like 'whd_r_%'`)).toBe(1);
    expect(await count('webhook_deliveries', sql`id = 'whd_r_pending'`)).toBe(1);
    expect(await count('usage_keys', sql`key = 'event:evt-r-1'`)).toBe(1);

    await purgeExpired(db(), tenant, now.add({ hours: 401 * 24 }));
    expect(await count('usage_keys', sql`key = 'event:evt-r-1'`)).toBe(0);
  });
});
