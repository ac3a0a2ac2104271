import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciiOf, cleanUp, poppler, text, xsdErrors } from '../src/billing/e-invoice-readers.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { portalSession } from './helpers/portal.ts';
import { account, advance, clockAt, creditNotesOf, invoicesOf, subscribe } from './helpers/scenario.ts';

/**
 * Issue 13, credit notes as documents of their own: a downgrade's credit, the full credit inside the
 * cancellation window and a void each make a credit note in its own gapless sequence, referencing the
 * invoice it credits, never a negative invoice — read back from the real PDF with pdftotext and
 * pdfdetach, its Factur-X XML checked against the EN 16931 schema.
 */
let t: TestAllot;
const dir = mkdtempSync(join(tmpdir(), 'allot-cn-'));
const VENDOR = {
  legal_name: 'Orbit Software GmbH',
  address: { line1: 'Leopoldstraße 12', postal_code: '80802', city: 'München', country: 'DE' },
  vat_number: 'DE129273398',
  registration_number: 'HRB 123456, Amtsgericht München',
  email: 'rechnung@orbit.example',
  payment_terms_days: 14,
  bank: { account_holder: 'Orbit Software GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
};

async function download(path: string): Promise<Buffer> {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.key}` } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The PDFs read here are kept for people to look at (and for the README's picture). */
const OUT = join('.ci', 'out', 'documents');

function pdfToText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `credit-note-de.pdf`), pdf);
  // Columns laid out apart are read as one space apart.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** A German company in Berlin, with the legal details an e-invoice needs, and an owner. */
async function germanCustomer(clock: string, name = 'Łódź Działka GmbH — 株式会社タナカ') {
  const acct = await account(t, clock, {
    name,
    legal_name: name,
    locale: 'de',
    timezone: 'Europe/Berlin',
    tax_rate_bps: 1900,
    billing_address: { line1: 'Friedrichstraße 10', postal_code: '10117', city: 'Berlin', country: 'DE' },
    vat_number: 'DE811569869',
  });
  const owner = await t.api('POST', `/v1/accounts/${acct}/users`, {
    email: `owner-${acct.slice(-6)}@kunde.example`,
    name: 'Owner',
    roles: ['owner'],
  });
  return { acct, owner: owner.body.id as string };
}

beforeAll(async () => {
  t = await startAllot();
  const catalog = await t.api('PUT', '/v1/catalog', {
    features: [{ key: 'tickets', name: 'Tickets', kind: 'quota' }],
    plans: [
      {
        key: 'gold',
        name: 'Gold',
        names: { fr: 'Or', de: 'Gold-Tarif' },
        entitlements: [{ feature: 'tickets', limit: 100 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 9900 }],
      },
      {
        key: 'silver',
        name: 'Silver',
        names: { fr: 'Argent', de: 'Silber-Tarif' },
        entitlements: [{ feature: 'tickets', limit: 50 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 4900 }],
      },
    ],
  });
  expect(catalog.status, JSON.stringify(catalog.body)).toBe(200);
  expect((await t.api('PATCH', '/v1/tenant', VENDOR)).status).toBe(200);
});
afterAll(async () => {
  await cleanUp();
  await t?.close();
});

describe('a downgrade’s credit', () => {
  it('is a credit note referencing the invoice it credits, worded and dated for its German reader, with valid Factur-X', async () => {
    const clock = await clockAt(t, '2026-03-31T22:30:00Z'); // 1 April, 00:30 in Berlin
    const { acct } = await germanCustomer(clock);
    const sub = await subscribe(t, { account: acct, plan: 'gold' });
    const [gold] = await invoicesOf(t, acct);
    await t.api('POST', `/v1/invoices/${gold.id}/pay`);
    await advance(t, clock, '2026-04-16T08:00:00Z');
    const changed = await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'silver' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.latest_invoice).toBeNull();
    expect(await invoicesOf(t, acct)).toHaveLength(1);

    const note = (await t.api('GET', `/v1/credit_notes/${changed.body.latest_credit_note}`)).body;
    // 15 of 30 days unused on Gold (4950) less 15 days of Silver (2450), each line taxed at 19 %.
    expect(note).toMatchObject({
      object: 'credit_note',
      number: expect.stringMatching(/^CN-\d{6}$/),
      account: acct,
      subscription: sub.id,
      invoice: gold.id,
      invoice_number: gold.number,
      reason: 'subscription_update',
      currency: 'EUR',
      subtotal: 2500,
      tax: 941 - 466,
      total: 2500 + 941 - 466,
      applied_to_invoice: 0,
      credited_to_balance: 2975,
    });
    expect(
      note.lines.map((l: { description: string; amount: number; tax: number }) => [
        l.description,
        l.amount,
        l.tax,
      ]),
    ).toEqual([
      ['Nicht genutzte Zeit für Gold-Tarif, 15 von 30 Tagen', 4950, 941],
      ['Verbleibende Zeit für Silber-Tarif, 15 von 30 Tagen', -2450, -466],
    ]);
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance).toBe(2975);
    expect((await t.api('GET', `/v1/invoices/${gold.id}`)).body.credit_notes).toEqual([
      { id: note.id, number: note.number, total: 2975 },
    ]);
    const events = (await t.api('GET', `/v1/events?account=${acct}&type=credit_note.issued`)).body.data;
    expect(events.map((e: { data: { credit_note: string } }) => e.data.credit_note)).toEqual([note.id]);

    const pdf = await download(`/v1/credit_notes/${note.id}/pdf`);
    const printed = pdfToText(pdf, note.number);
    for (const expected of [
      'Gutschrift',
      note.number,
      'Empfänger',
      `Gutschrift zur Rechnung ${gold.number} vom 1. April 2026`,
      'Gutschriftsdatum 16. April 2026',
      'Orbit Software GmbH',
      'Leopoldstraße 12',
      'DE129273398',
      'Łódź Działka GmbH',
      '株式会社タナカ',
      'Friedrichstraße 10',
      'DE811569869',
      'Nicht genutzte Zeit für Gold-Tarif',
      'Verbleibende Zeit für Silber-Tarif',
      'Gutschriftsbetrag 29,75',
    ])
      expect(printed, expected).toContain(expected);
    expect(printed).not.toMatch(/\?\?/);
    // A credit note asks for no payment.
    expect(printed).not.toContain('Zahlbar');

    const read = await poppler(pdf);
    expect(read.list).toContain('factur-x.xml');
    expect(await xsdErrors(read.xml)).toEqual([]);
    const cii = ciiOf(read.xml);
    expect(text(cii.root['rsm:ExchangedDocument']['ram:TypeCode'])).toBe('381');
    expect(text(cii.root['rsm:ExchangedDocument']['ram:ID'])).toBe(note.number);
    expect(text(cii.settlement['ram:InvoiceReferencedDocument']['ram:IssuerAssignedID'])).toBe(gold.number);
    const sums = cii.settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'];
    expect(Number(text(sums['ram:GrandTotalAmount']))).toBe(note.total / 100);
    expect(Number(text(sums['ram:TaxBasisTotalAmount']))).toBe(note.subtotal / 100);
    const alone = await download(`/v1/credit_notes/${note.id}/xml`);
    expect(alone.toString('utf8')).toBe(read.xml);
    const ubl = (await download(`/v1/credit_notes/${note.id}/xml?format=ubl`)).toString('utf8');
    expect(ubl).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');

    // The credit is used by the next invoice: May's Silver renewal.
    await advance(t, clock, '2026-05-01T08:00:00Z');
    const renewal = (await invoicesOf(t, acct)).at(-1);
    expect(renewal).toMatchObject({ total: 4900 + 931, credit_applied: 2975, amount_due: 5831 - 2975 });
  });
});

describe('the cancellation window and voids', () => {
  it('credit in full, in the credit notes’ own gapless numbers, beside the invoices’ gapless numbers', async () => {
    const clock = await clockAt(t, '2026-06-10T10:00:00Z');
    const { acct: paidAcct } = await germanCustomer(clock, 'Bezahlt AG');
    const { acct: openAcct } = await germanCustomer(clock, 'Offen AG');
    const paid = await subscribe(t, { account: paidAcct, plan: 'gold' });
    const open = await subscribe(t, { account: openAcct, plan: 'gold' });
    const [paidInvoice] = await invoicesOf(t, paidAcct);
    const [openInvoice] = await invoicesOf(t, openAcct);
    await t.api('POST', `/v1/invoices/${paidInvoice.id}/pay`);
    const numbersBefore = (await t.api('GET', '/v1/credit_notes?limit=100')).body.data.map(
      (n: { sequence: number }) => n.sequence,
    );
    const last = Math.max(0, ...numbersBefore);

    await advance(t, clock, '2026-06-12T10:00:00Z');
    const c1 = await t.api('POST', `/v1/subscriptions/${paid.id}/cancel`);
    expect(c1.status, JSON.stringify(c1.body)).toBe(200);
    const c2 = await t.api('POST', `/v1/subscriptions/${open.id}/cancel`);
    expect(c2.status, JSON.stringify(c2.body)).toBe(200);

    // What was paid comes back in full, tax included, as account credit.
    const [refund] = await creditNotesOf(t, paidAcct);
    expect(refund).toMatchObject({
      reason: 'cancellation',
      invoice: paidInvoice.id,
      total: paidInvoice.total,
      credited_to_balance: paidInvoice.total,
      sequence: last + 1,
    });
    expect(refund.lines[0].description).toMatch(/^Gutschrift: Gold-Tarif \(monatlich\)/);
    expect((await t.api('GET', `/v1/accounts/${paidAcct}`)).body.credit_balance).toBe(paidInvoice.total);
    // What was not paid is voided: its credit note settles it, and nothing goes to the balance.
    const [settles] = await creditNotesOf(t, openAcct);
    expect(settles).toMatchObject({
      reason: 'cancellation',
      invoice: openInvoice.id,
      total: openInvoice.total,
      applied_to_invoice: openInvoice.total,
      credited_to_balance: 0,
      sequence: last + 2,
    });
    expect((await t.api('GET', `/v1/invoices/${openInvoice.id}`)).body.status).toBe('void');
    expect((await t.api('GET', `/v1/accounts/${openAcct}`)).body.credit_balance).toBe(0);

    // Filters: by the invoice it credits, and the account's own.
    const byInvoice = (await t.api('GET', `/v1/credit_notes?invoice=${openInvoice.id}`)).body.data;
    expect(byInvoice.map((n: { id: string }) => n.id)).toEqual([settles.id]);

    // No number is skipped in either sequence.
    const all = (await t.api('GET', '/v1/credit_notes?limit=100')).body.data
      .map((n: { sequence: number }) => n.sequence)
      .sort((a: number, b: number) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    const invoices = (await t.api('GET', '/v1/invoices?limit=100')).body.data
      .map((n: { sequence: number }) => n.sequence)
      .sort((a: number, b: number) => a - b);
    expect(invoices).toEqual(Array.from({ length: invoices.length }, (_, i) => i + 1));
    // And no invoice is negative any more.
    expect(
      (await t.api('GET', '/v1/invoices?limit=100')).body.data.every((i: { total: number }) => i.total >= 0),
    ).toBe(true);
  });

  it('voids a paid invoice with a credit note the next invoice uses, and refuses what would credit twice', async () => {
    const clock = await clockAt(t, '2026-07-01T10:00:00Z');
    const { acct } = await germanCustomer(clock, 'Storno KG');
    const sub = await subscribe(t, { account: acct, plan: 'gold' });
    const [first] = await invoicesOf(t, acct);
    await t.api('POST', `/v1/invoices/${first.id}/pay`);
    await advance(t, clock, '2026-07-10T10:00:00Z');
    const voided = await t.api('POST', `/v1/invoices/${first.id}/void`);
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', voided_at: '2026-07-10T10:00:00.000Z' });
    const [note] = await creditNotesOf(t, acct);
    expect(note).toMatchObject({
      reason: 'invoice_void',
      invoice: first.id,
      total: first.total,
      credited_to_balance: first.total,
      issued_at: '2026-07-10T10:00:00.000Z',
    });
    expect(note.lines.map((l: { amount: number }) => l.amount)).toEqual(
      first.lines.map((l: { amount: number }) => l.amount),
    );
    const again = await t.api('POST', `/v1/invoices/${first.id}/void`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_state');

    // The voided July was given back as credit, which August's renewal uses.
    await advance(t, clock, '2026-08-01T10:00:00Z');
    const august = (await invoicesOf(t, acct)).at(-1);
    expect(august).toMatchObject({ reason: 'subscription_cycle', credit_applied: first.total });
    // An invoice a downgrade credited in part cannot be voided as a whole: it would be credited twice.
    await advance(t, clock, '2026-08-05T10:00:00Z');
    await t.api('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'silver' });
    const credited = (await creditNotesOf(t, acct)).at(-1);
    expect(credited).toMatchObject({ reason: 'subscription_update', invoice: august.id });
    const balance = (await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance;
    const notesBefore = (await creditNotesOf(t, acct)).length;
    const refused = await t.api('POST', `/v1/invoices/${credited.invoice}/void`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state', credit_notes: [credited.id] });
    expect(refused.body.detail).toContain(credited.number);
    // Refused, it changed nothing.
    expect((await creditNotesOf(t, acct)).length).toBe(notesBefore);
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance).toBe(balance);
  });
});

describe('who sees a credit note', () => {
  it('is the account’s users in the portal, and no one else’s', async () => {
    const clock = await clockAt(t, '2026-09-01T10:00:00Z');
    const mine = await germanCustomer(clock, 'Meine GmbH');
    const theirs = await germanCustomer(clock, 'Fremde GmbH');
    for (const c of [mine, theirs]) {
      const sub = await subscribe(t, { account: c.acct, plan: 'gold' });
      await t.api('POST', `/v1/subscriptions/${sub.id}/cancel`);
    }
    const [own] = await creditNotesOf(t, mine.acct);
    const [other] = await creditNotesOf(t, theirs.acct);
    const portal = await portalSession(t, mine.acct, mine.owner);
    const listed = await portal.api('GET', `/v1/credit_notes?account=${mine.acct}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((n: { id: string }) => n.id)).toEqual([own.id]);
    expect((await portal.api('GET', `/v1/credit_notes/${own.id}`)).status).toBe(200);
    const pdf = await portal.api('GET', `/v1/credit_notes/${own.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    for (const path of [
      `/v1/credit_notes?account=${theirs.acct}`,
      `/v1/credit_notes/${other.id}`,
      `/v1/credit_notes/${other.id}/pdf`,
      '/v1/credit_notes',
    ]) {
      const res = await portal.api('GET', path);
      expect([400, 403, 404], path).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(other.id);
    }
    const missing = await t.api('GET', '/v1/credit_notes/cn_01jzzzzzzzzzzzzzzzzzzzzzzz');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
