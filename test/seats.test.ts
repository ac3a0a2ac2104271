import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, advance, clockAt, invoicesOf, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
  const res = await t.api('PUT', '/v1/catalog', {
    features: [
      { key: 'licences', name: 'User licences', kind: 'seat' },
      { key: 'agents', name: 'Agents', kind: 'seat' },
      { key: 'sales-users', name: 'Sales users', kind: 'seat', module: 'sales' },
    ],
    plans: [
      {
        key: 'uc',
        name: 'UC',
        entitlements: [{ feature: 'licences', limit: 0 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 600, per_seat: true }],
      },
      {
        key: 'desk',
        name: 'Desk',
        entitlements: [{ feature: 'agents', limit: 0 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1200, per_seat: true }],
      },
      {
        key: 'erp',
        name: 'ERP',
        modules: ['sales'],
        entitlements: [{ feature: 'sales-users', limit: 1 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 3000 }],
      },
      {
        key: 'erp-open',
        name: 'ERP (users billed)',
        modules: ['sales'],
        entitlements: [{ feature: 'sales-users', limit: 1, overage: 'bill' }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 3000, consumption_unit_amount: 1500 }],
      },
    ],
    addons: [
      {
        key: 'sales-users-pack',
        name: 'Extra sales users',
        modules: ['sales'],
        grants: [{ feature: 'sales-users', amount: 1 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 800 }],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const addUser = (
  acct: string,
  email: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) => t.api('POST', `/v1/accounts/${acct}/users`, { email, name: email.split('@')[0], ...extra }, { headers });

describe('a reseller allocating seats per site', () => {
  it('refuses a member’s third user, lets a subscription manager add it by allocating one more, and shows it all', async () => {
    const partner = await account(t, null, { kind: 'partner' });
    await subscribe(t, { account: partner, plan: 'uc', quantity: 20 });
    const manager = (
      await addUser(partner, 'nadia@partner.example.fr', {}, { roles: ['subscription_manager'] })
    ).body.id;
    const customer = await account(t, null, { parent_id: partner, bill_to_parent: true });
    const site = await account(t, null, { parent_id: customer });
    const member = (await addUser(site, 'lea@site.example.fr')).body.id;
    // Before any allocation the site has no seats of its own to fill; the partner now gives it 2.
    const put = await t.api(
      'PUT',
      `/v1/accounts/${site}/allocations`,
      [{ feature: 'licences', allocated: 2 }],
      { headers: { 'allot-acting-user': manager } },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data).toEqual([{ feature: 'licences', allocated: 2, used: 1, source: 'allocation' }]);
    expect((await addUser(site, 'paul@site.example.fr', { 'allot-acting-user': member })).status).toBe(201);

    const third = await addUser(site, 'hugo@site.example.fr', { 'allot-acting-user': member });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'seats_exhausted', feature: 'licences', allocated: 2, used: 2 });
    expect((await t.api('GET', `/v1/accounts/${site}/users`)).body.data).toHaveLength(2);

    const byManager = await addUser(site, 'hugo@site.example.fr', { 'allot-acting-user': manager });
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(201);
    const sync = await t.api('POST', `/v1/accounts/${site}/seats/sync`);
    expect(sync.body.data).toEqual([{ feature: 'licences', allocated: 3, used: 3, source: 'allocation' }]);
    const history = (await t.api('GET', `/v1/accounts/${site}/history`)).body.data.map(
      (h: { action: string }) => h.action,
    );
    expect(history.slice(0, 3)).toEqual(['seats.synced', 'allocation.changed', 'user.created']);
    // Announced when the last seat went (the second user); the manager's deliberate raise is no news.
    const exhausted = await t.api('GET', `/v1/events?account=${site}&type=seats.exhausted`);
    expect(exhausted.body.data.map((e: { data: { used: number } }) => e.data.used)).toEqual([2]);

    const other = await account(t, null, { parent_id: customer });
    await t.api('PUT', `/v1/accounts/${other}/allocations`, [{ feature: 'licences', allocated: 4 }]);
    await addUser(other, 'zoe@other.example.fr');
    const overview = await t.api('GET', `/v1/accounts/${partner}/allocations/overview`);
    expect(overview.body.totals).toEqual([{ feature: 'licences', allocated: 7, used: 4 }]);
    expect(overview.body.accounts.map((a: { account: string }) => a.account)).toEqual(
      expect.arrayContaining([site, other]),
    );

    // The partner holds 20: it cannot hand out 21.
    const tooMany = await t.api('PUT', `/v1/accounts/${other}/allocations`, [
      { feature: 'licences', allocated: 18 },
    ]);
    expect(tooMany.status).toBe(409);
    expect((await t.api('GET', `/v1/accounts/${other}/allocations`)).body.data[0].allocated).toBe(4);
    // A member of the site cannot allocate.
    expect(
      (
        await t.api('PUT', `/v1/accounts/${site}/allocations`, [{ feature: 'licences', allocated: 9 }], {
          headers: { 'allot-acting-user': member },
        })
      ).status,
    ).toBe(403);
  });
});

describe('per-seat subscriptions', () => {
  it('raises the licence count by one, billed prorated, when a subscription manager adds a user beyond it', async () => {
    const acct = await account(t, null, { timezone: 'UTC' });
    const owner = (await addUser(acct, 'owner@desk.example.com', {}, { roles: ['owner'] })).body.id;
    const sub = await subscribe(t, { account: acct, plan: 'desk', quantity: 1 });
    // An owner is not a subscription manager (S8): refused, with what would work for it.
    const byOwner = await addUser(acct, 'second@desk.example.com', { 'allot-acting-user': owner });
    expect(byOwner.status).toBe(409);
    expect(byOwner.body.hint).toMatch(/raise the licence count .*subscription manager role/);
    // As the hint says, the owner gives itself the role; its add then buys one more licence.
    const granted = await t.api(
      'PATCH',
      `/v1/accounts/${acct}/users/${owner}`,
      { roles: ['owner', 'subscription_manager'] },
      { headers: { 'allot-acting-user': owner } },
    );
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const res = await addUser(acct, 'second@desk.example.com', { 'allot-acting-user': owner });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.quantity).toBe(2);
    const invoices = await invoicesOf(t, acct);
    expect(invoices).toHaveLength(2);
    expect(invoices[1].lines).toMatchObject([{ kind: 'proration', quantity: 1, unit_amount: 1200 }]);
    expect(invoices[1].lines[0].description).toMatch(/^\+1 × Desk, \d+ of \d+ days$/);
  });

  it('frees a seat when a user is deactivated, and takes one when reactivated', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'desk', quantity: 1 });
    const first = (await addUser(acct, 'a@free.example.com')).body.id;
    expect((await addUser(acct, 'b@free.example.com')).status).toBe(409);
    await t.api('PATCH', `/v1/accounts/${acct}/users/${first}`, { status: 'deactivated' });
    const b = await addUser(acct, 'b@free.example.com');
    expect(b.status).toBe(201);
    const back = await t.api('PATCH', `/v1/accounts/${acct}/users/${first}`, { status: 'active' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('seats_exhausted');
    expect((await t.api('GET', `/v1/accounts/${acct}/users/${first}`)).body.status).toBe('deactivated');
  });

  it('counts module seats only for users with the module', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'erp' });
    expect((await addUser(acct, 'admin@erp.example.com', {}, { modules: ['sales'] })).status).toBe(201);
    expect((await addUser(acct, 'accountant@erp.example.com')).status).toBe(201);
    expect((await addUser(acct, 'seller@erp.example.com', {}, { modules: ['sales'] })).status).toBe(409);
  });

  it('lets exactly 10 of 50 parallel adds through 10 free seats', async () => {
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'desk', quantity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => addUser(acct, `u${i}@parallel.example.com`)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'seats_exhausted')).toBe(
      true,
    );
    expect((await t.api('GET', `/v1/accounts/${acct}/users?limit=100`)).body.data).toHaveLength(10);
  });
});

