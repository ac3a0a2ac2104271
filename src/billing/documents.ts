/**
 * An invoice as its reader gets it (`BillingDocument`): the vendor's legal details from its settings,
 * the payer's from its account, dates in the payer's time zone (a period printed first to last day,
 * both inclusive), lines already worded in the payer's language at issue. What the PDF prints and what
 * the e-invoice XML carries are both made from it.
 */
import { Temporal } from 'temporal-polyfill';
import { dateText, localDate } from '../domain/timeline.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { tenantSettings } from '../tenants/settings.ts';
import type { BillingDocument, DocumentLocale } from './document.ts';
import type { InvoiceView } from './invoices.ts';

/** The day before an exclusive end date: "2026-06-01" ends a period whose last day is 31 May. */
const lastDayOf = (endExclusive: string) =>
  Temporal.PlainDate.from(endExclusive).subtract({ days: 1 }).toString();

export async function invoiceDocument(scope: TenantScope, invoice: InvoiceView): Promise<BillingDocument> {
  const [vendor, payer] = await Promise.all([
    tenantSettings(scope),
    scope
      .selectFrom('accounts')
      .select(['name', 'locale', 'timezone', 'legal_name', 'vat_number', 'billing_address'])
      .where('id', '=', invoice.account)
      .executeTakeFirstOrThrow(),
  ]);
  const issued = localDate(Temporal.Instant.from(invoice.issued_at), payer.timezone);
  return {
    kind: 'invoice',
    number: invoice.number,
    status: invoice.status,
    locale: payer.locale as DocumentLocale,
    currency: invoice.currency,
    issue_date: dateText(issued),
    due_date: dateText(issued.add({ days: vendor.payment_terms_days })),
    period:
      invoice.period_start && invoice.period_end && invoice.period_end > invoice.period_start
        ? { first_day: invoice.period_start, last_day: lastDayOf(invoice.period_end) }
        : null,
    credits: null,
    seller: {
      name: vendor.name,
      legal_name: vendor.legal_name ?? vendor.name,
      address: vendor.address,
      vat_number: vendor.vat_number,
      registration_number: vendor.registration_number,
      email: vendor.email,
      payment_terms_days: vendor.payment_terms_days,
      bank: vendor.bank,
    },
    buyer: {
      name: payer.name,
      legal_name: payer.legal_name ?? payer.name,
      address: payer.billing_address,
      vat_number: payer.vat_number,
    },
    lines: invoice.lines.map((l) => ({
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
    tax_rate_bps: invoice.tax_rate_bps,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    credit_applied: invoice.credit_applied,
    amount_due: invoice.amount_due,
    issued_at: invoice.issued_at,
  };
}

/** What the e-invoice formats need beyond the document: the buyer's e-mail (its first owner's). */
export async function eInvoiceExtras(scope: TenantScope, accountId: string, externalId: string | null) {
  const owner = await scope
    .selectFrom('users')
    .select('email')
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  return { buyer_email: owner?.email ?? null, buyer_reference: externalId };
}
