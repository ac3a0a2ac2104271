import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from '../helpers/allot.ts';
import { accessible, launch, plain } from './browser.ts';
import {
  alertOf,
  buildEmbed,
  card,
  cards,
  features,
  inCard,
  money,
  portalLink,
  priceText,
  publishableKey,
  quoted,
  seedTable,
  settled,
  startVendorSite,
  textOf,
  totalOf,
  type VendorSite,
  visit,
} from './embed-setup.ts';

/**
 * `<allot-pricing-table>` on its own, against the real server: the element built afresh and served by
 * Allot (/embed/pricing-table.js), on a vendor's page at another origin (a node:http server on another
 * port, so CORS is the server's own) whose CSP allows no inline script or style, with a real
 * publishable key listing that origin, a real catalog and pricing table, and the totals the quote
 * endpoint answers. The walk of the demo page is embed.walk.ts. Screenshots go to .ci/out/embed/.
 */
const SHOTS = join(import.meta.dirname, '../../.ci/out/embed');

let browser: Browser;
let portalDir: string;
let t: TestAllot;
let site: VendorSite;
let pk: string;

beforeAll(async () => {
  portalDir = await buildEmbed();
  t = await startAllot({ env: { ALLOT_PORTAL_DIR: portalDir } });
  await seedTable(t);
  site = await startVendorSite();
  pk = (await publishableKey(t, [site.origin])).key;
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await t?.close();
  if (portalDir) rmSync(portalDir, { recursive: true, force: true });
});

const good = () => ({ 'publishable-key': pk, table: 'website' });
const open = (attributes: Record<string, string>, options?: Parameters<typeof visit>[4]) =>
  visit(browser, site, t.url, attributes, options);
const eur = (amount: number) => money('en', amount, 'EUR');
/** What the quote endpoint answers for Pro. */
const pro = (billing_period: 'month' | 'year', currency: string, quantity: number) =>
  quoted(t, pk, { plan: 'pro', billing_period, currency, quantity });

