import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, advance, clockAt, invoicesOf, subscribe } from './helpers/scenario.ts';

/**
 * S13 (OneDesk): on the subscribe page the customer picks licences, billing period and the currency
 * it is billed in. A trial is activated on the terms chosen; an account with nothing invoiced yet may
 * take any currency its plan is priced in, which becomes the account's; after a first invoice it may not.
 */
let t: TestAllot;
const PRICES = { EUR: { month: 1300, year: 13200 }, USD: { month: 1500, year: 15600 } };

beforeAll(async () => {
  t = await startAllot();
  const res = await t.api('PUT', '/v1/catalog', {
    features: [{ key: 'agents', name: 'Agents', kind: 'seat' }],
    plans: [
      {
        key: 'desk',
        name: 'Desk Standard',
        trial_days: 14,
        entitlements: [{ feature: 'agents', limit: 0 }],
        prices: (['EUR', 'USD'] as const).flatMap((currency) =>
          (['month', 'year'] as const).map((billing_period) => ({
            billing_period,
            currency,
            amount: PRICES[currency][billing_period],
            per_seat: true,
          })),
        ),
      },
    ],
    addons: [
      {
        key: 'priority',
        name: 'Priority support',
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 900 }],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('subscribing from a trial', () => {
  it('previews then activates 5 annual licences in USD on a EUR trial account, which then bills in USD', async () => {
    const clock = await clockAt(t, '2026-06-01T08:00:00Z');
    const acct = await account(t, clock, { name: 'Kestrel', timezone: 'Europe/Dublin' });
    const trial = await subscribe(t, {
      account: acct,
      plan: 'desk',
      quantity: 3,
      trial: true,
      billing_period: 'month',
    });
    await advance(t, clock, '2026-06-05T09:00:00Z');
    const choice = { billing_period: 'year', currency: 'USD', quantity: 5 };
    const preview = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'desk',
      ...choice,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ currency: 'USD', subtotal: 5 * 15600, total: 5 * 15600 });
    expect(preview.body.lines).toMatchObject([{ quantity: 5, unit_amount: 15600, amount: 78000 }]);
    // Another choice, another total: the page's totals follow every choice.
    const monthly = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'desk',
      currency: 'EUR',
      quantity: 5,
    });
    expect(monthly.body).toMatchObject({ currency: 'EUR', total: 5 * 1300 });

    const active = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, choice);
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    expect(active.body).toMatchObject({
      status: 'active',
      billing_period: 'year',
      currency: 'USD',
      quantity: 5,
    });
    const [invoice] = await invoicesOf(t, acct);
    expect(invoice).toMatchObject({
      currency: 'USD',
      total: 78000,
      period_start: '2026-06-05',
      period_end: '2027-06-05',
    });
    expect(invoice.id).toBe(active.body.latest_invoice);
    // The preview was exactly the invoice.
    expect(invoice.lines.map((l: { amount: number }) => l.amount)).toEqual(
      preview.body.lines.map((l: { amount: number }) => l.amount),
    );
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.currency).toBe('USD');
    const history = await t.api('GET', `/v1/accounts/${acct}/history?limit=10`);
    expect(
      history.body.data.find((h: { action: string }) => h.action === 'account.currency_adopted'),
    ).toMatchObject({
      before: { currency: 'EUR' },
      after: { currency: 'USD' },
    });
    const timeline = await t.api('GET', `/v1/subscriptions/${trial.id}/timeline`);
    expect(
      timeline.body.data.map((p: { action: string; currency: string; quantity: number }) => [
        p.action,
        p.currency,
        p.quantity,
      ]),
    ).toEqual([
      ['created', 'EUR', 3],
      ['activated', 'USD', 5],
    ]);
  });

  it('keeps the trial’s terms when activated with no body', async () => {
    const acct = await account(t, null);
    const trial = await subscribe(t, {
      account: acct,
      plan: 'desk',
      quantity: 2,
      trial: true,
      billing_period: 'month',
    });
    const active = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`);
    expect(active.body).toMatchObject({
      status: 'active',
      currency: 'EUR',
      quantity: 2,
      billing_period: 'month',
    });
  });

  it('refuses a currency the plan or its packs are not priced in, naming the field, and changes nothing', async () => {
    const acct = await account(t, null);
    const trial = await subscribe(t, {
      account: acct,
      plan: 'desk',
      trial: true,
      billing_period: 'month',
      addons: [{ addon: 'priority' }],
    });
    const gbp = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, { currency: 'GBP' });
    expect(gbp.status).toBe(400);
    expect(gbp.body.errors[0].field).toBe('currency');
    // The pack is sold in EUR only.
    const usd = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, { currency: 'USD' });
    expect(usd.status).toBe(400);
    expect(usd.body.errors[0].field).toBe('addons[0].addon');
    const bad = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, { quantity: 0, colour: 'red' });
    expect(bad.status).toBe(400);
    expect((await t.api('GET', `/v1/subscriptions/${trial.id}`)).body.status).toBe('trialing');
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.currency).toBe('EUR');
    expect(await invoicesOf(t, acct)).toEqual([]);
  });
});

describe('licences and the users who hold them', () => {
  it('refuses fewer licences than active users, in the preview as in the write, and allows more', async () => {
    const acct = await account(t, null);
    const trial = await subscribe(t, {
      account: acct,
      plan: 'desk',
      quantity: 3,
      trial: true,
      billing_period: 'month',
    });
    for (const name of ['ana', 'ben', 'cy'])
      expect(
        (await t.api('POST', `/v1/accounts/${acct}/users`, { name, email: `${name}@seats.example.com` }))
          .status,
      ).toBe(201);
    const preview = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'desk',
      quantity: 2,
    });
    expect(preview.status).toBe(409);
    expect(preview.body).toMatchObject({
      code: 'invalid_state',
      errors: [{ field: 'quantity' }],
      used: 3,
      seats: 2,
    });
    const two = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, { quantity: 2 });
    expect(two.status).toBe(409);
    expect((await t.api('GET', `/v1/subscriptions/${trial.id}`)).body.status).toBe('trialing');
    const four = await t.api('POST', `/v1/subscriptions/${trial.id}/activate`, { quantity: 4 });
    expect(four.body).toMatchObject({ status: 'active', quantity: 4 });
    // Down to three is fine; to two is refused until a user is deactivated.
    expect((await t.api('POST', `/v1/subscriptions/${trial.id}/change`, { quantity: 3 })).status).toBe(200);
    const down = await t.api('POST', `/v1/subscriptions/${trial.id}/preview`, { quantity: 2 });
    expect(down.status).toBe(409);
    expect(down.body.errors[0].field).toBe('quantity');
    const users = (await t.api('GET', `/v1/accounts/${acct}/users`)).body.data;
    await t.api('PATCH', `/v1/accounts/${acct}/users/${users[0].id}`, { status: 'deactivated' });
    expect((await t.api('POST', `/v1/subscriptions/${trial.id}/change`, { quantity: 2 })).status).toBe(200);
  });
});

describe('the currency of a new subscription', () => {
  it('may be another for an account with nothing invoiced, which adopts it', async () => {
    const acct = await account(t, null);
    const sub = await subscribe(t, {
      account: acct,
      plan: 'desk',
      currency: 'USD',
      quantity: 2,
      billing_period: 'month',
    });
    expect(sub.currency).toBe('USD');
    expect((await invoicesOf(t, acct))[0]).toMatchObject({ currency: 'USD', total: 3000 });
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.currency).toBe('USD');
  });

  it('is the account’s once something was invoiced in it', async () => {
    const acct = await account(t, null);
    const first = await subscribe(t, { account: acct, plan: 'desk', billing_period: 'month' });
    await t.api('POST', `/v1/subscriptions/${first.id}/cancel`);
    const res = await t.api('POST', '/v1/subscriptions', {
      account: acct,
      plan: 'desk',
      currency: 'USD',
      billing_period: 'month',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'currency', message: "must be the account's currency, EUR: it was already invoiced in EUR" },
    ]);
    const preview = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'desk',
      currency: 'USD',
      billing_period: 'month',
    });
    expect(preview.status).toBe(400);
  });

  it('is the parent’s for an account billed to its parent', async () => {
    const parent = await account(t, null, { kind: 'partner' });
    const child = await account(t, null, { parent_id: parent, bill_to_parent: true });
    const res = await t.api('POST', '/v1/subscriptions', {
      account: child,
      plan: 'desk',
      currency: 'USD',
      billing_period: 'month',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('currency');
    expect((await t.api('GET', `/v1/accounts/${child}`)).body.currency).toBe('EUR');
  });
});
