import type { Selectable } from 'kysely';
import { type InvoiceTotals, invoiceTotals, type LineDraft } from '../domain/invoice.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { InvoiceLinesTable, InvoicesTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { addCredit, lockedCreditBalances } from './credit.ts';
import { creditNotesOfInvoices, issueCreditNotes } from './credit-notes.ts';
import { draftOfStored, inOrder, LINE_COLUMNS, storedLine, viewLine } from './document-lines.ts';
import { localizeDrafts } from './line-names.ts';
import { formatInvoiceNumber, holdNumbers, takeNumbers } from './numbering.ts';

/** An invoice to issue: the lines are final; numbering, tax, totals and credit are done here. */
export interface InvoiceDraft {
  accountId: string;
  subscriptionId: string | null;
  reason:
    | 'subscription_create'
    | 'subscription_cycle'
    | 'subscription_update'
    | 'subscription_end'
    | 'cancellation'
    | 'manual';
  currency: string;
  taxRateBps: number;
  periodStart: string | null;
  periodEnd: string | null;
  lines: readonly LineDraft[];
  /** When the timeline issues it (a renewal at its period's start); default: the call's `at`. */
  issuedAt?: Temporal.Instant;
  /** The payer's language: the lines are worded in it at issue (default English). */
  locale?: string;
}

const INVOICE_COLUMNS = {
  id: 'text',
  number: 'bigint',
  account_id: 'text',
  subscription_id: 'text',
  reason: 'text',
  status: 'text',
  currency: 'text',
  tax_rate_bps: 'integer',
  subtotal: 'bigint',
  tax: 'bigint',
  total: 'bigint',
  credit_applied: 'bigint',
  amount_due: 'bigint',
  period_start: 'text',
  period_end: 'text',
  issued_at: 'timestamptz',
  paid_at: 'timestamptz',
  voided_at: 'timestamptz',
  created_at: 'timestamptz',
};
const INVOICE_LINE_COLUMNS = { invoice_id: 'text', ...LINE_COLUMNS };

/**
 * Issues invoices, many at once: numbers come from the tenant's counter in the same transaction (so
 * they have no gaps: a rollback returns them), each account's credit balance is locked, spent or
 * topped up, and `invoice.issued` is emitted. The unique index on line keys refuses a line billed twice.
 */
export async function issueInvoices(
  scope: TenantScope,
  drafts: readonly InvoiceDraft[],
  at: Temporal.Instant,
) {
  if (drafts.length === 0) return [];
  if (!scope.inTransaction) throw new Error('invoices are issued inside a transaction');
  drafts = await localizeDrafts(scope, drafts);
  const balances = await lockedCreditBalances(scope, [...new Set(drafts.map((d) => d.accountId))]);
  const initial = new Map(balances);
  const invoices: Selectable<InvoicesTable>[] = [];
  const lines: Omit<Selectable<InvoiceLinesTable>, 'tenant_id'>[] = [];
  for (const d of drafts) {
    const before = balances.get(d.accountId) ?? 0;
    const totals: InvoiceTotals = invoiceTotals(d.lines, d.taxRateBps, before);
    balances.set(d.accountId, totals.credit_balance);
    const id = newId('invoice');
    const issuedAt = toDate(d.issuedAt ?? at);
    invoices.push({
      tenant_id: scope.tenantId,
      id,
      number: 0,
      account_id: d.accountId,
      subscription_id: d.subscriptionId,
      reason: d.reason,
      status: totals.amount_due === 0 ? 'paid' : 'open',
      currency: d.currency,
      tax_rate_bps: d.taxRateBps,
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
      credit_applied: totals.credit_applied,
      amount_due: totals.amount_due,
      period_start: d.periodStart,
      period_end: d.periodEnd,
      issued_at: issuedAt,
      paid_at: totals.amount_due === 0 ? issuedAt : null,
      voided_at: null,
      created_at: issuedAt,
    });
    for (const [position, l] of d.lines.entries())
      lines.push({ invoice_id: id, ...storedLine(l, position, totals.lineTaxes[position]!) });
  }

  // Lines first (their foreign key is checked at commit), the tenant's counter last: numbers without
  // gaps (a rollback returns them) while parallel billing chunks hold that row lock only briefly.
  await scope.bulkInsert('invoice_lines', INVOICE_LINE_COLUMNS, lines);
  await addCredit(
    scope,
    new Map([...balances].map(([id, balance]) => [id, balance - (initial.get(id) ?? 0)])),
  );
  await emitEvents(
    scope,
    invoices.map((inv) => ({
      type: 'invoice.issued' as const,
      accountId: inv.account_id,
      at: fromDate(inv.issued_at),
      data: { invoice: inv.id, total: inv.total, amount_due: inv.amount_due, currency: inv.currency },
    })),
  );
  const first = await takeNumbers(scope, 'invoice', drafts.length);
  for (const [i, inv] of invoices.entries()) inv.number = first + i;
  await scope.bulkInsert(
    'invoices',
    INVOICE_COLUMNS,
    invoices.map(({ tenant_id: _t, ...v }) => v),
  );
  return invoices;
}

