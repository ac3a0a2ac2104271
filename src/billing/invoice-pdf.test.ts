import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatTaxRate,
  type InvoicePdfInput,
  renderInvoicePdf,
  toWinAnsiText,
} from './invoice-pdf.ts';

type Line = InvoicePdfInput['invoice']['lines'][number];

function line(description: string, quantity: number, unit_amount: number): Line {
  return {
    description,
    period_start: '2026-02-01',
    period_end: '2026-02-28',
    quantity,
    unit_amount,
    amount: quantity * unit_amount,
  };
}

/** An invoice whose totals are computed from its lines at `taxRateBps`, with `credit` taken off. */
function invoiceOf(
  overrides: Partial<InvoicePdfInput['invoice']> & { lines: Line[] },
  options: {
    locale?: InvoicePdfInput['account']['locale'];
    credit?: number;
    vendor?: string;
    account?: string;
  } = {},
): InvoicePdfInput {
  const taxRateBps = overrides.tax_rate_bps ?? 2000;
  const subtotal = overrides.lines.reduce((sum, l) => sum + l.amount, 0);
  // Integer arithmetic: tax rounded half away from zero, as src/domain/money.ts does.
  const tax = Math.sign(subtotal) * Math.round((Math.abs(subtotal) * taxRateBps) / 10_000);
  const total = subtotal + tax;
  const credit = options.credit ?? 0;
  return {
    vendor: { name: options.vendor ?? 'Müller & Schmidt GmbH' },
    account: { name: options.account ?? 'Brasserie Lumière', locale: options.locale ?? 'en' },
    invoice: {
      number: 'INV-000042',
      status: 'open',
      currency: 'EUR',
      issued_at: '2026-03-01T09:30:00Z',
      period_start: '2026-02-01',
      period_end: '2026-02-28',
      subtotal,
      tax,
      total,
      credit_applied: credit,
      amount_due: Math.max(total - credit, 0),
      tax_rate_bps: taxRateBps,
      ...overrides,
    },
  };
}

interface Parsed {
  pages: number;
  /** Each page's text, its items joined by single spaces. */
  pageTexts: string[];
  /** All pages' text. */
  text: string;
  info: Record<string, unknown>;
}

async function parse(pdf: Buffer): Promise<Parsed> {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, items } = await extractTextItems(doc);
  const { info } = await getMeta(doc);
  const pageTexts = items.map((page) =>
    page
      .map((item) => item.str)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return { pages: totalPages, pageTexts, text: pageTexts.join(' '), info };
}

async function renderAndParse(input: InvoicePdfInput, keepAs?: string): Promise<Parsed> {
  const pdf = await renderInvoicePdf(input);
  // ALLOT_INVOICE_PDF_DIR=/tmp keeps the PDFs for a look: `pdftoppm -png -r 60 <file> /tmp/invoice-<name>`.
  const dir = process.env.ALLOT_INVOICE_PDF_DIR;
  if (dir !== undefined && keepAs !== undefined)
    await writeFile(join(dir, `allot-invoice-${keepAs}.pdf`), pdf);
  return parse(pdf);
}

describe('formatMoney', () => {
  it('formats exact minor units per locale', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('EUR 1,234.56');
    expect(formatMoney(123456, 'EUR', 'fr')).toBe('1 234,56 EUR');
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56 EUR');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-EUR 0.05');
    expect(formatMoney(-123456789, 'EUR', 'de')).toBe('-1.234.567,89 EUR');
    expect(formatMoney(0, 'EUR', 'en')).toBe('EUR 0.00');
    expect(formatMoney(1234567, 'JPY', 'en')).toBe('JPY 1,234,567');
    expect(formatMoney(1234567, 'BHD', 'fr')).toBe('1 234,567 BHD');
    expect(formatMoney(5, 'BHD', 'en')).toBe('BHD 0.005');
    // Past 2^53 / 100 a float would round; the exact string does not.
    expect(formatMoney(9007199254740991, 'EUR', 'en')).toBe('EUR 90,071,992,547,409.91');
  });

  it('refuses unknown currencies and fractional amounts', () => {
    expect(() => formatMoney(100, 'XYZ', 'en')).toThrow(RangeError);
    expect(() => formatMoney(1.5, 'EUR', 'en')).toThrow(RangeError);
  });

  it('formats tax rates from basis points', () => {
    expect(formatTaxRate(2000, 'en')).toBe('20%');
    expect(formatTaxRate(1950, 'fr')).toBe('19,5 %');
    expect(formatTaxRate(775, 'de')).toBe('7,75 %');
    expect(formatTaxRate(0, 'en')).toBe('0%');
  });
});

