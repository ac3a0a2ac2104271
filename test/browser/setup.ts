import { expect } from 'vitest';
import type { TestAllot } from '../helpers/allot.ts';
import { advance, clockAt } from '../helpers/scenario.ts';

/**
 * The vendor's side of the walks: a catalog in the seeds' spirit (TeamsWork's flat plans with
 * quotas and SSO on the higher tier, OneDesk's per-licence plan with a trial, packs for its module)
 * and three customers on test clocks, set up through the API as the vendor's application would.
 */
export async function seedWalkCatalog(t: TestAllot): Promise<void> {
  const flat = (month: { EUR: number; USD: number }) =>
    (['EUR', 'USD'] as const).flatMap((currency) => [
      { billing_period: 'month', currency, amount: month[currency] },
      { billing_period: 'year', currency, amount: month[currency] * 10 },
    ]);
  const res = await t.api('PUT', '/v1/catalog', {
    features: [
      { key: 'tickets', name: 'Tickets', kind: 'quota', unit: 'ticket' },
      { key: 'sso', name: 'Single sign-on (SSO)', kind: 'boolean' },
      { key: 'agents', name: 'Agent licences', kind: 'seat', module: 'team' },
      { key: 'emails', name: 'E-mail credits', kind: 'credit', unit: 'e-mail' },
    ],
    plans: [
      {
        key: 'premium',
        name: 'Premium',
        rank: 1,
        modules: ['desk'],
        entitlements: [
          { feature: 'tickets', limit: 500 },
          { feature: 'sso', enabled: false },
        ],
        prices: flat({ EUR: 3000, USD: 3300 }),
      },
      {
        key: 'professional',
        name: 'Professional',
        rank: 2,
        modules: ['desk'],
        entitlements: [
          { feature: 'tickets', limit: 2000 },
          { feature: 'sso', enabled: true },
        ],
        prices: flat({ EUR: 6000, USD: 6600 }),
      },
      {
        key: 'enterprise',
        name: 'Enterprise',
        rank: 3,
        modules: ['desk'],
        entitlements: [
          { feature: 'tickets', limit: 10000 },
          { feature: 'sso', enabled: true },
        ],
        prices: [{ billing_period: 'year', currency: 'EUR', amount: 120000 }],
      },
      {
        key: 'team',
        name: 'Team Standard',
        rank: 1,
        modules: ['team'],
        trial_days: 14,
        entitlements: [
          { feature: 'agents', limit: 0 },
          { feature: 'emails', limit: 0, reset: 'never' },
        ],
        prices: (['EUR', 'USD'] as const).flatMap((currency) => [
          { billing_period: 'month', currency, amount: currency === 'EUR' ? 1300 : 1500, per_seat: true },
          { billing_period: 'year', currency, amount: currency === 'EUR' ? 13200 : 15600, per_seat: true },
        ]),
      },
    ],
    addons: [
      {
        key: 'emails-5000',
        name: 'E-mail pack — 5,000 e-mails',
        modules: ['team'],
        grants: [{ feature: 'emails', amount: 5000 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 2500 },
          { billing_period: 'month', currency: 'USD', amount: 2900 },
        ],
      },
      {
        key: 'support',
        name: 'Priority support',
        modules: ['team'],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 2900 },
          { billing_period: 'month', currency: 'USD', amount: 3200 },
        ],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export interface WalkCustomer {
  account: string;
  clock: string;
  subscription: string;
  users: Record<string, string>;
}

async function customer(
  t: TestAllot,
  opts: { name: string; locale: 'en' | 'fr' | 'de'; timezone: string; at: string; tax: number },
  users: [key: string, name: string, roles: string[]][],
): Promise<{ account: string; clock: string; users: Record<string, string> }> {
  const clock = await clockAt(t, opts.at);
  const acct = await t.api('POST', '/v1/accounts', {
    name: opts.name,
    currency: 'EUR',
    timezone: opts.timezone,
    locale: opts.locale,
    tax_rate_bps: opts.tax,
    test_clock: clock,
  });
  expect(acct.status, JSON.stringify(acct.body)).toBe(201);
  return { account: acct.body.id, clock, users: await addUsers(t, acct.body.id, users) };
}

async function addUsers(t: TestAllot, account: string, users: [string, string, string[]][]) {
  const out: Record<string, string> = {};
  for (const [key, name, roles] of users) {
    const res = await t.api('POST', `/v1/accounts/${account}/users`, {
      name,
      email: `${key}@${account.slice(-6)}.example.com`,
      roles,
      modules: ['team'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    out[key] = res.body.id;
  }
  return out;
}

async function subscribeTo(t: TestAllot, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/v1/subscriptions', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A French TeamsWork-like customer on Premium since 1 November, 20 of its 30 days used (S4). */
export async function frenchCustomer(t: TestAllot): Promise<WalkCustomer> {
  const c = await customer(
    t,
    {
      name: 'Lumière Conseil SARL',
      locale: 'fr',
      timezone: 'Europe/Paris',
      at: '2026-11-01T08:00:00Z',
      tax: 2000,
    },
    [
      ['camille', 'Camille Rousseau', ['owner']],
      ['lea', 'Léa Fontaine', ['member']],
    ],
  );
  const subscription = await subscribeTo(t, { account: c.account, plan: 'premium', billing_period: 'month' });
  await t.api('POST', '/v1/usage_events', {
    events: [{ id: 'walk-fr-1', account: c.account, feature: 'tickets', quantity: 430 }],
  });
  await advance(t, c.clock, '2026-11-21T08:00:00Z');
  return { ...c, subscription };
}

/** A German ERP-like customer on three agent licences, all taken. */
export async function germanCustomer(t: TestAllot): Promise<WalkCustomer> {
  const clock = await clockAt(t, '2026-11-01T08:00:00Z');
  const acct = await t.api('POST', '/v1/accounts', {
    name: 'Müller & Schmidt Maschinenbau GmbH',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    locale: 'de',
    tax_rate_bps: 1900,
    test_clock: clock,
  });
  const account = acct.body.id as string;
  const subscription = await subscribeTo(t, { account, plan: 'team', billing_period: 'month', quantity: 3 });
  const users = await addUsers(t, account, [
    ['katrin', 'Katrin Müller', ['owner']],
    ['jonas', 'Jonas Schmidt', ['subscription_manager']],
    ['anna', 'Anna Becker', ['member']],
  ]);
  await advance(t, clock, '2026-11-11T08:00:00Z');
  return { account, clock, subscription, users };
}

/** An OneDesk-like account on a 14-day trial of three licences, in EUR. */
export async function trialCustomer(t: TestAllot): Promise<WalkCustomer> {
  const c = await customer(
    t,
    {
      name: 'Kestrel Analytics Ltd',
      locale: 'en',
      timezone: 'Europe/Dublin',
      at: '2026-11-01T08:00:00Z',
      tax: 2300,
    },
    [],
  );
  const subscription = await subscribeTo(t, {
    account: c.account,
    plan: 'team',
    trial: true,
    quantity: 3,
    billing_period: 'month',
  });
  c.users = await addUsers(t, c.account, [['aoife', 'Aoife Murphy', ['owner', 'subscription_manager']]]);
  await advance(t, c.clock, '2026-11-05T10:00:00Z');
  return { ...c, subscription };
}

export interface WalkReseller {
  partner: string;
  clock: string;
  users: Record<string, string>;
  customers: {
    id: string;
    name: string;
    subscription: string;
    sites: Record<string, string>;
    users: Record<string, string>;
  }[];
}

/**
 * A Wazo-like reseller (seed 002): a French partner whose two customers are billed to it, per site,
 * on used seats until 1 November and on allocated seats from then; each site has its allocation.
 */
export async function resellerPartner(t: TestAllot): Promise<WalkReseller> {
  const cat = await t.api('PUT', '/v1/catalog', {
    features: [{ key: 'lines', name: 'Licences utilisateur', kind: 'seat' }],
    plans: [
      {
        key: 'voice',
        name: 'Voice UC',
        modules: ['voice'],
        entitlements: [{ feature: 'lines', limit: 0 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 600, per_seat: true },
          { billing_period: 'year', currency: 'EUR', amount: 6000, per_seat: true },
        ],
      },
    ],
  });
  expect(cat.status, JSON.stringify(cat.body)).toBe(200);
  const clock = await clockAt(t, '2026-11-10T08:00:00Z');
  const make = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/v1/accounts', {
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
      test_clock: clock,
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const user = async (account: string, key: string, name: string, roles: string[]) => {
    const res = await t.api('POST', `/v1/accounts/${account}/users`, {
      name,
      email: `${key}@${account.slice(-6)}.example.fr`,
      roles,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const partner = await make({ name: 'Telecom Partner SAS', kind: 'partner', tax_rate_bps: 2000 });
  const users = {
    claire: await user(partner, 'claire', 'Claire Dubois', ['owner', 'subscription_manager']),
    julien: await user(partner, 'julien', 'Julien Moreau', ['member']),
  };
  const customers: WalkReseller['customers'] = [];
  for (const [name, sites, manager] of [
    [
      'Boulangeries Martin SARL',
      { lyon: ['Lyon Part-Dieu', 3, 2], villeurbanne: ['Villeurbanne', 2, 1] },
      ['marc', 'Marc Martin'],
    ],
    [
      'Cabinet Lefèvre Avocats',
      { paris: ['Paris 8e', 4, 1], bordeaux: ['Bordeaux', 2, 1] },
      ['hugo', 'Hugo Bernard'],
    ],
  ] as const) {
    const id = await make({
      name,
      parent_id: partner,
      bill_to_parent: true,
      billing_basis: [
        { from: '2026-08-01', basis: 'used' },
        { from: '2026-11-01', basis: 'allocated' },
      ],
    });
    const customerUsers = { [manager[0]]: await user(id, manager[0], manager[1], ['subscription_manager']) };
    const siteIds: Record<string, string> = {};
    for (const [key, [siteName, allocated, people]] of Object.entries(sites)) {
      const site = await make({ name: siteName, parent_id: id, kind: 'site', bill_to_parent: true });
      const put = await t.api('PUT', `/v1/accounts/${site}/allocations`, [{ feature: 'lines', allocated }]);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      for (let i = 0; i < people; i++) await user(site, `${key}${i}`, `${siteName} ${i + 1}`, ['member']);
      siteIds[key] = site;
    }
    const sub = await t.api('POST', '/v1/subscriptions', {
      account: id,
      plan: 'voice',
      billing_period: 'month',
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    customers.push({ id, name, subscription: sub.body.id, sites: siteIds, users: customerUsers });
  }
  await advance(t, clock, '2026-11-11T08:00:00Z');
  return { partner, clock, users, customers };
}
