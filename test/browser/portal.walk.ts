import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../web/src/i18n/catalog.ts';
import { startAllot, type TestAllot } from '../helpers/allot.ts';
import { accessible, launch, plain, SHOTS, settle, shot, signIn, texts, words } from './browser.ts';
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

describe('a French owner changes plan (S4, S5)', () => {
  it('reads the prorated preview — 10 days of 30 credited and charged — confirms, and sees the new invoice', async () => {
    const w = words('fr');
    const { page, context, problems } = await signIn(t, browser, {
      account: fr.account,
      user: fr.users.camille!,
      locale: 'fr',
      page: 'plans',
    });
    await shot(page, 'walk-fr-plans');
    // Enterprise is sold annually only: shown, not selectable, saying why.
    await expect.poll(() => page.getByText(/Vendue uniquement à l’année/).count()).toBe(1);
    await page.getByRole('button', { name: /Monter en gamme/ }).click();
    await settle(page);
    const lines = page.locator('table.lines tbody tr');
    await expect.poll(() => lines.count()).toBe(2);
    await expect
      .poll(() => texts(page.locator('table.lines .line-days')))
      .toEqual(['10 jours sur 30', '10 jours sur 30']);
    // −10/30 × 30 € + 10/30 × 60 € = 10 €, 20 % VAT: 12 € due now.
    await expect
      .poll(() => texts(page.locator('table.lines tbody td.num:last-child')))
      .toEqual(['-10,00 €', '20,00 €']);
    await expect
      .poll(async () => plain(await page.locator('table.lines tfoot .due td').textContent()))
      .toBe('12,00 €');
    // The seeds' reading: 20/30 of Premium, 10/30 of Professional.
    await expect
      .poll(async () => plain(await page.locator('.change-explain').textContent()))
      .toBe('Sur cette période, vous payez 20 jours sur 30 de Premium et 10 jours sur 30 de Professional.');
    await shot(page, 'walk-fr-plans-preview');
    await accessible(page, 'plan preview');
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await expect.poll(() => page.getByText(w('plans.change.doneTitle')).count()).toBe(1);
    await page
      .getByRole('link', { name: w('nav.invoices') })
      .first()
      .click();
    await settle(page);
    const invoices = (await t.api('GET', `/v1/invoices?account=${fr.account}`)).body.data;
    expect(invoices[0]).toMatchObject({ total: 1200, reason: 'subscription_update' });
    await expect.poll(() => page.getByText(invoices[0].number).count()).toBeGreaterThan(0);
    await shot(page, 'walk-fr-invoices');
    await page.getByRole('link', { name: w('nav.history') }).click();
    await settle(page);
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/Abonnement modifié[\s\S]*Camille Rousseau/);
    await shot(page, 'walk-fr-history');
    expect((await t.api('GET', `/v1/subscriptions/${fr.subscription}`)).body.plan_key).toBe('professional');
    await context.close();
    expect(problems).toEqual([]);
  });
});

