import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batcherFor } from '../src/entitlements/group-commit.ts';
import { BOOTSTRAP_KEY, startAllot, type TestAllot } from './helpers/allot.ts';
import { serverUrl } from './helpers/database.ts';
import { startServerProcess } from './helpers/process.ts';
import { account, advance, clockAt, seedCatalog, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
  await seedCatalog(t);
  const features = [
    { key: 'companies', name: 'Linked companies', kind: 'counter' },
    { key: 'emails', name: 'E-mails', kind: 'credit' },
    { key: 'api-calls', name: 'API calls', kind: 'quota' },
  ];
  for (const f of features) expect((await t.api('POST', '/v1/features', f)).status).toBe(201);
  const plan = await t.api('POST', '/v1/plans', {
    key: 'hundred',
    name: 'Hundred',
    entitlements: [
      { feature: 'tickets', limit: 100, warn_at: [80, 100] },
      { feature: 'companies', limit: 3 },
      { feature: 'emails', limit: 50 },
      { feature: 'api-calls', limit: 10, overage: 'bill', overage_unit_amount: 2 },
      { feature: 'sso', enabled: false },
    ],
    prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const pack = await t.api('POST', '/v1/addons', {
    key: 'emails-100',
    name: '100 e-mails',
    grants: [{ feature: 'emails', amount: 100 }],
    prices: [{ billing_period: 'once', currency: 'EUR', amount: 500 }],
  });
  expect(pack.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const consume = (acct: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', ...body }, { headers });
const usedOf = async (acct: string, feature = 'tickets') =>
  (await t.api('POST', '/v1/entitlements/check', { account: acct, feature })).body.used as number;

describe('consume', () => {
  it('lets exactly 100 of 200 concurrent consumes through a quota of 100', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    const answers = await Promise.all(Array.from({ length: 200 }, () => consume(acct)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(100);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(100);
    expect(refused[0]!.body).toMatchObject({
      code: 'quota_exceeded',
      limit: 100,
      used: 100,
      feature: 'tickets',
    });
    expect(await usedOf(acct)).toBe(100);
  });

  it.runIf(serverUrl !== undefined)('stays exact with two server processes on one PostgreSQL', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    const other = await startServerProcess({
      ...t.database.env,
      ALLOT_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
      ALLOT_DEMO: '0',
    });
    try {
      const hit = (url: string) =>
        fetch(`${url}/v1/entitlements/consume`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ account: acct, feature: 'tickets' }),
        }).then((r) => r.status);
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => hit(i % 2 ? other.url : t.url)),
      );
      expect(
        statuses.filter((s) => s !== 200 && s !== 409),
        String(statuses),
      ).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(100);
      expect(statuses.filter((s) => s === 409)).toHaveLength(100);
    } finally {
      other.child.kill('SIGTERM');
      await other.exited;
    }
    // Counted in the database: a check here may lag the other process's consumes by a second.
    const counted = await t.allot.ctx.db.kysely
      .selectFrom('usage_counters')
      .select((eb) => eb.fn.sum<string>('used').as('used'))
      .where('account_id', '=', acct)
      .where('feature', '=', 'tickets')
      .executeTakeFirstOrThrow();
    expect(Number(counted.used)).toBe(100);
  });

  it('counts the same idempotency key once, three times over, in the body or the header', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await consume(acct, { quantity: 5, idempotency_key: 'ticket-42' }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[2]!.body).toMatchObject({ used: 5, replayed: true });
    for (let i = 0; i < 3; i++) await consume(acct, { quantity: 2 }, { 'idempotency-key': 'ticket-43' });
    expect(await usedOf(acct)).toBe(7);
    // At once, too: merged into one batch or not, a key counts once.
    const together = await Promise.all(
      Array.from({ length: 3 }, () => consume(acct, { quantity: 4, idempotency_key: 'ticket-44' })),
    );
    expect(together.map((a) => a.body.used)).toEqual([11, 11, 11]);
    expect(await usedOf(acct)).toBe(11);
  });

  it('refuses an idempotency key reused for another consume (422), counting nothing', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    expect((await consume(acct, { quantity: 2, idempotency_key: 'k-1' })).status).toBe(200);
    const other = await consume(acct, { quantity: 3, idempotency_key: 'k-1' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'idempotency_key_reused',
      errors: [{ field: 'idempotency_key' }],
    });
    // The header is held to the same rule, and named in the error.
    expect((await consume(acct, { quantity: 1 }, { 'idempotency-key': 'k-2' })).status).toBe(200);
    const viaHeader = await consume(acct, { feature: 'companies' }, { 'idempotency-key': 'k-2' });
    expect(viaHeader.status).toBe(422);
    expect(viaHeader.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    // Reused at once in one batch: the first is counted, the other refused.
    const together = await Promise.all([
      consume(acct, { quantity: 4, idempotency_key: 'k-3' }),
      consume(acct, { quantity: 5, idempotency_key: 'k-3' }),
    ]);
    expect(together.map((a) => a.status).sort()).toEqual([200, 422]);
    const twoKeys = await consume(acct, { idempotency_key: 'k-4' }, { 'idempotency-key': 'k-5' });
    expect(twoKeys.status).toBe(400);
    expect(twoKeys.body.errors[0].field).toBe('Idempotency-Key');
    expect(await usedOf(acct)).toBe(2 + 1 + (together[0]!.status === 200 ? 4 : 5));
    expect(await usedOf(acct, 'companies')).toBe(0);
  });

  it('counts quiet consumes (no threshold near) with one statement per batch, and stays exact', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    const batcher = batcherFor(t.allot.ctx.db.kysely);
    expect((await consume(acct, { quantity: 10 })).status).toBe(200); // opens the counter: locked path
    const before = { ...batcher.counted };
    const answers = await Promise.all(Array.from({ length: 60 }, () => consume(acct)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // Quiet up to the 80% warning; the consumes that reach it take the locked path and warn.
    expect(batcher.counted.quiet - before.quiet).toBeGreaterThan(0);
    expect(batcher.counted.quiet - before.quiet + batcher.counted.locked - before.locked).toBe(60);
    expect(answers.map((a) => a.body.used).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 60 }, (_, i) => 11 + i),
    );
    expect(await usedOf(acct)).toBe(70);
    const warnings = await sql<{ n: number }>`
      select count(*)::int as n from events where account_id = ${acct} and type = 'quota.warning'`.execute(
      t.allot.ctx.db.kysely,
    );
    expect(warnings.rows[0]!.n).toBe(0);
    const more = await Promise.all(Array.from({ length: 40 }, () => consume(acct)));
    expect(more.filter((a) => a.status === 200)).toHaveLength(30);
    const events = await sql<{ type: string; threshold: number | null }>`
      select type, (data->>'threshold')::int as threshold from events
      where account_id = ${acct} and type like 'quota.%' order by occurred_at, id`.execute(
      t.allot.ctx.db.kysely,
    );
    expect(events.rows).toEqual([
      { type: 'quota.warning', threshold: 80 },
      { type: 'quota.warning', threshold: 100 },
      { type: 'quota.exhausted', threshold: null },
    ]);
  });

  it('answers a check right after a consume in the same process with the new usage', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    expect(await usedOf(acct)).toBe(0);
    await consume(acct, { quantity: 3 });
    expect(await usedOf(acct)).toBe(3);
  });

  it("decides on the account's current terms even when this process's cache is stale", async () => {
    const ten = await t.api('POST', '/v1/plans', {
      key: 'ten',
      name: 'Ten',
      entitlements: [{ feature: 'tickets', limit: 10 }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
    });
    expect(ten.status).toBe(201);
    const acct = await account(t, null);
    const sub = await subscribe(t, { account: acct, plan: 'hundred' });
    expect((await consume(acct, { quantity: 5 })).status).toBe(200);
    // Another process downgrades the plan: this one is not told, its cache still says 100.
    await sql`update subscriptions set plan_id = ${ten.body.id}, plan_version = 1, updated_at = now() where id = ${sub.id}`.execute(
      t.allot.ctx.db.kysely,
    );
    const over = await consume(acct, { quantity: 10 });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'quota_exceeded', limit: 10, used: 5 });
    expect((await consume(acct, { quantity: 5 })).body).toMatchObject({ used: 10, limit: 10 });
  });

  it('refuses bad input, naming the field, and counts nothing', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    for (const [quantity, field] of [
      [0, 'quantity'],
      [-3, 'quantity'],
      [1.5, 'quantity'],
      [10_000_000_000, 'quantity'],
      ['7', 'quantity'],
    ] as const) {
      const res = await consume(acct, { quantity });
      expect(res.status, JSON.stringify(quantity)).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
    const unknown = await consume(acct, { feature: 'ghosts' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('feature');
    const noAccount = await consume('acct_nobody');
    expect(noAccount.body.errors[0].field).toBe('account');
    const extra = await consume(acct, { admin: true });
    expect(extra.body.errors[0].field).toBe('admin');
    expect(await usedOf(acct)).toBe(0);
  });
});

