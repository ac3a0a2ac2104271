/**
 * Issues what billing owes as the documents it makes: lines that charge more than they credit are an
 * invoice; lines that credit more than they charge (a downgrade, a cancellation inside the window) are
 * a credit note referencing the invoice it credits — never a negative invoice. Credit notes are issued
 * first, so an invoice of the same batch already uses their credit.
 */
import { creditedLines, documentKindOf } from '../domain/invoice.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { type CreditNoteDraft, type CreditNoteReason, issueCreditNotes } from './credit-notes.ts';
import { creditedInvoiceOf } from './invoiced.ts';
import { type InvoiceDraft, issueInvoices } from './invoices.ts';

export interface Issued {
  invoices: Awaited<ReturnType<typeof issueInvoices>>;
  creditNotes: Awaited<ReturnType<typeof issueCreditNotes>>;
}

const noteReason = (reason: InvoiceDraft['reason']): CreditNoteReason =>
  reason === 'cancellation' || reason === 'subscription_end' ? reason : 'subscription_update';

export async function issueDocuments(
  scope: TenantScope,
  drafts: readonly InvoiceDraft[],
  at: Temporal.Instant,
): Promise<Issued> {
  const invoiceDrafts: InvoiceDraft[] = [];
  const noteDrafts: CreditNoteDraft[] = [];
  for (const d of drafts) {
    if (documentKindOf(d.lines, d.taxRateBps) === 'invoice') {
      invoiceDrafts.push(d);
      continue;
    }
    const credits = d.lines.filter((l) => l.amount < 0).map((l) => l.line_key);
    noteDrafts.push({
      accountId: d.accountId,
      subscriptionId: d.subscriptionId,
      invoiceId: d.subscriptionId
        ? await creditedInvoiceOf(scope, d.subscriptionId, d.periodStart, credits)
        : null,
      reason: noteReason(d.reason),
      currency: d.currency,
      taxRateBps: d.taxRateBps,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      lines: creditedLines(d.lines, d.taxRateBps),
      ...(d.issuedAt ? { issuedAt: d.issuedAt } : {}),
      ...(d.locale ? { locale: d.locale } : {}),
    });
  }
  const creditNotes = await issueCreditNotes(scope, noteDrafts, at);
  const invoices = await issueInvoices(scope, invoiceDrafts, at);
  return { invoices, creditNotes };
}