describe('a French owner downgrades and is credited (issue 13)', () => {
  it('is told of the credit note the downgrade issued, and finds it under the invoices with its lines and PDF', async () => {
    const w = words('fr');
    const { page, context, problems } = await signIn(t, browser, {
      account: fr.account,
      user: fr.users.camille!,
      locale: 'fr',
      page: 'plans',
    });
    // Back from Professional to Premium on 21 November: 10 of 30 days of each, credited and charged.
    await page.getByRole('button', { name: /Descendre en gamme/ }).click();
    await settle(page);
    await expect
      .poll(() => texts(page.locator('table.lines tbody td.num:last-child')))
      .toEqual(['-20,00 €', '10,00 €']);
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await expect.poll(() => page.getByText(w('plans.change.doneTitle')).count()).toBe(1);

    const [note] = (await t.api('GET', `/v1/credit_notes?account=${fr.account}`)).body.data;
    const [upgrade] = (await t.api('GET', `/v1/invoices?account=${fr.account}`)).body.data;
    // 20,00 € unused on Professional less 10,00 € of Premium, 20 % VAT: 12,00 € credited to the balance.
    expect(note).toMatchObject({
      reason: 'subscription_update',
      invoice: upgrade.id,
      invoice_number: upgrade.number,
      total: 1200,
      credited_to_balance: 1200,
    });
    // No invoice for a downgrade: the done message names the credit note.
    await expect
      .poll(async () => plain(await page.locator('.change-done').textContent()))
      .toContain(
        `L’avoir ${note.number} d’un montant de 12,00 € a été émis ; il est conservé sur votre compte et déduit de vos prochaines factures.`,
      );
    await shot(page, 'walk-fr-downgrade-done');
    await page.getByRole('link', { name: w('plans.change.seeInvoices') }).click();
    await settle(page);

    // The Invoices page lists it below the invoices, with the invoice it credits and its PDF.
    const card = page.locator('section.credit-notes');
    await expect.poll(() => card.locator('h2').textContent()).toBe(w('invoices.creditNotes.title'));
    const row = card.locator('tbody tr').first();
    await expect
      .poll(async () => texts(row.locator('th, td')))
      .toEqual([
        `${note.number} — afficher ou masquer le détail`,
        expect.stringMatching(/21 nov/),
        'Modification de l’abonnement',
        upgrade.number,
        '12,00 €',
        'PDF',
      ]);
    const pdf = card.getByRole('link', { name: `Télécharger l’avoir ${note.number} en PDF` });
    expect(await pdf.getAttribute('href')).toBe(`/v1/credit_notes/${note.id}/pdf`);
    await row.getByRole('button').click();
    await expect
      .poll(() => texts(card.locator('table.lines tbody td.num:last-child')))
      .toEqual(['20,00 €', '-10,00 €']);
    await expect
      .poll(async () => plain(await card.locator('table.lines tfoot .due').textContent()))
      .toBe('Conservé en avoir sur votre compte12,00 €');
    // The invoice it credits says so in its details.
    const invoices = page.locator('section.card').first();
    await invoices.getByRole('button', { name: new RegExp(upgrade.number) }).click();
    await expect
      .poll(async () => plain(await invoices.locator('.invoices-credited').textContent()))
      .toBe(`l’avoir ${note.number} (12,00 €)`);
    await accessible(page, 'credit notes');
    await shot(page, 'credit-notes-fr');
    const [download] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
    const file = join(SHOTS, `${note.number}.pdf`);
    await download.saveAs(file);
    const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(text).toContain(note.number);
    expect(text).toContain(upgrade.number);
    await context.close();
    expect(problems).toEqual([]);

    // The same card in English and German.
    for (const locale of ['en', 'de'] as const) {
      const l = words(locale);
      const visit = await signIn(t, browser, {
        account: fr.account,
        user: fr.users.camille!,
        locale,
        page: 'invoices',
      });
      const section = visit.page.locator('section.credit-notes');
      await expect.poll(() => section.locator('h2').textContent()).toBe(l('invoices.creditNotes.title'));
      await section.locator('tbody tr').first().getByRole('button').click();
      await expect
        .poll(() =>
          section
            .getByRole('link', { name: l('invoices.creditNotes.pdfLabel').replace('{number}', note.number) })
            .count(),
        )
        .toBe(1);
      await accessible(visit.page, `credit notes in ${locale}`);
      await shot(visit.page, `credit-notes-${locale}`);
      await visit.context.close();
      expect(visit.problems, `console errors in ${locale}`).toEqual([]);
    }
  });
});

describe('a member is refused and told why', () => {
  it('sees the plans without choosing, and when every seat is taken is told who can add one', async () => {
    const w = words('de');
    const { page, context } = await signIn(t, browser, {
      account: de.account,
      user: de.users.anna!,
      locale: 'de',
      page: 'plans',
    });
    await expect
      .poll(() => page.locator('.readonly-note').first().textContent())
      .toMatch(/Katrin Müller|Jonas Schmidt/);
    expect(await page.getByRole('button', { name: /Upgrade|Höher|Wechseln/ }).count()).toBe(0);
    await page.getByRole('link', { name: w('nav.users') }).click();
    await settle(page);
    await page
      .getByRole('button', { name: w('users.add') })
      .first()
      .click();
    await page.getByLabel(w('users.form.name')).fill('Paul Neumann');
    await page.getByLabel(w('users.form.email')).fill('paul.neumann@mueller-schmidt.example.de');
    const team = page.getByRole('checkbox', { name: /Team/ });
    if ((await team.count()) > 0 && !(await team.isChecked())) await team.check();
    await page
      .getByRole('button', { name: w('users.form.submit') })
      .last()
      .click();
    await settle(page);
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/wenden Sie sich an (Katrin Müller|Jonas Schmidt)/);
    await shot(page, 'walk-de-member-refused');
    const users = (await t.api('GET', `/v1/accounts/${de.account}/users`)).body.data;
    expect(users.map((u: { name: string }) => u.name)).not.toContain('Paul Neumann');
    await context.close();
  });
});