describe('warnings and resets', () => {
  it('warns once per threshold, says exhausted at the limit, and resets on the next period', async () => {
    const clock = await clockAt(t, '2026-04-01T08:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'hundred' });
    const events = async (type: string) =>
      (await t.api('GET', `/v1/events?account=${acct}&type=${type}`)).body.data;
    await consume(acct, { quantity: 79 });
    expect(await events('quota.warning')).toHaveLength(0);
    await consume(acct, { quantity: 1 });
    await consume(acct, { quantity: 5 });
    const warnings = await events('quota.warning');
    expect(warnings.map((e: { data: { threshold: number } }) => e.data.threshold)).toEqual([80]);
    const check = await t.api('POST', '/v1/entitlements/check', {
      account: acct,
      feature: 'tickets',
      quantity: 15,
    });
    expect(check.body).toMatchObject({ allowed: true, used: 85, remaining: 15, state: 'warning' });
    await consume(acct, { quantity: 15 });
    expect((await consume(acct)).status).toBe(409);
    expect(
      (await events('quota.warning')).map((e: { data: { threshold: number } }) => e.data.threshold),
    ).toEqual([100, 80]);
    expect(await events('quota.exhausted')).toHaveLength(1);
    const ents = (await t.api('GET', `/v1/accounts/${acct}/entitlements`)).body.data;
    expect(ents.find((e: { feature: string }) => e.feature === 'tickets')).toMatchObject({
      used: 100,
      remaining: 0,
      state: 'exhausted',
      period_start: '2026-04-01T00:00:00.000Z',
      period_end: '2026-05-01T00:00:00.000Z',
    });

    await advance(t, clock, '2026-05-01T00:00:01Z');
    expect((await events('quota.reset')).map((e: { data: { feature: string } }) => e.data.feature)).toEqual([
      'tickets',
    ]);
    const fresh = await consume(acct);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ used: 1, period_start: '2026-05-01T00:00:00.000Z' });
    expect(await events('quota.warning')).toHaveLength(2);
  });
});

