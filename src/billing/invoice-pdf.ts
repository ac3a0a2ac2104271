/**
 * Renders an invoice as a PDF: a one-column A4 page (or several) with the vendor as header, the invoice's
 * number, the account billed, a table of lines whose header row repeats on every page, and the totals.
 *
 * Uses pdfkit's built-in Helvetica, so nothing is read from disk or fetched. Helvetica is a standard PDF
 * font encoded in WinAnsi (Latin-1 plus a few typographic signs), which covers English, French and German
 * text ("Brasserie Lumière", "Müller & Schmidt GmbH"); any other character is first approximated
 * (U+2212 minus → "-", "ő" → "o") and otherwise shown as "?", never as a wrong glyph.
 *
 * Amounts are integers in the currency's minor unit and are formatted from their exact decimal string,
 * never through a float. The output is deterministic: the PDF's dates and file ID derive from `issued_at`.
 */
import PDFDocument from 'pdfkit';
import { minorUnitsOf } from '../domain/currencies.ts';
import { toDecimalString } from '../domain/money.ts';

export type InvoiceLocale = 'en' | 'fr' | 'de';

export interface InvoicePdfInput {
  vendor: { name: string };
  account: { name: string; locale: InvoiceLocale };
  invoice: {
    number: string; // e.g. "INV-000042"
    status: 'draft' | 'open' | 'paid' | 'void';
    currency: string; // ISO 4217, e.g. "EUR"
    issued_at: string; // RFC 3339
    period_start: string | null; // YYYY-MM-DD
    period_end: string | null;
    lines: {
      description: string;
      period_start: string | null;
      period_end: string | null;
      quantity: number;
      unit_amount: number;
      amount: number;
    }[]; // amounts are integers in minor units
    subtotal: number;
    tax: number;
    total: number;
    credit_applied: number;
    amount_due: number;
    tax_rate_bps: number; // 2000 = 20 %
  };
}

type InvoiceStatus = InvoicePdfInput['invoice']['status'];

interface Labels {
  invoice: string;
  billedTo: string;
  issueDate: string;
  period: string;
  status: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  tax: string;
  total: string;
  creditApplied: string;
  amountDue: string;
  statuses: Record<InvoiceStatus, string>;
  page: (page: number, count: number) => string;
}

const LABELS: Record<InvoiceLocale, Labels> = {
  en: {
    invoice: 'Invoice',
    billedTo: 'Billed to',
    issueDate: 'Issue date',
    period: 'Period',
    status: 'Status',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    total: 'Total',
    creditApplied: 'Credit applied',
    amountDue: 'Amount due',
    statuses: { draft: 'Draft', open: 'Open', paid: 'Paid', void: 'Void' },
    page: (page, count) => `Page ${page} of ${count}`,
  },
  fr: {
    invoice: 'Facture',
    billedTo: 'Facturé à',
    issueDate: "Date d'émission",
    period: 'Période',
    status: 'Statut',
    description: 'Description',
    quantity: 'Quantité',
    unitPrice: 'Prix unitaire',
    amount: 'Montant',
    subtotal: 'Sous-total',
    tax: 'Taxe',
    total: 'Total',
    creditApplied: 'Crédit appliqué',
    amountDue: 'Montant dû',
    statuses: { draft: 'Brouillon', open: 'À payer', paid: 'Payée', void: 'Annulée' },
    page: (page, count) => `Page ${page} sur ${count}`,
  },
  de: {
    invoice: 'Rechnung',
    billedTo: 'Rechnungsempfänger',
    issueDate: 'Rechnungsdatum',
    period: 'Zeitraum',
    status: 'Status',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    amount: 'Betrag',
    subtotal: 'Zwischensumme',
    tax: 'Steuer',
    total: 'Gesamt',
    creditApplied: 'Angerechnetes Guthaben',
    amountDue: 'Fälliger Betrag',
    statuses: { draft: 'Entwurf', open: 'Offen', paid: 'Bezahlt', void: 'Storniert' },
    page: (page, count) => `Seite ${page} von ${count}`,
  },
};

interface NumberStyle {
  group: string;
  decimal: string;
  /** Whether the currency code comes before the number ("EUR 1,234.56") or after it ("1 234,56 EUR"). */
  codeFirst: boolean;
  percent: (value: string) => string;
}

