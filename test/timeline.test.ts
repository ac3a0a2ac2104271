/**
 * Issue 10: billing from one subscription timeline. Each numbered defect of the issue through the
 * API, on test clocks with exact amounts (on PGlite, and on PostgreSQL when DATABASE_URL is set).
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allot } from '../sdk/index.ts';
import { featureKinds } from '../src/catalog/catalog.ts';
import { linesOwed } from '../src/domain/billing.ts';
import { type Clock, fixedClock, systemClock, type Temporal } from '../src/platform/clock/clock.ts';
import { TenantScope } from '../src/platform/db/tenant-scope.ts';
import { loadTimeline } from '../src/subscriptions/phases.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, advance, clockAt, creditNotesOf, invoicesOf, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
/** The wall clock of accounts on no test clock: the system's, unless a test sets it (no job runs by itself). */
const wall: Clock & { at: Temporal.Instant | null } = {
  at: null,
  now() {
    return this.at ?? systemClock.now();
  },
};
beforeAll(async () => {
  t = await startAllot({ clock: wall });
  const res = await t.api('PUT', '/v1/catalog', {
    features: [
      { key: 'tickets', name: 'Tickets', kind: 'quota' },
      { key: 'agents', name: 'Agents', kind: 'seat' },
      { key: 'licences', name: 'Licences', kind: 'seat' },
      { key: 'sales-users', name: 'Sales users', kind: 'seat', module: 'sales' },
      { key: 'crm-users', name: 'CRM users', kind: 'seat', module: 'crm' },
    ],
    plans: [
      {
        key: 'gold',
        name: 'Gold',
        entitlements: [{ feature: 'agents', limit: 0 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 24995, per_seat: true }],
      },
      {
        key: 'desk',
        name: 'Desk',
        entitlements: [{ feature: 'agents', limit: 0 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 1200, per_seat: true },
          { billing_period: 'year', currency: 'EUR', amount: 12000, per_seat: true },
        ],
      },
      {
        key: 'uc',
        name: 'UC',
        entitlements: [{ feature: 'licences', limit: 0 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 600, per_seat: true },
          { billing_period: 'year', currency: 'EUR', amount: 6000, per_seat: true },
        ],
      },
      {
        key: 'erp-full',
        name: 'ERP full',
        modules: ['sales', 'crm'],
        entitlements: [
          { feature: 'sales-users', limit: 1, overage: 'bill', overage_unit_amount: 1500 },
          { feature: 'crm-users', limit: 1 },
          { feature: 'tickets', limit: 100, overage: 'bill', overage_unit_amount: 10 },
        ],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 6000 }],
      },
      {
        key: 'erp-sales',
        name: 'ERP sales',
        trial_days: 14,
        modules: ['sales'],
        entitlements: [{ feature: 'sales-users', limit: 1 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 3000 }],
      },
      {
        key: 'ten',
        name: 'Ten',
        entitlements: [{ feature: 'tickets', limit: 10 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
      },
    ],
    addons: [
      {
        key: 'support',
        name: 'Support',
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1500 }],
      },
      {
        key: 'crm-pack',
        name: 'CRM pack',
        modules: ['crm'],
        grants: [{ feature: 'crm-users', amount: 2 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 800 }],
      },
      {
        key: 'sales-pack',
        name: 'Sales pack',
        modules: ['sales'],
        grants: [{ feature: 'sales-users', amount: 1 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 500 }],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const as = (user: string) => ({ headers: { 'allot-acting-user': user } });
const addUser = (acct: string, email: string, extra: Record<string, unknown> = {}, actor?: string) =>
  t.api(
    'POST',
    `/v1/accounts/${acct}/users`,
    { email, name: email.split('@')[0], ...extra },
    actor ? as(actor) : {},
  );

/** A partner with 20 licences, its subscription manager, and a customer billed to it on a basis. */
async function reseller(clock: string, basis: { from: string; basis: 'used' | 'allocated' }[]) {
  const partner = await account(t, clock, { kind: 'partner', timezone: 'UTC', name: 'Telecom Partner' });
  await subscribe(t, { account: partner, plan: 'uc', quantity: 20 });
  const manager = (await addUser(partner, 'nadia@partner.example.fr', { roles: ['subscription_manager'] }))
    .body.id;
  const customer = await account(t, clock, {
    name: 'Boulangeries Martin',
    parent_id: partner,
    bill_to_parent: true,
    billing_basis: basis,
  });
  const lyon = await account(t, clock, { name: 'Lyon', parent_id: customer });
  const paris = await account(t, clock, { name: 'Paris', parent_id: customer });
  return { partner, manager, customer, lyon, paris };
}

describe('1. a reseller’s customer’s first invoice', () => {
  it('bills the seats allocated to its sites: 8 seats over two sites at 6.00 are 48.00', async () => {
    const clock = await clockAt(t, '2026-03-02T09:00:00Z');
    const r = await reseller(clock, [{ from: '2026-01-01', basis: 'allocated' }]);
    await t.api(
      'PUT',
      `/v1/accounts/${r.lyon}/allocations`,
      [{ feature: 'licences', allocated: 5 }],
      as(r.manager),
    );
    await t.api(
      'PUT',
      `/v1/accounts/${r.paris}/allocations`,
      [{ feature: 'licences', allocated: 3 }],
      as(r.manager),
    );
    const sub = await subscribe(t, { account: r.customer, plan: 'uc' });
    expect(sub).toMatchObject({ quantity: 8, seats: [{ seats: 5 }, { seats: 3 }] });
    const first = (await invoicesOf(t, r.partner)).find((i) => i.subscription === sub.id);
    expect(
      first.lines.map((l: { description: string; amount: number }) => [l.description, l.amount]),
    ).toEqual([
      ['Boulangeries Martin — Lyon: 5 × UC (monthly)', 3000],
      ['Boulangeries Martin — Paris: 3 × UC (monthly)', 1800],
    ]);
    expect(first.subtotal).toBe(4800);
  });
});

describe('2. the last period of a subscription that ends', () => {
  it('invoices its extra users per module and its billed overage at the end; running billing again adds nothing', async () => {
    const clock = await clockAt(t, '2026-03-01T08:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'erp-full', auto_renew: false });
    for (let i = 0; i < 3; i++)
      expect((await addUser(acct, `s${i}@erp.example.com`, { modules: ['sales'] })).status).toBe(201);
    for (let i = 0; i < 13; i++)
      await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', quantity: 10 });
    await advance(t, clock, '2026-04-01T00:30:00Z');
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.status).toBe('canceled');
    const last = (await invoicesOf(t, acct)).at(-1);
    expect(last).toMatchObject({
      reason: 'subscription_end',
      period_start: '2026-03-01',
      period_end: '2026-04-01',
    });
    expect(last.lines.map((l: { description: string; amount: number }) => [l.description, l.amount])).toEqual(
      [
        ['Sales users: at most 3 users in the period, 1 included (plan and packs), 2 extra', 3000],
        ['Tickets: 130 used, 100 included, 30 billed', 300],
      ],
    );
    expect((await t.api('POST', '/v1/billing/run')).status).toBe(200);
    await advance(t, clock, '2026-05-02T00:00:00Z');
    expect((await invoicesOf(t, acct)).at(-1).id).toBe(last.id);
    const timeline = await t.api('GET', `/v1/subscriptions/${sub.id}/timeline`);
    expect(timeline.body.data.map((p: { action: string; status: string }) => [p.action, p.status])).toEqual([
      ['created', 'active'],
      ['ended', 'canceled'],
    ]);
  });
});

describe('3. a quantity change', () => {
  it('adds the seats added as one line rounded once: 1 → 2 at 249.95 with 9 of 30 days left is 74.99', async () => {
    const clock = await clockAt(t, '2026-09-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'gold', quantity: 1 });
    await advance(t, clock, '2026-09-22T10:00:00Z');
    const preview = await t.api('POST', `/v1/subscriptions/${sub.id}/preview`, { quantity: 2 });
    const changed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { quantity: 2 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const invoice = (await invoicesOf(t, acct)).at(-1);
    expect(invoice.lines).toEqual([
      {
        kind: 'proration',
        description: '+1 × Gold, 9 of 30 days',
        subscription: sub.id,
        account: null,
        period_start: '2026-09-22',
        period_end: '2026-10-01',
        quantity: 1,
        unit_amount: 24995,
        amount: 7499,
        tax: 0,
        proration: { days: 9, period_days: 30 },
      },
    ]);
    expect(preview.body.lines).toEqual(invoice.lines);
  });

  it('bills 15 of 31 days of one more seat at 249.95 as 120.94', async () => {
    const clock = await clockAt(t, '2026-07-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'gold', quantity: 1 });
    await advance(t, clock, '2026-07-17T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { quantity: 2 });
    expect((await invoicesOf(t, acct)).at(-1).lines).toMatchObject([
      { description: '+1 × Gold, 15 of 31 days', amount: 12094 },
    ]);
  });
});

describe('4. a pack and its module', () => {
  it('ends a pack whose module the new plan lacks, with its prorated credit in the preview and the credit note', async () => {
    const clock = await clockAt(t, '2026-04-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'erp-full', addons: [{ addon: 'crm-pack' }] });
    await advance(t, clock, '2026-04-16T10:00:00Z');
    const listed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, {
      plan: 'erp-sales',
      addons: [{ addon: 'crm-pack' }],
    });
    expect(listed.status).toBe(400);
    expect(listed.body.errors[0]).toMatchObject({ field: 'addons[0].addon' });
    const preview = await t.api('POST', `/v1/subscriptions/${sub.id}/preview`, { plan: 'erp-sales' });
    expect(
      preview.body.lines.map((l: { description: string; amount: number }) => [l.description, l.amount]),
    ).toEqual([
      ['Unused time on ERP full, 15 of 30 days', -3000],
      ['Remaining time on ERP sales, 15 of 30 days', 1500],
      ['−1 × CRM pack, 15 of 30 days', -400],
    ]);
    const changed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'erp-sales' });
    expect(changed.body.addons).toEqual([]);
    // It credits more than it charges: a credit note, whose lines print what is credited as positive.
    const note = (await t.api('GET', `/v1/credit_notes/${changed.body.latest_credit_note}`)).body;
    expect(note.lines.map((l: { amount: number }) => l.amount)).toEqual([3000, -1500, 400]);
    expect(note.total).toBe(3000 - 1500 + 400);
    await advance(t, clock, '2026-05-01T12:00:00Z');
    expect(
      (await invoicesOf(t, acct)).at(-1).lines.map((l: { description: string }) => l.description),
    ).toEqual(['ERP sales (monthly)']);
  });

  it('refuses an add-on granting the seats of a module it does not attach to', async () => {
    const res = await t.api('POST', '/v1/addons', {
      key: 'crm-seats-for-sales',
      name: 'Wrong pack',
      modules: ['sales'],
      grants: [{ feature: 'crm-users', amount: 1 }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'grants[0].feature', message: expect.stringContaining('crm') },
    ]);
    expect((await t.api('GET', '/v1/addons/crm-seats-for-sales')).status).toBe(404);
  });
});

describe('5. editing a customer’s billing cycle', () => {
  it('schedules the switch on its subscriptions and its sites’, at their next cycle', async () => {
    const clock = await clockAt(t, '2026-02-10T10:00:00Z');
    const r = await reseller(clock, []);
    const own = await subscribe(t, { account: r.customer, plan: 'desk', quantity: 2 });
    const site = await subscribe(t, { account: r.lyon, plan: 'desk', quantity: 1 });
    const patched = await t.api(
      'PATCH',
      `/v1/accounts/${r.customer}`,
      { billing_period: 'year' },
      as(r.manager),
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    for (const id of [own.id, site.id]) {
      expect((await t.api('GET', `/v1/subscriptions/${id}`)).body).toMatchObject({
        billing_period: 'month',
        scheduled_changes: [
          { type: 'billing_period', billing_period: 'year', effective_at: '2026-03-09T23:00:00.000Z' },
        ],
      });
    }
    await advance(t, clock, '2026-03-10T01:00:00Z');
    const renewed = (await invoicesOf(t, r.partner)).filter((i) => i.subscription === own.id).at(-1);
    expect(renewed).toMatchObject({
      period_start: '2026-03-10',
      period_end: '2027-03-10',
      subtotal: 2 * 12000,
    });
    expect((await t.api('GET', `/v1/subscriptions/${site.id}`)).body.billing_period).toBe('year');
  });
});

describe('6. seat features in check and entitlements', () => {
  it('gives a per-seat plan’s figures: 7 bought, 6 used → limit 7, used 6, remaining 1', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'desk', quantity: 7 });
    for (let i = 0; i < 6; i++) await addUser(acct, `a${i}@desk.example.com`);
    const check = await t.api('POST', '/v1/entitlements/check', { account: acct, feature: 'agents' });
    expect(check.body).toMatchObject({ allowed: true, limit: 7, used: 6, remaining: 1, state: 'warning' });
    const listed = (await t.api('GET', `/v1/accounts/${acct}/entitlements`)).body.data;
    expect(listed.find((e: { feature: string }) => e.feature === 'agents')).toMatchObject({
      limit: 7,
      used: 6,
      remaining: 1,
    });
    // The SDK's snapshot is the same list.
    const sdk = new Allot({ baseUrl: t.url, secretKey: t.key });
    expect(await sdk.entitlements.check({ account: acct, feature: 'agents' })).toMatchObject({
      limit: 7,
      used: 6,
      allowed: true,
    });
    // Consuming a seat is not how seats are taken.
    const consumed = await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'agents' });
    expect(consumed.status).toBe(400);
    expect(consumed.body.errors[0].field).toBe('feature');
  });

  it('gives a flat plan’s included seats and packs, and a site’s allocation', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'erp-sales', addons: [{ addon: 'sales-pack' }] });
    await addUser(acct, 'a@erp.example.com', { modules: ['sales'] });
    await addUser(acct, 'b@erp.example.com', { modules: ['sales'] });
    await addUser(acct, 'c@erp.example.com');
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: acct, feature: 'sales-users' })).body,
    ).toMatchObject({
      allowed: false,
      limit: 2,
      used: 2,
      remaining: 0,
      reason: 'seats_exhausted',
    });
    const clock = await clockAt(t, '2026-01-05T09:00:00Z');
    const r = await reseller(clock, []);
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 4 }]);
    for (const e of ['x', 'y', 'z']) await addUser(r.lyon, `${e}@lyon.example.fr`);
    expect(
      (await t.api('POST', '/v1/entitlements/check', { account: r.lyon, feature: 'licences' })).body,
    ).toMatchObject({
      allowed: true,
      limit: 4,
      used: 3,
      remaining: 1,
    });
  });
});

