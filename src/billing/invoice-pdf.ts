/**
 * Renders a billing document (an invoice or a credit note, `BillingDocument`) as an A4 PDF in the
 * document's language (en, fr, de): the seller's legal details, the buyer's, the dates written the
 * local way ("1 mai 2026", "1.–31. Mai 2026"), the lines in a table whose header row repeats on every
 * page, the totals, and a footer with the payment terms, the bank details and "Page n/m".
 *
 * Every script prints: the text is drawn with Noto Sans and Noto Sans JP/KR/SC shipped through npm
 * and embedded as subsets (`pdf-fonts.ts`). The output is PDF/A-3b by default (PDF 1.7, XMP metadata,
 * an sRGB output intent, every font embedded), ready for a Factur-X / ZUGFeRD XML attachment.
 * Its words and numbers come from `document-format.ts`.
 *
 * The output is deterministic: the PDF's dates and file ID derive from `issued_at`.
 */
import PDFDocument from 'pdfkit';
import type { BillingDocument, Party } from './document.ts';
import {
  addressLines,
  cjkHintOf,
  formatDate,
  formatDateRange,
  formatIban,
  formatMoney,
  formatQuantity,
  formatTaxRate,
  type InvoiceLocale,
  LABELS,
  namesItsRegister,
} from './document-format.ts';
import { fontMetrics, PdfText, type TextStyle } from './pdf-fonts.ts';

export { formatDate, formatDateRange, formatIban, formatMoney, formatTaxRate, type InvoiceLocale };

/** Escapes text for XMP (XML): pdfkit writes the document info into XMP as given. */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PdfAttachment {
  name: string;
  data: Uint8Array;
  /** MIME type, e.g. "text/xml". */
  mimeType: string;
  description?: string;
  /** PDF/A-3 associated-file relationship; Factur-X's XML is "Alternative" (ZUGFeRD also accepts "Data"). */
  relationship: 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified';
}

export interface RenderOptions {
  /** PDF/A-3b (the default): XMP metadata with pdfaid, an sRGB output intent. `false`: plain PDF 1.7. */
  pdfA?: boolean;
  /** Files to embed as associated files, dated `issued_at` (deterministic). */
  attachments?: PdfAttachment[];
  /** Extra XMP `<rdf:Description>` elements, XML-escaped by the caller (Factur-X's fx: properties). */
  xmp?: string;
}

// Layout, in PDF points (1/72 inch) on A4.
const MARGIN = 42;
const LEADING = 1.3;
const PAD = 4;
const MUTED = '#555555';
const RULE = '#bbbbbb';
const HEADER_FILL = '#ececec';
const STRIPE_FILL = '#f7f7f7';
const STATUS_COLORS = { draft: '#777777', open: 'black', paid: '#1a7f37', void: '#b42318' } as const;
const MAX_DESCRIPTION_LINES = 14;

