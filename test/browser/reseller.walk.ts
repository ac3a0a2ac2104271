import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../web/src/i18n/catalog.ts';
import { startAllot, type TestAllot } from '../helpers/allot.ts';
import { accessible, launch, plain, settle, shot, signIn, words } from './browser.ts';
import { resellerPartner, type WalkReseller } from './setup.ts';

/**
 * The reseller's console (seed 002, Wazo), through the real server in Chromium: a partner's
 * subscription manager reads the summary of its customers' seats and creates a customer; a
 * customer's page is photographed in each language.
 */
let t: TestAllot;
let browser: Browser;
let r: WalkReseller;

beforeAll(async () => {
  t = await startAllot();
  r = await resellerPartner(t);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a partner’s summary of its customers (S9, S10)', () => {
  it('shows the totals and one row per customer, searches, and creates a customer with its billing cycle', async () => {
    const w = words('fr');
    const { page, context, problems } = await signIn(t, browser, {
      account: r.partner,
      user: r.users.claire!,
      locale: 'fr',
      page: 'customers',
    });
    await settle(page);
    expect(new URL(page.url()).pathname).toBe('/portal/customers');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Boulangeries: 3 + 2 allocated, its manager and 3 site users; Lefèvre: 4 + 2, its manager and 2.
    await expect.poll(async () => plain(await page.locator('main').textContent())).toMatch(/7 sur 11/);
    await accessible(page, 'customers');
    await shot(page, 'reseller-customers-fr');
    await page.getByLabel(w('customers.search')).fill('lefevre');
    await expect.poll(() => rows.count()).toBe(1);
    await expect
      .poll(async () => plain(await rows.first().textContent()))
      .toContain('Cabinet Lefèvre Avocats');
    await page.getByLabel(w('customers.search')).fill('');

    await page.getByRole('button', { name: w('customerCreate.open') }).click();
    await page.getByLabel(w('customerCreate.name')).fill('Pharmacie Centrale');
    await page.getByLabel(w('customerCreate.period')).selectOption('year');
    await page.getByRole('button', { name: w('customerCreate.submit') }).click();
    await expect.poll(() => page.getByText('Pharmacie Centrale a été créé.').count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(3);
    await shot(page, 'reseller-customer-created-fr');
    const created = (await t.api('GET', `/v1/accounts?parent_id=${r.partner}&limit=100`)).body.data.find(
      (a: { name: string }) => a.name === 'Pharmacie Centrale',
    );
    expect(created).toMatchObject({
      kind: 'customer',
      billing_period: 'year',
      bill_to_parent: true,
      billing_basis: [{ basis: 'allocated' }],
    });
    const history = (await t.api('GET', `/v1/accounts/${created.id}/history`)).body.data;
    expect(history[0]).toMatchObject({
      action: 'account.created',
      actor: { id: r.users.claire, via_portal_session: expect.any(String) },
    });
    await context.close();
    expect(problems).toEqual([]);
  });

  it('shows a partner’s member the same, without creating', async () => {
    const w = words('de');
    const { page, context } = await signIn(t, browser, {
      account: r.partner,
      user: r.users.julien!,
      locale: 'de',
      page: 'customers',
    });
    await settle(page);
    await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('button', { name: w('customerCreate.open') }).count()).toBe(0);
    await accessible(page, 'customers as a member');
    await shot(page, 'reseller-customers-de-member');
    await context.close();
  });
});