describe('7. usage events on a blocking quota', () => {
  it('refuses the events that would pass the limit, one by one, counting nothing for them', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'ten' });
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `evt-${acct}-${i}`,
      account: acct,
      feature: 'tickets',
      quantity: 1,
    }));
    const res = await t.api('POST', '/v1/usage_events', { events });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      accepted: 10,
      duplicates: 0,
      refused: [
        { index: 10, id: events[10]!.id, code: 'quota_exceeded', feature: 'tickets', limit: 10, used: 10 },
        { index: 11, id: events[11]!.id, code: 'quota_exceeded', feature: 'tickets', limit: 10, used: 10 },
      ],
    });
    const used = (await t.api('GET', `/v1/accounts/${acct}/entitlements`)).body.data[0];
    expect(used).toMatchObject({ feature: 'tickets', used: 10, limit: 10 });
    // Their ids were not claimed: a retry is refused again, not ignored as a duplicate.
    const retry = await t.api('POST', '/v1/usage_events', { events: [events[11]] });
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 0, refused: [{ index: 0 }] });
    // Billed overage counts past the limit, as before.
    const billed = await account(t, null);
    await subscribe(t, { account: billed, plan: 'erp-full' });
    const many = Array.from({ length: 3 }, (_, i) => ({
      id: `b-${billed}-${i}`,
      account: billed,
      feature: 'tickets',
      quantity: 50,
    }));
    expect((await t.api('POST', '/v1/usage_events', { events: many })).body).toMatchObject({
      accepted: 3,
      refused: [],
    });
  });
});

