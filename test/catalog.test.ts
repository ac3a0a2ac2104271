import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
  for (const f of [
    { key: 'tickets', name: 'Tickets', kind: 'quota', unit: 'ticket' },
    { key: 'sso', name: 'Single sign-on', kind: 'boolean' },
    { key: 'agents', name: 'Agents', kind: 'seat' },
    { key: 'linked-companies', name: 'Linked companies', kind: 'counter' },
    { key: 'email-credits', name: 'E-mail credits', kind: 'credit' },
  ]) {
    const res = await t.api('POST', '/v1/features', f);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

const premium = {
  key: 'premium',
  name: 'Premium',
  modules: ['ticketing'],
  rank: 2,
  entitlements: [
    { feature: 'tickets', limit: 500, reset: 'period', overage: 'block', warn_at: [80, 100] },
    { feature: 'sso', enabled: false },
  ],
  prices: [
    { billing_period: 'month', currency: 'EUR', amount: 4900 },
    { billing_period: 'year', currency: 'EUR', amount: 49000 },
    { billing_period: 'month', currency: 'USD', amount: 5500 },
  ],
};

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const count = async (path: string) => (await t.api('GET', `${path}?limit=100`)).body.data.length as number;

describe('features', () => {
  it('refuses a taken key, an unknown kind and a bad key, naming the field', async () => {
    const taken = await t.api('POST', '/v1/features', { key: 'tickets', name: 'Again', kind: 'quota' });
    expect(taken.status).toBe(400);
    expect(fieldsOf(taken.body)).toEqual(['key']);
    const kind = await t.api('POST', '/v1/features', { key: 'x1', name: 'X', kind: 'gauge' });
    expect(kind.status).toBe(400);
    expect(fieldsOf(kind.body)).toEqual(['kind']);
    const key = await t.api('POST', '/v1/features', { key: 'Has Spaces', name: 'X', kind: 'quota' });
    expect(fieldsOf(key.body)).toEqual(['key']);
    expect(await count('/v1/features')).toBe(5);
  });

  it('answers by id or key', async () => {
    const byKey = await t.api('GET', '/v1/features/agents');
    const byId = await t.api('GET', `/v1/features/${byKey.body.id}`);
    expect(byId.body).toEqual(byKey.body);
    expect(byKey.body).toMatchObject({ object: 'feature', kind: 'seat' });
  });
});

describe('plans', () => {
  it('creates a plan with defaults filled in', async () => {
    const res = await t.api('POST', '/v1/plans', premium);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      object: 'plan',
      key: 'premium',
      version: 1,
      cancellation_window_hours: 72,
      trial_days: 0,
    });
    expect(res.body.entitlements[1]).toEqual({
      feature: 'sso',
      limit: null,
      enabled: false,
      reset: 'never',
      overage: 'block',
      overage_unit_amount: null,
      warn_at: [],
    });
    expect(res.body.prices[0]).toEqual({
      billing_period: 'month',
      currency: 'EUR',
      amount: 4900,
      per_seat: false,
      consumption_unit_amount: null,
    });
  });

  it('refuses every bad entitlement and price at once, each with its field, and saves nothing', async () => {
    const before = await count('/v1/plans');
    const res = await t.api('POST', '/v1/plans', {
      key: 'broken',
      name: 'Broken',
      entitlements: [
        { feature: 'nope', limit: 5 },
        { feature: 'sso', limit: 3 },
        { feature: 'tickets', limit: 10, reset: 'never' },
        { feature: 'linked-companies', limit: 3, overage: 'bill' },
        { feature: 'agents', limit: 1, reset: 'period' },
        { feature: 'email-credits', limit: 100, warn_at: [100, 80] },
      ],
      prices: [
        { billing_period: 'month', currency: 'XYZ', amount: 100 },
        { billing_period: 'month', currency: 'EUR', amount: 100 },
        { billing_period: 'month', currency: 'EUR', amount: 200 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(fieldsOf(res.body)).toEqual([
      'entitlements[0].feature',
      'entitlements[1].limit',
      'entitlements[2].reset',
      'entitlements[3].overage_unit_amount',
      'entitlements[4].reset',
      'entitlements[5].warn_at',
      'prices[0].currency',
      'prices[2]',
    ]);
    expect(await count('/v1/plans')).toBe(before);
  });

  it('refuses lower-case currencies, fractional and negative amounts at the schema', async () => {
    const res = await t.api('POST', '/v1/plans', {
      key: 'schema-bad',
      name: 'Bad',
      prices: [
        { billing_period: 'month', currency: 'eur', amount: 10 },
        { billing_period: 'week', currency: 'EUR', amount: 10.5 },
        { billing_period: 'year', currency: 'EUR', amount: -1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining([
        'prices[0].currency',
        'prices[1].amount',
        'prices[1].billing_period',
        'prices[2].amount',
      ]),
    );
  });

  it('accepts minor units per currency: JPY has none, BHD three', async () => {
    const res = await t.api('POST', '/v1/plans', {
      key: 'global',
      name: 'Global',
      prices: [
        { billing_period: 'month', currency: 'JPY', amount: 980 },
        { billing_period: 'month', currency: 'BHD', amount: 1250 },
      ],
    });
    expect(res.status).toBe(201);
  });

  it('versions a plan when its terms change, and keeps the old version readable', async () => {
    const rename = await t.api('PATCH', '/v1/plans/premium', { name: 'Premium Plus' });
    expect(rename.body.version).toBe(1);
    expect(rename.body.name).toBe('Premium Plus');
    const reprice = await t.api('PATCH', '/v1/plans/premium', {
      prices: [
        { billing_period: 'month', currency: 'EUR', amount: 5900 },
        { billing_period: 'year', currency: 'EUR', amount: 59000 },
      ],
    });
    expect(reprice.status).toBe(200);
    expect(reprice.body.version).toBe(2);
    expect(reprice.body.prices[0].amount).toBe(5900);
    expect(reprice.body.entitlements).toHaveLength(2);
    const rows = await t.allot.ctx.db.kysely
      .selectFrom('catalog_versions')
      .select(['version', 'definition'])
      .where('item_id', '=', reprice.body.id)
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect((rows[0]!.definition as { prices: { amount: number }[] }).prices[0]!.amount).toBe(4900);
    const same = await t.api('PATCH', '/v1/plans/premium', { rank: 2 });
    expect(same.body.version).toBe(2);
    const history = await t.api('GET', `/v1/history?subject_id=${reprice.body.id}`);
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual([
      'plan.version_created',
      'plan.updated',
      'plan.created',
    ]);
    expect(history.body.data[0].before.prices[0].amount).toBe(4900);
    expect(history.body.data[0].after.prices[0].amount).toBe(5900);
  });

  it('refuses a key change and unknown fields on PATCH', async () => {
    const res = await t.api('PATCH', '/v1/plans/premium', { key: 'other', colour: 'blue' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['colour', 'key']);
  });
});

describe('add-ons', () => {
  it('creates packs with grants and one-off prices, and validates them', async () => {
    const ok = await t.api('POST', '/v1/addons', {
      key: 'email-pack-1000',
      name: '1,000 e-mails',
      modules: ['emailing'],
      grants: [{ feature: 'email-credits', amount: 1000 }],
      prices: [{ billing_period: 'once', currency: 'EUR', amount: 1500 }],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = await t.api('POST', '/v1/addons', {
      key: 'bad-pack',
      name: 'Bad',
      grants: [
        { feature: 'ghost', amount: 1 },
        { feature: 'sso', amount: 2 },
      ],
      prices: [
        { billing_period: 'once', currency: 'EUR', amount: 1 },
        { billing_period: 'once', currency: 'EUR', amount: 2 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['grants[0].feature', 'grants[1].amount', 'prices[1]']);
  });
});

describe('the catalog document', () => {
  it('imports all or nothing, listing every error', async () => {
    const before = await t.api('GET', '/v1/catalog');
    const res = await t.api('PUT', '/v1/catalog', {
      features: [
        { key: 'checklists', name: 'Checklists', kind: 'quota' },
        { key: 'tickets', name: 'Tickets', kind: 'seat' },
      ],
      plans: [
        {
          key: 'starter',
          name: 'Starter',
          entitlements: [{ feature: 'checklists', limit: 50 }],
          prices: [{ billing_period: 'month', currency: 'EUR', amount: 900 }],
        },
        { key: 'pro', name: 'Pro', entitlements: [{ feature: 'unknown-thing', limit: 1 }], prices: [] },
        { key: 'pro', name: 'Pro again' },
      ],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([
      'features[1].kind',
      'plans[1].entitlements[0].feature',
      'plans[2].key',
    ]);
    expect((await t.api('GET', '/v1/catalog')).body).toEqual(before.body);
  });

  it('exports a document that imports into an empty tenant unchanged', async () => {
    const exported = (await t.api('GET', '/v1/catalog')).body;
    expect(exported.plans.map((p: { key: string }) => p.key).sort()).toEqual(['global', 'premium']);
    const other = await t.api('POST', '/v1/tenants', { name: 'Import target' });
    const key = other.body.secret_key;
    const imported = await t.api('PUT', '/v1/catalog', exported, { key });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(
      exported.features.length + exported.plans.length + exported.addons.length,
    );
    expect((await t.api('GET', '/v1/catalog', undefined, { key })).body).toEqual(exported);
    // Importing the same document again changes nothing.
    const again = await t.api('PUT', '/v1/catalog', exported, { key });
    expect(again.body).toMatchObject({ created: 0, updated: 0 });
  });
});

describe('history', () => {
  it('records every catalog write, and the database refuses to rewrite it', async () => {
    expect((await t.api('PATCH', '/v1/features/tickets', { unit: 'tickets' })).status).toBe(200);
    expect((await t.api('PATCH', '/v1/addons/email-pack-1000', { name: '1 000 e-mails' })).status).toBe(200);
    expect(
      (
        await t.api('PUT', '/v1/catalog', {
          features: [{ key: 'checklists', name: 'Checklists', kind: 'quota' }],
        })
      ).status,
    ).toBe(200);
    const all = await t.api('GET', '/v1/history?limit=100');
    const actions = new Set(all.body.data.map((h: { action: string }) => h.action));
    for (const a of [
      'feature.created',
      'plan.created',
      'plan.updated',
      'plan.version_created',
      'addon.created',
    ]) {
      expect(actions).toContain(a);
    }
    expect(all.body.data[0].actor).toMatchObject({ type: 'key' });
    const db = t.allot.ctx.db.kysely;
    await expect(sql`update history set action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from history`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate history`.execute(db)).rejects.toThrow(/append-only/);
    expect((await t.api('GET', '/v1/history?limit=100')).body.data.length).toBe(all.body.data.length);
  });
});
