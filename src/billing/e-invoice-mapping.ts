/**
 * A `BillingDocument` as an EN 16931 invoice in the "internal format" of `@e-invoice-eu/core`: a
 * UBL-shaped JSON object (`ubl:Invoice`, `cbc:…`, `cac:…`) that the library turns into CII (Factur-X /
 * ZUGFeRD, XRechnung-CII) or UBL (XRechnung-UBL). Business terms are named BT-n as in EN 16931-1.
 *
 * Amounts are minor-unit integers rendered as exact decimal strings (`toDecimalString`), never through a
 * float. Pure: the same document always gives the same object.
 */
import type { Invoice } from '@e-invoice-eu/core';
import { minorUnitsOf } from '../domain/currencies.ts';
import { toDecimalString } from '../domain/money.ts';
import type { PostalAddress } from '../platform/db/schema.ts';
import type { BillingDocument, DocumentLine, DocumentLocale, Party } from './document.ts';

type Ubl = Invoice['ubl:Invoice'];
type UblParty = Ubl['cac:AccountingSupplierParty']['cac:Party'];
type UblBuyerParty = Ubl['cac:AccountingCustomerParty']['cac:Party'];
type UblLine = Ubl['cac:InvoiceLine'][number];
type UblAddress = UblParty['cac:PostalAddress'];
type VatCategory = NonNullable<Ubl['cac:TaxTotal'][0]['cac:TaxSubtotal']>[number]['cac:TaxCategory'];
type CountryCode = UblAddress['cac:Country']['cbc:IdentificationCode'];
type CurrencyCode = Ubl['cbc:DocumentCurrencyCode'];

/** What the e-invoice needs that a `BillingDocument` does not (yet) carry. */
export interface EInvoiceExtras {
  /** BT-10, the buyer reference: XRechnung requires one (a Leitweg-ID for German public buyers). */
  buyer_reference?: string | null;
  /** BT-49, the buyer's electronic address (an e-mail address, scheme EM): required by XRechnung and UBL (Peppol). */
  buyer_email?: string | null;
  /** BT-42, the seller's contact telephone: required by XRechnung (BR-DE-6). */
  seller_phone?: string | null;
}

/** The EU member states (ISO 3166-1 alpha-2; Greece is GR here, EL only in VAT numbers). */
const EU = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export interface VatTreatment {
  /** UNTDID 5305: S standard, AE reverse charge, G export outside the EU, E exempt. */
  category: 'S' | 'AE' | 'G' | 'E';
  exemption: { code: string | null; text: string } | null;
}

const EXEMPTION_TEXT: Record<'AE' | 'G' | 'E', Record<DocumentLocale, string>> = {
  AE: {
    en: 'Reverse charge: VAT to be accounted for by the customer',
    fr: 'Autoliquidation : TVA due par le preneur',
    de: 'Steuerschuldnerschaft des Leistungsempfängers',
  },
  G: {
    en: 'Supply to a customer outside the EU: no VAT charged',
    fr: 'Prestation à un client hors UE : TVA non applicable',
    de: 'Leistung an einen Kunden außerhalb der EU: keine Umsatzsteuer',
  },
  E: {
    en: 'Exempt from VAT',
    fr: 'Exonéré de TVA',
    de: 'Von der Umsatzsteuer befreit',
  },
};

/**
 * How the document's single VAT rate reads in EN 16931: any rate above 0 is S (standard); a 0 rate is AE
 * (reverse charge, VATEX-EU-AE) between two EU countries when both parties have a VAT number, G (export,
 * VATEX-EU-G) to a buyer outside the EU, and otherwise E (exempt), which needs the exemption reason
 * that we can only give generically.
 */
export function vatTreatment(doc: BillingDocument): VatTreatment {
  if (doc.tax_rate_bps > 0) return { category: 'S', exemption: null };
  const seller = doc.seller.address?.country ?? null;
  const buyer = doc.buyer.address?.country ?? null;
  const text = (c: 'AE' | 'G' | 'E') => EXEMPTION_TEXT[c][doc.locale];
  if (
    seller !== null &&
    buyer !== null &&
    seller !== buyer &&
    EU.has(seller) &&
    EU.has(buyer) &&
    doc.buyer.vat_number &&
    doc.seller.vat_number
  ) {
    return { category: 'AE', exemption: { code: 'VATEX-EU-AE', text: text('AE') } };
  }
  if (buyer !== null && !EU.has(buyer) && seller !== null && EU.has(seller) && doc.seller.vat_number) {
    return { category: 'G', exemption: { code: 'VATEX-EU-G', text: text('G') } };
  }
  return { category: 'E', exemption: { code: null, text: text('E') } };
}