describe('a partner’s subscription manager on one customer (S7, S9, S10)', () => {
  it('syncs consumed seats, raises a site after reading its cost, and schedules the annual cycle', async () => {
    const w = words('fr');
    const boulangeries = r.customers[0]!;
    const { page, context, problems } = await signIn(t, browser, {
      account: r.partner,
      user: r.users.claire!,
      locale: 'fr',
      page: 'customers',
    });
    await page.getByRole('link', { name: 'Boulangeries Martin SARL' }).click();
    await settle(page);
    // A user joins Lyon behind the console's back; the sync shows it at once.
    await t.api('POST', `/v1/accounts/${boulangeries.sites.lyon}/users`, {
      name: 'Nouvelle',
      email: 'nouvelle@lyon.example.fr',
    });
    await page.getByRole('button', { name: w('customer.sync.button') }).click();
    await settle(page);
    const lyonRow = page.locator('table.customer-sites tr', { hasText: 'Lyon Part-Dieu' });
    await expect.poll(async () => plain(await lyonRow.locator('td.num').first().textContent())).toBe('3');
    await expect
      .poll(async () => (await lyonRow.locator('td.num').allTextContents()).map(plain))
      .toEqual(['3', '3', '0']);
    await shot(page, 'reseller-customer-synced-fr');

    await page.getByRole('button', { name: /Modifier l’allocation\s:\sLyon Part-Dieu/ }).click();
    await page.getByRole('button', { name: w('customer.alloc.more') }).click();
    await settle(page);
    // Subscribed on 10 November, on the 11th: 29 of the period's 30 days left; +1 × 6,00 € × 29/30 = 5,80 €,
    // 20 % VAT, billed to the partner.
    await expect
      .poll(async () =>
        (await page.locator('table.lines tbody td.num:last-child').allTextContents()).map(plain),
      )
      .toEqual(['5,80 €']);
    await expect
      .poll(async () => plain(await page.locator('table.lines tfoot .due td').textContent()))
      .toBe('6,96 €');
    await shot(page, 'reseller-allocation-preview-fr');
    await accessible(page, 'allocation preview');
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await expect.poll(() => page.getByText(w('customer.alloc.doneTitle')).count()).toBe(1);
    const seats = (await t.api('GET', `/v1/accounts/${boulangeries.sites.lyon}/allocations`)).body.data[0];
    expect(seats).toMatchObject({ allocated: 4, used: 3 });
    const latest = (await t.api('GET', `/v1/invoices?account=${r.partner}&limit=1`)).body.data[0];
    expect(latest).toMatchObject({ total: 696 });

    await page.getByRole('button', { name: 'Passer à la facturation annuelle' }).click();
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await settle(page);
    await expect
      .poll(async () => plain(await page.locator('main').textContent()))
      .toMatch(/annuelle (à partir du|prend effet le) 10 décembre 2026/);
    const sub = (await t.api('GET', `/v1/subscriptions/${boulangeries.subscription}`)).body;
    expect(sub.scheduled_changes).toEqual([
      { type: 'billing_period', billing_period: 'year', effective_at: sub.current_period_end },
    ]);
    await shot(page, 'reseller-cycle-scheduled-fr');

    // The next invoice the billing basis leads to, as the renewal will compute it: annual from
    // 10 December, on the seats allocated then (Lyon's raise included), on the partner's invoice.
    const upcoming = (await t.api('GET', `/v1/subscriptions/${boulangeries.subscription}/upcoming_invoice`))
      .body;
    expect(upcoming).toMatchObject({ period_start: '2026-12-10', account: r.partner });
    const euros = (cents: number) =>
      plain(new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(cents / 100));
    const upcomingNet = upcoming.lines.reduce((n: number, l: { amount: number }) => n + l.amount, 0);
    const next = page.locator('.customer-next');
    await expect.poll(async () => plain(await next.textContent())).toContain(euros(upcomingNet));
    expect(plain(await next.textContent())).toContain('10 décembre 2026');
    expect(await next.locator('tr').count()).toBe(upcoming.lines.length);

    // The partner's invoices read per site: Lyon's lines alone, totalled for it.
    const invoices = (await t.api('GET', `/v1/invoices?account=${r.partner}&limit=100`)).body.data as {
      issued_at: string;
      lines: { account: string | null; amount: number }[];
    }[];
    const lyonNets = invoices
      .map((i) => ({ at: i.issued_at, net: i.lines.filter((l) => l.account === boulangeries.sites.lyon) }))
      .filter((i) => i.net.length > 0)
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .map((i) => euros(i.net.reduce((n, l) => n + l.amount, 0)));
    expect(lyonNets.length).toBeGreaterThan(1);
    await page.getByLabel(w('customer.invoices.site')).selectOption({ label: 'Lyon Part-Dieu' });
    await expect
      .poll(async () =>
        (await page.locator('table.customer-invoices .customer-invoice-net').allTextContents()).map(plain),
      )
      .toEqual(lyonNets.map((n) => plain(w('customer.invoices.net').replace('{amount}', n))));
    await shot(page, 'reseller-invoices-per-site-fr');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('refuses a partner’s member each change, and keeps a customer’s manager to its own sites', async () => {
    const lefevre = r.customers[1]!;
    const member = await signIn(t, browser, { account: r.partner, user: r.users.julien!, locale: 'fr' });
    await member.page.goto(`${t.url}/portal/customers/${lefevre.id}`);
    await settle(member.page);
    await expect.poll(() => member.page.locator('h1').textContent()).toContain('Cabinet Lefèvre Avocats');
    // Once its sites are shown, none offers a change.
    await expect.poll(() => member.page.locator('tr', { hasText: 'Paris 8e' }).count()).toBeGreaterThan(0);
    expect(await member.page.getByRole('button', { name: /Modifier l’allocation/ }).count()).toBe(0);
    expect(await member.page.getByRole('button', { name: /Passer à la facturation/ }).count()).toBe(0);
    await expect
      .poll(async () => plain(await member.page.locator('.readonly-note').first().textContent()))
      .toContain('Claire Dubois');
    // The server refuses what the page does not offer.
    const csrf = (await member.context.request.get(`${t.url}/v1/portal_sessions/current`)).json();
    const put = await member.context.request.put(`${t.url}/v1/accounts/${lefevre.sites.paris}/allocations`, {
      data: [{ feature: 'lines', allocated: 9 }],
      headers: { origin: t.url, 'allot-csrf-token': (await csrf).csrf_token },
    });
    expect(put.status()).toBe(403);
    await shot(member.page, 'reseller-member-fr');
    await member.context.close();

    const w = words('fr');
    const marc = await signIn(t, browser, {
      account: r.customers[0]!.id,
      user: r.customers[0]!.users.marc!,
      locale: 'fr',
    });
    await marc.page.getByRole('link', { name: w('nav.sites') }).click();
    await settle(marc.page);
    await expect.poll(() => marc.page.locator('h1').textContent()).toContain('Boulangeries Martin SARL');
    await expect.poll(() => marc.page.getByRole('button', { name: /Modifier l’allocation/ }).count()).toBe(2);
    await marc.page.goto(`${t.url}/portal/customers/${lefevre.id}`);
    await settle(marc.page);
    await expect.poll(() => marc.page.getByText(w('customer.refused.title')).count()).toBe(1);
    expect(await marc.page.getByText('Cabinet Lefèvre Avocats').count()).toBe(0);
    await shot(marc.page, 'reseller-other-customer-refused-fr');
    await marc.context.close();
  });
});

describe('the console in every language', () => {
  it('photographs the summary and a customer’s page, each checked by axe-core', async () => {
    for (const locale of LOCALES) {
      const visit = await signIn(t, browser, {
        account: r.partner,
        user: r.users.claire!,
        locale,
        page: 'customers',
      });
      await settle(visit.page);
      await shot(visit.page, `customers-${locale}`);
      await visit.page.goto(`${t.url}/portal/customers/${r.customers[0]!.id}`);
      await settle(visit.page);
      await expect
        .poll(async () => plain(await visit.page.locator('h1').textContent()))
        .toContain('Boulangeries Martin SARL');
      await accessible(visit.page, `customer in ${locale}`);
      await shot(visit.page, `customer-${locale}`);
      await visit.context.close();
      expect(visit.problems, locale).toEqual([]);
    }
  });
});
