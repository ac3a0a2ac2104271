import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from '../../test/helpers/allot.ts';
import { Temporal } from '../platform/clock/clock.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { DEMO_CATALOG, type DemoSummary, loadDemo } from './demo.ts';

let t: TestAllot;
let summary: DemoSummary;

interface Account {
  id: string;
  external_id: string | null;
  parent_id: string | null;
  kind: string;
  currency: string;
  bill_to_parent: boolean;
  billing_basis: { from: string; basis: string }[];
}

const accounts = async (): Promise<Account[]> => {
  const res = await t.api('GET', '/v1/accounts?limit=100');
  expect(res.status).toBe(200);
  expect(res.body.has_more).toBe(false);
  return res.body.data;
};
const byExternalId = async (externalId: string) => {
  const found = (await accounts()).find((a) => a.external_id === externalId);
  expect(found, externalId).toBeDefined();
  return found!;
};
const usersOf = async (accountId: string) => {
  const res = await t.api('GET', `/v1/accounts/${accountId}/users?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as { email: string; name: string; roles: string[]; modules: string[] }[];
};

beforeAll(async () => {
  t = await startAllot();
  const tenantId = (await t.api('GET', '/v1/tenant')).body.id as string;
  summary = await new TenantScope(tenantId, t.allot.ctx.db.kysely).transaction((s) =>
    loadDemo(s, Temporal.Now.instant()),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('the demo workspace', () => {
  it('reports what it created', async () => {
    expect(summary).toEqual({
      features: DEMO_CATALOG.features.length,
      plans: DEMO_CATALOG.plans.length,
      addons: DEMO_CATALOG.addons.length,
      accounts: (await accounts()).length,
      users: expect.any(Number),
    });
    expect(summary).toMatchObject({ features: 15, plans: 10, addons: 8, accounts: 12, users: 27 });
  });

  it('has the four vendor families’ plans, each sold monthly and yearly', async () => {
    const res = await t.api('GET', '/v1/plans?limit=100');
    expect(res.status).toBe(200);
    const plans = res.body.data as {
      key: string;
      rank: number;
      trial_days: number;
      cancellation_window_hours: number;
      prices: { billing_period: string; currency: string; amount: number; per_seat: boolean }[];
      entitlements: { feature: string; limit: number | null; enabled: boolean; overage: string }[];
    }[];
    expect(plans.map((p) => p.key).sort()).toEqual(
      [
        'tw-starter',
        'tw-premium',
        'tw-professional',
        'tw-enterprise',
        'od-standard',
        'od-premium',
        'od-enterprise',
        'wz-uc',
        'erp-essential',
        'erp-complete',
      ].sort(),
    );
    const plan = (key: string) => plans.find((p) => p.key === key)!;
    for (const p of plans) {
      const periods = new Set(p.prices.map((pr) => pr.billing_period));
      expect([...periods].sort(), p.key).toEqual(['month', 'year']);
      // Every currency is sold both ways, the year cheaper than twelve months.
      for (const pr of p.prices.filter((x) => x.billing_period === 'year')) {
        const monthly = p.prices.find((x) => x.billing_period === 'month' && x.currency === pr.currency);
        expect(monthly, `${p.key} ${pr.currency}`).toBeDefined();
        expect(pr.amount).toBeLessThan(monthly!.amount * 12);
        expect(pr.per_seat).toBe(monthly!.per_seat);
      }
    }

    // TeamWeave: flat, quotas, 72 h window; Premium → Professional is an upgrade on the same periods.
    for (const key of ['tw-starter', 'tw-premium', 'tw-professional', 'tw-enterprise']) {
      expect(plan(key).cancellation_window_hours).toBe(72);
      expect(plan(key).prices.every((pr) => !pr.per_seat)).toBe(true);
      expect(plan(key).entitlements.map((e) => e.feature)).toEqual([
        'tw-tickets',
        'tw-checklists',
        'tw-crm-opportunities',
      ]);
    }
    expect(plan('tw-professional').rank).toBeGreaterThan(plan('tw-premium').rank);
    const slots = (key: string) => plan(key).prices.map((pr) => `${pr.billing_period}/${pr.currency}`);
    expect(slots('tw-professional')).toEqual(slots('tw-premium'));

    // OrbitDesk: per agent, a 14-day trial, SSO only on Enterprise, integrations from Premium.
    const gate = (key: string, feature: string) =>
      plan(key).entitlements.find((e) => e.feature === feature)?.enabled;
    for (const key of ['od-standard', 'od-premium', 'od-enterprise']) {
      expect(plan(key).trial_days).toBe(14);
      expect(plan(key).prices.every((pr) => pr.per_seat)).toBe(true);
      expect(new Set(plan(key).prices.map((pr) => pr.currency))).toEqual(new Set(['EUR', 'USD', 'CAD']));
    }
    expect(['od-standard', 'od-premium', 'od-enterprise'].map((k) => gate(k, 'od-sso'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(['od-standard', 'od-premium', 'od-enterprise'].map((k) => gate(k, 'od-integrations'))).toEqual([
      false,
      true,
      true,
    ]);

    // Gestia: one admin included per module, further users billed.
    const complete = plan('erp-complete');
    for (const m of ['sales', 'crm', 'accounting', 'emailing']) {
      expect(complete.entitlements).toContainEqual(
        expect.objectContaining({ feature: `erp-users-${m}`, limit: 1, overage: 'bill' }),
      );
    }
  });

  it('has the Gestia packs, attached to modules', async () => {
    const res = await t.api('GET', '/v1/addons?limit=100');
    expect(res.status).toBe(200);
    const addons = res.body.data as {
      key: string;
      modules: string[];
      prices: { billing_period: string }[];
    }[];
    expect(addons.map((a) => a.key).sort()).toEqual(
      [
        'erp-pack-users-sales',
        'erp-pack-users-crm',
        'erp-pack-users-accounting',
        'erp-pack-users-emailing',
        'erp-pack-emails-5000',
        'erp-pack-linked-companies',
        'erp-pack-support',
        'erp-onboarding-training',
      ].sort(),
    );
    for (const a of addons) expect(a.modules.length, a.key).toBeGreaterThan(0);
    const once = addons.filter((a) => a.prices.some((p) => p.billing_period === 'once')).map((a) => a.key);
    expect(once.sort()).toEqual(['erp-onboarding-training', 'erp-pack-emails-5000']);
  });

  it('has the reseller tree: a partner, two customers billed to it, two sites each', async () => {
    const all = await accounts();
    const partner = await byExternalId('demo-wz-telecom-partner');
    expect(partner).toMatchObject({ name: 'Telecom Partner SAS', kind: 'partner', parent_id: null });
    const customers = all.filter((a) => a.parent_id === partner.id);
    expect(customers).toHaveLength(2);
    for (const c of customers) {
      expect(c).toMatchObject({ kind: 'customer', currency: 'EUR', bill_to_parent: true });
      expect(c.billing_basis).toEqual([
        { from: '2022-08-01', basis: 'used' },
        { from: '2022-11-01', basis: 'allocated' },
      ]);
      const sites = all.filter((a) => a.parent_id === c.id);
      expect(sites).toHaveLength(2);
      for (const s of sites) expect(s.kind).toBe('site');
    }
    // The query parameter agrees with the tree.
    const listed = await t.api('GET', `/v1/accounts?parent_id=${partner.id}&limit=100`);
    expect(listed.body.data.map((a: Account) => a.id).sort()).toEqual(customers.map((c) => c.id).sort());
  });

  it('gives every account users, with their roles', async () => {
    const partner = await byExternalId('demo-wz-telecom-partner');
    const partnerUsers = await usersOf(partner.id);
    expect(partnerUsers.map((u) => u.roles)).toContainEqual(['owner', 'subscription_manager']);
    expect(partnerUsers.map((u) => u.roles)).toContainEqual(['member']);

    const martin = await byExternalId('demo-wz-boulangeries-martin');
    expect((await usersOf(martin.id)).map((u) => u.roles)).toContainEqual(['subscription_manager']);

    let total = 0;
    for (const a of await accounts()) {
      const users = await usersOf(a.id);
      total += users.length;
      expect(users.length, a.external_id ?? a.id).toBeGreaterThan(0);
      for (const u of users) expect(u.email).toMatch(/@[a-z0-9.-]+\.example\.(fr|de|com)$/);
      if (a.kind !== 'site') {
        // Every organisation has someone who may buy and allocate.
        const roles = users.flatMap((u) => u.roles);
        if (a.parent_id === null) expect(roles, a.external_id!).toContain('owner');
        expect(roles.some((r) => r === 'owner' || r === 'subscription_manager')).toBe(true);
      }
    }
    expect(total).toBe(summary.users);

    const erp = await byExternalId('demo-erp-mueller-schmidt');
    expect(erp).toMatchObject({ timezone: 'Europe/Berlin', locale: 'de' });
    const erpUsers = await usersOf(erp.id);
    expect(erpUsers.find((u) => u.roles.includes('owner'))!.modules.sort()).toEqual(
      ['erp-accounting', 'erp-crm', 'erp-emailing', 'erp-sales'].sort(),
    );
    expect(await byExternalId('demo-tw-lumiere')).toMatchObject({ timezone: 'Europe/Paris', locale: 'fr' });
    expect(await byExternalId('demo-tw-harbor')).toMatchObject({
      timezone: 'America/New_York',
      currency: 'USD',
    });
  });

  it('exports exactly DEMO_CATALOG, and the export round-trips into another tenant', async () => {
    const exported = await t.api('GET', '/v1/catalog');
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(DEMO_CATALOG);

    const tenant = await t.api('POST', '/v1/tenants', { name: 'x' });
    expect(tenant.status).toBe(201);
    const key = tenant.body.secret_key as string;
    const put = await t.api('PUT', '/v1/catalog', exported.body, { key });
    expect(put.body.errors ?? [], JSON.stringify(put.body)).toEqual([]);
    expect(put.status).toBe(200);
    const back = await t.api('GET', '/v1/catalog', undefined, { key });
    expect(back.status).toBe(200);
    expect(back.body).toEqual(exported.body);
  });
});