describe('8. test clocks', () => {
  it('date every write of a clocked account, its events and its history by its clock', async () => {
    const clock = await clockAt(t, '2026-01-10T09:00:00Z');
    const at = '2026-01-10T09:00:00.000Z';
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'desk', quantity: 1 });
    await addUser(acct, 'only@clock.example.com');
    await t.api('POST', `/v1/accounts/${acct}/seats/sync`);
    const history = (await t.api('GET', `/v1/accounts/${acct}/history?limit=100`)).body.data;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['account.created', 'user.created', 'seats.synced']),
    );
    expect(history.every((h: { at: string }) => h.at === at)).toBe(true);
    const events = (await t.api('GET', `/v1/events?account=${acct}&limit=100`)).body.data;
    expect(events.map((e: { type: string }) => e.type)).toContain('seats.exhausted');
    expect(events.every((e: { created_at: string }) => e.created_at === at)).toBe(true);
    const user = (await t.api('GET', `/v1/accounts/${acct}/users`)).body.data[0];
    expect(user.created_at).toBe(at);
  });
});

describe('9. allocation rights', () => {
  it('are the subscription managers’: an owner may neither allocate nor add beyond the allocation', async () => {
    const clock = await clockAt(t, '2026-01-05T09:00:00Z');
    const r = await reseller(clock, []);
    const owner = (await addUser(r.partner, 'owner@partner.example.fr', { roles: ['owner'] })).body.id;
    const put = await t.api(
      'PUT',
      `/v1/accounts/${r.lyon}/allocations`,
      [{ feature: 'licences', allocated: 1 }],
      as(owner),
    );
    expect(put.status).toBe(403);
    await t.api(
      'PUT',
      `/v1/accounts/${r.lyon}/allocations`,
      [{ feature: 'licences', allocated: 1 }],
      as(r.manager),
    );
    await addUser(r.lyon, 'first@lyon.example.fr');
    const beyond = await addUser(r.lyon, 'second@lyon.example.fr', {}, owner);
    expect(beyond.status).toBe(409);
    expect(beyond.body).toMatchObject({
      code: 'seats_exhausted',
      feature: 'licences',
      allocated: 1,
      used: 1,
    });
    expect(beyond.body.hint).toMatch(/subscription manager/);
    const member = (await addUser(r.lyon, 'm@lyon.example.fr', {}, undefined)).body;
    expect(member.code).toBe('seats_exhausted');
    expect((await addUser(r.lyon, 'second@lyon.example.fr', {}, r.manager)).status).toBe(201);
    expect((await t.api('GET', `/v1/accounts/${r.lyon}/allocations`)).body.data[0]).toMatchObject({
      allocated: 2,
      used: 2,
    });
  });
});

