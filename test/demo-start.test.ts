import { afterAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';

const started: TestAllot[] = [];
afterAll(async () => {
  for (const t of started) await t.close();
});

describe('the demo workspace', () => {
  it('loads on a first start and is visible through the API', async () => {
    const t = await startAllot({ env: { ALLOT_DEMO: '1' } });
    started.push(t);
    const plans = (await t.api('GET', '/v1/plans?limit=100')).body.data.map((p: { key: string }) => p.key);
    expect(plans).toEqual(
      expect.arrayContaining([
        'tw-premium',
        'tw-professional',
        'od-standard',
        'od-enterprise',
        'wz-uc',
        'erp-complete',
      ]),
    );
    const partner = await t.api('GET', '/v1/accounts/demo-wz-telecom-partner');
    expect(partner.body).toMatchObject({ kind: 'partner', name: 'Telecom Partner SAS' });
    const customers = await t.api('GET', `/v1/accounts?parent_id=${partner.body.id}`);
    expect(customers.body.data).toHaveLength(2);
    const users = await t.api('GET', `/v1/accounts/${partner.body.id}/users`);
    expect(users.body.data.some((u: { roles: string[] }) => u.roles.includes('subscription_manager'))).toBe(
      true,
    );
    const subs = await t.api('GET', `/v1/subscriptions?account=${partner.body.id}`);
    expect(subs.body.data[0]).toMatchObject({ plan_key: 'wz-uc', quantity: 20, status: 'active' });
    // The partner pays its own licences and, per site, its customers' allocated seats.
    const invoices = (await t.api('GET', `/v1/invoices?account=${partner.body.id}`)).body.data;
    expect(invoices).toHaveLength(3);
    const lines = invoices.flatMap((i: { lines: { description: string; quantity: number }[] }) => i.lines);
    expect(lines.map((l: { description: string }) => l.description)).toEqual(
      expect.arrayContaining([
        // The French partner reads its invoices in French, with the catalog's French names.
        'Boulangeries Martin SARL — Lyon Part-Dieu\u00a0: 3 × Wizvox Communications unifiées (mensuel)',
        'Cabinet Lefèvre Avocats — Bordeaux\u00a0: 2 × Wizvox Communications unifiées (annuel)',
      ]),
    );
    const overview = await t.api('GET', `/v1/accounts/${partner.body.id}/allocations/overview`);
    expect(overview.body.totals).toEqual([{ feature: 'wz-user-licences', allocated: 11, used: 8 }]);
    // The totals are the customers' subtotals added up: their own users and their sites'.
    const billed = overview.body.accounts.filter((a: { kind: string }) => a.kind === 'customer');
    expect(
      billed.reduce((n: number, c: { subtotal: { used: number }[] }) => n + c.subtotal[0]!.used, 0),
    ).toBe(8);
    const trial = await t.api('GET', '/v1/subscriptions?account=demo-od-kestrel');
    expect(trial.body.data[0].status).toBe('trialing');
    const history = await t.api('GET', `/v1/accounts/${partner.body.id}/history`);
    expect(history.body.data.map((h: { action: string }) => h.action)).toContain('account.created');
  });

  it('stays out with ALLOT_DEMO=0', async () => {
    const t = await startAllot({ env: { ALLOT_DEMO: '0' } });
    started.push(t);
    expect((await t.api('GET', '/v1/plans')).body.data).toEqual([]);
    expect((await t.api('GET', '/v1/accounts')).body.data).toEqual([]);
  });
});
