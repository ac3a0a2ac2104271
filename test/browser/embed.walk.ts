import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../web/embed/messages.ts';
import { startAllot, type TestAllot } from '../helpers/allot.ts';
import { accessible, launch, plain, words } from './browser.ts';

/**
 * `/embed/demo` (issue 12): the demo workspace's pricing table on a page of its own, through the real
 * server with the demo's publishable key. A visitor switches to annual and USD with 7 licences and
 * reads, for each plan, the totals the quote endpoint gives; the button leads to the vendor's sign-up
 * page with the choice, or — given a portal session — to the portal's subscribe page filled in.
 */
const SHOTS = join(import.meta.dirname, '../../.ci/out/embed');
const LOCALES = ['en', 'fr', 'de'] as const;
type Lang = (typeof LOCALES)[number];
let t: TestAllot;
let browser: Browser;
let pk: string;
const PLANS = ['od-standard', 'od-premium', 'od-enterprise'];

const say = (lang: Lang, id: keyof (typeof MESSAGES)['en'], values: Record<string, unknown> = {}) =>
  String(new IntlMessageFormat(MESSAGES[lang][id], lang).format(values as never));
const money = (lang: Lang, cents: number, currency: string) =>
  plain(new Intl.NumberFormat(lang, { style: 'currency', currency }).format(cents / 100));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await startAllot({ env: { ALLOT_DEMO: '1' } });
  const keys = (await t.api('GET', '/v1/keys')).body.data as { type: string; publishable_key: string }[];
  pk = keys.find((k) => k.type === 'publishable')!.publishable_key;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(
  lang: Lang,
  width = 1280,
): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${t.url}/embed/demo?locale=${lang}`);
  await expect.poll(() => page.locator('allot-pricing-table li.plan').count()).toBe(3);
  return { page, problems, close: () => context.close() };
}

/** Annual, USD, 7 licences, as a visitor picks them. */
async function choose(page: Page, lang: Lang) {
  await page
    .getByRole('radio', { name: new RegExp(`^${say(lang, 'period.option', { period: 'year' })}`) })
    .check();
  await page.getByLabel(say(lang, 'currency.label')).selectOption('USD');
  await page.getByLabel(say(lang, 'licences.label')).fill('7');
}

async function quoted(plan: string) {
  const res = await t.api(
    'POST',
    '/v1/pricing_tables/orbitdesk/quote',
    { plan, billing_period: 'year', currency: 'USD', quantity: 7 },
    { key: pk },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { subtotal: number; per_month: number; saving: { amount: number } | null };
}

describe('the demo workspace’s pricing table', () => {
  it('shows, for annual USD and 7 licences, the totals the quote endpoint gives, in en, fr and de', async () => {
    for (const lang of LOCALES) {
      const { page, problems, close } = await open(lang);
      await choose(page, lang);
      const expected: string[] = [];
      for (const plan of PLANS) {
        const q = await quoted(plan);
        expected.push(
          plain(
            say(lang, 'total.seat', {
              quantity: 7,
              amount: money(lang, q.subtotal, 'USD'),
              period: 'year',
              tax: 'excluded',
            }),
          ),
        );
      }
      // Each plan's total is its quote's subtotal, worded in the visitor's language.
      await expect
        .poll(async () => {
          const got = (await page.locator('allot-pricing-table li.plan .total').allTextContents()).map(plain);
          return got.length === 3 && got.every((g, i) => g.includes(expected[i]!))
            ? 'quoted'
            : got.join(' | ');
        })
        .toBe('quoted');
      await page.screenshot({ path: join(SHOTS, `embed-demo-${lang}.png`), fullPage: true });
      await page.locator('main').screenshot({ path: join(SHOTS, `embed-table-${lang}.png`) });
      await accessible(page, `/embed/demo ${lang}`);
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('stacks on a phone and leads to the vendor’s sign-up page with the choice', async () => {
    const { page, close } = await open('fr', 390);
    await choose(page, 'fr');
    const premium = page.locator('allot-pricing-table li.plan').nth(1);
    const cta = premium.getByRole('link', { name: say('fr', 'cta', { plan: 'OrbitDesk Premium' }) });
    await expect
      .poll(async () => new URL((await cta.getAttribute('href')) ?? 'about:blank').searchParams.toString())
      .toBe('plan=od-premium&billing_period=year&currency=USD&quantity=7');
    expect(new URL((await cta.getAttribute('href'))!).origin).toBe('https://orbitdesk.example');
    const premiumTotal = money('fr', (await quoted('od-premium')).subtotal, 'USD');
    await expect
      .poll(async () => plain(await premium.locator('.total').textContent()))
      .toContain(premiumTotal);
    await page.screenshot({ path: join(SHOTS, 'embed-demo-fr-phone.png'), fullPage: true });
    await accessible(page, '/embed/demo on a phone');
    await close();
  });

  it('with a portal session, opens the portal’s subscribe page with the choice filled in', async () => {
    // A new OrbitDesk customer with nothing yet: its owner opens the portal from the vendor's app.
    const acct = await t.api('POST', '/v1/accounts', {
      name: 'Heron Support Ltd',
      external_id: 'walk-heron',
      currency: 'EUR',
      timezone: 'Europe/Dublin',
      locale: 'en',
    });
    const user = await t.api('POST', `/v1/accounts/${acct.body.id}/users`, {
      email: 'owner@heron.example',
      name: 'Aoife Byrne',
      roles: ['owner'],
    });
    const session = await t.api('POST', '/v1/portal_sessions', {
      account: acct.body.id,
      user: user.body.id,
      locale: 'en',
      page: 'subscribe',
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const { page, close } = await open('en');
    await page
      .locator('allot-pricing-table')
      .evaluate((el, url) => el.setAttribute('portal-url', url), session.body.url);
    await choose(page, 'en');
    const premium = page.locator('allot-pricing-table li.plan').nth(1);
    await expect
      .poll(async () => (await premium.locator('.cta').getAttribute('href')) ?? '')
      .toContain('quantity=7');
    await premium.locator('.cta').click();
    await page.waitForURL(/\/portal\/subscribe/);
    const w = words('en');
    await expect.poll(() => page.getByLabel(w('subscribe.licences')).inputValue()).toBe('7');
    expect(await page.getByLabel(w('subscribe.currency')).inputValue()).toBe('USD');
    expect(await page.locator('input[name="billing_period"][value="year"]').isChecked()).toBe(true);
    expect(await page.getByLabel(w('subscribe.plan')).inputValue()).toBe('od-premium');
    // The portal's preview of the first invoice says what the table's quote said.
    const q = await quoted('od-premium');
    await expect
      .poll(async () => plain(await page.locator('table.lines tfoot').textContent()))
      .toContain(money('en', q.subtotal, 'USD'));
    await page.screenshot({ path: join(SHOTS, 'embed-to-portal-subscribe-en.png'), fullPage: true });
    await close();
  });
});