describe('<allot-pricing-table> on a vendor page, against Allot', () => {
  it('shows the plans in order with list prices, then the totals the API quotes', async () => {
    const v = await open(good());
    const { page } = v;
    expect(new URL(v.url).origin).not.toBe(new URL(t.url).origin);
    await expect.poll(() => cards(page).count()).toBe(3);
    expect((await page.locator('allot-pricing-table h3').allTextContents()).map(plain)).toEqual([
      'Starter',
      'Pro',
      'Business',
    ]);
    expect(await inCard(page, 'Pro', '.badge')).toBe('Most popular');
    expect(await page.locator('allot-pricing-table .badge').count()).toBe(1);
    expect(await priceText(page, 'Pro')).toBe('€15 per licence per month');
    expect(await priceText(page, 'Starter')).toBe('€9 per month');
    expect(await inCard(page, 'Pro', '.trial')).toBe('14 days free trial');
    expect(await inCard(page, 'Business', '.trial')).toBe('1 day free trial');
    await settled(page);
    const proQ = await pro('month', 'EUR', 1);
    const starter = await quoted(t, pk, { plan: 'starter', billing_period: 'month', currency: 'EUR' });
    expect(await totalOf(page, 'Pro')).toBe(`1 licence: ${eur(proQ.subtotal)} per month excl. tax`);
    expect(await totalOf(page, 'Starter')).toBe(`Total: ${eur(starter.subtotal)} per month excl. tax`);
    expect(v.quotes.map((q) => `${q.plan}×${q.quantity}`).sort()).toEqual([
      'business×1',
      'pro×1',
      'starter×1',
    ]);
    expect(v.responses.filter((r) => !r.endsWith(' 200'))).toEqual([]);
    // Features: ✓/— for booleans, the quota with its reset, unlimited, seats per licence.
    expect(await features(page, 'Pro')).toEqual([
      '✓ Projects: 10 / month',
      '✓ Users: One per licence',
      '— Single sign-on: Not included',
    ]);
    expect(await features(page, 'Starter')).toEqual([
      '✓ Projects: 3 / month',
      '✓ Users: 2',
      '— Single sign-on: Not included',
    ]);
    expect(await features(page, 'Business')).toEqual([
      '✓ Projects: Unlimited',
      '✓ Users: 5 included, plus one per licence',
      '✓ Single sign-on: Included',
    ]);
    // The styles reached the shadow root under a CSP without 'unsafe-inline' (constructable stylesheets).
    const border = await card(page, 'Pro').evaluate(
      (el) => (globalThis as any).getComputedStyle(el).borderTopWidth,
    );
    expect(border).toBe('2px');
    await accessible(page, 'pricing table, en');
    await page.screenshot({ path: join(SHOTS, 'component-en-1280.png'), fullPage: true });
    expect(v.problems).toEqual([]);
    await v.close();
  });

  it('toggles to annual with the saving, asks one quote per plan for licences, and changes currency', async () => {
    const v = await open(good());
    const { page } = v;
    await settled(page);
    const annual = page.getByRole('radio', { name: /Annual/ });
    // Business saves the most: 12 × €40 against €360.
    expect(plain(await page.locator('allot-pricing-table .saving').textContent())).toBe('save 25%');
    await annual.check();
    await settled(page);
    let q = await pro('year', 'EUR', 1);
    expect(await totalOf(page, 'Pro')).toBe(
      `1 licence: ${eur(q.subtotal)} per year excl. tax That is ${eur(q.per_month)} per month You save ${eur(q.saving!.amount)} a year`,
    );
    expect(v.quotes.filter((x) => x.billing_period === 'year')).toHaveLength(3);

    // Typing 7 quotes once (debounced), and only the per-licence plans: the flat one is unchanged.
    const before = v.quotes.length;
    const licences = page.getByLabel('Licences');
    await licences.fill('7');
    await settled(page);
    q = await pro('year', 'EUR', 7);
    expect(await totalOf(page, 'Pro')).toBe(
      `7 licences: ${eur(q.subtotal)} per year excl. tax That is ${eur(q.per_month)} per month You save ${eur(q.saving!.amount)} a year`,
    );
    expect(v.quotes.slice(before).map((x) => `${x.plan}×${x.quantity}`)).toEqual(['pro×7', 'business×7']);

    // Out of bounds: said, and nothing asked (past the debounce).
    const asked = v.quotes.length;
    await licences.fill('10001');
    await expect.poll(() => licences.getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(page, 'allot-pricing-table .field-error')).toBe(
      'Enter a whole number from 1 to 10,000.',
    );
    await page.clock.runFor(400);
    expect(v.quotes.length).toBe(asked);
    await accessible(page, 'pricing table, invalid licences');
    await licences.fill('7');

    // USD; Business is not sold in dollars; JPY has no decimals and no annual price.
    await page.getByLabel('Currency').selectOption('USD');
    await settled(page);
    q = await pro('year', 'USD', 7);
    const usd = (amount: number) => money('en', amount, 'USD');
    expect(await totalOf(page, 'Pro')).toBe(
      `7 licences: ${usd(q.subtotal)} per year excl. tax That is ${usd(q.per_month)} per month You save ${usd(q.saving!.amount)} a year`,
    );
    expect(await priceText(page, 'Business')).toBe('Not available annually in USD');
    expect(await card(page, 'Business').getByRole('button', { name: 'Choose Business' }).isDisabled()).toBe(
      true,
    );
    // No plan is sold yearly in yen: the toggle moves to monthly, annual cannot be chosen.
    await page.getByLabel('Currency').selectOption('JPY');
    await settled(page);
    expect(await page.getByRole('radio', { name: /Monthly/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Annual/ }).isDisabled()).toBe(true);
    q = await pro('month', 'JPY', 7);
    expect(await totalOf(page, 'Pro')).toBe(
      `7 licences: ${money('en', q.subtotal, 'JPY')} per month excl. tax`,
    );
    // Unavailable, Business still says what a licence brings.
    expect((await features(page, 'Business'))[1]).toBe('✓ Users: 5 included, plus one per licence');
    // Nothing the page asked was refused: a plan without a price for the choice is not asked about.
    expect(v.responses.filter((r) => !r.endsWith(' 200'))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'component-en-jpy.png'), fullPage: true });
    expect(v.problems).toEqual([]);
    await v.close();
  });

  it('leads to the sign-up with the choice, after a cancelable allot-plan-selected', async () => {
    const v = await open({ ...good(), currency: 'USD', 'billing-period': 'year' });
    const { page } = v;
    await settled(page);
    const cta = card(page, 'Pro').getByRole('link', { name: 'Choose Pro' });
    await page.getByLabel('Licences').fill('3');
    await settled(page);
    const href = new URL((await cta.getAttribute('href'))!);
    expect(href.origin + href.pathname).toBe('https://vendor.test/signup');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      ref: 'pricing',
      plan: 'pro',
      billing_period: 'year',
      currency: 'USD',
      quantity: '3',
    });
    await page.evaluate(() => {
      const w = globalThis as any;
      w.chosen = [];
      w.document.addEventListener('allot-plan-selected', (e: any) => {
        w.chosen.push(e.detail);
        e.preventDefault();
      });
    });
    await cta.click();
    expect(await page.evaluate(() => (globalThis as any).chosen)).toEqual([
      { plan: 'pro', billing_period: 'year', currency: 'USD', quantity: 3, url: href.href },
    ]);
    expect(page.url()).toBe(v.url);
    // A portal session link (a real one, from the vendor's API) takes the call to action's place.
    const link = await portalLink(t);
    await page.locator('allot-pricing-table').evaluate((el, url) => el.setAttribute('portal-url', url), link);
    await expect
      .poll(() => card(page, 'Starter').getByRole('link', { name: 'Choose Starter' }).getAttribute('href'))
      .toBe(`${link}?plan=starter&billing_period=year&currency=USD&quantity=1`);
    await v.close();
  });

  it('speaks French and German, follows the locale attribute, and stacks on a phone', async () => {
    const v = await open(good(), { lang: 'fr-CA', width: 390 });
    const { page } = v;
    await settled(page);
    const fr = (amount: number) => money('fr-CA', amount, 'EUR');
    expect(await inCard(page, 'Pro', '.badge')).toBe('Le plus choisi');
    let q = await pro('month', 'EUR', 1);
    expect(await totalOf(page, 'Pro')).toBe(`1 licence : ${fr(q.subtotal)} par mois HT`);
    await page.getByLabel('Licences').fill('2');
    await settled(page);
    q = await pro('month', 'EUR', 2);
    expect(await totalOf(page, 'Pro')).toBe(`2 licences : ${fr(q.subtotal)} par mois HT`);
    expect(plain(await page.locator('allot-pricing-table .saving').textContent())).toBe('25 % d’économie');
    const xs = await cards(page).evaluateAll((els) =>
      els.map((el) => Math.round(el.getBoundingClientRect().x)),
    );
    expect(new Set(xs).size).toBe(1);
    const overflow = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'component-fr-390.png'), fullPage: true });
    await accessible(page, 'pricing table, fr, phone');

    await page.locator('allot-pricing-table').evaluate((el) => el.setAttribute('locale', 'de'));
    await expect.poll(() => card(page, 'Pro').locator('.badge').textContent()).toBe('Am beliebtesten');
    expect(await totalOf(page, 'Pro')).toBe(
      `2 Lizenzen: ${money('de', q.subtotal, 'EUR')} pro Monat zzgl. Steuern`,
    );
    expect(await inCard(page, 'Business', '.trial')).toBe('1 Tag kostenlos testen');
    await page.screenshot({ path: join(SHOTS, 'component-de-390.png'), fullPage: true });
    expect(v.problems).toEqual([]);
    await v.close();
  });

  it('gives up a quote nobody waits for any more, and shows the one asked last', async () => {
    const v = await open(good());
    const { page } = v;
    await settled(page);
    const aborted: number[] = [];
    page.on('requestfailed', (r) => {
      if (r.url().endsWith('/quote')) aborted.push(JSON.parse(r.postData() ?? '{}').quantity);
    });
    // Network shaping: the requests for 2 licences reach the server only once the page has given them
    // up (2 s at most); every answer is still the server's.
    await page.route(`${t.url}/v1/pricing_tables/website/quote`, async (route) => {
      const request = route.request();
      if (request.postDataJSON()?.quantity === 2)
        await page
          .waitForEvent('requestfailed', { predicate: (r) => r === request, timeout: 2_000 })
          .catch(() => {});
      await route.continue().catch(() => {});
    });
    const licences = page.getByLabel('Licences');
    await licences.fill('2');
    // Past the debounce, the quotes for 2 are on their way when 3 is typed.
    await expect.poll(() => v.quotes.filter((q) => q.quantity === 2).length).toBe(2);
    await licences.fill('3');
    await settled(page);
    const q = await pro('month', 'EUR', 3);
    expect(await totalOf(page, 'Pro')).toBe(`3 licences: ${eur(q.subtotal)} per month excl. tax`);
    expect(aborted).toEqual([2, 2]);
    // Emptied and left, the field gets its last count back, and no quote is asked for it.
    const asked = v.quotes.length;
    await licences.fill('');
    await page.getByRole('heading', { name: 'Pro' }).click();
    await expect.poll(() => licences.inputValue()).toBe('3');
    await page.clock.runFor(400);
    expect(v.quotes.length).toBe(asked);
    await v.close();
  });

  it('takes the page’s theme and keeps its width in a centring parent', async () => {
    const v = await open(good());
    const { page } = v;
    await settled(page);
    // The vendor's CSP forbids inline styles: the page styles itself through the CSSOM, as a stylesheet would.
    await page.evaluate(() => {
      const d = (globalThis as any).document;
      const main = d.querySelector('main');
      main.style.display = 'flex';
      main.style.flexDirection = 'column';
      main.style.alignItems = 'center';
      d.querySelector('allot-pricing-table').style.setProperty('--allot-accent', 'rgb(150, 20, 60)');
    });
    const cta = card(page, 'Pro').getByRole('link', { name: 'Choose Pro' });
    await expect
      .poll(() => cta.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor))
      .toBe('rgb(150, 20, 60)');
    const width = await page
      .locator('allot-pricing-table')
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(700);
    expect(
      new Set(await cards(page).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().y))).size,
    ).toBe(1);
    // Nothing of the table's styles leaks out: the page's own h1 keeps its browser default.
    expect(
      await page.locator('h1').evaluate((el) => (globalThis as any).getComputedStyle(el).fontFamily),
    ).not.toContain('system-ui');
    await accessible(page, 'pricing table, themed');
    await v.close();
  });

  it('says in one line, in its language, why the server refused: table, key, origin', async () => {
    /** The line shown for these attributes, after the server's refusal with this status. */
    const line = async (attributes: Record<string, string>, status: number | null, lang = 'en') => {
      const v = await open(attributes, { lang });
      await expect.poll(() => v.page.locator('allot-pricing-table [role="alert"]').count()).toBe(1);
      if (status) expect(v.responses).toContain(`GET /v1/pricing_tables/${attributes.table} ${status}`);
      const text = await alertOf(v.page);
      await v.close();
      return text;
    };
    expect(await line({ ...good(), table: 'nope' }, 404)).toBe('This pricing table could not be found.');
    expect(
      await line({ ...good(), 'publishable-key': `pk_${randomBytes(20).toString('hex')}` }, 401, 'de'),
    ).toBe('Der Schlüssel dieser Preistabelle ist ungültig oder wurde widerrufen.');
    // A key the vendor revokes: the page that showed the table says so on its next visit.
    const spare = await publishableKey(t, [site.origin]);
    const v = await open({ ...good(), 'publishable-key': spare.key }, { lang: 'fr' });
    await settled(v.page);
    expect((await t.api('POST', `/v1/keys/${spare.id}/revoke`)).status).toBe(200);
    await v.page.reload();
    await expect
      .poll(() => alertOf(v.page))
      .toBe('La clé de cette grille tarifaire n’est pas valide ou a été révoquée.');
    expect(v.responses).toContain('GET /v1/pricing_tables/website 401');
    await v.close();
    // A key for another site: the server refuses this origin, and says so to it (CORS on the refusal).
    const elsewhere = await publishableKey(t, ['https://www.vendor.example']);
    expect(await line({ ...good(), 'publishable-key': elsewhere.key }, 403)).toBe(
      'These prices cannot be shown on this site.',
    );
    expect(await line({ table: 'website' }, null, 'fr')).toBe(
      'Il manque à cette grille tarifaire sa clé publique ou sa grille.',
    );
  });

  it('keeps the list prices while quotes are rate limited, then says the table is', async () => {
    const limited = await startAllot({
      env: { ALLOT_PORTAL_DIR: portalDir, ALLOT_PUBLISHABLE_RATE_LIMIT: '5' },
    });
    try {
      await seedTable(limited);
      const { key } = await publishableKey(limited, [site.origin]);
      const v = await visit(browser, site, limited.url, { 'publishable-key': key, table: 'website' });
      const { page } = v;
      // The table and its three quotes: 4 of the 5 requests a minute.
      await settled(page);
      expect(v.responses.filter((r) => !r.endsWith(' 200'))).toEqual([]);
      expect(v.responses).toHaveLength(4);
      // Again: the table is the 5th; its quotes are refused, so the list prices stay, and no total.
      await page.reload();
      await expect.poll(() => v.responses.filter((r) => r.endsWith('/quote 429')).length).toBe(3);
      expect(await priceText(page, 'Pro')).toBe('€15 per licence per month');
      expect(await totalOf(page, 'Pro')).toBe('Calculating the total…');
      // And again: the table itself is refused.
      await page.reload();
      await expect
        .poll(() => alertOf(page))
        .toBe('Too many visitors are asking for prices right now. Please try again in a minute.');
      expect(v.responses.at(-1)).toBe('GET /v1/pricing_tables/website 429');
      await expect.poll(() => page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      await accessible(page, 'pricing table, rate limited');
      await v.close();
    } finally {
      await limited.close();
    }
  });
});