describe('a German owner adds a pack and a licence (S14, S16)', () => {
  it('previews and buys one e-mail pack, then one licence, and history shows both', async () => {
    const w = words('de');
    const { page, context, problems } = await signIn(t, browser, {
      account: de.account,
      user: de.users.katrin!,
      locale: 'de',
      page: 'packs',
    });
    await page.getByRole('button', { name: /Eins mehr: E-mail pack/ }).click();
    await page.getByRole('button', { name: w('packs.review') }).click();
    await settle(page);
    // 20 of 30 November days left: 20/30 × 25,00 € = 16,67 €, 19 % MwSt.
    await expect.poll(() => texts(page.locator('table.lines tbody td.num:last-child'))).toEqual(['16,67 €']);
    await expect
      .poll(async () => plain(await page.locator('table.lines tfoot .due td').textContent()))
      .toBe('19,84 €');
    await shot(page, 'walk-de-packs-preview');
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await expect.poll(() => page.getByText(w('packs.done')).count()).toBe(1);

    await page.getByRole('link', { name: w('nav.licences') }).click();
    await settle(page);
    await page.getByRole('button', { name: w('licences.more') }).click();
    await settle(page);
    // +1 × 13,00 € × 20/30 = 8,67 €, 19 %: 10,32 €.
    await expect.poll(() => texts(page.locator('table.lines tbody td.num:last-child'))).toEqual(['8,67 €']);
    await expect
      .poll(async () => plain(await page.locator('table.lines tfoot .due td').textContent()))
      .toBe('10,32 €');
    await shot(page, 'walk-de-licences-preview');
    await page.getByRole('button', { name: w('action.confirm') }).click();
    await expect.poll(() => page.getByText('Sie haben jetzt 4 Lizenzen.').count()).toBe(1);

    const sub = (await t.api('GET', `/v1/subscriptions/${de.subscription}`)).body;
    expect(sub).toMatchObject({ quantity: 4, addons: [{ addon_key: 'emails-5000', quantity: 1 }] });
    await page.getByRole('link', { name: w('nav.history') }).click();
    await settle(page);
    const text = async () => plain(await page.locator('main').textContent());
    // Newest first: the licence, then the pack, each by Katrin Müller in the portal.
    await expect
      .poll(text)
      .toMatch(
        /Katrin Müller · im PortalLizenzen: vorher 3 →\s+jetzt 4[\s\S]*Katrin Müller · im PortalPaket: vorher — →\s+jetzt 1 × E-mail pack/,
      );
    await shot(page, 'walk-de-history');
    await context.close();
    expect(problems).toEqual([]);
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
    await expect.poll(async () => plain(await due.textContent())).toBe('€47.97'); // 3 × €13.00 + 23 % VAT
    await page.getByLabel(w('subscribe.licences')).fill('5');
    await expect.poll(async () => plain(await due.textContent())).toBe('€79.95'); // 5 × €13.00 + 23 %
    await page.getByRole('radio', { name: new RegExp(`^${w('period.year')}`) }).check();
    await expect.poll(async () => plain(await due.textContent())).toBe('€811.80'); // 5 × €132.00 + 23 %
    await page.getByLabel(w('subscribe.currency')).selectOption('USD');
    await expect.poll(async () => plain(await due.textContent())).toBe('$959.40'); // 5 × $156.00 + 23 %
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

describe('a session in the browser', () => {
  it('keeps each page at its address across a reload, signs out, and explains a spent link', async () => {
    const w = words('en');
    const body = { account: trial.account, user: trial.users.aoife!, locale: 'en' as const, page: 'history' };
    const { page, context } = await signIn(t, browser, body);
    expect(new URL(page.url()).pathname).toBe('/portal/history');
    await page.reload();
    await settle(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe(w('history.title'));
    await page.getByRole('button', { name: w('app.signOut') }).click();
    await page.waitForURL('**/portal/signed-out?reason=ended');
    await expect.poll(() => page.locator('h1').textContent()).toBe(w('signedOut.title'));
    // The cookie is gone: any page address now says so.
    await page.goto(`${t.url}/portal/invoices`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(w('signedOut.title'));
    await accessible(page, 'signed out');
    // A link opened twice: the second time says why it no longer works.
    const link = (await t.api('POST', '/v1/portal_sessions', body)).body.url;
    await page.goto(link);
    await page.goto(link);
    await page.waitForURL('**/portal/signed-out?reason=link');
    await expect
      .poll(async () => plain(await page.locator('main').textContent()))
      .toContain(w('signedOut.link'));
    await shot(page, 'signed-out-en');
    await context.close();
  });
});

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
    // Subscribe is a trial's page: another trial account shows it in each language.
    const second = await trialCustomer(t);
    for (const locale of LOCALES) {
      const visit = await signIn(t, browser, {
        account: second.account,
        user: second.users.aoife!,
        locale,
        page: 'subscribe',
      });
      await settle(visit.page);
      await expect.poll(() => visit.page.locator('h1').textContent()).toBe(words(locale)('subscribe.title'));
      await accessible(visit.page, `subscribe in ${locale}`);
      await shot(visit.page, `subscribe-${locale}`);
      await visit.context.close();
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
      const overflow = await phone.page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${page} overflows a phone by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    await phone.context.close();
  });
});
