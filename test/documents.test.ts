import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xsdErrors } from '../src/billing/e-invoice-readers.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, advance, clockAt, invoicesOf, subscribe } from './helpers/scenario.ts';

/**
 * Issue 13, the invoice a French or German accountant books: the vendor's legal details from its
 * settings, the buyer's from its account, dates in the buyer's zone, lines in its language, every
 * script printed, and the Factur-X XML embedded in the PDF and answered alone — read back with
 * poppler's pdftotext and pdfdetach.
 */
let t: TestAllot;
const dir = mkdtempSync(join(tmpdir(), 'allot-docs-'));
const VENDOR = {
  legal_name: 'Orbit Logiciels SAS',
  address: { line1: '24 quai Rambaud', postal_code: '69002', city: 'Lyon', country: 'FR' },
  vat_number: 'FR40303265045',
  registration_number: 'RCS Lyon 303 265 045',
  email: 'facturation@orbit.example',
  phone: '+33 4 72 00 00 00',
  payment_terms_days: 30,
  bank: { account_holder: 'Orbit Logiciels SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
};

async function pdfText(invoiceId: string): Promise<{ text: string; file: string }> {
  const res = await fetch(`${t.url}/v1/invoices/${invoiceId}/pdf`, {
    headers: { authorization: `Bearer ${t.key}` },
  });
  expect(res.status).toBe(200);
  const file = join(dir, `${invoiceId}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /[\u00a0\u202f]/g,
    ' ',
  );
  return { text, file };
}

beforeAll(async () => {
  t = await startAllot();
  const catalog = await t.api('PUT', '/v1/catalog', {
    features: [{ key: 'tickets', name: 'Tickets', names: { fr: 'Billets', de: 'Tickets' }, kind: 'quota' }],
    plans: [
      {
        key: 'essential',
        name: 'Essential',
        names: { fr: 'Essentiel', de: 'Basis' },
        entitlements: [{ feature: 'tickets', limit: 100 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 4900 }],
      },
    ],
  });
  expect(catalog.status, JSON.stringify(catalog.body)).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the vendor’s settings', () => {
  it('keeps its legal details, refusing a bad IBAN or VAT number by field and changing nothing', async () => {
    const bad = await t.api('PATCH', '/v1/tenant', { vat_number: 'not a vat', bank: { iban: 'FR76 3000' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).join(' ')).toMatch(/vat_number|bank/);
    expect((await t.api('GET', '/v1/tenant')).body).toMatchObject({
      legal_name: null,
      payment_terms_days: 30,
    });
    const ok = await t.api('PATCH', '/v1/tenant', VENDOR);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ object: 'tenant', ...VENDOR });
  });
});

describe('an invoice a French accountant books', () => {
  it('prints both parties’ legal details, the Paris date of a 1 May renewal, French lines, and carries Factur-X', async () => {
    // Midnight-thirty in Paris on 1 May is still 30 April in UTC.
    const clock = await clockAt(t, '2026-04-01T08:00:00Z');
    const acct = await account(t, clock, {
      name: 'Łódź Działka — 株式会社タナカ',
      legal_name: 'Łódź Działka 株式会社タナカ',
      locale: 'fr',
      timezone: 'Europe/Paris',
      tax_rate_bps: 2000,
      billing_address: { line1: '8 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
      vat_number: 'FR61512345678',
    });
    await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: 'compta@dzialka.example',
      name: 'Compta',
      roles: ['owner'],
    });
    await subscribe(t, { account: acct, plan: 'essential' });
    await advance(t, clock, '2026-04-30T22:30:00Z');
    const renewal = (await invoicesOf(t, acct)).at(-1);
    expect(renewal.lines[0].description).toBe('Essentiel (mensuel)');

    const { text, file } = await pdfText(renewal.id);
    // Kept for people to look at (and for the README's picture).
    mkdirSync(join('.ci', 'out', 'documents'), { recursive: true });
    copyFileSync(file, join('.ci', 'out', 'documents', 'invoice-fr.pdf'));
    for (const expected of [
      'Orbit Logiciels SAS',
      '24 quai Rambaud',
      'FR40303265045',
      'RCS Lyon 303 265 045',
      'Łódź Działka',
      '株式会社タナカ',
      'FR61512345678',
      '1 mai 2026',
      '31 mai 2026',
      'Essentiel (mensuel)',
      'Tél. +33 4 72 00 00 00',
      // What the Code de commerce requires of a French seller's invoice to a business.
      'Pénalités de retard : trois fois le taux d’intérêt légal',
      'indemnité forfaitaire pour frais de recouvrement : 40 €',
      renewal.number,
    ])
      expect(text, expected).toContain(expected);
    expect(text).not.toContain('30 avril 2026');
    expect(text).not.toMatch(/\?\?/);

    // The Factur-X XML inside the PDF, and the same answered alone, with the invoice's totals.
    execFileSync('pdfdetach', ['-saveall', '-o', dir, file]);
    const embedded = readFileSync(join(dir, 'factur-x.xml'), 'utf8');
    // libxml2 (xmllint in WebAssembly) accepts it against the Factur-X 1.07.3 EN 16931 schema.
    expect(await xsdErrors(embedded)).toEqual([]);
    const alone = await fetch(`${t.url}/v1/invoices/${renewal.id}/xml`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(alone.status).toBe(200);
    expect(await alone.text()).toBe(embedded);
    const xml = new XMLParser({ removeNSPrefix: true }).parse(embedded);
    const sums =
      xml.CrossIndustryInvoice.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement
        .SpecifiedTradeSettlementHeaderMonetarySummation;
    expect(String(sums.TaxBasisTotalAmount)).toBe('49');
    expect(Number(sums.GrandTotalAmount)).toBe(renewal.total / 100);
    expect(embedded).toContain('FR61512345678');
    // XRechnung, with the seller's telephone it requires (BT-42).
    const xr = await fetch(`${t.url}/v1/invoices/${renewal.id}/xml?format=xrechnung-cii`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(xr.status).toBe(200);
    const xrText = await xr.text();
    expect(xrText).toContain('urn:xeinkauf.de:kosit:xrechnung');
    expect(xrText).toContain('+33 4 72 00 00 00');
  });

  it('answers 409 naming what an e-invoice lacks, and still prints the PDF', async () => {
    const acct = await account(t, null, { name: 'Sans Adresse', locale: 'de', timezone: 'Europe/Berlin' });
    await subscribe(t, { account: acct, plan: 'essential' });
    const invoice = (await invoicesOf(t, acct)).at(-1);
    expect(invoice.lines[0].description).toBe('Basis (monatlich)');
    const xml = await t.api('GET', `/v1/invoices/${invoice.id}/xml`);
    expect(xml.status).toBe(409);
    expect(xml.body.detail).toContain('postal address');
    const { text } = await pdfText(invoice.id);
    expect(text).toContain('Rechnung');
    expect(text).toContain('Basis (monatlich)');
  });
});