describe('10. the reseller’s overview', () => {
  it('gives each customer its sites’ subtotal, and a customer’s seats are its sites’', async () => {
    const clock = await clockAt(t, '2026-01-05T09:00:00Z');
    const r = await reseller(clock, []);
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 3 }]);
    await t.api('PUT', `/v1/accounts/${r.paris}/allocations`, [{ feature: 'licences', allocated: 2 }]);
    await addUser(r.lyon, 'a@lyon.example.fr');
    await addUser(r.lyon, 'b@lyon.example.fr');
    await addUser(r.paris, 'c@paris.example.fr');
    const overview = (await t.api('GET', `/v1/accounts/${r.partner}/allocations/overview`)).body;
    expect(overview.totals).toEqual([{ feature: 'licences', allocated: 5, used: 3 }]);
    expect(overview.accounts.find((a: { account: string }) => a.account === r.customer).subtotal).toEqual([
      { feature: 'licences', allocated: 5, used: 3, source: 'allocation' },
    ]);
    expect((await t.api('GET', `/v1/accounts/${r.customer}/allocations`)).body.data).toEqual([
      { feature: 'licences', allocated: 5, used: 3, source: 'allocation' },
    ]);
    const sync = (await t.api('POST', `/v1/accounts/${r.customer}/seats/sync`)).body;
    expect(sync.data).toEqual([{ feature: 'licences', allocated: 5, used: 3, source: 'allocation' }]);
    expect(
      sync.sites.map((s: { name: string; seats: { allocated: number; used: number }[] }) => [
        s.name,
        s.seats[0]!.allocated,
        s.seats[0]!.used,
      ]),
    ).toEqual([
      ['Lyon', 3, 2],
      ['Paris', 2, 1],
    ]);
  });
});

