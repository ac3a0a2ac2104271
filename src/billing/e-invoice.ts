/**
 * EN 16931 e-invoices from a `BillingDocument`, through `@e-invoice-eu/core`:
 *
 * - `toEInvoiceXml(doc, 'cii')`: UN/CEFACT CII D16B, guideline `urn:cen.eu:en16931:2017` — exactly the
 *   XML of a Factur-X / ZUGFeRD invoice of profile EN 16931 (COMFORT);
 * - `'ubl'`: OASIS UBL 2.1 (Invoice, or CreditNote for type 381), EN 16931 core;
 * - `'xrechnung-cii'`, `'xrechnung-ubl'`: the German CIUS XRechnung 3.0, in either syntax;
 * - `attachFacturX(pdf, doc)`: the PDF as a PDF/A-3 with `factur-x.xml` attached (AFRelationship
 *   Alternative) and the Factur-X XMP extension schema, as the library makes it, then made
 *   deterministic and PDF/A-consistent (`e-invoice-pdfa.ts`).
 *
 * The CII gets the credit note's preceding invoice (BT-25/26) from `e-invoice-cii.ts`: the library drops it.
 *
 * Any currency is accepted, Factur-X included: amounts are in the document's currency and VAT is
 * accounted in it too (no BT-6). EN 16931 amounts have at most 2 decimals, so a 3-decimal currency
 * (BHD…) works only while its amounts end in 0.
 *
 * A document that cannot make a valid e-invoice (no address for a party, VAT charged without the
 * seller's VAT number, data a format requires but the document lacks) is refused with an
 * `EInvoiceError` listing every gap; `eInvoiceGaps` tells them without building anything.
 */
import { InvoiceService, type Logger } from '@e-invoice-eu/core';
import { COUNTRIES } from '../platform/http/countries.ts';
import { XML_FORBIDDEN } from '../platform/text.ts';
import type { BillingDocument } from './document.ts';
import { withPrecedingInvoice } from './e-invoice-cii.ts';
import { amountScale, type EInvoiceExtras, toInternalInvoice, vatTreatment } from './e-invoice-mapping.ts';
import { normalizeFacturX } from './e-invoice-pdfa.ts';

export type { EInvoiceExtras } from './e-invoice-mapping.ts';

export type EInvoiceXmlFormat = 'cii' | 'ubl' | 'xrechnung-cii' | 'xrechnung-ubl';
export type EInvoiceFormat = EInvoiceXmlFormat | 'factur-x';

const LIBRARY_FORMAT: Record<EInvoiceFormat, string> = {
  cii: 'CII',
  ubl: 'UBL',
  'xrechnung-cii': 'XRECHNUNG-CII',
  'xrechnung-ubl': 'XRECHNUNG-UBL',
  'factur-x': 'Factur-X-EN16931',
};

/** XRechnung's BT-10 when the buyer gave no reference (no Leitweg-ID: a business buyer). */
export const NO_BUYER_REFERENCE = 'n/a';