function formatDate(isoDate: string, locale: DocumentLocale): string {
  const tag = locale === 'en' ? 'en-GB' : locale;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** BT-20 in the buyer's language. */
export function paymentTermsText(doc: BillingDocument): string {
  const { locale } = doc;
  if (doc.kind === 'credit_note') {
    return {
      en: 'This amount is credited to you.',
      fr: 'Ce montant vous est crédité.',
      de: 'Dieser Betrag wird Ihnen gutgeschrieben.',
    }[locale];
  }
  const days = doc.seller.payment_terms_days;
  const due = doc.due_date ? formatDate(doc.due_date, locale) : null;
  if (days <= 0) {
    return { en: 'Payable on receipt.', fr: 'Payable à réception.', de: 'Zahlbar sofort nach Erhalt.' }[
      locale
    ];
  }
  const one = days === 1;
  switch (locale) {
    case 'fr':
      return `Payable sous ${days} jour${one ? '' : 's'}${due ? `, au plus tard le ${due}` : ''}.`;
    case 'de':
      return `Zahlbar innerhalb von ${days} Tag${one ? '' : 'en'}${due ? ` bis zum ${due}` : ''}.`;
    default:
      return `Payable within ${days} day${one ? '' : 's'}${due ? `, by ${due}` : ''}.`;
  }
}

function address(a: PostalAddress): UblAddress {
  return {
    'cbc:StreetName': a.line1,
    ...(a.line2 ? { 'cbc:AdditionalStreetName': a.line2 } : {}),
    'cbc:CityName': a.city,
    'cbc:PostalZone': a.postal_code,
    ...(a.region ? { 'cbc:CountrySubentity': a.region } : {}),
    'cac:Country': { 'cbc:IdentificationCode': a.country as CountryCode },
  };
}

const compact = (id: string) => id.replace(/\s+/g, '');

/** BT-30's scheme: a French SIREN (9 digits, ICD 0002) or SIRET (14 digits, ICD 0009); else none. */
function registrationScheme(party: Party, registration: string): '0002' | '0009' | null {
  if (party.address?.country !== 'FR') return null;
  const digits = compact(registration);
  if (/^\d{9}$/.test(digits)) return '0002';
  if (/^\d{14}$/.test(digits)) return '0009';
  return null;
}

function vatScheme(vat: string | null): Pick<UblParty, 'cac:PartyTaxScheme'> {
  return vat
    ? { 'cac:PartyTaxScheme': [{ 'cbc:CompanyID': compact(vat), 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }] }
    : {};
}

function seller(doc: BillingDocument, extras: EInvoiceExtras): UblParty {
  const s = doc.seller;
  const registration = s.registration_number;
  const scheme = registration ? registrationScheme(s, registration) : null;
  return {
    ...(s.email ? { 'cbc:EndpointID': s.email, 'cbc:EndpointID@schemeID': 'EM' as const } : {}),
    ...(s.name !== s.legal_name ? { 'cac:PartyName': { 'cbc:Name': s.name } } : {}),
    'cac:PostalAddress': address(s.address!),
    ...vatScheme(s.vat_number),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': s.legal_name,
      ...(registration ? { 'cbc:CompanyID': scheme ? compact(registration) : registration } : {}),
      ...(scheme ? { 'cbc:CompanyID@schemeID': scheme } : {}),
    },
    'cac:Contact': {
      'cbc:Name': s.name,
      ...(extras.seller_phone ? { 'cbc:Telephone': extras.seller_phone } : {}),
      ...(s.email ? { 'cbc:ElectronicMail': s.email } : {}),
    },
  };
}

