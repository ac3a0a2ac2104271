import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account } from './helpers/scenario.ts';

/**
 * Pricing tables (issue 12): catalog objects a vendor's web site shows, checked against the catalog,
 * part of its import/export, with quotes equal to what the first invoice bills.
 */
let t: TestAllot;
const CATALOG = {
  features: [
    { key: 'projects', name: 'Projects', kind: 'quota', unit: 'project' },
    { key: 'agents', name: 'Agents', kind: 'seat' },
    { key: 'sso', name: 'Single sign-on', kind: 'boolean' },
  ],
  plans: [
    {
      key: 'starter',
      name: 'Starter',
      rank: 1,
      entitlements: [{ feature: 'projects', limit: 3 }],
      prices: [
        { billing_period: 'month', currency: 'EUR', amount: 900 },
        { billing_period: 'year', currency: 'EUR', amount: 9000 },
      ],
    },
    {
      key: 'pro',
      name: 'Pro',
      rank: 2,
      trial_days: 14,
      entitlements: [
        { feature: 'projects', limit: null },
        { feature: 'agents', limit: 0 },
        { feature: 'sso', enabled: true },
      ],
      prices: (['EUR', 'USD'] as const).flatMap((currency) => [
        { billing_period: 'month', currency, amount: currency === 'EUR' ? 1500 : 1700, per_seat: true },
        { billing_period: 'year', currency, amount: currency === 'EUR' ? 15000 : 17000, per_seat: true },
      ]),
    },
    { key: 'legacy', name: 'Legacy', rank: 0, prices: [] },
  ],
};
const TABLE = {
  key: 'website',
  name: 'Our plans',
  plans: ['starter', 'pro'],
  highlighted_plan: 'pro',
  call_to_action_url: 'https://www.example.com/signup',
};

