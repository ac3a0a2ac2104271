import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingDocument, DocumentLine } from './document.ts';
import {
  formatDate,
  formatDateRange,
  formatIban,
  formatMoney,
  formatTaxRate,
  type InvoicePdfInput,
  type RenderOptions,
  renderDocumentPdf,
  renderInvoicePdf,
} from './invoice-pdf.ts';
import { cleanText, splitRuns } from './pdf-fonts.ts';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'allot-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads a PDF with poppler, as a person's viewer would: `pdftotext -layout`, pages split on form feeds. */
async function pdfText(pdf: Buffer, name: string): Promise<{ pages: string[]; text: string; flat: string }> {
  expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  // ALLOT_INVOICE_PDF_DIR keeps the PDFs for a look: `pdftoppm -png -r 70 <file> /tmp/pdfshots/<name>`.
  const keep = process.env.ALLOT_INVOICE_PDF_DIR;
  if (keep !== undefined) await writeFile(join(keep, `${name}.pdf`), pdf);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  const pages = stdout.split('\f').filter((page) => page.trim() !== '');
  // Single spaces for any run of white space (thin and no-break spaces included), for searching.
  return { pages, text: stdout, flat: stdout.replace(/\s+/g, ' ') };
}

async function pdfInfo(pdf: Buffer, name: string, ...args: string[]): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  return (await run('pdfinfo', [...args, file])).stdout;
}

function line(
  description: string,
  quantity: number,
  unit_amount: number,
  days?: [string, string],
): DocumentLine {
  const amount = quantity * unit_amount;
  return {
    description,
    first_day: days?.[0] ?? '2026-05-01',
    last_day: days?.[1] ?? '2026-05-31',
    quantity,
    unit_amount,
    amount,
    tax: Math.round(amount / 5),
  };
}

/** A French seller's invoice (or credit note) to a Polish buyer; totals computed from the lines at 20 %. */
function documentOf(overrides: Partial<BillingDocument> = {}): BillingDocument {
  const lines = overrides.lines ?? [
    line('Abonnement Équipe (mensuel)', 1, 4900),
    line('Sièges supplémentaires', 12, 1000),
    line('株式会社タナカ向け API 呼び出し — Ελληνικά, Москва', 1500, 2, ['2026-05-10', '2026-05-31']),
  ];
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = Math.round(subtotal / 5);
  return {
    kind: 'invoice',
    number: 'INV-000042',
    status: 'open',
    locale: 'fr',
    currency: 'EUR',
    issue_date: '2026-05-01',
    due_date: '2026-05-31',
    period: { first_day: '2026-05-01', last_day: '2026-05-31' },
    credits: null,
    seller: {
      name: 'Lumière',
      legal_name: 'Lumière Logiciels SAS',
      address: { line1: '12 rue de la Paix', postal_code: '75002', city: 'Paris', country: 'FR' },
      vat_number: 'FR40303265045',
      registration_number: 'RCS Paris 303 265 045',
      email: 'factures@lumiere.example',
      payment_terms_days: 30,
      bank: {
        account_holder: 'Lumière Logiciels SAS',
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPP',
        bank_name: 'Crédit Agricole',
      },
    },
    buyer: {
      name: 'Działka',
      legal_name: 'Łódź Działka sp. z o.o.',
      address: {
        line1: 'ul. Piotrkowska 104',
        line2: 'lok. 7',
        postal_code: '90-926',
        city: 'Łódź',
        country: 'PL',
      },
      vat_number: 'PL7251234567',
    },
    lines,
    tax_rate_bps: 2000,
    subtotal,
    tax,
    total: subtotal + tax,
    credit_applied: 0,
    amount_due: subtotal + tax,
    issued_at: '2026-05-01T07:30:00Z',
    ...overrides,
  };
}