/** Renders `doc` as a PDF. Throws a RangeError for an unknown currency, a non-integer amount or a bad date. */
export async function renderDocumentPdf(doc: BillingDocument, options: RenderOptions = {}): Promise<Buffer> {
  const { locale, seller, buyer } = doc;
  const labels = LABELS[locale];
  const kind = doc.kind === 'invoice' ? labels.invoice : labels.creditNote;
  const money = (amount: number): string => formatMoney(amount, doc.currency, locale);
  const date = (day: string): string => formatDate(day, locale);
  const range = (first: string, last: string): string => formatDateRange(first, last, locale);
  const title = `${kind.title} ${doc.number}`;
  const issuedAt = new Date(doc.issued_at);
  if (Number.isNaN(issuedAt.getTime()))
    throw new RangeError(`issued_at is not a valid timestamp: ${doc.issued_at}`);

  // Format everything first, so a bad amount or date fails before any drawing.
  const facts: [string, string][] = [[kind.issueDate, date(doc.issue_date)]];
  if (doc.due_date !== null) facts.push([labels.dueDate, date(doc.due_date)]);
  if (doc.period !== null) facts.push([labels.period, range(doc.period.first_day, doc.period.last_day)]);
  const credits =
    doc.credits === null ? null : labels.credits(doc.credits.number, date(doc.credits.issue_date));
  const samePeriod = (first: string | null, last: string | null): boolean =>
    doc.period !== null && first === doc.period.first_day && last === doc.period.last_day;
  const rows = doc.lines.map((line) => {
    const first = line.first_day ?? line.last_day;
    const last = line.last_day ?? line.first_day;
    return {
      description: line.description,
      days:
        first === null || last === null || samePeriod(line.first_day, line.last_day)
          ? null
          : range(first, last),
      cells: [formatQuantity(line.quantity, locale), money(line.unit_amount), money(line.amount)],
    };
  });
  const totals: { label: string; value: string; strong?: boolean }[] = [
    { label: labels.subtotal, value: money(doc.subtotal) },
    { label: `${labels.tax} (${formatTaxRate(doc.tax_rate_bps, locale)})`, value: money(doc.tax) },
    { label: kind.total, value: money(doc.total), strong: doc.kind === 'credit_note' },
  ];
  // Credit is stored as a positive amount taken off the total; it is shown as the deduction it is.
  if (doc.kind === 'invoice' && doc.credit_applied !== 0)
    totals.push({ label: labels.creditApplied, value: money(-doc.credit_applied) });
  const amountDue = doc.kind === 'invoice' ? money(doc.amount_due) : null;
  const status = doc.status === 'open' ? null : kind.statuses[doc.status];
  const sellerId = [
    seller.vat_number && `${labels.vat} ${seller.vat_number}`,
    seller.registration_number &&
      (namesItsRegister(seller.registration_number)
        ? seller.registration_number
        : `${labels.registration} ${seller.registration_number}`),
  ].filter((part): part is string => Boolean(part));
  const bank = seller.bank;
  const footerParts = [
    doc.kind === 'invoice' && doc.due_date !== null ? labels.terms(seller.payment_terms_days) : null,
    doc.kind === 'invoice' && seller.address?.country === 'FR' ? labels.latePayment : null,
    bank === null
      ? null
      : [
          bank.account_holder && `${labels.accountHolder} ${bank.account_holder}`,
          `IBAN ${formatIban(bank.iban)}`,
          bank.bic && `BIC ${bank.bic.toUpperCase()}`,
          bank.bank_name,
        ]
          .filter(Boolean)
          .join(' · '),
    [seller.legal_name, ...sellerId].join(' · '),
  ].filter((part): part is string => part !== null);

  const pdfA = options.pdfA ?? true;
  const pdf: PDFKit.PDFDocument = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: locale,
    displayTitle: true,
    pdfVersion: '1.7',
    ...(pdfA ? { subset: 'PDF/A-3b' as const } : {}),
    info: {
      Title: title,
      Author: seller.legal_name,
      Subject: `${title} – ${buyer.legal_name}`,
      Creator: 'Allot',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  escapeXmpInfo(pdf, issuedAt, options.xmp);

  const t = new PdfText(pdf, cjkHintOf(buyer));
  const left = MARGIN;
  const width = pdf.page.width - 2 * MARGIN;
  const right = left + width;
  const rule = (x1: number, x2: number, at: number, weight: number, color: string): void => {
    pdf.moveTo(x1, at).lineTo(x2, at).lineWidth(weight).strokeColor(color).stroke();
  };
  const paragraph = (
    text: string,
    x: number,
    top: number,
    w: number,
    style: TextStyle,
    max?: number,
  ): number => t.block(t.wrap(text, w, style, max), x, top, style, style.size * LEADING);
  const body: TextStyle = { size: 9 };
  const muted: TextStyle = { size: 8, color: MUTED };

  // Top: the seller on the left, the title, number and status on the right.
  const halfWidth = (width - 24) / 2;
  const rightX = left + halfWidth + 24;
  let sellerY =
    MARGIN + paragraph(seller.legal_name, left, MARGIN, halfWidth, { size: 13, weight: 'bold' }) + 2;
  for (const text of [
    ...addressLines(seller.address, locale),
    ...sellerId,
    seller.email ?? '',
    seller.phone ? `${labels.phone} ${seller.phone}` : '',
  ])
    if (text !== '') sellerY += paragraph(text, left, sellerY, halfWidth, body);
  let titleY = MARGIN + t.block([kind.title], right, MARGIN, { size: 22, weight: 'bold' }, 26, 'right');
  titleY += t.block([doc.number], right, titleY, { size: 11, weight: 'bold' }, 15, 'right');
  if (status !== null)
    titleY += t.block(
      [status],
      right,
      titleY + 2,
      { size: 10, weight: 'bold', color: STATUS_COLORS[doc.status] },
      15,
      'right',
    );

  // Then the buyer on the left, the dates (and the credited invoice) on the right.
  let y = Math.max(sellerY, titleY) + 18;
  rule(left, right, y - 8, 0.75, 'black');
  let buyerY = y + paragraph(kind.party ?? labels.billedTo, left, y, halfWidth, { ...muted, weight: 'bold' });
  buyerY += paragraph(buyer.legal_name, left, buyerY, halfWidth, { size: 10, weight: 'bold' });
  for (const text of addressLines(buyer.address, locale))
    buyerY += paragraph(text, left, buyerY, halfWidth, body);
  if (buyer.vat_number)
    buyerY += paragraph(`${labels.vat} ${buyer.vat_number}`, left, buyerY, halfWidth, body);
  let factsY = y;
  for (const [label, value] of facts) {
    const baseline = factsY + 9;
    t.line(label, rightX, baseline, muted);
    t.line(value, right, baseline, body, 'right');
    factsY += 9 * LEADING + 1;
  }
  if (credits !== null)
    factsY += 4 + paragraph(credits, rightX, factsY + 4, right - rightX, { size: 9, weight: 'bold' });
  y = Math.max(buyerY, factsY) + 20;

  // The footer is the same height on every page; the table stops above it.
  const footerStyle: TextStyle = { size: 7.5, color: MUTED };
  const pageLabelWidth = 64;
  const footerLines = footerParts.flatMap((part) => t.wrap(part, width - pageLabelWidth - 8, footerStyle, 2));
  const footerLeading = 7.5 * LEADING;
  const footerTop = pdf.page.height - MARGIN - footerLines.length * footerLeading;
  const bottom = footerTop - 12;

  // The lines table.
  const numberWidths = [52, 92, 92];
  const descWidth = width - numberWidths.reduce((a, b) => a + b, 0);
  const numberRights = numberWidths.map(
    (_, i) => left + descWidth + numberWidths.slice(0, i + 1).reduce((a, b) => a + b, 0) - PAD,
  );
  const cell: TextStyle = { size: 8.5 };
  const cellLeading = cell.size * LEADING;
  const days: TextStyle = { size: 7.5, color: MUTED };
  const headerHeight = 2 * PAD + cellLeading;
  const drawHeaderRow = (): void => {
    pdf.rect(left, y, width, headerHeight).fill(HEADER_FILL);
    const style: TextStyle = { size: 8, weight: 'bold' };
    const baseline = y + PAD + 8.5;
    t.line(labels.description, left + PAD, baseline, style);
    [labels.quantity, labels.unitPrice, labels.amount].forEach((label, i) => {
      t.line(label, numberRights[i]!, baseline, style, 'right');
    });
    y += headerHeight;
    rule(left, right, y, 0.75, 'black');
  };
  // A continuation page names the seller and the document, so a page read alone is still identifiable.
  const newPage = (): void => {
    pdf.addPage();
    t.line(t.wrap(`${seller.legal_name} · ${title}`, width, muted, 1)[0]!, left, MARGIN + 8, muted);
    y = MARGIN + 22;
  };

  drawHeaderRow();
  rows.forEach((row, index) => {
    const lines = t.wrap(row.description, descWidth - 2 * PAD, cell, MAX_DESCRIPTION_LINES);
    const height = 2 * PAD + lines.length * cellLeading + (row.days === null ? 0 : days.size * LEADING);
    if (y + height > bottom) {
      newPage();
      drawHeaderRow();
    }
    if (index % 2 === 1) pdf.rect(left, y, width, height).fill(STRIPE_FILL);
    t.block(lines, left + PAD, y + PAD, cell, cellLeading);
    if (row.days !== null)
      t.block([row.days], left + PAD, y + PAD + lines.length * cellLeading, days, cellLeading);
    const baseline = y + PAD + cell.size;
    row.cells.forEach((text, i) => {
      t.line(text, numberRights[i]!, baseline, cell, 'right');
    });
    y += height;
  });
  rule(left, right, y, 0.75, RULE);

  // Totals, right-aligned under the table; kept together on one page.
  const valueRight = right - PAD;
  const labelRight = numberRights[1]! - 4;
  const totalsHeight = 14 + totals.length * 16 + (amountDue === null ? 0 : 26);
  y += 14;
  if (y + totalsHeight > bottom) newPage();
  for (const row of totals) {
    const style: TextStyle = { size: 10, weight: row.strong ? 'bold' : 'regular' };
    t.line(row.label, labelRight, y + 10, style, 'right');
    t.line(row.value, valueRight, y + 10, style, 'right');
    y += 16;
  }
  if (amountDue !== null) {
    y += 3;
    rule(labelRight - 150, right, y, 1, 'black');
    y += 8;
    const style: TextStyle = { size: 11.5, weight: 'bold' };
    t.line(labels.amountDue, labelRight, y + 11, style, 'right');
    t.line(amountDue, valueRight, y + 11, style, 'right');
  }

  // The footer on every page: the terms, the bank details and the seller's identifiers; "Page n/m".
  const pages = pdf.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    pdf.switchToPage(i);
    rule(left, right, footerTop - 6, 0.5, RULE);
    t.block(footerLines, left, footerTop, footerStyle, footerLeading);
    const last =
      footerTop + fontMetrics().ascent * footerStyle.size + (footerLines.length - 1) * footerLeading;
    t.line(labels.page(i - pages.start + 1, pages.count), right, last, footerStyle, 'right');
  }

  for (const file of options.attachments ?? []) {
    pdf.file(Buffer.from(file.data), {
      name: file.name,
      type: file.mimeType,
      description: file.description ?? file.name,
      creationDate: issuedAt,
      modifiedDate: issuedAt,
      relationship: file.relationship,
    } as PDFKit.Mixins.PDFAttachmentOptions);
  }

  pdf.end();
  return finished;
}