export class EInvoiceError extends Error {
  readonly gaps: readonly string[];
  constructor(doc: BillingDocument, format: EInvoiceFormat, gaps: readonly string[]) {
    super(`${doc.number} cannot be a valid ${format} e-invoice: ${gaps.join('; ')}`);
    this.name = 'EInvoiceError';
    this.gaps = gaps;
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** What keeps `doc` from being a valid e-invoice in `format` (empty: nothing). */
export function eInvoiceGaps(
  doc: BillingDocument,
  format: EInvoiceFormat,
  extras: EInvoiceExtras = {},
): string[] {
  const gaps: string[] = [];
  if (!doc.seller.address) gaps.push("the seller's postal address (BG-5, BR-08)");
  if (!doc.buyer.address) gaps.push("the buyer's postal address (BG-8, BR-10)");
  // Addresses saved before countries were checked against the code list may hold another code.
  for (const [who, party] of [
    ['seller', doc.seller],
    ['buyer', doc.buyer],
  ] as const) {
    const country = party.address?.country;
    if (country && !COUNTRIES.has(country))
      gaps.push(`the ${who}'s country as an ISO 3166-1 code, not ${country} (BT-40/BT-55)`);
  }
  if (doc.lines.length === 0) gaps.push('at least one line (BG-25, BR-16)');
  const vat = vatTreatment(doc);
  if (!doc.seller.vat_number && vat.category !== 'AE') {
    gaps.push(`the seller's VAT number (BT-31, BR-${vat.category}-2)`);
  }
  if (sum(doc.lines.map((l) => l.amount)) !== doc.subtotal)
    gaps.push('lines adding up to the subtotal (BR-CO-10)');
  if (sum(doc.lines.map((l) => l.tax)) !== doc.tax) gaps.push("lines' tax adding up to the tax");
  if (doc.subtotal + doc.tax !== doc.total) gaps.push('total = subtotal + tax (BR-CO-15)');
  if (doc.tax_rate_bps === 0 && doc.tax !== 0) gaps.push('no tax at a 0 rate');
  if (doc.total > 0 && doc.total - doc.credit_applied !== doc.amount_due) {
    gaps.push('amount due = total − credit applied (BR-CO-16)');
  }
  const { scale } = amountScale(doc.currency);
  const amounts = [
    doc.subtotal,
    doc.tax,
    doc.total,
    doc.credit_applied,
    ...doc.lines.flatMap((l) => [l.amount, l.unit_amount]),
  ];
  if (amounts.some((a) => a % scale !== 0)) {
    gaps.push(`amounts with at most 2 decimals in ${doc.currency} (BR-DEC-*: EN 16931 allows no more)`);
  }
  if (doc.kind === 'credit_note' && !doc.credits) gaps.push('the invoice a credit note credits (BG-3)');
  const peppol = format === 'ubl' || format.startsWith('xrechnung');
  if (peppol && !doc.seller.email) gaps.push("the seller's e-mail address (BT-34, BT-43)");
  if (peppol && !extras.buyer_email) gaps.push("the buyer's e-mail address (BT-49)");
  if (format.startsWith('xrechnung') && !extras.seller_phone) {
    gaps.push("the seller's telephone number (BT-42, BR-DE-6)");
  }
  return gaps;
}

const EVERY_XML_FORBIDDEN = new RegExp(XML_FORBIDDEN.source, 'g');

/**
 * `value` with what XML 1.0 forbids dropped from its text. The API refuses these characters, but a
 * name saved before it did may hold one, and the library would write it raw: an XML no reader parses.
 */
export function xmlText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(EVERY_XML_FORBIDDEN, '') as T;
  if (Array.isArray(value)) return value.map(xmlText) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlText(v)])) as T;
  return value;
}

/** The library's logger: it logs a validation failure before throwing it, which we report ourselves. */
const quiet: Logger = { log: () => {}, warn: () => {}, error: () => {} };

const LANG: Record<BillingDocument['locale'], string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE' };

async function generate(
  doc: BillingDocument,
  format: EInvoiceFormat,
  extras: EInvoiceExtras,
  pdf?: Uint8Array,
): Promise<string | Uint8Array> {
  const gaps = eInvoiceGaps(doc, format, extras);
  if (gaps.length > 0) throw new EInvoiceError(doc, format, gaps);
  const withReference = format.startsWith('xrechnung')
    ? { ...extras, buyer_reference: extras.buyer_reference || NO_BUYER_REFERENCE }
    : extras;
  const invoice = xmlText(toInternalInvoice(doc, withReference));
  try {
    return await new InvoiceService(quiet).generate(invoice, {
      format: LIBRARY_FORMAT[format],
      lang: LANG[doc.locale],
      noWarnings: true,
      ...(pdf ? { pdf: { buffer: pdf, filename: `${doc.number}.pdf`, mimetype: 'application/pdf' } } : {}),
    });
  } catch (err) {
    // Ajv's ValidationError: the library's JSON schema refused our data — a bug here, not the caller's.
    const details = (err as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!details) throw err;
    throw new EInvoiceError(
      doc,
      format,
      details.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()),
    );
  }
}

/** The EN 16931 XML of `doc` (UTF-8 text). */
export async function toEInvoiceXml(
  doc: BillingDocument,
  format: EInvoiceXmlFormat,
  extras: EInvoiceExtras = {},
): Promise<string> {
  const xml = await generate(doc, format, extras);
  if (typeof xml !== 'string') throw new TypeError(`expected XML for ${format}`);
  return format.endsWith('cii') ? withPrecedingInvoice(xml, doc) : xml;
}

/** `pdf` as a Factur-X / ZUGFeRD (profile EN 16931) PDF/A-3 carrying `doc`'s CII as `factur-x.xml`. */
export async function attachFacturX(
  pdf: Buffer,
  doc: BillingDocument,
  extras: EInvoiceExtras = {},
): Promise<Buffer> {
  const out = await generate(doc, 'factur-x', extras, new Uint8Array(pdf));
  if (typeof out === 'string') throw new TypeError('expected a PDF for Factur-X');
  return normalizeFacturX(out, doc);
}