/** A German seller's credit note for part of invoice INV-000041, to a Japanese buyer. */
function germanCreditNote(overrides: Partial<BillingDocument> = {}): BillingDocument {
  const lines = [
    line('Gutschrift: ungenutzte Zeit im Pro-Tarif', 1, 2450, ['2026-05-15', '2026-05-31']),
    line('Rückerstattung Zusatzplätze', 2, 1000),
  ];
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = Math.round((subtotal * 19) / 100);
  return documentOf({
    kind: 'credit_note',
    number: 'CN-000007',
    locale: 'de',
    due_date: null,
    credits: { number: 'INV-000041', issue_date: '2026-05-01' },
    issue_date: '2026-06-03',
    issued_at: '2026-06-03T10:00:00+02:00',
    seller: {
      name: 'Müller & Schmidt',
      legal_name: 'Müller & Schmidt GmbH',
      address: { line1: 'Leopoldstraße 31', postal_code: '80802', city: 'München', country: 'DE' },
      vat_number: 'DE123456789',
      registration_number: 'HRB 123456, Amtsgericht München',
      email: 'buchhaltung@mueller-schmidt.example',
      payment_terms_days: 14,
      bank: {
        account_holder: null,
        iban: 'DE89 3704 0044 0532 0130 00',
        bic: 'COBADEFFXXX',
        bank_name: 'Commerzbank',
      },
    },
    buyer: {
      name: 'タナカ',
      legal_name: '株式会社タナカ',
      address: { line1: '千代田区丸の内1-1-1', postal_code: '100-0005', city: '東京都', country: 'JP' },
      vat_number: null,
    },
    lines,
    tax_rate_bps: 1900,
    subtotal,
    tax,
    total: subtotal + tax,
    amount_due: 0,
    ...overrides,
  });
}

describe('formatting', () => {
  it('formats exact minor units per locale', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('EUR 1,234.56');
    expect(formatMoney(123456, 'EUR', 'fr')).toBe('1 234,56 EUR');
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56 EUR');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-EUR 0.05');
    expect(formatMoney(-123456789, 'EUR', 'de')).toBe('-1.234.567,89 EUR');
    expect(formatMoney(1234567, 'JPY', 'en')).toBe('JPY 1,234,567');
    expect(formatMoney(1234567, 'BHD', 'fr')).toBe('1 234,567 BHD');
    // Past 2^53 / 100 a float would round; the exact string does not.
    expect(formatMoney(9007199254740991, 'EUR', 'en')).toBe('EUR 90,071,992,547,409.91');
    expect(() => formatMoney(100, 'XYZ', 'en')).toThrow(RangeError);
    expect(() => formatMoney(1.5, 'EUR', 'en')).toThrow(RangeError);
    expect(formatTaxRate(2000, 'en')).toBe('20%');
    expect(formatTaxRate(1950, 'fr')).toBe('19,5 %');
    expect(formatTaxRate(775, 'de')).toBe('7,75 %');
  });

  it('writes calendar dates the local way, never a day off', () => {
    expect(formatDate('2026-05-01', 'en')).toBe('1 May 2026');
    expect(formatDate('2026-05-01', 'fr')).toBe('1 mai 2026');
    expect(formatDate('2026-05-01', 'de')).toBe('1. Mai 2026');
    expect(formatDate('2026-12-31', 'fr')).toBe('31 décembre 2026');
    expect(formatDateRange('2026-05-01', '2026-05-31', 'fr')).toBe('1–31 mai 2026');
    expect(formatDateRange('2026-05-01', '2026-05-31', 'de')).toBe('1.–31. Mai 2026');
    expect(formatDateRange('2026-05-01', '2026-05-31', 'en').replace(/\s/g, ' ')).toBe('1 – 31 May 2026');
    expect(formatDateRange('2025-12-15', '2026-01-14', 'de').replace(/\s/g, ' ')).toBe(
      '15. Dezember 2025 – 14. Januar 2026',
    );
    expect(formatDateRange('2026-05-07', '2026-05-07', 'fr')).toBe('7 mai 2026');
    expect(() => formatDate('2026-02-30', 'en')).toThrow(RangeError);
    expect(() => formatDate('1 May 2026', 'en')).toThrow(RangeError);
    expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('splits text into runs by the font that has the glyphs', () => {
    const runs = splitRuns('株式会社 Tanaka — Łódź Działka', 'regular', 'ja');
    expect(runs).toEqual([
      { text: '株式会社 ', font: 'ja-regular' },
      { text: 'Tanaka — Łódź Działka', font: 'latin-regular' },
    ]);
    // Without kana or hangul, the hint (the buyer's country) picks the face for Han characters.
    expect(splitRuns('株式会社 Tanaka', 'regular', 'zh')[0]!.font).toBe('zh-regular');
    // Kana make Han characters Japanese, hangul Korean.
    expect(splitRuns('서울 漢字', 'regular', 'zh').map((r) => r.font)).toEqual(['ko-regular']);
    expect(splitRuns('株式会社タナカ', 'bold', 'zh').map((r) => r.font)).toEqual(['ja-bold']);
    expect(splitRuns('北京有限公司', 'regular', 'zh').map((r) => r.font)).toEqual(['zh-regular']);
    expect(splitRuns('Ελληνικά Москва Tiếng Việt', 'regular', 'zh')).toHaveLength(1);
    // Nothing has a glyph for an emoji: it prints as U+FFFD, never as .notdef or a wrong letter.
    expect(splitRuns('Café 🍺\uFE0F', 'regular', 'zh')).toEqual([
      { text: 'Café \uFFFD', font: 'latin-regular' },
    ]);
    expect(cleanText('a\tb\u200e\r\nc\u0007')).toBe('a b\nc');
  });
});