/**
 * pdfkit copies Title, Author and Subject into the XMP packet without escaping them, so a seller named
 * "Müller & Schmidt" would make the XMP ill-formed (and the PDF/A invalid). The info dictionary is
 * written before the XMP, so the values are escaped for the XMP alone. Adds xmp:ModifyDate (PDF/A wants
 * every info entry mirrored) and the caller's extra XMP.
 */
function escapeXmpInfo(pdf: PDFKit.PDFDocument, modified: Date, extra: string | undefined): void {
  const endMetadata = pdf.endMetadata.bind(pdf);
  pdf.endMetadata = () => {
    const info = pdf.info;
    const saved = { ...info };
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const) {
      const value = info[key];
      if (typeof value === 'string') info[key] = xmlText(value);
    }
    pdf.appendXML(
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
        `<xmp:ModifyDate>${modified.toISOString().split('.')[0]}Z</xmp:ModifyDate></rdf:Description>`,
    );
    if (extra !== undefined) pdf.appendXML(extra);
    try {
      endMetadata();
    } finally {
      Object.assign(info, saved);
    }
  };
}

/** The invoice shape the first PDF route rendered; see `renderInvoicePdf`. */
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

/**
 * Renders the old invoice shape: no legal details, no due date, the issue date as written in
 * `issued_at`.
 * @deprecated Build a `BillingDocument` (billing/documents.ts) and call `renderDocumentPdf`.
 */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { vendor, account, invoice } = input;
  const issueDate = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(invoice.issued_at)?.[1];
  if (issueDate === undefined || Number.isNaN(new Date(invoice.issued_at).getTime()))
    throw new RangeError(`issued_at is not a valid timestamp: ${invoice.issued_at}`);
  const party = (name: string): Party => ({ name, legal_name: name, address: null, vat_number: null });
  return renderDocumentPdf({
    kind: 'invoice',
    number: invoice.number,
    status: invoice.status,
    locale: account.locale,
    currency: invoice.currency,
    issue_date: issueDate,
    due_date: null,
    period:
      invoice.period_start !== null && invoice.period_end !== null
        ? { first_day: invoice.period_start, last_day: invoice.period_end }
        : null,
    credits: null,
    seller: {
      ...party(vendor.name),
      registration_number: null,
      email: null,
      payment_terms_days: 0,
      bank: null,
    },
    buyer: party(account.name),
    lines: invoice.lines.map((line) => ({
      description: line.description,
      first_day: line.period_start,
      last_day: line.period_end,
      quantity: line.quantity,
      unit_amount: line.unit_amount,
      amount: line.amount,
      tax: 0,
    })),
    tax_rate_bps: invoice.tax_rate_bps,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    credit_applied: invoice.credit_applied,
    amount_due: invoice.amount_due,
    issued_at: invoice.issued_at,
  });
}
