import { type Selectable, sql } from 'kysely';
import { seatAccountOf } from '../domain/billing-lines.ts';
import { type InvoiceTotals, invoiceTotals, type LineDraft } from '../domain/invoice.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { InvoiceLinesTable, InvoicesTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { addCredit, lockedCreditBalances } from './credit.ts';
import { localizeDrafts } from './line-names.ts';

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
const LINE_COLUMNS = {
  invoice_id: 'text',
  position: 'integer',
  line_key: 'text',
  kind: 'text',
  description: 'text',
  subscription_id: 'text',
  period_start: 'text',
  period_end: 'text',
  quantity: 'bigint',
  unit_amount: 'bigint',
  amount: 'bigint',
  tax: 'bigint',
  proration_days: 'integer',
  proration_period_days: 'integer',
  text: 'jsonb',
};

export const formatNumber = (n: number) => `INV-${String(n).padStart(6, '0')}`;

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
      lines.push(storedLine(l, id, position, totals.lineTaxes[position]!));
  }

  // Lines first (their foreign key is checked at commit), the tenant's counter last: numbers without
  // gaps (a rollback returns them) while parallel billing chunks hold that row lock only briefly.
  await scope.bulkInsert('invoice_lines', LINE_COLUMNS, lines);
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
  const { rows: counter } = await sql<{ last_number: number }>`
    insert into invoice_counters (tenant_id, last_number) values (${scope.tenantId}, ${drafts.length})
    on conflict (tenant_id) do update set last_number = invoice_counters.last_number + ${drafts.length}
    returning last_number`.execute(scope.raw);
  const first = Number(counter[0]!.last_number) - drafts.length + 1;
  for (const [i, inv] of invoices.entries()) inv.number = first + i;
  await scope.bulkInsert(
    'invoices',
    INVOICE_COLUMNS,
    invoices.map(({ tenant_id: _t, ...v }) => v),
  );
  return invoices;
}

function storedLine(
  l: LineDraft,
  invoiceId: string,
  position: number,
  tax: number,
): Omit<Selectable<InvoiceLinesTable>, 'tenant_id'> {
  return {
    invoice_id: invoiceId,
    position,
    line_key: l.line_key,
    kind: l.kind,
    description: l.description,
    subscription_id: l.subscription_id,
    period_start: l.period_start,
    period_end: l.period_end,
    quantity: l.quantity,
    unit_amount: l.unit_amount,
    amount: l.amount,
    tax,
    proration_days: l.proration?.days ?? null,
    proration_period_days: l.proration?.period_days ?? null,
    text: jsonb(l.text ?? null),
  };
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
    lines: draft.lines.map((l, i) => viewLine({ ...storedLine(l, 'preview', i, totals.lineTaxes[i]!) })),
    tax_rate_bps: draft.taxRateBps,
    subtotal: totals.subtotal,
    tax: totals.tax,
    total: totals.total,
    credit_applied: totals.credit_applied,
    amount_due: totals.amount_due,
    issued_at: issuedAt,
    paid_at: null,
    voided_at: null,
  };
}

function viewLine(l: Omit<Selectable<InvoiceLinesTable>, 'tenant_id'>) {
  return {
    kind: l.kind,
    description: l.description,
    subscription: l.subscription_id,
    account: seatAccountOf(l.line_key),
    period_start: l.period_start,
    period_end: l.period_end,
    quantity: Number(l.quantity),
    unit_amount: Number(l.unit_amount),
    amount: Number(l.amount),
    tax: Number(l.tax),
    proration:
      l.proration_days === null || l.proration_period_days === null
        ? null
        : { days: l.proration_days, period_days: l.proration_period_days },
  };
}

export function viewInvoice(row: Selectable<InvoicesTable>, lines: Selectable<InvoiceLinesTable>[]) {
  return {
    id: row.id,
    object: 'invoice' as const,
    number: formatNumber(Number(row.number)),
    sequence: Number(row.number),
    account: row.account_id,
    subscription: row.subscription_id,
    reason: row.reason,
    status: row.status,
    currency: row.currency,
    period_start: row.period_start,
    period_end: row.period_end,
    lines: lines.sort((a, b) => a.position - b.position).map(viewLine),
    tax_rate_bps: row.tax_rate_bps,
    subtotal: Number(row.subtotal),
    tax: Number(row.tax),
    total: Number(row.total),
    credit_applied: Number(row.credit_applied),
    amount_due: Number(row.amount_due),
    issued_at: toRfc3339(row.issued_at),
    paid_at: row.paid_at ? toRfc3339(row.paid_at) : null,
    voided_at: row.voided_at ? toRfc3339(row.voided_at) : null,
  };
}

export type InvoiceView = ReturnType<typeof viewInvoice>;

export async function getInvoice(scope: TenantScope, id: string, forUpdate = false): Promise<InvoiceView> {
  let q = scope.selectFrom('invoices').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('invoice', id);
  const lines = await scope.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).execute();
  return viewInvoice(row, lines);
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
  const lines = ids.length
    ? await scope.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', ids).execute()
    : [];
  return {
    data: page.data.map((inv) =>
      viewInvoice(
        inv,
        lines.filter((l) => l.invoice_id === inv.id),
      ),
    ),
    has_more: page.has_more,
  };
}

/**
 * An open invoice closes once: paid, or voided (nothing is owed, and the credit it used goes back to
 * the account). Either way the change, its event and its history entry share the transaction.
 */
async function closeInvoice(
  scope: TenantScope,
  actor: Actor,
  id: string,
  at: Temporal.Instant,
  to: 'paid' | 'void',
) {
  const before = await getInvoice(scope, id, true);
  if (before.status !== 'open') {
    throw new AllotError(
      'invalid_state',
      `Invoice ${before.number} is ${before.status}; only an open invoice can be ${to === 'paid' ? 'paid' : 'voided'}.`,
    );
  }
  await scope
    .updateTable('invoices')
    .set(to === 'paid' ? { status: 'paid', paid_at: toDate(at) } : { status: 'void', voided_at: toDate(at) })
    .where('id', '=', id)
    .execute();
  if (to === 'void' && before.credit_applied > 0) {
    await addCredit(scope, new Map([[before.account, before.credit_applied]]));
  }
  const after = await getInvoice(scope, id);
  const type = to === 'paid' ? 'invoice.paid' : 'invoice.voided';
  await emitEvents(scope, [
    {
      type,
      accountId: after.account,
      at,
      data: { invoice: id, number: after.number, amount: before.amount_due },
    },
  ]);
  await recordHistory(scope, {
    at,
    actor,
    action: type,
    subject: { type: 'invoice', id },
    accountId: after.account,
    before: { status: before.status },
    after: { status: after.status },
  });
  return after;
}

export const payInvoice = (scope: TenantScope, actor: Actor, id: string, at: Temporal.Instant) =>
  closeInvoice(scope, actor, id, at, 'paid');

export const voidInvoice = (scope: TenantScope, actor: Actor, id: string, at: Temporal.Instant) =>
  closeInvoice(scope, actor, id, at, 'void');

/**
 * For a dry run inside a transaction that will be rolled back: holds the tenant's invoice counter,
 * so no other invoice is numbered meanwhile, and answers the last number given.
 */
export async function holdInvoiceNumbers(scope: TenantScope): Promise<number> {
  const { rows } = await sql<{ last_number: number }>`
    insert into invoice_counters (tenant_id, last_number) values (${scope.tenantId}, 0)
    on conflict (tenant_id) do update set last_number = invoice_counters.last_number
    returning last_number`.execute(scope.raw);
  return Number(rows[0]!.last_number);
}

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