export async function issueInvoice(scope: TenantScope, draft: InvoiceDraft, at: Temporal.Instant) {
  const [invoice] = await issueInvoices(scope, [draft], at);
  return invoice!;
}

/**
 * The invoice a draft would be, issued now with the given credit balance, without writing anything:
 * what a preview answers (no id, no number).
 */
export function previewInvoice(draft: InvoiceDraft, creditBalance: number, at: Temporal.Instant) {
  const totals = invoiceTotals(draft.lines, draft.taxRateBps, creditBalance);
  const issuedAt = toRfc3339(draft.issuedAt ?? at);
  return {
    id: null,
    object: 'invoice' as const,
    number: null,
    sequence: null,
    account: draft.accountId,
    subscription: draft.subscriptionId,
    reason: draft.reason,
    status: 'draft' as const,
    currency: draft.currency,
    period_start: draft.periodStart,
    period_end: draft.periodEnd,
    lines: draft.lines.map((l, i) => viewLine(storedLine(l, i, totals.lineTaxes[i]!))),
    tax_rate_bps: draft.taxRateBps,
    subtotal: totals.subtotal,
    tax: totals.tax,
    total: totals.total,
    credit_applied: totals.credit_applied,
    amount_due: totals.amount_due,
    issued_at: issuedAt,
    paid_at: null,
    voided_at: null,
    credit_notes: [],
  };
}

type CreditNoteRef = { id: string; number: string; total: number };

export function viewInvoice(
  row: Selectable<InvoicesTable>,
  lines: Selectable<InvoiceLinesTable>[],
  creditNotes: readonly CreditNoteRef[] = [],
) {
  return {
    id: row.id,
    object: 'invoice' as const,
    number: formatInvoiceNumber(Number(row.number)),
    sequence: Number(row.number),
    account: row.account_id,
    subscription: row.subscription_id,
    reason: row.reason,
    status: row.status,
    currency: row.currency,
    period_start: row.period_start,
    period_end: row.period_end,
    lines: inOrder(lines).map(viewLine),
    tax_rate_bps: row.tax_rate_bps,
    subtotal: Number(row.subtotal),
    tax: Number(row.tax),
    total: Number(row.total),
    credit_applied: Number(row.credit_applied),
    amount_due: Number(row.amount_due),
    issued_at: toRfc3339(row.issued_at),
    paid_at: row.paid_at ? toRfc3339(row.paid_at) : null,
    voided_at: row.voided_at ? toRfc3339(row.voided_at) : null,
    credit_notes: [...creditNotes],
  };
}

export type InvoiceView = ReturnType<typeof viewInvoice>;

export async function getInvoice(scope: TenantScope, id: string, forUpdate = false): Promise<InvoiceView> {
  let q = scope.selectFrom('invoices').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('invoice', id);
  const [lines, notes] = await Promise.all([
    scope.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).execute(),
    creditNotesOfInvoices(scope, [id]),
  ]);
  return viewInvoice(row, lines, notes.get(id));
}

export async function listInvoices(
  scope: TenantScope,
  params: ListParams & { account?: string; subscription?: string },
) {
  let q = scope.selectFrom('invoices').selectAll();
  if (params.account) q = q.where('account_id', '=', params.account);
  if (params.subscription) q = q.where('subscription_id', '=', params.subscription);
  const page = await listPage(q, 'id', params);
  const ids = page.data.map((i) => i.id);
  const [lines, notes] = await Promise.all([
    ids.length
      ? scope.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', ids).execute()
      : Promise.resolve([]),
    creditNotesOfInvoices(scope, ids),
  ]);
  return {
    data: page.data.map((inv) =>
      viewInvoice(
        inv,
        lines.filter((l) => l.invoice_id === inv.id),
        notes.get(inv.id),
      ),
    ),
    has_more: page.has_more,
  };
}

