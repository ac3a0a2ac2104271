/**
 * What a billing document says, in its reader's language: the labels of the PDF in en, fr and de,
 * and amounts, quantities, rates, dates, date ranges, IBANs and postal addresses written the local
 * way. Pure functions of the document's data; `invoice-pdf.ts` lays them out.
 *
 * Amounts are integers in the currency's minor unit, formatted from their exact decimal string, never
 * through a float.
 */
import { minorUnitsOf } from '../domain/currencies.ts';
import { toDecimalString } from '../domain/money.ts';
import type { PostalAddress } from '../platform/db/schema.ts';
import type { BillingDocument, DocumentLocale, Party } from './document.ts';
import type { CjkHint } from './pdf-fonts.ts';

export type InvoiceLocale = DocumentLocale;

export type Status = BillingDocument['status'];

export interface KindLabels {
  title: string;
  issueDate: string;
  total: string;
  statuses: Record<Status, string>;
  /** Whom the document is for, when not `billedTo` (a credit note is not billed). */
  party?: string;
}

export interface Labels {
  invoice: KindLabels;
  creditNote: KindLabels;
  billedTo: string;
  dueDate: string;
  period: string;
  vat: string;
  registration: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  tax: string;
  creditApplied: string;
  amountDue: string;
  accountHolder: string;
  credits: (number: string, date: string) => string;
  terms: (days: number) => string;
  /** What French law requires on a French seller's invoice to a business (Code de commerce, L441-10). */
  latePayment: string;
  phone: string;
  page: (page: number, count: number) => string;
}

export const LABELS: Record<InvoiceLocale, Labels> = {
  en: {
    invoice: {
      title: 'Invoice',
      issueDate: 'Issue date',
      total: 'Total',
      statuses: { draft: 'Draft', open: 'Open', paid: 'Paid', void: 'Void' },
    },
    creditNote: {
      title: 'Credit note',
      issueDate: 'Issue date',
      total: 'Total credited',
      statuses: { draft: 'Draft', open: 'Issued', paid: 'Settled', void: 'Void' },
      party: 'Credited to',
    },
    billedTo: 'Billed to',
    dueDate: 'Due date',
    period: 'Period',
    vat: 'VAT',
    registration: 'Registration',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    creditApplied: 'Credit applied',
    amountDue: 'Amount due',
    accountHolder: 'Account holder',
    credits: (number, date) => `Credits invoice ${number} of ${date}`,
    terms: (days) =>
      days === 0 ? 'Payable on receipt' : `Payable within ${days} ${days === 1 ? 'day' : 'days'}`,
    latePayment:
      'Late payment: interest at three times the French legal rate and a €40 fixed recovery fee (Code de commerce, art. L441-10). No discount for early payment.',
    phone: 'Tel.',
    page: (page, count) => `Page ${page}/${count}`,
  },
  fr: {
    invoice: {
      title: 'Facture',
      issueDate: "Date d'émission",
      total: 'Total TTC',
      statuses: { draft: 'Brouillon', open: 'À payer', paid: 'Payée', void: 'Annulée' },
    },
    creditNote: {
      title: 'Avoir',
      issueDate: "Date d'émission",
      total: 'Total TTC',
      statuses: { draft: 'Brouillon', open: 'Émis', paid: 'Réglé', void: 'Annulé' },
      party: 'Au profit de',
    },
    billedTo: 'Facturé à',
    dueDate: "Date d'échéance",
    period: 'Période',
    vat: 'N° TVA',
    registration: 'Immatriculation',
    description: 'Désignation',
    quantity: 'Quantité',
    unitPrice: 'Prix unitaire HT',
    amount: 'Montant HT',
    subtotal: 'Total HT',
    tax: 'TVA',
    creditApplied: 'Avoir imputé',
    amountDue: 'Net à payer',
    accountHolder: 'Titulaire',
    credits: (number, date) => `Avoir sur la facture ${number} du ${date}`,
    terms: (days) =>
      days === 0 ? 'Payable à réception' : `Payable sous ${days} ${days === 1 ? 'jour' : 'jours'}`,
    latePayment:
      'Pénalités de retard\u00a0: trois fois le taux d’intérêt légal\u00a0; indemnité forfaitaire pour frais de recouvrement\u00a0: 40\u00a0€ (art.\u00a0L441-10 du Code de commerce). Pas d’escompte pour paiement anticipé.',
    phone: 'Tél.',
    page: (page, count) => `Page ${page}/${count}`,
  },
  de: {
    invoice: {
      title: 'Rechnung',
      issueDate: 'Rechnungsdatum',
      total: 'Gesamtbetrag',
      statuses: { draft: 'Entwurf', open: 'Offen', paid: 'Bezahlt', void: 'Storniert' },
    },
    creditNote: {
      title: 'Gutschrift',
      issueDate: 'Gutschriftsdatum',
      total: 'Gutschriftsbetrag',
      statuses: { draft: 'Entwurf', open: 'Ausgestellt', paid: 'Ausgeglichen', void: 'Storniert' },
      party: 'Empfänger',
    },
    billedTo: 'Rechnung an',
    dueDate: 'Fällig am',
    period: 'Leistungszeitraum',
    vat: 'USt-IdNr.',
    registration: 'Handelsregister',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    amount: 'Betrag',
    subtotal: 'Nettobetrag',
    tax: 'USt.',
    creditApplied: 'Angerechnetes Guthaben',
    amountDue: 'Zahlbetrag',
    accountHolder: 'Kontoinhaber',
    credits: (number, date) => `Gutschrift zur Rechnung ${number} vom ${date}`,
    terms: (days) =>
      days === 0 ? 'Zahlbar sofort' : `Zahlbar innerhalb von ${days} ${days === 1 ? 'Tag' : 'Tagen'}`,
    latePayment:
      'Bei Zahlungsverzug: Zinsen in Höhe des dreifachen französischen gesetzlichen Zinssatzes und eine Pauschale von 40 € für Beitreibungskosten (Art. L441-10 Code de commerce). Kein Skonto bei vorzeitiger Zahlung.',
    phone: 'Tel.',
    page: (page, count) => `Seite ${page}/${count}`,
  },
};

