import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../web/src/i18n/catalog.ts';
import { startAllot, type TestAllot } from '../helpers/allot.ts';
import { accessible, launch, SHOTS, settle, shot, signIn, words } from './browser.ts';
import {
  frenchCustomer,
  germanCustomer,
  seedWalkCatalog,
  trialCustomer,
  type WalkCustomer,
} from './setup.ts';

/**
 * The portal as its users meet it, through the real server in Debian's Chromium: the walks the
 * seeds describe, a screenshot of every page in every language (.ci/out/portal/), and axe-core on
 * each. Buttons are found by the words the portal shows in the walk's language.
 */
let t: TestAllot;
let browser: Browser;
let fr: WalkCustomer;
let de: WalkCustomer;
let trial: WalkCustomer;

beforeAll(async () => {
  t = await startAllot();
  await seedWalkCatalog(t);
  [fr, de, trial] = [await frenchCustomer(t), await germanCustomer(t), await trialCustomer(t)];
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const PAGES = ['overview', 'plans', 'licences', 'packs', 'users', 'invoices', 'history'] as const;

describe('every page, in every language', () => {
  it('renders, passes axe-core, and is photographed at desktop and phone widths', async () => {
    for (const locale of LOCALES) {
      const w = words(locale);
      const visit = await signIn(t, browser, { account: de.account, user: de.users.katrin!, locale });
      for (const page of PAGES) {
        await visit.page.goto(`${t.url}/portal/${page === 'overview' ? '' : page}`);
        await settle(visit.page);
        await expect.poll(() => visit.page.locator('h1').textContent()).toBeTruthy();
        await expect(visit.page.locator('nav a[aria-current="page"]').textContent()).resolves.toBe(
          w(`nav.${page}`),
        );
        await accessible(visit.page, `${page} in ${locale}`);
        await shot(visit.page, `${page}-${locale}`);
      }
      await visit.context.close();
      expect(visit.problems, `console errors in ${locale}`).toEqual([]);
    }
    const phone = await signIn(
      t,
      browser,
      { account: fr.account, user: fr.users.camille!, locale: 'fr' },
      { width: 390, height: 844 },
    );
    for (const page of PAGES) {
      await phone.page.goto(`${t.url}/portal/${page === 'overview' ? '' : page}`);
      await shot(phone.page, `${page}-fr-phone`);
      // Nothing wider than the phone: no sideways scrolling of the page itself.
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${page} overflows a phone by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    await phone.context.close();
  });
});

describe('a trial account subscribes (S12, S13)', () => {
  it('picks 5 licences, annual, USD, sees the totals follow, subscribes, and the account bills in USD', async () => {
    const w = words('en');
    const { page, context, problems } = await signIn(t, browser, {
      account: trial.account,
      user: trial.users.aoife!,
      locale: 'en',
    });
    // The overview counts the trial's days (5 November → 15 November: 10 left) and offers to subscribe.
    await expect.poll(() => page.getByText('10 days left in your trial').count()).toBe(1);
    await page.getByRole('link', { name: w('overview.trial.subscribe') }).click();
    await settle(page);
    const due = page.locator('.subscribe-summary tfoot .due td');
    await expect.poll(() => due.textContent()).toBe('€47.97'); // 3 × €13.00 + 23 % VAT
    await page.getByLabel(w('subscribe.licences')).fill('5');
    await expect.poll(() => due.textContent()).toBe('€79.95'); // 5 × €13.00 + 23 %
    await page.getByRole('radio', { name: new RegExp(`^${w('period.year')}`) }).check();
    await expect.poll(() => due.textContent()).toBe('€811.80'); // 5 × €132.00 + 23 %
    await page.getByLabel(w('subscribe.currency')).selectOption('USD');
    await expect.poll(() => due.textContent()).toBe('$959.40'); // 5 × $156.00 + 23 %
    await shot(page, 'subscribe-en-chosen');
    await accessible(page, 'subscribe');
    await page.getByRole('button', { name: /End the trial and subscribe/ }).click();
    await expect.poll(() => page.getByText(w('subscribe.done.title')).count()).toBe(1);
    await shot(page, 'subscribe-en-done');

    const sub = (await t.api('GET', `/v1/subscriptions/${trial.subscription}`)).body;
    expect(sub).toMatchObject({ status: 'active', quantity: 5, billing_period: 'year', currency: 'USD' });
    expect((await t.api('GET', `/v1/accounts/${trial.account}`)).body.currency).toBe('USD');
    await page
      .getByRole('link', { name: w('nav.overview') })
      .first()
      .click();
    await expect.poll(() => page.locator('.card h2').first().textContent()).toContain('Team Standard');
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('invoices', () => {
  it('downloads the invoice PDF, which poppler reads', async () => {
    const w = words('de');
    const { page, context } = await signIn(t, browser, {
      account: de.account,
      user: de.users.katrin!,
      locale: 'de',
      page: 'invoices',
    });
    const invoices = (await t.api('GET', `/v1/invoices?account=${de.account}`)).body.data;
    const first = invoices[invoices.length - 1];
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[href="/v1/invoices/${first.id}/pdf"]`).click(),
    ]);
    const file = join(SHOTS, `${first.number}.pdf`);
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(first.number);
    expect(text).toContain('Müller & Schmidt Maschinenbau GmbH');
    void w;
    await context.close();
  });
});