describe('renderDocumentPdf', () => {
  it('prints a French invoice with both parties’ legal details, local dates and every script', async () => {
    const doc = documentOf();
    const { flat, pages } = await pdfText(await renderDocumentPdf(doc), 'invoice-fr');
    expect(pages).toHaveLength(1);
    for (const expected of [
      'Facture',
      'INV-000042',
      'Lumière Logiciels SAS',
      '12 rue de la Paix',
      '75002 Paris',
      'N° TVA FR40303265045',
      // The number names its register: no label in the reader's language before it.
      'RCS Paris 303 265 045',
      'factures@lumiere.example',
      'Facturé à',
      'Łódź Działka sp. z o.o.',
      'ul. Piotrkowska 104',
      '90-926 Łódź',
      'Pologne',
      'N° TVA PL7251234567',
      "Date d'émission 1 mai 2026",
      "Date d'échéance 31 mai 2026",
      'Période 1–31 mai 2026',
      'Abonnement Équipe (mensuel)',
      '株式会社タナカ向け API 呼び出し — Ελληνικά, Москва',
      '10–31 mai 2026',
      '1 500',
      // 4 900 + 12 × 1 000 + 1 500 × 2 = 19 900 cents; 20 % tax 3 980.
      'Total HT 199,00 EUR',
      'TVA (20 %) 39,80 EUR',
      'Total TTC 238,80 EUR',
      'Net à payer 238,80 EUR',
      'Payable sous 30 jours',
      // A French seller's invoice states the late-payment terms the Code de commerce requires.
      'Pénalités de retard : trois fois le taux d’intérêt légal',
      'indemnité forfaitaire pour frais de recouvrement : 40 €',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'BIC AGRIFRPP',
      'Page 1/1',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('?');
    expect(flat).not.toContain('Immatriculation');
    // A line billed for the document's period does not repeat it.
    expect(flat.match(/1–31 mai 2026/g)).toHaveLength(1);
  });

  it('prints a German credit note naming the invoice it credits', async () => {
    const { flat } = await pdfText(await renderDocumentPdf(germanCreditNote()), 'credit-note-de');
    for (const expected of [
      'Gutschrift',
      'CN-000007',
      'Müller & Schmidt GmbH',
      'Leopoldstraße 31',
      '80802 München',
      'USt-IdNr. DE123456789',
      'HRB 123456, Amtsgericht München',
      'Empfänger',
      '株式会社タナカ',
      '千代田区丸の内1-1-1',
      '100-0005 東京都',
      'Japan',
      'Gutschriftsdatum 3. Juni 2026',
      'Leistungszeitraum 1.–31. Mai 2026',
      'Gutschrift zur Rechnung INV-000041 vom 1. Mai 2026',
      '15.–31. Mai 2026',
      'Nettobetrag 44,50 EUR',
      'USt. (19 %) 8,46 EUR',
      'Gutschriftsbetrag 52,96 EUR',
      'IBAN DE89 3704 0044 0532 0130 00',
      'Seite 1/1',
    ]) {
      expect(flat).toContain(expected);
    }
    // A credit note is not paid: no due date, no terms, no amount due.
    expect(flat).not.toMatch(/Fällig am|Zahlbar|Zahlbetrag/);
  });

  it('prints a French credit note and a German invoice too', async () => {
    const fr = await pdfText(
      await renderDocumentPdf(
        documentOf({
          kind: 'credit_note',
          number: 'CN-000003',
          due_date: null,
          credits: { number: 'INV-000041', issue_date: '2026-05-01' },
          amount_due: 0,
        }),
      ),
      'credit-note-fr',
    );
    expect(fr.flat).toMatch(/Avoir .*CN-000003/);
    expect(fr.flat).toContain('Avoir sur la facture INV-000041 du 1 mai 2026');
    const de = await pdfText(
      await renderDocumentPdf(documentOf({ locale: 'de', status: 'paid' })),
      'invoice-de',
    );
    for (const expected of [
      'Rechnung',
      'INV-000042',
      'Bezahlt',
      'Rechnungsdatum 1. Mai 2026',
      'Fällig am 31. Mai 2026',
      'Leistungszeitraum 1.–31. Mai 2026',
      'Polen',
      'Zahlbar innerhalb von 30 Tagen',
      'Zahlbetrag 238,80 EUR',
    ]) {
      expect(de.flat).toContain(expected);
    }
  });

  it('spreads 60 lines over pages, repeating the table header and numbering the pages', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(
        i % 7 === 3
          ? `Ligne ${i + 1} : utilisation du module d'analyse sur tous les espaces de travail, facturée par millier d'événements`
          : `Ligne ${i + 1} : siège pour le membre ${i + 1}`,
        i + 1,
        1250,
      ),
    );
    const { pages, flat } = await pdfText(await renderDocumentPdf(documentOf({ lines })), 'long-fr');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      const text = page.replace(/\s+/g, ' ');
      expect(text).toContain('Désignation Quantité Prix unitaire HT Montant HT');
      expect(text).toContain(`Page ${i + 1}/${pages.length}`);
      expect(text).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');
      if (i > 0) expect(text).toContain('Lumière Logiciels SAS · Facture INV-000042');
    });
    // Every line is there once, in order, the long ones whole.
    const positions = lines.map((l) => flat.indexOf(`Ligne ${l.quantity} :`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // A long description wraps within its column (-layout puts the amounts beside its first line).
    expect(flat).toMatch(
      /Ligne 60 : utilisation du module d'analyse sur tous les espaces de 60 12,50 EUR 750,00 EUR travail, facturée par millier d'événements/,
    );
    // 1250 × (1 + … + 60) = 2 287 500 cents.
    expect(pages.at(-1)!.replace(/\s+/g, ' ')).toContain('Total HT 22 875,00 EUR');
  });

  it('keeps every letter extractable from one document to the next (fontkit #154)', async () => {
    // Embedding "ź" (a composite of "z" and an accent) once used to leave "z" unmapped in later PDFs.
    const polish = documentOf({ lines: [line('Łódź ź ż ç ã á', 1, 100)] });
    await renderDocumentPdf(polish);
    const { flat } = await pdfText(
      await renderDocumentPdf(documentOf({ lines: [line('Zeitraum zz ungenutzte Plätze c a', 1, 100)] })),
      'after-composites',
    );
    expect(flat).toContain('Zeitraum zz ungenutzte Plätze c a');
  });

  it('is deterministic: two renders are byte-identical', async () => {
    const [a, b] = await Promise.all([
      renderDocumentPdf(germanCreditNote()),
      renderDocumentPdf(germanCreditNote()),
    ]);
    expect(a.equals(b)).toBe(true);
    const info = await pdfInfo(a, 'info', '-isodates');
    expect(info).toMatch(/Title:\s+Gutschrift CN-000007/);
    expect(info).toMatch(/Author:\s+Müller & Schmidt GmbH/);
    expect(info).toMatch(/CreationDate:\s+2026-06-03T08:00:00Z/);
  });

  it('embeds every font as a subset, as PDF/A-3b with well-formed XMP', async () => {
    const pdf = await renderDocumentPdf(germanCreditNote());
    const file = join(dir, 'fonts.pdf');
    await writeFile(file, pdf);
    const fonts = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(3); // Noto Sans regular and bold, Noto Sans JP
    for (const row of fonts) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts.some((row) => row.includes('NotoSansJP'))).toBe(true);
    const xmp = (await run('pdfinfo', ['-meta', file])).stdout;
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('Müller &amp; Schmidt GmbH');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(xmp).toContain('<xmp:ModifyDate>2026-06-03T08:00:00Z</xmp:ModifyDate>');
    expect(pdf.includes('/OutputIntents')).toBe(true);
  });

  it('embeds attachments as PDF/A-3 associated files', async () => {
    const xml = Buffer.from('<?xml version="1.0"?><rsm:CrossIndustryInvoice/>');
    const options: RenderOptions = {
      attachments: [{ name: 'factur-x.xml', data: xml, mimeType: 'text/xml', relationship: 'Alternative' }],
    };
    const pdf = await renderDocumentPdf(documentOf(), options);
    const file = join(dir, 'attached.pdf');
    await writeFile(file, pdf);
    expect((await run('pdfdetach', ['-list', file])).stdout).toContain('factur-x.xml');
    await run('pdfdetach', ['-save', '1', '-o', join(dir, 'out.xml'), file]);
    expect((await readFile(join(dir, 'out.xml'))).equals(xml)).toBe(true);
    expect(pdf.includes('/AFRelationship /Alternative')).toBe(true);
    const again = await renderDocumentPdf(documentOf(), options);
    expect(again.equals(pdf)).toBe(true);
  });

  it('refuses an unknown currency and a bad date', async () => {
    await expect(renderDocumentPdf(documentOf({ currency: 'XYZ' }))).rejects.toThrow(RangeError);
    await expect(renderDocumentPdf(documentOf({ due_date: '31/05/2026' }))).rejects.toThrow(RangeError);
  });
});

