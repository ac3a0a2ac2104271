import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import {
  account,
  advance,
  amounts,
  clockAt,
  invoicesOf,
  PRICES,
  seedCatalog,
  subscribe,
} from './helpers/scenario.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
  await seedCatalog(t);
});
afterAll(async () => {
  await t?.close();
});

describe('plan changes, prorated by days', () => {
  it("bills the seed's Premium → Professional after 20 days of a 30-day month as 20/30 + 10/30", async () => {
    const clock = await clockAt(t, '2026-04-01T07:30:00Z');
    const acct = await account(t, clock);
    const sub = await subscribe(t, { account: acct, plan: 'premium' });
    expect(sub).toMatchObject({
      status: 'active',
      current_period_start: '2026-03-31T22:00:00.000Z',
      current_period_end: '2026-04-30T22:00:00.000Z',
    });
    await advance(t, clock, '2026-04-21T08:00:00Z');

    const before = await invoicesOf(t, acct);
    const preview = await t.api('POST', `/v1/subscriptions/${sub.id}/preview`, { plan: 'professional' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.lines.map((l: { description: string }) => l.description)).toEqual([
      'Unused time on Premium, 10 of 30 days',
      'Remaining time on Professional, 10 of 30 days',
    ]);
    expect(amounts(preview.body)).toEqual([-1633, 3300]);
    expect(await invoicesOf(t, acct)).toHaveLength(before.length);

    const changed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'professional' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.plan_key).toBe('professional');
    const invoices = await invoicesOf(t, acct);
    expect(invoices).toHaveLength(2);
    expect(amounts(invoices[1])).toEqual(amounts(preview.body));
    expect(
      invoices[1].lines.map((l: { period_start: string; period_end: string }) => [
        l.period_start,
        l.period_end,
      ]),
    ).toEqual([
      ['2026-04-21', '2026-05-01'],
      ['2026-04-21', '2026-05-01'],
    ]);
    // The month as a whole: 20/30 of Premium + 10/30 of Professional, within a minor unit per line.
    const month = invoices.flatMap(amounts).reduce((a: number, b: number) => a + b, 0);
    expect(
      Math.abs(month - ((PRICES.premium * 20) / 30 + (PRICES.professional * 10) / 30)),
    ).toBeLessThanOrEqual(3);
  });

  it('charges 3 × price × 20/30 when the licence count goes from 5 to 8 on day 10 of 30', async () => {
    const clock = await clockAt(t, '2026-06-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'agents', quantity: 5 });
    expect(amounts((await invoicesOf(t, acct))[0])).toEqual([5 * PRICES.agent]);
    await advance(t, clock, '2026-06-11T10:00:00Z');
    const res = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { quantity: 8 });
    expect(res.body.quantity).toBe(8);
    const invoice = (await invoicesOf(t, acct))[1];
    // Three seats added: one line, rounded once, with its arithmetic.
    expect(invoice.lines).toMatchObject([
      {
        description: '+3 × Agents, 20 of 30 days',
        quantity: 3,
        unit_amount: PRICES.agent,
        amount: (3 * PRICES.agent * 20) / 30,
        proration: { days: 20, period_days: 30 },
      },
    ]);
    expect(invoice.total).toBe((3 * PRICES.agent * 20) / 30);
  });

  it('rounds a half-cent tie once, away from zero: 9/30 × 249.95 = 74.985 → 74.99', async () => {
    const clock = await clockAt(t, '2026-09-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'free' });
    await advance(t, clock, '2026-09-22T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'gold' });
    const invoice = (await invoicesOf(t, acct))[1];
    expect(invoice.lines.find((l: { amount: number }) => l.amount > 0).amount).toBe(7499);
  });

  it('refuses a plan without a price for the billing period: 409 billing_period_mismatch', async () => {
    const acct = await account(t, await clockAt(t, '2026-01-10T10:00:00Z'));
    const sub = await subscribe(t, { account: acct, plan: 'premium' });
    const before = await invoicesOf(t, acct);
    const res = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'annual-only' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('billing_period_mismatch');
    expect(await invoicesOf(t, acct)).toHaveLength(before.length);
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.plan_key).toBe('premium');
  });

  it('credits a downgrade’s net credit on a credit note, which the next invoice uses', async () => {
    const clock = await clockAt(t, '2026-04-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'professional' });
    await advance(t, clock, '2026-04-16T10:00:00Z');
    const changed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'premium' });
    // No negative invoice: a credit note for the unused Professional days less Premium's remaining days.
    expect(changed.body.latest_invoice).toBeNull();
    expect(await invoicesOf(t, acct)).toHaveLength(1);
    const note = (await t.api('GET', `/v1/credit_notes/${changed.body.latest_credit_note}`)).body;
    expect(note).toMatchObject({ total: 4950 - 2450, credited_to_balance: 2500, applied_to_invoice: 0 });
    expect(note.lines.map((l: { amount: number }) => l.amount)).toEqual([4950, -2450]);
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance).toBe(2500);
    await advance(t, clock, '2026-05-01T12:00:00Z');
    const renewal = (await invoicesOf(t, acct))[1];
    expect(renewal).toMatchObject({
      total: PRICES.premium,
      credit_applied: 2500,
      amount_due: PRICES.premium - 2500,
      reason: 'subscription_cycle',
    });
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance).toBe(0);
  });

  it('taxes each line at the account’s rate, rounded per line', async () => {
    const clock = await clockAt(t, '2026-04-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', tax_rate_bps: 2000 });
    await subscribe(t, {
      account: acct,
      plan: 'premium',
      addons: [{ addon: 'support' }, { addon: 'training' }],
    });
    const [invoice] = await invoicesOf(t, acct);
    expect(
      invoice.lines.map((l: { kind: string; amount: number; tax: number }) => [l.kind, l.amount, l.tax]),
    ).toEqual([
      ['subscription', 4900, 980],
      ['addon', 1500, 300],
      ['addon', 30000, 6000],
    ]);
    expect(invoice).toMatchObject({ subtotal: 36400, tax: 7280, total: 43680 });
  });
});