beforeAll(async () => {
  t = await startAllot();
  const res = await t.api('PUT', '/v1/catalog', CATALOG);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('pricing tables', () => {
  it('refuses a table that does not fit the catalog, naming each field, and creates nothing', async () => {
    const res = await t.api('POST', '/v1/pricing_tables', {
      ...TABLE,
      key: 'bad',
      plans: ['starter', 'nope', 'starter', 'legacy'],
      highlighted_plan: 'enterprise',
      features: ['projects', 'colour'],
      call_to_action_url: 'javascript:alert(1)',
      default_currency: 'GBP',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [
        'call_to_action_url',
        'default_currency',
        'features[1]',
        'highlighted_plan',
        'plans[1]',
        'plans[2]',
        'plans[3]',
      ].sort(),
    );
    expect((await t.api('GET', '/v1/pricing_tables')).body.data).toEqual([]);
  });

  it('creates a table whose display lists plans in order with prices and the features they grant', async () => {
    const res = await t.api('POST', '/v1/pricing_tables', TABLE);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      object: 'pricing_table',
      key: 'website',
      published: true,
      plans: ['starter', 'pro'],
      // Defaults: every feature the plans grant, in catalog order; monthly first.
      features: ['projects', 'agents', 'sso'],
      default_billing_period: 'month',
      default_currency: null,
    });
    const { display } = res.body;
    expect(display.billing_periods).toEqual(['month', 'year']);
    expect(display.currencies).toEqual(['EUR', 'USD']);
    expect(display.plans.map((p: { key: string; highlighted: boolean }) => [p.key, p.highlighted])).toEqual([
      ['starter', false],
      ['pro', true],
    ]);
    const starter = display.plans[0];
    expect(starter.features).toEqual([
      { feature: 'projects', included: true, limit: 3, enabled: true, reset: 'period' },
      { feature: 'agents', included: false, limit: null, enabled: false, reset: 'never' },
      { feature: 'sso', included: false, limit: null, enabled: false, reset: 'never' },
    ]);
    expect(display.plans[1].features[0]).toMatchObject({ included: true, limit: null });
    expect(display.plans[1]).toMatchObject({ trial_days: 14 });
    expect((await t.api('GET', '/v1/pricing_tables/website')).body.id).toBe(res.body.id);
    const clash = await t.api('POST', '/v1/pricing_tables', TABLE);
    expect(clash.status).toBe(400);
    expect(clash.body.errors).toEqual([{ field: 'key', message: expect.stringContaining(res.body.id) }]);
  });

  it('changes a table by PATCH, recording it in the history, and puts the default currency first', async () => {
    const res = await t.api('PATCH', '/v1/pricing_tables/website', {
      default_currency: 'USD',
      features: ['sso', 'projects'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.display.currencies).toEqual(['USD', 'EUR']);
    expect(res.body.display.features.map((f: { key: string }) => f.key)).toEqual(['sso', 'projects']);
    const bad = await t.api('PATCH', '/v1/pricing_tables/website', { highlighted_plan: 'legacy' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('highlighted_plan');
    const history = await t.api('GET', '/v1/history?limit=10');
    expect(history.body.data.map((h: { action: string }) => h.action)).toContain('pricing_table.updated');
  });

  it('exports its tables with the catalog and imports them into an empty tenant, all or nothing', async () => {
    const doc = (await t.api('GET', '/v1/catalog')).body;
    expect(doc.pricing_tables).toEqual([
      {
        key: 'website',
        name: 'Our plans',
        published: true,
        plans: ['starter', 'pro'],
        highlighted_plan: 'pro',
        features: ['sso', 'projects'],
        call_to_action_url: 'https://www.example.com/signup',
        default_billing_period: 'month',
        default_currency: 'USD',
      },
    ]);
    const other = await t.api('POST', '/v1/tenants', { name: 'Another vendor' });
    const key = other.body.secret_key as string;
    // A table naming a plan the document lacks: nothing at all is imported.
    const broken = await t.api(
      'PUT',
      '/v1/catalog',
      { ...doc, pricing_tables: [{ ...doc.pricing_tables[0], plans: ['starter', 'pro', 'platinum'] }] },
      { key },
    );
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([
      { field: 'pricing_tables[0].plans[2]', message: expect.any(String) },
    ]);
    expect((await t.api('GET', '/v1/plans', undefined, { key })).body.data).toEqual([]);
    // The whole document: the same tables come back out.
    const imported = await t.api('PUT', '/v1/catalog', doc, { key });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.catalog.pricing_tables).toEqual(doc.pricing_tables);
    const again = await t.api('PUT', '/v1/catalog', doc, { key });
    expect(again.body).toMatchObject({ created: 0, updated: 0 });
  });
});

describe('quotes', () => {
  it('quotes 7 annual licences in USD exactly as the first invoice of that subscription bills them', async () => {
    const choice = { plan: 'pro', billing_period: 'year', currency: 'USD', quantity: 7 };
    const quote = await t.api('POST', '/v1/pricing_tables/website/quote', choice);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    expect(quote.body).toMatchObject({
      object: 'quote',
      plan: 'pro',
      quantity: 7,
      subtotal: 7 * 17000,
      per_month: Math.round((7 * 17000) / 12),
      // 12 × 17.00 × 7 = 1,428.00 against 1,190.00: 238.00 saved, 16.7 %.
      saving: { amount: 7 * (12 * 1700 - 17000), percent: 17 },
      tax_included: false,
      trial_days: 14,
    });
    const acct = await account(t, null, { name: 'Visitor Ltd', currency: 'USD' });
    const preview = await t.api('POST', '/v1/subscriptions/preview', { account: acct, ...choice });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.subtotal).toBe(quote.body.subtotal);
    expect(
      preview.body.lines.map((l: Record<string, unknown>) => [l.description, l.quantity, l.amount]),
    ).toEqual(quote.body.lines.map((l: Record<string, unknown>) => [l.description, l.quantity, l.amount]));
  });

  it('bills a flat plan once and refuses what the table does not sell, naming the field', async () => {
    const flat = await t.api('POST', '/v1/pricing_tables/website/quote', {
      plan: 'starter',
      billing_period: 'month',
      currency: 'EUR',
      quantity: 9,
    });
    expect(flat.body).toMatchObject({ quantity: 1, subtotal: 900, saving: null });
    const cases: [Record<string, unknown>, string][] = [
      [{ plan: 'legacy', billing_period: 'month', currency: 'EUR' }, 'plan'],
      [{ plan: 'starter', billing_period: 'month', currency: 'USD' }, 'currency'],
      [{ plan: 'pro', billing_period: 'month', currency: 'EUR', quantity: 0 }, 'quantity'],
      [{ plan: 'pro', billing_period: 'week', currency: 'EUR' }, 'billing_period'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/v1/pricing_tables/website/quote', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.errors), JSON.stringify(body)).toContain(field);
    }
  });
});