describe('11. seat warnings under a reseller', () => {
  it('reach the nearest subscription managers up the tree; a manager’s raise announces nothing', async () => {
    const clock = await clockAt(t, '2026-01-05T09:00:00Z');
    const r = await reseller(clock, []);
    const marc = (await addUser(r.customer, 'marc@martin.example.fr', { roles: ['subscription_manager'] }))
      .body;
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 1 }]);
    await addUser(r.lyon, 'pauline@lyon.example.fr');
    const mails = (await t.api('GET', `/v1/emails?account=${r.lyon}`)).body.data;
    expect(mails.map((m: { type: string; to: string }) => [m.type, m.to])).toEqual([
      ['seats.exhausted', marc.email],
    ]);
    expect((await addUser(r.lyon, 'karim@lyon.example.fr', {}, marc.id)).status).toBe(201);
    expect((await t.api('GET', `/v1/emails?account=${r.lyon}`)).body.data).toHaveLength(1);
    expect((await t.api('GET', `/v1/events?account=${r.lyon}&type=seats.exhausted`)).body.data).toHaveLength(
      1,
    );
  });
});

describe('12. trials', () => {
  it('end at an early activation, allow one live subscription per plan, and are reminded by their last day', async () => {
    const clock = await clockAt(t, '2026-05-04T09:00:00Z');
    const acct = await account(t, clock, { timezone: 'Europe/Paris', locale: 'en' });
    await addUser(acct, 'owner@trial.example.com', { roles: ['owner'] });
    const sub = await subscribe(t, { account: acct, plan: 'erp-sales', trial: true });
    expect(sub.trial_end).toBe('2026-05-17T22:00:00.000Z');
    const twice = await t.api('POST', '/v1/subscriptions', { account: acct, plan: 'erp-sales' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_state', errors: [{ field: 'plan' }] });
    await advance(t, clock, '2026-05-15T00:00:00Z');
    const [reminder] = (await t.api('GET', `/v1/emails?account=${acct}`)).body.data;
    expect(reminder.subject).toContain("the trial's last day is May 17, 2026");
    const activated = await t.api('POST', `/v1/subscriptions/${sub.id}/activate`);
    expect(activated.body).toMatchObject({ status: 'active', trial_end: '2026-05-15T00:00:00.000Z' });
  });
});

describe('13. two overage prices', () => {
  it('refuses a billed unit priced both on the entitlement and on a price, naming both fields', async () => {
    const res = await t.api('POST', '/v1/plans', {
      key: 'twice-priced',
      name: 'Twice priced',
      entitlements: [{ feature: 'tickets', limit: 10, overage: 'bill', overage_unit_amount: 5 }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 100, consumption_unit_amount: 7 }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'entitlements[0].overage_unit_amount',
      'prices[0].consumption_unit_amount',
    ]);
  });
});

describe('totals before buying (S13)', () => {
  it('previews the first invoice of a subscription, saving nothing — for a new account and for a trial', async () => {
    const clock = await clockAt(t, '2026-06-01T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC', tax_rate_bps: 2000 });
    const annual = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'desk',
      billing_period: 'year',
      quantity: 5,
    });
    expect(annual.status, JSON.stringify(annual.body)).toBe(200);
    expect(annual.body).toMatchObject({
      id: null,
      subscription: null,
      period_start: '2026-06-01',
      period_end: '2027-06-01',
      subtotal: 60000,
      tax: 12000,
      total: 72000,
      lines: [{ description: '5 × Desk (annual)', amount: 60000 }],
    });
    const trial = await t.api('POST', '/v1/subscriptions/preview', {
      account: acct,
      plan: 'erp-sales',
      trial: true,
    });
    expect(trial.body).toMatchObject({
      issued_at: '2026-06-15T00:00:00.000Z',
      period_start: '2026-06-15',
      total: 3600,
    });
    expect((await t.api('GET', `/v1/subscriptions?account=${acct}`)).body.data).toEqual([]);
    expect(await invoicesOf(t, acct)).toEqual([]);
    // A trialing account: what activating now would bill.
    await subscribe(t, { account: acct, plan: 'erp-sales', trial: true });
    const activation = await t.api('POST', '/v1/subscriptions/preview', { account: acct, plan: 'erp-sales' });
    expect(activation.body).toMatchObject({ period_start: '2026-06-01', subtotal: 3000 });
  });
});