describe('renderInvoicePdf (deprecated adapter)', () => {
  it('still renders the old shape', async () => {
    const input: InvoicePdfInput = {
      vendor: { name: 'Müller & Schmidt GmbH' },
      account: { name: 'Brasserie Lumière', locale: 'en' },
      invoice: {
        number: 'INV-000042',
        status: 'paid',
        currency: 'JPY',
        issued_at: '2026-03-01T09:30:00+09:00',
        period_start: '2026-02-01',
        period_end: '2026-02-28',
        lines: [
          {
            description: 'Starter plan',
            period_start: '2026-02-01',
            period_end: '2026-02-28',
            quantity: 2,
            unit_amount: 1980,
            amount: 3960,
          },
        ],
        subtotal: 3960,
        tax: 396,
        total: 4356,
        credit_applied: 0,
        amount_due: 4356,
        tax_rate_bps: 1000,
      },
    };
    const { flat } = await pdfText(await renderInvoicePdf(input), 'legacy');
    for (const expected of [
      'Invoice',
      'INV-000042',
      'Paid',
      'Brasserie Lumière',
      'Issue date 1 March 2026',
      'Starter plan',
      'JPY 1,980',
      'Tax (10%) JPY 396',
      'Amount due JPY 4,356',
      'Page 1/1',
    ]) {
      expect(flat).toContain(expected);
    }
    await expect(
      renderInvoicePdf({ ...input, invoice: { ...input.invoice, currency: 'XYZ' } }),
    ).rejects.toThrow(RangeError);
  });
});