// French groups with a space (a plain one, so the text stays searchable and WinAnsi-encodable).
const NUMBER_STYLES: Record<InvoiceLocale, NumberStyle> = {
  en: { group: ',', decimal: '.', codeFirst: true, percent: (v) => `${v}%` },
  fr: { group: ' ', decimal: ',', codeFirst: false, percent: (v) => `${v} %` },
  de: { group: '.', decimal: ',', codeFirst: false, percent: (v) => `${v} %` },
};

function groupDigits(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/** Re-punctuates an exact decimal string ("-1234.5") for a locale ("-1.234,5"), without any float. */
function localizeDecimal(decimal: string, locale: InvoiceLocale): string {
  const style = NUMBER_STYLES[locale];
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = groupDigits(whole, style.group);
  return `${negative ? '-' : ''}${fraction === undefined ? grouped : `${grouped}${style.decimal}${fraction}`}`;
}

/**
 * Formats an amount in the currency's minor unit with the currency code, exactly:
 * `formatMoney(123456, 'EUR', 'en')` → "EUR 1,234.56", `'fr'` → "1 234,56 EUR", `'de'` → "1.234,56 EUR";
 * JPY shows no decimals, BHD three. A negative amount (a credit) starts with "-". Throws a RangeError for
 * an unknown currency or an amount that is not a safe integer.
 */
export function formatMoney(amount: number, currency: string, locale: InvoiceLocale): string {
  const decimal = toDecimalString(amount, minorUnitsOf(currency));
  const negative = decimal.startsWith('-');
  const number = localizeDecimal(negative ? decimal.slice(1) : decimal, locale);
  const sign = negative ? '-' : '';
  return NUMBER_STYLES[locale].codeFirst ? `${sign}${currency} ${number}` : `${sign}${number} ${currency}`;
}

/** A tax rate in basis points as a percentage: 2000 → "20%" (en), 1950 → "19,5 %" (fr). */
export function formatTaxRate(bps: number, locale: InvoiceLocale): string {
  const exact = toDecimalString(bps, 2).replace(/\.?0+$/, '');
  return NUMBER_STYLES[locale].percent(localizeDecimal(exact, locale));
}

function formatQuantity(quantity: number, locale: InvoiceLocale): string {
  if (!Number.isFinite(quantity)) throw new RangeError(`quantity must be finite, got ${String(quantity)}`);
  // Quantities are counts (seats, units, API calls), not money; their shortest decimal form is exact.
  const text = Number.isInteger(quantity) ? quantity.toFixed(0) : String(quantity);
  return /e/i.test(text) ? text : localizeDecimal(text, locale);
}

function formatPeriod(start: string | null, end: string | null): string {
  if (start === null && end === null) return '';
  return `${start ?? '…'} – ${end ?? '…'}`;
}

/** The calendar date of an RFC 3339 timestamp as written (its own offset), else its UTC date. */
function issueDateOf(issuedAt: string): { date: string; instant: Date } {
  const instant = new Date(issuedAt);
  if (Number.isNaN(instant.getTime()))
    throw new RangeError(`issued_at is not a valid timestamp: ${issuedAt}`);
  const written = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(issuedAt)?.[1];
  return { date: written ?? instant.toISOString().slice(0, 10), instant };
}

// WinAnsiEncoding: printable ASCII, Latin-1's upper half, and these signs at 0x80–0x9F.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const APPROXIMATIONS: Record<string, string> = {
  '\u2212': '-', // minus sign
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2009': ' ', // thin space
  '\u202f': ' ', // narrow no-break space
  '\u2007': ' ', // figure space
  '\u2032': "'", // prime
  '\u2033': '"', // double prime
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

/**
 * Makes text drawable in a standard font: characters outside WinAnsi are approximated, stripped of their
 * accents when that gives a WinAnsi letter, or replaced by "?". Line breaks are kept, other controls dropped.
 */
export function toWinAnsiText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char === '\n' || isWinAnsi(char)) {
      out += char;
    } else if (char === '\t' || char === '\r') {
      out += ' ';
    } else if (APPROXIMATIONS[char] !== undefined) {
      out += APPROXIMATIONS[char];
    } else if (char.codePointAt(0)! < 0x20 || (char.codePointAt(0)! >= 0x7f && char.codePointAt(0)! < 0xa0)) {
      // a control character: nothing to show
    } else {
      const base = [...char.normalize('NFKD')].filter((c) => isWinAnsi(c)).join('');
      out += base === '' ? '?' : base;
    }
  }
  return out;
}