describe('monthly quotas on an annual plan', () => {
  it('count per month from the anchor, and announce the reset when the new month opens', async () => {
    const plan = await t.api('POST', '/v1/plans', {
      key: 'annual-monthly',
      name: 'Annual, monthly quota',
      entitlements: [{ feature: 'api-calls', limit: 5, reset: 'month' }],
      prices: [{ billing_period: 'year', currency: 'EUR', amount: 10000 }],
    });
    expect(plan.status).toBe(201);
    const clock = await clockAt(t, '2026-01-31T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', billing_period: 'year' });
    await subscribe(t, { account: acct, plan: 'annual-monthly', billing_period: 'year' });
    expect((await consume(acct, { feature: 'api-calls', quantity: 5 })).body).toMatchObject({
      used: 5,
      period_start: '2026-01-31T00:00:00.000Z',
      period_end: '2026-02-28T00:00:00.000Z',
    });
    expect((await consume(acct, { feature: 'api-calls' })).status).toBe(409);
    await advance(t, clock, '2026-02-28T10:00:00Z');
    const next = await consume(acct, { feature: 'api-calls', quantity: 2 });
    expect(next.body).toMatchObject({
      used: 2,
      period_start: '2026-02-28T00:00:00.000Z',
      period_end: '2026-03-31T00:00:00.000Z',
    });
    const resets = (await t.api('GET', `/v1/events?account=${acct}&type=quota.reset`)).body.data;
    expect(resets.map((e: { data: { feature: string; previous_used: number } }) => e.data)).toMatchObject([
      { feature: 'api-calls', previous_used: 5 },
    ]);
  });
});