async function recordClosing(
  scope: TenantScope,
  actor: Actor,
  before: InvoiceView,
  at: Temporal.Instant,
  data: { amount: number; credit_note?: string | null },
) {
  const after = await getInvoice(scope, before.id!);
  const type = after.status === 'paid' ? 'invoice.paid' : 'invoice.voided';
  const ids = { invoice: after.id!, number: after.number! };
  await emitEvents(scope, [
    type === 'invoice.paid'
      ? { type, accountId: after.account, at, data: { ...ids, amount: data.amount } }
      : {
          type,
          accountId: after.account,
          at,
          data: { ...ids, amount: data.amount, credit_note: data.credit_note ?? null },
        },
  ]);
  await recordHistory(scope, {
    at,
    actor,
    action: type,
    subject: { type: 'invoice', id: after.id! },
    accountId: after.account,
    before: { status: before.status },
    after: { status: after.status, ...data },
  });
  return after;
}

/** Records the payment of an open invoice; its change, event and history entry share the transaction. */
export async function payInvoice(scope: TenantScope, actor: Actor, id: string, at: Temporal.Instant) {
  const before = await getInvoice(scope, id, true);
  if (before.status !== 'open')
    throw new AllotError(
      'invalid_state',
      `Invoice ${before.number} is ${before.status}; only an open invoice can be paid.`,
    );
  await scope
    .updateTable('invoices')
    .set({ status: 'paid', paid_at: toDate(at) })
    .where('id', '=', id)
    .execute();
  return recordClosing(scope, actor, before, at, { amount: before.amount_due });
}

/**
 * Voids an issued invoice, open or paid. Its number stays (it was issued); a credit note for the whole
 * of it cancels it, line by line, as French and German bookkeeping require. What an open invoice
 * still owed is settled by that credit note; the rest (the credit it used, or what was paid) goes to
 * the account's credit balance. An invoice already credited in part cannot be voided by hand (what
 * was credited would be credited twice); a cancellation inside the window voids it anyway, since its
 * credit then reverses those credit notes line by line.
 */
export async function voidInvoice(
  scope: TenantScope,
  actor: Actor,
  id: string,
  at: Temporal.Instant,
  options: { reason?: 'invoice_void' | 'cancellation'; evenIfCredited?: boolean } = {},
) {
  const before = await getInvoice(scope, id, true);
  if (before.status !== 'open' && before.status !== 'paid')
    throw new AllotError(
      'invalid_state',
      `Invoice ${before.number} is ${before.status}; it cannot be voided.`,
    );
  if (before.total < 0)
    throw new AllotError(
      'invalid_state',
      `Invoice ${before.number} is a credit (${before.total}); it cannot be voided.`,
    );
  if (!options.evenIfCredited && before.credit_notes.length > 0)
    throw new AllotError(
      'invalid_state',
      `Invoice ${before.number} was credited by ${before.credit_notes.map((c) => c.number).join(', ')}; it cannot be voided as a whole.`,
      [],
      { credit_notes: before.credit_notes.map((c) => c.id) },
    );
  await scope
    .updateTable('invoices')
    .set({ status: 'void', voided_at: toDate(at) })
    .where('id', '=', id)
    .execute();
  let creditNote: string | null = null;
  if (before.total > 0) {
    const stored = await scope.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).execute();
    const [note] = await issueCreditNotes(
      scope,
      [
        {
          accountId: before.account,
          subscriptionId: before.subscription,
          invoiceId: id,
          reason: options.reason ?? 'invoice_void',
          currency: before.currency,
          taxRateBps: before.tax_rate_bps,
          periodStart: before.period_start,
          periodEnd: before.period_end,
          // Worded as the invoice was: its lines are credited as they stand.
          lines: inOrder(stored).map((l) => draftOfStored(l, `void:${l.line_key}`)),
          appliedToInvoice: before.status === 'open' ? before.amount_due : 0,
        },
      ],
      at,
    );
    creditNote = note!.id;
  }
  return recordClosing(scope, actor, before, at, { amount: before.amount_due, credit_note: creditNote });
}

/**
 * For a dry run inside a transaction that will be rolled back: holds the tenant's invoice counter,
 * so no other invoice is numbered meanwhile, and answers the last number given.
 */
export const holdInvoiceNumbers = (scope: TenantScope) => holdNumbers(scope, 'invoice');

/** The invoices numbered after `last`, in order (what a dry run issued). */
export async function invoicesNumberedAfter(scope: TenantScope, last: number): Promise<InvoiceView[]> {
  const rows = await scope
    .selectFrom('invoices')
    .selectAll()
    .where('number', '>', last)
    .orderBy('number')
    .execute();
  const out: InvoiceView[] = [];
  for (const row of rows) {
    const lines = await scope
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', row.id)
      .execute();
    out.push(viewInvoice(row, lines));
  }
  return out;
}