describe('toWinAnsiText', () => {
  it('keeps Latin-1 and approximates the rest', () => {
    expect(toWinAnsiText('Brasserie Lumière, Müller & Schmidt, Straße – €5')).toBe(
      'Brasserie Lumière, Müller & Schmidt, Straße – €5',
    );
    expect(toWinAnsiText('\u22125 Kő\u202fx 日本')).toBe('-5 Ko x ??');
  });
});

describe('renderInvoicePdf', () => {
  it('renders the vendor, account, number, lines and totals as text a PDF parser reads back', async () => {
    const lines = [
      line('Pro plan (monthly)', 1, 4900),
      line('Extra seats', 12, 1000),
      line('API calls over quota', 1500, 2),
    ];
    const input = invoiceOf({ lines, status: 'paid' }, { credit: 2000 });
    const parsed = await renderAndParse(input, 'en');

    expect(parsed.pages).toBe(1);
    const { text } = parsed;
    expect(text).toContain('Müller & Schmidt GmbH');
    expect(text).toContain('Brasserie Lumière');
    expect(text).toContain('Invoice INV-000042');
    expect(text).toContain('Billed to');
    expect(text).toContain('2026-03-01');
    expect(text).toContain('2026-02-01 – 2026-02-28');
    expect(text).toContain('Paid');
    for (const l of lines) expect(text).toContain(l.description);
    expect(text).toContain('1,500');
    // subtotal 4900 + 12000 + 3000 = 19900; tax 3980; total 23880; credit 2000; due 21880.
    expect(input.invoice.total).toBe(23880);
    for (const expected of [
      'Subtotal EUR 199.00',
      'Tax (20%) EUR 39.80',
      'Total EUR 238.80',
      'Credit applied -EUR 20.00',
      'Amount due EUR 218.80',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Page 1 of 1');

    expect(parsed.info.Title).toBe('Invoice INV-000042');
    expect(parsed.info.Author).toBe('Müller & Schmidt GmbH');
    expect(String(parsed.info.CreationDate)).toMatch(/^D:20260301093000/);
  });

  it('is deterministic for the same input', async () => {
    const input = invoiceOf({ lines: [line('Pro plan', 1, 4900)] });
    const [a, b] = await Promise.all([renderInvoicePdf(input), renderInvoicePdf(input)]);
    expect(a.equals(b)).toBe(true);
  });

  it('localises labels and numbers in French and German', async () => {
    const lines = [line('Abonnement Équipe', 3, 123456)];
    const fr = await renderAndParse(invoiceOf({ lines }, { locale: 'fr' }), 'fr');
    expect(fr.text).toContain('Facture INV-000042');
    expect(fr.text).toContain('Facturé à');
    expect(fr.text).toContain('Abonnement Équipe');
    expect(fr.text).toContain('1 234,56 EUR');
    expect(fr.text).toContain('Sous-total 3 703,68 EUR');
    expect(fr.text).toContain('Taxe (20 %) 740,74 EUR');
    expect(fr.text).toContain('Montant dû 4 444,42 EUR');
    expect(fr.info.Title).toBe('Facture INV-000042');

    const de = await renderAndParse(invoiceOf({ lines, status: 'void' }, { locale: 'de' }), 'de');
    expect(de.text).toContain('Rechnung INV-000042');
    expect(de.text).toContain('Storniert');
    expect(de.text).toContain('Einzelpreis');
    expect(de.text).toContain('1.234,56 EUR');
    expect(de.text).toContain('Zwischensumme 3.703,68 EUR');
    expect(de.text).toContain('Fälliger Betrag 4.444,42 EUR');
    expect(de.text).toContain('Seite 1 von 1');
  });

  it('shows three decimals for BHD', async () => {
    const input = invoiceOf({
      currency: 'BHD',
      tax_rate_bps: 1000,
      lines: [line('Consulting hours', 3, 12345)],
    });
    const { text } = await renderAndParse(input, 'bhd');
    expect(text).toContain('Consulting hours');
    expect(text).toContain('BHD 12.345');
    expect(text).toContain('Subtotal BHD 37.035');
    expect(text).toContain('Tax (10%) BHD 3.704');
    expect(text).toContain('Amount due BHD 40.739');
  });

  it('shows no decimals for JPY', async () => {
    const input = invoiceOf({ currency: 'JPY', tax_rate_bps: 1000, lines: [line('Starter plan', 2, 1980)] });
    const { text } = await renderAndParse(input, 'jpy');
    expect(text).toContain('Starter plan');
    expect(text).toContain('JPY 1,980');
    expect(text).toContain('Subtotal JPY 3,960');
    expect(text).toContain('Tax (10%) JPY 396');
    expect(text).toContain('Amount due JPY 4,356');
    expect(text).not.toMatch(/JPY [\d,]+\.\d/);
  });

  it('shows a credit line as a negative amount', async () => {
    const lines = [
      line('Business plan', 1, 9900),
      { ...line('Unused time on Pro plan', 1, -2450), period_start: '2026-02-15' },
    ];
    const { text } = await renderAndParse(invoiceOf({ lines }), 'credit');
    expect(text).toContain('Unused time on Pro plan');
    expect(text).toContain('2026-02-15 – 2026-02-28');
    expect(text).toContain('-EUR 24.50');
    expect(text).toContain('Subtotal EUR 74.50');
    expect(text).toContain('Amount due EUR 89.40');
  });

  it('spreads a 60-line invoice over several pages, repeating the table header', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(
        i % 7 === 3
          ? `Line ${i + 1}: usage of the analytics add-on across all workspaces, billed per thousand events`
          : `Line ${i + 1}: seat for member ${i + 1}`,
        i + 1,
        1250,
      ),
    );
    const parsed = await renderAndParse(invoiceOf({ lines }), 'long');

    expect(parsed.pages).toBeGreaterThan(1);
    expect(parsed.text).toContain('Line 1: seat for member 1');
    const last = lines.at(-1)!.description;
    expect(last).toBe(
      'Line 60: usage of the analytics add-on across all workspaces, billed per thousand events',
    );
    expect(parsed.text).toContain(last);
    expect(parsed.pageTexts.at(-1)).not.toContain('Line 1:');
    expect(parsed.text).toContain('Line 59: seat for member 59');
    // Every line is there exactly once, in order.
    const positions = lines.map((l) => parsed.text.indexOf(`Line ${l.quantity}:`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Each page that carries lines starts its table with the header row.
    parsed.pageTexts.forEach((page, i) => {
      if (/Line \d+:/.test(page)) expect(page).toContain('Description Period Quantity Unit price Amount');
      expect(page).toContain(`Page ${i + 1} of ${parsed.pages}`);
      if (i > 0) expect(page.startsWith('Müller & Schmidt GmbH · Invoice INV-000042')).toBe(true);
    });
    // 1250 × (1 + … + 60) = 2,287,500 cents.
    expect(parsed.pageTexts.at(-1)).toContain('Subtotal EUR 22,875.00');
    expect(parsed.pageTexts.at(-1)).toContain('Amount due EUR 27,450.00');
  });

  it('refuses an unknown currency', async () => {
    const input = invoiceOf({ currency: 'XYZ', lines: [line('Pro plan', 1, 4900)] });
    await expect(renderInvoicePdf(input)).rejects.toThrow(RangeError);
  });
});