describe('what a stale cache or a retry must not change', () => {
  const resetsOf = async (acct: string) =>
    (await t.api('GET', `/v1/events?account=${acct}&type=quota.reset`)).body.data.map(
      (e: { data: { previous_used: number } }) => e.data.previous_used,
    );

  it('sees a plan change made at the same frozen instant by another process', async () => {
    const clock = await clockAt(t, '2026-05-10T09:00:00Z');
    const acct = await account(t, clock);
    const sub = await subscribe(t, { account: acct, plan: 'hundred' });
    expect((await consume(acct, { quantity: 5 })).status).toBe(200);
    // Another process moves it to a plan of 10 at the same instant: updated_at does not change.
    const ten = (await t.api('GET', '/v1/plans/ten')).body.id as string;
    await sql`update subscriptions set plan_id = ${ten}, plan_version = 1 where id = ${sub.id}`.execute(
      t.allot.ctx.db.kysely,
    );
    const over = await consume(acct, { quantity: 20 });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'quota_exceeded', limit: 10, used: 5 });
  });

  it('refuses nothing on cached terms: a feature granted a moment ago is usable', async () => {
    const acct = await account(t, null);
    const sub = await subscribe(t, { account: acct, plan: 'ten' });
    expect((await consume(acct)).status).toBe(200);
    const hundred = (await t.api('GET', '/v1/plans/hundred')).body.id as string;
    await sql`update subscriptions set plan_id = ${hundred}, plan_version = 1 where id = ${sub.id}`.execute(
      t.allot.ctx.db.kysely,
    );
    const companies = await consume(acct, { feature: 'companies' });
    expect(companies.status, JSON.stringify(companies.body)).toBe(200);
  });

  it('consumes a feature another process added a moment ago, though this one keeps the catalog', async () => {
    const k = t.allot.ctx.db.kysely;
    const buyer = await account(t, null);
    const sub = await subscribe(t, { account: buyer, plan: 'ten' });
    const other = await account(t, null);
    await subscribe(t, { account: other, plan: 'ten' });
    // The first load since the last write here: this process now keeps the catalog's features.
    expect((await consume(other)).status).toBe(200);
    // Another process adds a feature and a plan granting it, and moves the subscription onto it.
    await sql`insert into features (tenant_id, id, key, name, kind, created_at, updated_at)
      select tenant_id, 'feature_exports', 'exports', 'Exports', 'quota', now(), now() from plans where key = 'ten'`.execute(
      k,
    );
    await sql`insert into plans (tenant_id, id, key, name, version, created_at, updated_at)
      select tenant_id, 'plan_exports', 'exports', 'Exports', 1, now(), now() from plans where key = 'ten'`.execute(
      k,
    );
    await sql`insert into catalog_versions (tenant_id, id, item_id, version, definition, created_at)
      select v.tenant_id, 'planv_exports', 'plan_exports', 1, replace(v.definition::text, '"tickets"', '"exports"')::jsonb, now()
      from catalog_versions v join plans p on p.tenant_id = v.tenant_id and p.id = v.item_id and p.version = v.version
      where p.key = 'ten'`.execute(k);
    await sql`update subscriptions set plan_id = 'plan_exports', plan_version = 1 where id = ${sub.id}`.execute(
      k,
    );
    const exported = await consume(buyer, { feature: 'exports', quantity: 2 });
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    expect(exported.body).toMatchObject({ feature: 'exports', used: 2, limit: 10 });
    expect((await consume(buyer, { feature: 'exports', quantity: 9 })).status).toBe(409);
  });

  it('replays a keyed consume after the subscription ended, instead of refusing the retry', async () => {
    const acct = await account(t, null);
    const sub = await subscribe(t, { account: acct, plan: 'hundred' });
    expect((await consume(acct, { quantity: 3, idempotency_key: 'lost-answer' })).status).toBe(200);
    expect((await t.api('POST', `/v1/subscriptions/${sub.id}/cancel`, {})).status).toBe(200);
    const retry = await consume(acct, { quantity: 3, idempotency_key: 'lost-answer' });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ used: 3, replayed: true });
    expect((await consume(acct, { quantity: 4, idempotency_key: 'lost-answer' })).status).toBe(422);
  });

  it('announces a month’s reset once, even when a check read the new month first', async () => {
    const clock = await clockAt(t, '2026-01-31T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', billing_period: 'year' });
    await subscribe(t, { account: acct, plan: 'annual-monthly', billing_period: 'year' });
    expect((await consume(acct, { feature: 'api-calls', quantity: 4 })).status).toBe(200);
    await advance(t, clock, '2026-02-28T10:00:00Z');
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: acct, feature: 'api-calls' })).body.used,
    ).toBe(0);
    expect((await consume(acct, { feature: 'api-calls' })).body.used).toBe(1);
    expect(await resetsOf(acct)).toEqual([4]);
    // Usage events open the next month's counter: they announce its reset too.
    await advance(t, clock, '2026-03-31T10:00:00Z');
    const events = await t.api('POST', '/v1/usage_events', {
      events: [{ id: `m-${acct}`, account: acct, feature: 'api-calls', quantity: 2 }],
    });
    expect(events.body.accepted).toBe(1);
    expect(await resetsOf(acct)).toEqual([1, 4]);
  });

  it('announces a monthly plan’s reset once, at the renewal', async () => {
    const plan = await t.api('POST', '/v1/plans', {
      key: 'monthly-monthly',
      name: 'Monthly, monthly quota',
      entitlements: [{ feature: 'api-calls', limit: 5, reset: 'month' }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
    });
    expect(plan.status).toBe(201);
    const clock = await clockAt(t, '2026-03-01T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'monthly-monthly' });
    expect((await consume(acct, { feature: 'api-calls', quantity: 4 })).status).toBe(200);
    await advance(t, clock, '2026-04-01T10:00:00Z');
    expect((await consume(acct, { feature: 'api-calls' })).body.used).toBe(1);
    expect(await resetsOf(acct)).toEqual([4]);
  });
});