function buyer(doc: BillingDocument, extras: EInvoiceExtras): UblBuyerParty {
  const b = doc.buyer;
  return {
    ...(extras.buyer_email
      ? { 'cbc:EndpointID': extras.buyer_email, 'cbc:EndpointID@schemeID': 'EM' as const }
      : {}),
    ...(b.name !== b.legal_name ? { 'cac:PartyName': { 'cbc:Name': b.name } } : {}),
    'cac:PostalAddress': address(b.address!),
    ...(b.vat_number
      ? {
          'cac:PartyTaxScheme': {
            'cbc:CompanyID': compact(b.vat_number),
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        }
      : {}),
    'cac:PartyLegalEntity': { 'cbc:RegistrationName': b.legal_name },
  };
}

function paymentMeans(doc: BillingDocument): NonNullable<Ubl['cac:PaymentMeans']> {
  const bank = doc.seller.bank;
  // A credit note is not paid to the seller's account, and 30/58 without an account breaks BR-DE-23.
  if (doc.kind === 'credit_note' || !bank?.iban) {
    return [{ 'cbc:PaymentMeansCode': '1', 'cbc:PaymentID': doc.number }];
  }
  return [
    {
      'cbc:PaymentMeansCode': '58',
      'cbc:PaymentID': doc.number,
      'cac:PayeeFinancialAccount': {
        'cbc:ID': compact(bank.iban),
        ...(bank.account_holder ? { 'cbc:Name': bank.account_holder } : {}),
        ...(bank.bic ? { 'cac:FinancialInstitutionBranch': { 'cbc:ID': compact(bank.bic) } } : {}),
      },
    },
  ];
}

/**
 * BT-129/146/149 for a line. The net price may not be negative (BR-27), so a negative line is a negative
 * quantity at a positive price. A line whose amount is not quantity × unit price (a prorated line) is
 * priced as a whole: its amount is the price of `quantity` units (base quantity BT-149), which keeps
 * quantity × price / base quantity = line amount exact.
 */
function quantityAndPrice(
  line: DocumentLine,
  dec: (minor: number) => string,
  currency: CurrencyCode,
): Pick<UblLine, 'cbc:InvoicedQuantity' | 'cbc:InvoicedQuantity@unitCode' | 'cac:Price'> {
  const sign = line.amount < 0 || (line.amount === 0 && line.unit_amount < 0) ? -1 : 1;
  const quantity = Math.abs(line.quantity);
  const price = Math.abs(line.unit_amount);
  const exact = Number.isSafeInteger(quantity) && quantity * price === Math.abs(line.amount);
  if (exact) {
    return {
      'cbc:InvoicedQuantity': String(sign * quantity),
      'cbc:InvoicedQuantity@unitCode': 'C62',
      'cac:Price': { 'cbc:PriceAmount': dec(price), 'cbc:PriceAmount@currencyID': currency },
    };
  }
  const base = quantity === 0 ? 1 : quantity;
  return {
    'cbc:InvoicedQuantity': String(sign * base),
    'cbc:InvoicedQuantity@unitCode': 'C62',
    'cac:Price': {
      'cbc:PriceAmount': dec(Math.abs(line.amount)),
      'cbc:PriceAmount@currencyID': currency,
      ...(base !== 1
        ? { 'cbc:BaseQuantity': String(base), 'cbc:BaseQuantity@unitCode': 'C62' as const }
        : {}),
    },
  };
}

/** BT-116..121 and BT-151/152: the document's one VAT category. */
function vatCategory(vat: VatTreatment, percent: string): VatCategory {
  return {
    'cbc:ID': vat.category,
    'cbc:Percent': percent,
    ...(vat.exemption?.code ? { 'cbc:TaxExemptionReasonCode': vat.exemption.code } : {}),
    ...(vat.exemption ? { 'cbc:TaxExemptionReason': vat.exemption.text } : {}),
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  };
}

/**
 * EN 16931 amounts have at most 2 decimals (BR-DEC-*): a currency with 3 (BHD, KWD, TND…) is written with
 * 2 when its amounts allow it — 2.990 BHD as 2.99 — and cannot be e-invoiced when they do not.
 */
export function amountScale(currency: string): { scale: number; decimals: number } {
  const minor = minorUnitsOf(currency);
  return minor > 2 ? { scale: 10 ** (minor - 2), decimals: 2 } : { scale: 1, decimals: minor };
}

/** Builds the library's input. Call `eInvoiceGaps` first: this assumes both parties have an address. */
export function toInternalInvoice(doc: BillingDocument, extras: EInvoiceExtras = {}): Invoice {
  const { scale, decimals } = amountScale(doc.currency);
  const dec = (amount: number) => {
    if (amount % scale !== 0) throw new RangeError(`${amount} has more than 2 decimals in ${doc.currency}`);
    return toDecimalString(amount / scale, decimals);
  };
  const currency = doc.currency as CurrencyCode;
  const vat = vatTreatment(doc);
  const percent = toDecimalString(doc.tax_rate_bps, 2);
  const lines = doc.lines.map(
    (line, i): UblLine => ({
      'cbc:ID': String(i + 1),
      ...quantityAndPrice(line, dec, currency),
      'cbc:LineExtensionAmount': dec(line.amount),
      'cbc:LineExtensionAmount@currencyID': currency,
      ...(line.first_day && line.last_day
        ? { 'cac:InvoicePeriod': { 'cbc:StartDate': line.first_day, 'cbc:EndDate': line.last_day } }
        : {}),
      'cac:Item': {
        'cbc:Name': line.description,
        'cac:ClassifiedTaxCategory': {
          'cbc:ID': vat.category,
          'cbc:Percent': percent,
          'cac:TaxScheme': { 'cbc:ID': 'VAT' },
        },
      },
    }),
  );
  const payable = doc.total - doc.credit_applied;
  const invoice: Ubl = {
    'cbc:ID': doc.number,
    'cbc:IssueDate': doc.issue_date,
    ...(doc.due_date ? { 'cbc:DueDate': doc.due_date } : {}),
    'cbc:InvoiceTypeCode': doc.kind === 'credit_note' ? '381' : '380',
    'cbc:DocumentCurrencyCode': currency,
    ...(extras.buyer_reference ? { 'cbc:BuyerReference': extras.buyer_reference } : {}),
    ...(doc.period
      ? { 'cac:InvoicePeriod': { 'cbc:StartDate': doc.period.first_day, 'cbc:EndDate': doc.period.last_day } }
      : {}),
    ...(doc.credits
      ? {
          'cac:BillingReference': [
            {
              'cac:InvoiceDocumentReference': {
                'cbc:ID': doc.credits.number,
                'cbc:IssueDate': doc.credits.issue_date,
              },
            },
          ],
        }
      : {}),
    'cac:AccountingSupplierParty': { 'cac:Party': seller(doc, extras) },
    'cac:AccountingCustomerParty': { 'cac:Party': buyer(doc, extras) },
    // BG-15: services are supplied at the buyer's address. It also makes the library write CII's
    // ApplicableHeaderTradeDelivery, which the CII schema requires and 2.3.4 omits when it is empty.
    'cac:Delivery': { 'cac:DeliveryLocation': { 'cac:Address': address(doc.buyer.address!) } },
    'cac:PaymentMeans': paymentMeans(doc),
    'cac:PaymentTerms': { 'cbc:Note': paymentTermsText(doc) },
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': dec(doc.tax),
        'cbc:TaxAmount@currencyID': currency,
        'cac:TaxSubtotal': [
          {
            'cbc:TaxableAmount': dec(doc.subtotal),
            'cbc:TaxableAmount@currencyID': currency,
            'cbc:TaxAmount': dec(doc.tax),
            'cbc:TaxAmount@currencyID': currency,
            'cac:TaxCategory': vatCategory(vat, percent),
          },
        ],
      },
    ],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': dec(doc.subtotal),
      'cbc:LineExtensionAmount@currencyID': currency,
      'cbc:TaxExclusiveAmount': dec(doc.subtotal),
      'cbc:TaxExclusiveAmount@currencyID': currency,
      'cbc:TaxInclusiveAmount': dec(doc.total),
      'cbc:TaxInclusiveAmount@currencyID': currency,
      ...(doc.credit_applied !== 0
        ? { 'cbc:PrepaidAmount': dec(doc.credit_applied), 'cbc:PrepaidAmount@currencyID': currency }
        : {}),
      'cbc:PayableAmount': dec(payable),
      'cbc:PayableAmount@currencyID': currency,
    },
    'cac:InvoiceLine': lines as Ubl['cac:InvoiceLine'],
  };
  return { 'ubl:Invoice': invoice };
}
