/**
 * An invoice or a credit note as its reader gets it (`BillingDocument`): the vendor's legal details from its settings,
 * the payer's from its account, dates in the payer's time zone (a period printed first to last day,
 * both inclusive), lines already worded in the payer's language at issue. What the PDF prints and what
 * the e-invoice XML carries are both made from it.
 */
import { Temporal } from 'temporal-polyfill';
import { dateText, localDate } from '../domain/timeline.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { tenantSettings } from '../tenants/settings.ts';
import type { CreditNoteView } from './credit-notes.ts';
import type { BillingDocument, DocumentLocale } from './document.ts';
import type { InvoiceView } from './invoices.ts';

/** The day before an exclusive end date: "2026-06-01" ends a period whose last day is 31 May. */
const lastDayOf = (endExclusive: string) =>
  Temporal.PlainDate.from(endExclusive).subtract({ days: 1 }).toString();

type Source = Pick<
  InvoiceView,
  | 'account'
  | 'number'
  | 'currency'
  | 'issued_at'
  | 'period_start'
  | 'period_end'
  | 'lines'
  | 'tax_rate_bps'
  | 'subtotal'
  | 'tax'
  | 'total'
>;

async function documentOf(
  scope: TenantScope,
  source: Source,
  kind: BillingDocument['kind'],
): Promise<
  Omit<BillingDocument, 'status' | 'due_date' | 'credits' | 'credit_applied' | 'amount_due'> & {
    issued: Temporal.PlainDate;
    timezone: string;
    payment_terms_days: number;
  }
> {
  const [vendor, payer] = await Promise.all([
    tenantSettings(scope),
    scope
      .selectFrom('accounts')
      .select(['name', 'locale', 'timezone', 'legal_name', 'vat_number', 'billing_address'])
      .where('id', '=', source.account)
      .executeTakeFirstOrThrow(),
  ]);
  const issued = localDate(Temporal.Instant.from(source.issued_at), payer.timezone);
  return {
    kind,
    issued,
    timezone: payer.timezone,
    payment_terms_days: vendor.payment_terms_days,
    number: source.number!,
    locale: payer.locale as DocumentLocale,
    currency: source.currency,
    issue_date: dateText(issued),
    period:
      source.period_start && source.period_end && source.period_end > source.period_start
        ? { first_day: source.period_start, last_day: lastDayOf(source.period_end) }
        : null,
    seller: {
      name: vendor.name,
      legal_name: vendor.legal_name ?? vendor.name,
      address: vendor.address,
      vat_number: vendor.vat_number,
      registration_number: vendor.registration_number,
      email: vendor.email,
      phone: vendor.phone,
      payment_terms_days: vendor.payment_terms_days,
      bank: vendor.bank,
    },
    buyer: {
      name: payer.name,
      legal_name: payer.legal_name ?? payer.name,
      address: payer.billing_address,
      vat_number: payer.vat_number,
    },
    lines: source.lines.map((l) => ({
      description: l.description,
      first_day: l.period_start,
      last_day:
        l.period_end && l.period_start && l.period_end > l.period_start
          ? lastDayOf(l.period_end)
          : l.period_start,
      quantity: l.quantity,
      unit_amount: l.unit_amount,
      amount: l.amount,
      tax: l.tax,
    })),
    tax_rate_bps: source.tax_rate_bps,
    subtotal: source.subtotal,
    tax: source.tax,
    total: source.total,
    issued_at: source.issued_at,
  };
}

export async function invoiceDocument(scope: TenantScope, invoice: InvoiceView): Promise<BillingDocument> {
  const { issued, timezone: _z, payment_terms_days, ...doc } = await documentOf(scope, invoice, 'invoice');
  return {
    ...doc,
    status: invoice.status,
    due_date: dateText(issued.add({ days: payment_terms_days })),
    credits: null,
    credit_applied: invoice.credit_applied,
    amount_due: invoice.amount_due,
  };
}

/** A credit note as its reader gets it, naming the invoice it credits and that invoice's local date. */
export async function creditNoteDocument(scope: TenantScope, note: CreditNoteView): Promise<BillingDocument> {
  const {
    timezone,
    issued: _i,
    payment_terms_days: _p,
    ...doc
  } = await documentOf(scope, note, 'credit_note');
  const credited = note.invoice
    ? await scope
        .selectFrom('invoices')
        .select(['number', 'issued_at'])
        .where('id', '=', note.invoice)
        .executeTakeFirst()
    : undefined;
  return {
    ...doc,
    // A credit note has no payment state of its own: no stamp.
    status: 'open',
    due_date: null,
    credits: credited
      ? {
          number: note.invoice_number!,
          issue_date: dateText(
            localDate(Temporal.Instant.fromEpochMilliseconds(credited.issued_at.getTime()), timezone),
          ),
        }
      : null,
    credit_applied: 0,
    // BT-115: on a credit note, what the seller owes back (the PDF prints no amount due for it).
    amount_due: note.total,
  };
}

/** What the e-invoice formats need beyond the document: the buyer's e-mail (its first owner's), the seller's phone. */
export async function eInvoiceExtras(scope: TenantScope, accountId: string, externalId: string | null) {
  const vendor = await tenantSettings(scope);
  const owner = await scope
    .selectFrom('users')
    .select('email')
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  return { buyer_email: owner?.email ?? null, buyer_reference: externalId, seller_phone: vendor.phone };
}