describe('kinds of features', () => {
  it('answers a boolean by the plan’s tier, and refuses to consume it', async () => {
    const low = await account(t, null);
    await subscribe(t, { account: low, plan: 'hundred' });
    const high = await account(t, null);
    await subscribe(t, { account: high, plan: 'agents', quantity: 1 });
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: low, feature: 'sso' })).body,
    ).toMatchObject({ allowed: false, reason: 'disabled' });
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: high, feature: 'sso' })).body,
    ).toMatchObject({ allowed: true, enabled: true });
    expect((await consume(high, { feature: 'sso' })).status).toBe(400);
    // The check answers from this process's snapshot cache; a committed change forgets it at once.
    const sub = (await t.api('GET', `/v1/subscriptions?account=${low}`)).body.data[0];
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'agents', quantity: 1 });
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: low, feature: 'sso' })).body,
    ).toMatchObject({ allowed: true });
  });

  it('answers not allowed, with the reason, without an active subscription', async () => {
    const acct = await account(t, null);
    const check = await t.api('POST', '/v1/entitlements/check', { account: acct, feature: 'tickets' });
    expect(check.body).toMatchObject({ allowed: false, reason: 'no_active_subscription' });
    const res = await consume(acct);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ allowed: false, reason: 'no_active_subscription' });
    expect((await t.api('GET', `/v1/accounts/${acct}/entitlements`)).body.data).toEqual([]);
  });

  it('counts counters up and down, never resets them, and blocks at their ceiling', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    for (let i = 0; i < 3; i++) expect((await consume(acct, { feature: 'companies' })).status).toBe(200);
    expect((await consume(acct, { feature: 'companies' })).status).toBe(409);
    const released = await t.api('POST', '/v1/entitlements/release', { account: acct, feature: 'companies' });
    expect(released.body).toMatchObject({ used: 2, remaining: 1 });
    expect((await consume(acct, { feature: 'companies' })).status).toBe(200);
    const notCounter = await t.api('POST', '/v1/entitlements/release', { account: acct, feature: 'tickets' });
    expect(notCounter.status).toBe(400);
  });

  it('spends credits as a balance that packs top up', async () => {
    const acct = await account(t, null);
    const sub = await subscribe(t, { account: acct, plan: 'hundred' });
    expect((await consume(acct, { feature: 'emails', quantity: 50 })).status).toBe(200);
    expect((await consume(acct, { feature: 'emails' })).status).toBe(409);
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, {
      addons: [{ addon: 'emails-100', quantity: 1 }],
    });
    const after = await consume(acct, { feature: 'emails', quantity: 100 });
    expect(after.body).toMatchObject({ used: 150, limit: 150, remaining: 0 });
  });

  it('counts past the limit when overage is billed, and invoices the overage at the period end', async () => {
    const clock = await clockAt(t, '2026-06-01T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'hundred' });
    const res = await consume(acct, { feature: 'api-calls', quantity: 12 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ allowed: true, used: 12, limit: 10, state: 'exhausted' });
    await consume(acct, { feature: 'api-calls', quantity: 3 });
    await advance(t, clock, '2026-07-01T01:00:00Z');
    const invoices = (await t.api('GET', `/v1/invoices?account=${acct}`)).body.data;
    const renewal = invoices[0];
    expect(
      renewal.lines.map(
        (l: {
          kind: string;
          quantity: number;
          unit_amount: number;
          amount: number;
          period_start: string;
          description: string;
        }) => [l.kind, l.quantity, l.unit_amount, l.amount, l.period_start, l.description],
      ),
    ).toEqual([
      ['subscription', 1, 1000, 1000, '2026-07-01', 'Hundred (monthly)'],
      ['consumption', 5, 2, 10, '2026-06-01', 'API calls: 15 used, 10 included, 5 billed'],
    ]);
    expect(await usedOf(acct, 'api-calls')).toBe(0);
  });

  it('prices overage in the subscription’s currency when a plan is priced in several', async () => {
    const ambiguous = await t.api('POST', '/v1/plans', {
      key: 'two-currencies-ambiguous',
      name: 'Two currencies',
      entitlements: [{ feature: 'api-calls', limit: 10, overage: 'bill', overage_unit_amount: 2 }],
      prices: [
        { billing_period: 'month', currency: 'EUR', amount: 1000 },
        { billing_period: 'month', currency: 'JPY', amount: 1500 },
      ],
    });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0]).toMatchObject({ field: 'entitlements[0].overage_unit_amount' });
    const plan = await t.api('POST', '/v1/plans', {
      key: 'two-currencies',
      name: 'Two currencies',
      entitlements: [{ feature: 'api-calls', limit: 10, overage: 'bill' }],
      prices: [
        { billing_period: 'month', currency: 'EUR', amount: 1000, consumption_unit_amount: 3 },
        { billing_period: 'month', currency: 'JPY', amount: 1500, consumption_unit_amount: 5 },
      ],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const clock = await clockAt(t, '2026-06-01T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', currency: 'JPY' });
    await subscribe(t, { account: acct, plan: 'two-currencies' });
    expect((await consume(acct, { feature: 'api-calls', quantity: 14 })).status).toBe(200);
    await advance(t, clock, '2026-07-01T01:00:00Z');
    const invoices = (await t.api('GET', `/v1/invoices?account=${acct}`)).body.data;
    expect(invoices[0].currency).toBe('JPY');
    expect(invoices[0].lines.find((l: { kind: string }) => l.kind === 'consumption')).toMatchObject({
      quantity: 4,
      unit_amount: 5,
      amount: 20,
    });
  });

  it('bills a monthly quota of an annual plan month by month, each month held to its own limit', async () => {
    const plan = await t.api('POST', '/v1/plans', {
      key: 'annual-billed',
      name: 'Annual, billed monthly overage',
      entitlements: [
        { feature: 'api-calls', limit: 5, reset: 'month', overage: 'bill', overage_unit_amount: 2 },
      ],
      prices: [{ billing_period: 'year', currency: 'EUR', amount: 10000 }],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const clock = await clockAt(t, '2026-01-10T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', billing_period: 'year' });
    await subscribe(t, { account: acct, plan: 'annual-billed', billing_period: 'year' });
    expect((await consume(acct, { feature: 'api-calls', quantity: 7 })).body.used).toBe(7);
    await advance(t, clock, '2026-02-15T09:00:00Z');
    expect((await consume(acct, { feature: 'api-calls', quantity: 3 })).body.used).toBe(3);
    await advance(t, clock, '2026-12-20T09:00:00Z');
    expect((await consume(acct, { feature: 'api-calls', quantity: 9 })).body.used).toBe(9);
    await advance(t, clock, '2027-01-10T10:00:00Z');
    const invoices = (await t.api('GET', `/v1/invoices?account=${acct}`)).body.data;
    const overage = invoices[0].lines.find((l: { kind: string }) => l.kind === 'consumption');
    // 2 over in January, none in February, 4 over in December.
    expect(overage).toMatchObject({
      quantity: 6,
      unit_amount: 2,
      amount: 12,
      period_start: '2026-01-10',
      description: 'API calls: 7 + 3 + 9 used in 3 months, 5 included each month, 6 billed',
    });
  });
});