describe('the timeline replays', () => {
  it('into exactly the lines already invoiced', async () => {
    const clock = await clockAt(t, '2026-01-20T10:00:00Z');
    const acct = await account(t, clock, { timezone: 'Europe/Paris' });
    const sub = await subscribe(t, {
      account: acct,
      plan: 'desk',
      quantity: 2,
      addons: [{ addon: 'support' }],
    });
    await advance(t, clock, '2026-01-25T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { quantity: 5 });
    await advance(t, clock, '2026-02-03T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { quantity: 3, addons: [] });
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'gold', quantity: 3 });
    await advance(t, clock, '2026-04-05T10:00:00Z');
    // What credits more than it charges is on credit notes, printed with the opposite sign.
    const issued = [
      ...(await invoicesOf(t, acct)).flatMap((i) =>
        i.lines.map((l: { amount: number; description: string }) => `${l.description}=${l.amount}`),
      ),
      ...(await creditNotesOf(t, acct)).flatMap((n) =>
        n.lines.map((l: { amount: number; description: string }) => `${l.description}=${-l.amount}`),
      ),
    ];
    expect(issued.length).toBeGreaterThan(6);

    const row = await t.allot.ctx.db.kysely
      .selectFrom('subscriptions')
      .select('tenant_id')
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    const scope = new TenantScope(row.tenant_id, t.allot.ctx.db.kysely);
    const replay = linesOwed({
      subscriptionId: sub.id,
      phases: await loadTimeline(scope, sub.id),
      kinds: await featureKinds(scope),
      at: fixedClock('2026-04-05T10:00:00Z').now(),
    });
    expect(replay.map((l) => `${l.description}=${l.amount}`).sort()).toEqual([...issued].sort());
  });
});