describe('extra users billed as consumption (S17)', () => {
  it('bills a module with one included admin, a pack of 2 users and 5 users for 2 extra at the period end', async () => {
    const clock = await clockAt(t, '2026-03-01T08:00:00Z');
    const acct = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, {
      account: acct,
      plan: 'erp-open',
      addons: [{ addon: 'sales-users-pack', quantity: 2 }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await addUser(acct, `s${i}@erp-open.example.com`, {}, { modules: ['sales'] });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // The peak counts, not the end: two leave before the period ends.
    await advance(t, clock, '2026-03-20T08:00:00Z');
    for (const id of ids.slice(0, 2))
      await t.api('PATCH', `/v1/accounts/${acct}/users/${id}`, { status: 'deactivated' });
    // A user without the module takes no sales seat.
    expect((await addUser(acct, 'books@erp-open.example.com')).status).toBe(201);
    await advance(t, clock, '2026-04-01T01:00:00Z');
    const renewal = (await invoicesOf(t, acct)).at(-1);
    const extra = renewal.lines.find((l: { kind: string }) => l.kind === 'consumption');
    expect(extra).toMatchObject({
      quantity: 2,
      unit_amount: 1500,
      amount: 3000,
      period_start: '2026-03-01',
      description: 'Sales users: at most 5 users in the period, 3 included (plan and packs), 2 extra',
    });
  });
});

describe('reseller billing', () => {
  it("bills a customer's seats on the partner's invoice, per site, on used seats then on allocated ones from the switch date", async () => {
    const clock = await clockAt(t, '2026-01-15T09:00:00Z');
    const partner = await account(t, clock, { kind: 'partner', timezone: 'UTC', name: 'Telecom Partner' });
    const customer = await account(t, clock, {
      name: 'Boulangeries Martin',
      parent_id: partner,
      bill_to_parent: true,
      billing_basis: [
        { from: '2026-01-01', basis: 'used' },
        { from: '2026-03-01', basis: 'allocated' },
      ],
    });
    const lyon = await account(t, clock, { name: 'Lyon', parent_id: customer });
    const paris = await account(t, clock, { name: 'Paris', parent_id: customer });
    await t.api('PUT', `/v1/accounts/${lyon}/allocations`, [{ feature: 'licences', allocated: 3 }]);
    await t.api('PUT', `/v1/accounts/${paris}/allocations`, [{ feature: 'licences', allocated: 2 }]);
    await addUser(lyon, 'a@lyon.example.fr');
    await addUser(lyon, 'b@lyon.example.fr');
    await addUser(paris, 'c@paris.example.fr');
    const sub = await subscribe(t, { account: customer, plan: 'uc', quantity: 1 });

    // Every invoice goes to the partner; none to the customer. The first one bills the sites' seats
    // already, on the basis of the day (used seats): 2 in Lyon, 1 in Paris.
    expect(await invoicesOf(t, customer)).toEqual([]);
    const first = (await invoicesOf(t, partner))[0];
    expect(
      first.lines.map((l: { description: string; amount: number }) => [l.description, l.amount]),
    ).toEqual([
      ['Boulangeries Martin — Lyon: 2 × UC (monthly)', 1200],
      ['Boulangeries Martin — Paris: 1 × UC (monthly)', 600],
    ]);

    await advance(t, clock, '2026-02-15T01:00:00Z');
    const onUsed = (await invoicesOf(t, partner)).at(-1);
    expect(
      onUsed.lines.map((l: { description: string; amount: number }) => [l.description, l.amount]),
    ).toEqual([
      ['Boulangeries Martin — Lyon: 2 × UC (monthly)', 1200],
      ['Boulangeries Martin — Paris: 1 × UC (monthly)', 600],
    ]);

    // The next invoice the basis leads to, before it is issued: the renewal of 15 March counts the
    // seats allocated (the basis from 1 March), per site, as the renewal itself will.
    const upcoming = await t.api('GET', `/v1/subscriptions/${sub.id}/upcoming_invoice`);
    expect(upcoming.status, JSON.stringify(upcoming.body)).toBe(200);
    expect(upcoming.body).toMatchObject({
      id: null,
      account: partner,
      period_start: '2026-03-15',
      total: 3000,
    });
    expect(
      upcoming.body.lines.map((l: { account: string; quantity: number }) => [l.account, l.quantity]),
    ).toEqual([
      [lyon, 3],
      [paris, 2],
    ]);
    await advance(t, clock, '2026-03-15T01:00:00Z');
    const onAllocated = (await invoicesOf(t, partner)).at(-1);
    expect(onAllocated.lines).toEqual(upcoming.body.lines);
    expect(onAllocated.lines.map((l: { quantity: number }) => l.quantity)).toEqual([3, 2]);
    expect(onAllocated.total).toBe(5 * 600);
    expect((await t.api('GET', `/v1/subscriptions/${sub.id}`)).body.quantity).toBe(5);

    // An increase mid-cycle is charged at once, prorated: day 10 of 31, 21 days left.
    await advance(t, clock, '2026-03-25T10:00:00Z');
    // Its cost first (S7): the same writes rolled back, so exactly the invoice the change will issue.
    const invoicesBefore = (await invoicesOf(t, partner)).length;
    const historyBefore = (await t.api('GET', `/v1/accounts/${lyon}/history`)).body.data.length;
    const preview = await t.api('POST', `/v1/accounts/${lyon}/allocations/preview`, [
      { feature: 'licences', allocated: 4 },
    ]);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.data).toEqual([{ feature: 'licences', allocated: 4, used: 2, source: 'allocation' }]);
    expect(preview.body.invoices).toHaveLength(1);
    expect(preview.body.invoices[0]).toMatchObject({
      id: null,
      number: null,
      status: 'draft',
      account: partner,
      total: 406,
    });
    expect((await invoicesOf(t, partner)).length).toBe(invoicesBefore);
    expect((await t.api('GET', `/v1/accounts/${lyon}/allocations`)).body.data[0].allocated).toBe(3);
    expect((await t.api('GET', `/v1/accounts/${lyon}/history`)).body.data.length).toBe(historyBefore);
    const tooMany = await t.api('POST', `/v1/accounts/${lyon}/allocations/preview`, [
      { feature: 'nope', allocated: 4 },
    ]);
    expect(tooMany.status).toBe(400);
    await t.api('PUT', `/v1/accounts/${lyon}/allocations`, [{ feature: 'licences', allocated: 4 }]);
    const increase = (await invoicesOf(t, partner)).at(-1);
    expect(increase.lines).toEqual(preview.body.invoices[0].lines);
    expect(increase.lines).toMatchObject([
      {
        quantity: 1,
        unit_amount: 600,
        amount: 406,
        description: 'Boulangeries Martin — Lyon: +1 × UC, 21 of 31 days',
        proration: { days: 21, period_days: 31 },
      },
    ]);
    // A decrease waits for the next cycle: its preview invoices nothing.
    const lower = await t.api('POST', `/v1/accounts/${paris}/allocations/preview`, [
      { feature: 'licences', allocated: 1 },
    ]);
    expect(lower.body).toMatchObject({ data: [{ allocated: 1, used: 1 }], invoices: [] });
    await t.api('PUT', `/v1/accounts/${paris}/allocations`, [{ feature: 'licences', allocated: 1 }]);
    expect((await invoicesOf(t, partner)).at(-1).id).toBe(increase.id);
    await advance(t, clock, '2026-04-15T01:00:00Z');
    expect((await invoicesOf(t, partner)).at(-1).lines.map((l: { quantity: number }) => l.quantity)).toEqual([
      4, 1,
    ]);
  });
});