describe('the cancellation window', () => {
  it('cancels at 71 h 59 min — crediting what was paid, with its tax, and voiding what was not — and refuses at 72 h 01 min', async () => {
    const clock = await clockAt(t, '2026-03-10T12:00:00Z');
    const a = await account(t, clock, { tax_rate_bps: 2000 });
    const paid = await subscribe(t, { account: a, plan: 'premium', addons: [{ addon: 'support' }] });
    const [first] = await invoicesOf(t, a);
    expect((await t.api('POST', `/v1/invoices/${first.id}/pay`)).status).toBe(200);
    const u = await account(t, clock);
    const unpaid = await subscribe(t, { account: u, plan: 'premium' });
    const b = await account(t, clock);
    const late = await subscribe(t, { account: b, plan: 'premium' });
    expect(paid.cancellable_until).toBe('2026-03-13T12:00:00.000Z');

    await advance(t, clock, '2026-03-13T11:59:00Z');
    // Changing the tax rate later does not change what the credit gives back.
    await t.api('PATCH', `/v1/accounts/${a}`, { tax_rate_bps: 5000 });
    const ok = await t.api('POST', `/v1/subscriptions/${paid.id}/cancel`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('canceled');
    expect(ok.body.latest_invoice).toBeNull();
    const credit = (await t.api('GET', `/v1/credit_notes/${ok.body.latest_credit_note}`)).body;
    expect(credit).toMatchObject({ reason: 'cancellation', invoice: first.id, total: first.total });
    // Line by line, each with the tax it was charged (20 %, not the 50 % set since).
    expect(credit.lines.map((l: { amount: number; tax: number }) => [l.amount, l.tax])).toEqual(
      first.lines.map((l: { amount: number; tax: number }) => [l.amount, l.tax]),
    );
    expect((await t.api('GET', `/v1/accounts/${a}`)).body.credit_balance).toBe(first.total);
    expect(await invoicesOf(t, a)).toHaveLength(1);

    const voided = await t.api('POST', `/v1/subscriptions/${unpaid.id}/cancel`);
    expect(voided.body.status).toBe('canceled');
    const [unpaidInvoice] = await invoicesOf(t, u);
    expect(unpaidInvoice.status).toBe('void');
    // The void is booked as a credit note that settles what was owed: nothing goes to the balance.
    const settle = (await t.api('GET', `/v1/credit_notes?account=${u}`)).body.data;
    expect(settle).toHaveLength(1);
    expect(settle[0]).toMatchObject({
      invoice: unpaidInvoice.id,
      total: unpaidInvoice.total,
      applied_to_invoice: unpaidInvoice.total,
      credited_to_balance: 0,
    });
    expect((await t.api('GET', `/v1/accounts/${u}`)).body.credit_balance).toBe(0);

    await advance(t, clock, '2026-03-13T12:01:00Z');
    const refused = await t.api('POST', `/v1/subscriptions/${late.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'cancellation_window_closed',
      cancellable_until: '2026-03-13T12:00:00.000Z',
    });
    expect((await t.api('GET', `/v1/subscriptions/${late.id}`)).body.status).toBe('active');
    expect(await invoicesOf(t, b)).toHaveLength(1);
  });
});

describe('renewals', () => {
  it('renews at each period end with contiguous periods and gapless numbers; running again bills nothing', async () => {
    const clock = await clockAt(t, '2026-01-31T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'premium' });
    await advance(t, clock, '2026-05-15T00:00:00Z');
    const invoices = await invoicesOf(t, acct);
    expect(invoices.map((i) => [i.period_start, i.period_end])).toEqual([
      ['2026-01-31', '2026-02-28'],
      ['2026-02-28', '2026-03-31'],
      ['2026-03-31', '2026-04-30'],
      ['2026-04-30', '2026-05-31'],
    ]);
    const numbers = invoices.map((i) => i.sequence);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    const all = (await t.api('GET', '/v1/invoices?limit=100')).body.data
      .map((i: { sequence: number }) => i.sequence)
      .sort((x: number, y: number) => x - y);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const events = await t.api('GET', `/v1/events?account=${acct}&type=subscription.renewed`);
    expect(events.body.data).toHaveLength(3);

    const run = await t.api('POST', '/v1/billing/run');
    expect(run.status).toBe(200);
    expect(await invoicesOf(t, acct)).toHaveLength(4);
  });

  it('ends at the period end with auto-renew off, with no new invoice', async () => {
    const clock = await clockAt(t, '2026-02-01T10:00:00Z');
    const acct = await account(t, clock);
    const sub = await subscribe(t, { account: acct, plan: 'premium' });
    const off = await t.api('PATCH', `/v1/subscriptions/${sub.id}`, { auto_renew: false });
    expect(off.body.auto_renew).toBe(false);
    await advance(t, clock, '2026-03-05T00:00:00Z');
    const after = await t.api('GET', `/v1/subscriptions/${sub.id}`);
    expect(after.body).toMatchObject({ status: 'canceled', ended_at: sub.current_period_end });
    expect(await invoicesOf(t, acct)).toHaveLength(1);
    const events = await t.api('GET', `/v1/events?account=${acct}&type=subscription.canceled`);
    expect(events.body.data[0].data).toMatchObject({ reason: 'auto_renew_off' });
    const history = await t.api('GET', `/v1/accounts/${acct}/history`);
    expect(history.body.data[0]).toMatchObject({
      action: 'subscription.ended',
      actor: { type: 'system', id: 'billing' },
    });
    expect(history.body.data[1]).toMatchObject({
      action: 'subscription.auto_renew_off',
      actor: { type: 'key' },
    });
  });

  it('switches to the annual price at the next cycle when the billing period changes', async () => {
    const clock = await clockAt(t, '2026-02-10T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'premium' });
    const scheduled = await t.api('POST', `/v1/subscriptions/${sub.id}/billing_period`, {
      billing_period: 'year',
    });
    expect(scheduled.body.scheduled_changes).toEqual([
      { type: 'billing_period', billing_period: 'year', effective_at: '2026-03-10T00:00:00.000Z' },
    ]);
    expect(scheduled.body.billing_period).toBe('month');
    await advance(t, clock, '2026-03-11T00:00:00Z');
    const renewed = await t.api('GET', `/v1/subscriptions/${sub.id}`);
    expect(renewed.body).toMatchObject({
      billing_period: 'year',
      current_period_end: '2027-03-10T00:00:00.000Z',
      scheduled_changes: [],
    });
    const last = (await invoicesOf(t, acct))[1];
    expect(last).toMatchObject({
      period_start: '2026-03-10',
      period_end: '2027-03-10',
      total: PRICES.annualPremium,
    });
    const mismatch = await t.api('POST', `/v1/subscriptions/${sub.id}/billing_period`, {
      billing_period: 'month',
    });
    expect(mismatch.status).toBe(200);
    // A scheduled annual period holds a plan change to a plan sold monthly only.
    const other = await account(t, clock, { timezone: 'UTC' });
    const monthly = await subscribe(t, { account: other, plan: 'premium' });
    await t.api('POST', `/v1/plans`, {
      key: 'monthly-only',
      name: 'Monthly only',
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
    });
    await t.api('POST', `/v1/subscriptions/${monthly.id}/billing_period`, { billing_period: 'year' });
    const blocked = await t.api('POST', `/v1/subscriptions/${monthly.id}/change`, { plan: 'monthly-only' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'billing_period_mismatch',
      errors: [{ field: 'billing_period' }],
    });
    const none = await subscribe(t, { account: acct, plan: 'annual-only', billing_period: 'year' });
    const refused = await t.api('POST', `/v1/subscriptions/${none.id}/billing_period`, {
      billing_period: 'month',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('billing_period_mismatch');
  });

  it('keeps the plan version a subscription bought (grandfathering)', async () => {
    const clock = await clockAt(t, '2026-07-01T10:00:00Z');
    const old = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: old, plan: 'professional' });
    const repriced = await t.api('PATCH', '/v1/plans/professional', {
      prices: [
        { billing_period: 'month', currency: 'EUR', amount: 12900 },
        { billing_period: 'year', currency: 'EUR', amount: 129000 },
      ],
    });
    expect(repriced.body.version).toBe(2);
    const fresh = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: fresh, plan: 'professional' });
    await advance(t, clock, '2026-08-02T00:00:00Z');
    expect((await invoicesOf(t, old)).map((i) => i.total)).toEqual([
      PRICES.professional,
      PRICES.professional,
    ]);
    expect((await invoicesOf(t, fresh)).map((i) => i.total)).toEqual([12900, 12900]);
  });

  it('gives accounts in Los Angeles and Paris the same local dates and amounts as UTC across DST', async () => {
    const clock = await clockAt(t, '2026-03-01T12:00:00Z');
    const zones = ['UTC', 'America/Los_Angeles', 'Europe/Paris'];
    const accts = [];
    for (const timezone of zones) {
      const a = await account(t, clock, { timezone });
      await subscribe(t, { account: a, plan: 'premium' });
      accts.push(a);
    }
    await advance(t, clock, '2026-11-15T12:00:00Z');
    const views = [];
    for (const a of accts)
      views.push((await invoicesOf(t, a)).map((i) => [i.period_start, i.period_end, i.total]));
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    expect(views[0]).toHaveLength(9);
  });
});

describe('trials', () => {
  it('warns 3 days before, then expires unconverted and deactivates the users', async () => {
    const clock = await clockAt(t, '2026-05-04T09:00:00Z');
    const acct = await account(t, clock);
    for (const email of ['a@trial.example.com', 'b@trial.example.com']) {
      await t.api('POST', `/v1/accounts/${acct}/users`, { email, name: email });
    }
    const sub = await subscribe(t, { account: acct, plan: 'agents', quantity: 2, trial: true });
    expect(sub).toMatchObject({ status: 'trialing', trial_end: '2026-05-17T22:00:00.000Z' });
    expect(await invoicesOf(t, acct)).toHaveLength(0);
    await advance(t, clock, '2026-05-15T00:00:00Z');
    const warned = await t.api('GET', `/v1/events?account=${acct}&type=subscription.trial_will_end`);
    expect(warned.body.data).toHaveLength(1);
    await advance(t, clock, '2026-05-19T00:00:00Z');
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.status).toBe('expired');
    const users = (await t.api('GET', `/v1/accounts/${acct}/users`)).body.data;
    expect(users.map((u: { status: string }) => u.status)).toEqual(['deactivated', 'deactivated']);
    expect((await t.api('GET', `/v1/events?account=${acct}&type=user.deactivated`)).body.data).toHaveLength(
      2,
    );
    expect(await invoicesOf(t, acct)).toHaveLength(0);

    // Subscribing after expiry converts it, and the users can be reactivated.
    const converted = await t.api('POST', `/v1/subscriptions/${sub.id}/activate`);
    expect(converted.body.status).toBe('active');
    expect((await invoicesOf(t, acct)).map((i) => i.total)).toEqual([2 * PRICES.agent]);
    const again = await t.api('PATCH', `/v1/accounts/${acct}/users/${users[0].id}`, { status: 'active' });
    expect(again.body.status).toBe('active');
  });

  it('activates a trial now: the first period starts today and is invoiced at once', async () => {
    const clock = await clockAt(t, '2026-05-04T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'agents', quantity: 3, trial: true });
    await advance(t, clock, '2026-05-09T15:00:00Z');
    const active = await t.api('POST', `/v1/subscriptions/${sub.id}/activate`);
    expect(active.body).toMatchObject({
      status: 'active',
      current_period_start: '2026-05-09T00:00:00.000Z',
      current_period_end: '2026-06-09T00:00:00.000Z',
    });
    const [invoice] = await invoicesOf(t, acct);
    expect(invoice).toMatchObject({
      total: 3 * PRICES.agent,
      period_start: '2026-05-09',
      period_end: '2026-06-09',
    });
    await advance(t, clock, '2026-06-01T00:00:00Z');
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.status).toBe('active');
  });

  it('refuses a trial on a plan without one, and a quantity on a flat price', async () => {
    const acct = await account(t, null);
    const trial = await t.api('POST', '/v1/subscriptions', { account: acct, plan: 'premium', trial: true });
    expect(trial.status).toBe(400);
    expect(trial.body.errors[0].field).toBe('trial');
    const qty = await t.api('POST', '/v1/subscriptions', { account: acct, plan: 'premium', quantity: 3 });
    expect(qty.body.errors[0].field).toBe('quantity');
    const currency = await t.api('POST', '/v1/subscriptions', {
      account: acct,
      plan: 'premium',
      currency: 'USD',
    });
    expect(currency.body.errors[0].field).toBe('currency');
    expect((await t.api('GET', `/v1/subscriptions?account=${acct}`)).body.data).toEqual([]);
    const first = await subscribe(t, { account: acct, plan: 'agents', trial: true });
    await t.api('POST', `/v1/subscriptions/${first.id}/cancel`);
    const second = await t.api('POST', '/v1/subscriptions', { account: acct, plan: 'agents', trial: true });
    expect(second.status).toBe(400);
    expect(second.body.errors[0]).toEqual({ field: 'trial', message: 'the account already had a trial' });
  });
});