// Layout, in PDF points (1/72 inch) on A4.
const MARGIN = 40;
const FOOTER_HEIGHT = 28;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 4;
const TABLE_FONT_SIZE = 8.5;
/** The most a description may take in one row before it is cut with an ellipsis (a row must fit a page). */
const MAX_DESCRIPTION_HEIGHT = 200;
const MUTED = '#666666';
const RULE = '#cccccc';
const HEADER_FILL = '#eeeeee';
const STRIPE_FILL = '#f7f7f7';

interface Column {
  width: number;
  align: 'left' | 'right';
}

type Doc = PDFKit.PDFDocument;

/** Renders `input` as a PDF. Throws a RangeError for an unknown currency, a non-integer amount or a bad date. */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { vendor, account, invoice } = input;
  const locale = account.locale;
  const labels = LABELS[locale];
  const money = (amount: number): string => formatMoney(amount, invoice.currency, locale);
  const issued = issueDateOf(invoice.issued_at);
  const title = `${labels.invoice} ${invoice.number}`;

  // Format everything first, so a bad amount fails before any drawing.
  const rows = invoice.lines.map((line) => [
    toWinAnsiText(line.description),
    formatPeriod(line.period_start, line.period_end),
    formatQuantity(line.quantity, locale),
    money(line.unit_amount),
    money(line.amount),
  ]);
  const totals: { label: string; value: string; strong?: boolean }[] = [
    { label: labels.subtotal, value: money(invoice.subtotal) },
    { label: `${labels.tax} (${formatTaxRate(invoice.tax_rate_bps, locale)})`, value: money(invoice.tax) },
    { label: labels.total, value: money(invoice.total), strong: true },
  ];
  // Credit is stored as a positive amount taken off the total; it is shown as the deduction it is.
  if (invoice.credit_applied !== 0) {
    totals.push({ label: labels.creditApplied, value: money(-invoice.credit_applied) });
  }
  const amountDue = money(invoice.amount_due);

  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: locale,
    displayTitle: true,
    info: {
      Title: title,
      Author: vendor.name,
      Subject: `${title} – ${account.name}`,
      Creator: 'Allot',
      CreationDate: issued.instant,
      ModDate: issued.instant,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const right = left + width;
  const bottom = (): number => doc.page.height - MARGIN - FOOTER_HEIGHT;
  const rule = (x1: number, x2: number, at: number, weight: number, color: string): void => {
    doc.moveTo(x1, at).lineTo(x2, at).lineWidth(weight).strokeColor(color).stroke();
  };

  // Header: the vendor, a rule, then the title and the invoice's facts in two columns.
  let y = MARGIN;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black');
  doc.text(toWinAnsiText(vendor.name), left, y, { width });
  y = doc.y + 6;
  rule(left, right, y, 1, 'black');
  y += 14;

  doc.font('Helvetica-Bold').fontSize(16).text(toWinAnsiText(title), left, y, { width });
  y = doc.y + 10;

  const halfWidth = (width - 20) / 2;
  const factsX = left + halfWidth + 20;
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(toWinAnsiText(labels.billedTo), left, y, {
    width: halfWidth,
  });
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black');
  doc.text(toWinAnsiText(account.name), left, doc.y + 2, { width: halfWidth });
  const leftEnd = doc.y;

  const facts: [string, string][] = [
    [labels.issueDate, issued.date],
    [labels.status, labels.statuses[invoice.status]],
  ];
  const period = formatPeriod(invoice.period_start, invoice.period_end);
  if (period !== '') facts.push([labels.period, period]);
  let factY = y;
  for (const [label, value] of facts) {
    doc.font('Helvetica').fontSize(9).fillColor(MUTED);
    doc.text(toWinAnsiText(label), factsX, factY, { width: 100, lineBreak: false });
    doc.font('Helvetica').fontSize(9).fillColor('black');
    doc.text(toWinAnsiText(value), factsX + 100, factY, { width: halfWidth - 100 });
    factY = doc.y + 3;
  }
  y = Math.max(leftEnd, factY) + 22;

  // The table of lines.
  const columns: Column[] = [
    { width: width - 125 - 50 - 85 - 95, align: 'left' },
    { width: 125, align: 'left' },
    { width: 50, align: 'right' },
    { width: 85, align: 'right' },
    { width: 95, align: 'right' },
  ];
  const headerCells = [
    labels.description,
    labels.period,
    labels.quantity,
    labels.unitPrice,
    labels.amount,
  ].map(toWinAnsiText);

  const cellOptions = (column: Column, index: number): PDFKit.Mixins.TextOptions => ({
    width: column.width - 2 * CELL_PAD_X,
    align: column.align,
    ...(index === 0 ? { height: MAX_DESCRIPTION_HEIGHT, ellipsis: true } : {}),
  });
  const rowHeight = (cells: string[], font: string): number => {
    doc.font(font).fontSize(TABLE_FONT_SIZE);
    let height = 0;
    columns.forEach((column, i) => {
      const text = cells[i] ?? '';
      const h = text === '' ? 0 : doc.heightOfString(text, cellOptions(column, i));
      height = Math.max(height, Math.min(h, MAX_DESCRIPTION_HEIGHT));
    });
    return Math.ceil(height) + 2 * CELL_PAD_Y;
  };
  const drawCells = (cells: string[], top: number, font: string): void => {
    doc.font(font).fontSize(TABLE_FONT_SIZE).fillColor('black');
    let x = left;
    columns.forEach((column, i) => {
      const text = cells[i] ?? '';
      if (text !== '') doc.text(text, x + CELL_PAD_X, top + CELL_PAD_Y, cellOptions(column, i));
      x += column.width;
    });
  };
  const drawHeaderRow = (): void => {
    const height = rowHeight(headerCells, 'Helvetica-Bold');
    doc.rect(left, y, width, height).fill(HEADER_FILL);
    drawCells(headerCells, y, 'Helvetica-Bold');
    y += height;
    rule(left, right, y, 0.75, 'black');
  };
  // A continuation page names the vendor and the invoice, so a page read alone is still identifiable.
  const newPage = (): void => {
    doc.addPage();
    doc.font('Helvetica').fontSize(9).fillColor(MUTED);
    doc.text(toWinAnsiText(`${vendor.name} · ${title}`), left, MARGIN, { width, lineBreak: false });
    y = MARGIN + 22;
  };

  drawHeaderRow();
  rows.forEach((cells, index) => {
    const height = rowHeight(cells, 'Helvetica');
    if (y + height > bottom()) {
      newPage();
      drawHeaderRow();
    }
    if (index % 2 === 1) doc.rect(left, y, width, height).fill(STRIPE_FILL);
    drawCells(cells, y, 'Helvetica');
    y += height;
  });
  rule(left, right, y, 0.75, RULE);

  // Totals, right-aligned under the table; kept together on one page.
  const valueWidth = 130;
  const labelWidth = 170;
  const valueX = right - valueWidth;
  const labelX = valueX - labelWidth;
  const totalsHeight = 12 + totals.length * 16 + 34;
  y += 12;
  if (y + totalsHeight > bottom()) newPage();
  for (const row of totals) {
    const font = row.strong ? 'Helvetica-Bold' : 'Helvetica';
    doc.font(font).fontSize(10).fillColor('black');
    doc.text(toWinAnsiText(row.label), labelX, y, { width: labelWidth, align: 'right', lineBreak: false });
    doc.text(row.value, valueX, y, { width: valueWidth, align: 'right', lineBreak: false });
    y += 16;
  }
  y += 2;
  rule(labelX + 20, right, y, 1, 'black');
  y += 8;
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black');
  doc.text(toWinAnsiText(labels.amountDue), labelX, y, {
    width: labelWidth,
    align: 'right',
    lineBreak: false,
  });
  doc.text(amountDue, valueX, y, { width: valueWidth, align: 'right', lineBreak: false });

  // Footer on every page: the invoice number and "Page n of m".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit open a new page; the footer sits in that margin.
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    margins.bottom = 0;
    const footerY = doc.page.height - MARGIN - 10;
    rule(left, right, footerY - 6, 0.5, RULE);
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(toWinAnsiText(invoice.number), left, footerY, { width: halfWidth, lineBreak: false });
    doc.text(toWinAnsiText(labels.page(i - range.start + 1, range.count)), factsX, footerY, {
      width: right - factsX,
      align: 'right',
      lineBreak: false,
    });
    margins.bottom = savedBottom;
  }

  doc.end();
  return finished;
}