interface NumberStyle {
  group: string;
  decimal: string;
  /** Whether the currency code comes before the number ("EUR 1,234.56") or after it ("1 234,56 EUR"). */
  codeFirst: boolean;
  percent: (value: string) => string;
}

// French groups with a plain space, so a reader searching "1 234,56" finds it.
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

export function formatQuantity(quantity: number, locale: InvoiceLocale): string {
  if (!Number.isFinite(quantity)) throw new RangeError(`quantity must be finite, got ${String(quantity)}`);
  // Quantities are counts (seats, units, API calls), not money; their shortest decimal form is exact.
  const text = Number.isInteger(quantity) ? quantity.toFixed(0) : String(quantity);
  return /e/i.test(text) ? text : localizeDecimal(text, locale);
}

const INTL_LOCALES: Record<InvoiceLocale, string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE' };
const dateFormats = new Map<InvoiceLocale, Intl.DateTimeFormat>();

function dateFormat(locale: InvoiceLocale): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format;
}

/** A calendar date (YYYY-MM-DD) as an instant at noon UTC, printed in UTC: it never shifts a day. */
function calendarDate(date: string): Date {
  const instant = new Date(`${date}T12:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(instant.getTime()) ||
    !instant.toISOString().startsWith(date)
  )
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return instant;
}

/** "1 May 2026", "1 mai 2026", "1. Mai 2026". */
export function formatDate(date: string, locale: InvoiceLocale): string {
  return dateFormat(locale).format(calendarDate(date));
}

/** "1 – 31 May 2026", "1–31 mai 2026", "1.–31. Mai 2026"; a single day when both are the same. */
export function formatDateRange(first: string, last: string, locale: InvoiceLocale): string {
  return dateFormat(locale).formatRange(calendarDate(first), calendarDate(last));
}

/** An IBAN in groups of four: "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

export function addressLines(address: PostalAddress | null, locale: InvoiceLocale): string[] {
  if (address === null) return [];
  let country = address.country;
  try {
    country =
      new Intl.DisplayNames([INTL_LOCALES[locale]], { type: 'region' }).of(address.country) ?? country;
  } catch {
    // not a region code: print it as given
  }
  return [
    address.line1,
    address.line2,
    `${address.postal_code} ${address.city}`.trim(),
    address.region,
    country,
  ]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim());
}

export function cjkHintOf(party: Party): CjkHint {
  const country = party.address?.country;
  return country === 'JP' ? 'ja' : country === 'KR' ? 'ko' : 'zh';
}

/**
 * A registration number that names its register ("RCS Lyon 303 265 045", "HRB 12345, Amtsgericht
 * München") is printed as it is: a label in the reader's language would name another register.
 */
export const namesItsRegister = (number: string) =>
  /^(R\.?C\.?S\.?|RM|RNE|SIRE[NT]|HR[AB]|GnR|PR|VR|Amtsgericht|Registergericht|Companies House|CRN|KvK)\b/i.test(
    number.trim(),
  );
