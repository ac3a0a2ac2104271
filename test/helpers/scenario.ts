import { expect } from 'vitest';
import type { TestAllot } from './allot.ts';

/**
 * The scenario builder: a small catalog and accounts on a test clock, then a story of steps with
 * assertions on invoices and subscriptions. Amounts are minor units.
 */
export const PRICES = { premium: 4900, professional: 9900, agent: 1200, annualPremium: 49000 };

export async function seedCatalog(t: TestAllot): Promise<void> {
  const res = await t.api('PUT', '/v1/catalog', {
    features: [
      { key: 'tickets', name: 'Tickets', kind: 'quota' },
      { key: 'agents', name: 'Agents', kind: 'seat' },
      { key: 'sso', name: 'SSO', kind: 'boolean' },
    ],
    plans: [
      {
        key: 'premium',
        name: 'Premium',
        rank: 2,
        entitlements: [{ feature: 'tickets', limit: 500 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: PRICES.premium },
          { billing_period: 'year', currency: 'EUR', amount: PRICES.annualPremium },
        ],
      },
      {
        key: 'professional',
        name: 'Professional',
        rank: 3,
        entitlements: [{ feature: 'tickets', limit: 2000 }],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: PRICES.professional },
          { billing_period: 'year', currency: 'EUR', amount: 99000 },
        ],
      },
      {
        key: 'annual-only',
        name: 'Annual only',
        rank: 4,
        prices: [{ billing_period: 'year', currency: 'EUR', amount: 150000 }],
      },
      {
        key: 'free',
        name: 'Free',
        rank: 0,
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 0 }],
      },
      {
        key: 'gold',
        name: 'Gold',
        rank: 5,
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 24995 }],
      },
      {
        key: 'agents',
        name: 'Agents',
        rank: 1,
        trial_days: 14,
        entitlements: [
          { feature: 'agents', limit: 0 },
          { feature: 'sso', enabled: true },
        ],
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: PRICES.agent, per_seat: true },
          { billing_period: 'year', currency: 'EUR', amount: 12000, per_seat: true },
        ],
      },
    ],
    addons: [
      {
        key: 'support',
        name: 'Support pack',
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1500 }],
      },
      {
        key: 'training',
        name: 'Onboarding training',
        prices: [{ billing_period: 'once', currency: 'EUR', amount: 30000 }],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function clockAt(t: TestAllot, at: string): Promise<string> {
  const res = await t.api('POST', '/v1/test_clocks', { frozen_time: at });
  expect(res.status).toBe(201);
  return res.body.id;
}

export async function advance(t: TestAllot, clock: string, to: string): Promise<void> {
  const res = await t.api('POST', `/v1/test_clocks/${clock}/advance`, { frozen_time: to });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function account(
  t: TestAllot,
  clock: string | null,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.api('POST', '/v1/accounts', {
    name: 'Customer',
    currency: 'EUR',
    timezone: 'Europe/Paris',
    ...(clock ? { test_clock: clock } : {}),
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

export async function subscribe(t: TestAllot, body: Record<string, unknown>) {
  const res = await t.api('POST', '/v1/subscriptions', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The account's invoices, oldest first. */
export async function invoicesOf(t: TestAllot, accountId: string): Promise<any[]> {
  const res = await t.api('GET', `/v1/invoices?account=${accountId}&limit=100`);
  return [...res.body.data].reverse();
}

/** The account's credit notes, oldest first. */
export async function creditNotesOf(t: TestAllot, accountId: string): Promise<any[]> {
  const res = await t.api('GET', `/v1/credit_notes?account=${accountId}&limit=100`);
  return [...res.body.data].reverse();
}

export const amounts = (invoice: { lines: { amount: number }[] }) => invoice.lines.map((l) => l.amount);