describe('after a review', () => {
  it('bills usage counted into a period after its invoice at the next renewal, even after a change', async () => {
    const clock = await clockAt(t, '2026-02-01T08:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    const sub = await subscribe(t, { account: acct, plan: 'erp-full' });
    for (let i = 0; i < 11; i++)
      await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', quantity: 10 });
    await advance(t, clock, '2026-03-01T01:00:00Z');
    expect((await invoicesOf(t, acct)).at(-1).lines.at(-1)).toMatchObject({ quantity: 10, amount: 100 });
    // A consume still in flight when the renewal read February's counter lands there afterwards.
    await sql`update usage_counters set used = used + 5
      where account_id = ${acct} and feature = 'tickets' and window_start = '2026-02-01T00:00:00Z'`.execute(
      t.allot.ctx.db.kysely,
    );
    await advance(t, clock, '2026-03-10T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { addons: [{ addon: 'support' }] });
    await advance(t, clock, '2026-04-01T01:00:00Z');
    const april = (await invoicesOf(t, acct)).at(-1);
    expect(april.lines.filter((l: { kind: string }) => l.kind === 'consumption')).toEqual([
      expect.objectContaining({
        description: 'Tickets: 115 used, 100 included, 15 billed (10 invoiced before, counted since)',
        period_start: '2026-02-01',
        quantity: 5,
        amount: 50,
      }),
    ]);
    await advance(t, clock, '2026-05-01T01:00:00Z');
    const may = (await invoicesOf(t, acct)).at(-1);
    expect(may.lines.some((l: { period_start: string }) => l.period_start === '2026-02-01')).toBe(false);
  });

  it('appends no phase when a reseller’s customer’s seats stay the same, at a renewal or a write', async () => {
    const clock = await clockAt(t, '2026-03-02T09:00:00Z');
    const r = await reseller(clock, [{ from: '2026-01-01', basis: 'allocated' }]);
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 2 }]);
    const sub = await subscribe(t, { account: r.customer, plan: 'uc' });
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 2 }]);
    await advance(t, clock, '2026-04-02T09:00:00Z');
    const phases = async () =>
      (await t.api('GET', `/v1/subscriptions/${sub.id}/timeline`)).body.data.map(
        (p: { action: string }) => p.action,
      );
    expect(await phases()).toEqual(['created']);
    await t.api('PUT', `/v1/accounts/${r.lyon}/allocations`, [{ feature: 'licences', allocated: 3 }]);
    await advance(t, clock, '2026-05-02T09:00:00Z');
    expect(await phases()).toEqual(['created', 'allocation']);
  });

  it('refuses to cancel or change once the period or the trial ended and before its renewal or expiry ran', async () => {
    wall.at = fixedClock('2026-06-01T10:00:00Z').now();
    try {
      await t.api('POST', '/v1/plans', {
        key: 'long-window',
        name: 'Long window',
        cancellation_window_hours: 2000,
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
      });
      const acct = await account(t, null, { timezone: 'UTC' });
      const sub = await subscribe(t, { account: acct, plan: 'long-window' });
      const trialAcct = await account(t, null, { timezone: 'UTC' });
      const trial = await subscribe(t, { account: trialAcct, plan: 'erp-sales', trial: true });
      wall.at = fixedClock('2026-07-02T10:00:00Z').now();
      const cancel = await t.api('POST', `/v1/subscriptions/${sub.id}/cancel`);
      expect(cancel.status).toBe(409);
      expect(cancel.body.code).toBe('invalid_state');
      expect(await invoicesOf(t, acct)).toHaveLength(1);
      const change = await t.api('POST', `/v1/subscriptions/${trial.id}/change`, { plan: 'erp-full' });
      expect(change.status).toBe(409);
      expect((await t.api('GET', `/v1/subscriptions/${trial.id}/timeline`)).body.data).toHaveLength(1);
    } finally {
      wall.at = null;
    }
  });

  it('changes nothing when the same packs come in another order', async () => {
    const acct = await account(t, null);
    const sub = await subscribe(t, {
      account: acct,
      plan: 'erp-full',
      addons: [{ addon: 'crm-pack' }, { addon: 'support' }],
    });
    const same = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, {
      addons: [{ addon: 'support' }, { addon: 'crm-pack' }],
    });
    expect(same.body.latest_invoice).toBeNull();
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}/timeline`)).body.data).toHaveLength(1);
    expect(await invoicesOf(t, acct)).toHaveLength(1);
  });
});