describe('usage events', () => {
  it('ingests a batch once per event id and reports duplicates', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'hundred' });
    const events = Array.from({ length: 50 }, (_, i) => ({
      id: `evt-${acct}-${i}`,
      account: acct,
      feature: 'api-calls',
      quantity: 1,
      timestamp: new Date().toISOString(),
    }));
    const first = await t.api('POST', '/v1/usage_events', { events });
    expect(first.body).toMatchObject({ accepted: 50, duplicates: 0 });
    const again = await t.api('POST', '/v1/usage_events', {
      events: [
        ...events.slice(0, 10),
        { ...events[0], id: `evt-${acct}-new` },
        { ...events[0], id: `evt-${acct}-new` },
      ],
    });
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 11 });
    expect(await usedOf(acct, 'api-calls')).toBe(51);
    const bad = await t.api('POST', '/v1/usage_events', {
      events: [
        { ...events[0], id: 'x1' },
        { id: 'x2', account: acct, feature: 'ghosts', quantity: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('events[1].feature');
    expect(await usedOf(acct, 'api-calls')).toBe(51);
    // Usage is counted in the period it happened in: only the current one is open.
    const { period_start } = (
      await t.api('POST', '/v1/entitlements/check', { account: acct, feature: 'api-calls' })
    ).body;
    const before = new Date(Date.parse(period_start) - 1000).toISOString();
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    const mistimed = await t.api('POST', '/v1/usage_events', {
      events: [
        { ...events[0], id: 'late-0', timestamp: period_start },
        { ...events[0], id: 'late-1', timestamp: before },
        { ...events[0], id: 'late-2', timestamp: ahead },
      ],
    });
    expect(mistimed.status).toBe(400);
    expect(mistimed.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'events[1].timestamp',
      'events[2].timestamp',
    ]);
    expect(mistimed.body.errors[0].message).toContain('before the current period');
    expect(mistimed.body.errors[1].message).toContain('in the future');
    expect(await usedOf(acct, 'api-calls')).toBe(51);
    const onTime = await t.api('POST', '/v1/usage_events', {
      events: [{ ...events[0], id: 'late-0', timestamp: period_start }],
    });
    expect(onTime.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await usedOf(acct, 'api-calls')).toBe(52);
    const tooMany = await t.api('POST', '/v1/usage_events', {
      events: Array.from({ length: 1001 }, (_, i) => ({ ...events[0], id: `m${i}` })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('events');
  });
});
