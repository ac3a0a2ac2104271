/**
 * Credit notes: documents of their own that credit (part of) an invoice, numbered in the tenant's own
 * gapless sequence (CN-000001…), each referencing the invoice it credits. What they credit goes to the
 * account's credit balance, for the next invoices — except what a voided invoice still owed, which
 * the credit note settles. The billing module's own tables.
 */
import type { Selectable } from 'kysely';
import { creditNoteTotals, type LineDraft } from '../domain/invoice.ts';
import { emitEvents } from '../events/events.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { CreditNoteLinesTable, CreditNotesTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { addCredit } from './credit.ts';
import { inOrder, LINE_COLUMNS, storedLine, viewLine } from './document-lines.ts';
import { localizeDrafts } from './line-names.ts';
import { formatCreditNoteNumber, formatInvoiceNumber, takeNumbers } from './numbering.ts';

export type CreditNoteReason = 'subscription_update' | 'cancellation' | 'invoice_void' | 'subscription_end';

/** A credit note to issue. Its lines are as printed: positive amounts are credited. */
export interface CreditNoteDraft {
  accountId: string;
  subscriptionId: string | null;
  /** The invoice it credits. */
  invoiceId: string | null;
  reason: CreditNoteReason;
  currency: string;
  taxRateBps: number;
  periodStart: string | null;
  periodEnd: string | null;
  lines: readonly LineDraft[];
  /** What the credited invoice still owed and no longer does (a void of an open invoice). */
  appliedToInvoice?: number;
  issuedAt?: Temporal.Instant;
  locale?: string;
}

const NOTE_COLUMNS = {
  id: 'text',
  number: 'bigint',
  account_id: 'text',
  subscription_id: 'text',
  invoice_id: 'text',
  reason: 'text',
  currency: 'text',
  tax_rate_bps: 'integer',
  subtotal: 'bigint',
  tax: 'bigint',
  total: 'bigint',
  applied_to_invoice: 'bigint',
  credited_to_balance: 'bigint',
  period_start: 'text',
  period_end: 'text',
  issued_at: 'timestamptz',
  created_at: 'timestamptz',
};
const NOTE_LINE_COLUMNS = { credit_note_id: 'text', ...LINE_COLUMNS };

type NoteRow = Selectable<CreditNotesTable>;
type NoteLineRow = Omit<Selectable<CreditNoteLinesTable>, 'tenant_id'>;

/**
 * Issues credit notes inside the caller's transaction: numbered from the tenant's credit-note counter
 * (no gaps: a rollback returns the numbers), worded in the payer's language, their credit added to the
 * account's balance, `credit_note.issued` emitted. The unique index on line keys refuses a line
 * credited twice.
 */
export async function issueCreditNotes(
  scope: TenantScope,
  drafts: readonly CreditNoteDraft[],
  at: Temporal.Instant,
): Promise<NoteRow[]> {
  if (drafts.length === 0) return [];
  if (!scope.inTransaction) throw new Error('credit notes are issued inside a transaction');
  drafts = await localizeDrafts(scope, drafts);
  const notes: NoteRow[] = [];
  const lines: NoteLineRow[] = [];
  const toBalance = new Map<string, number>();
  for (const d of drafts) {
    const totals = creditNoteTotals(d.lines, d.taxRateBps);
    const applied = Math.min(d.appliedToInvoice ?? 0, Math.max(totals.total, 0));
    const id = newId('creditNote');
    const issuedAt = toDate(d.issuedAt ?? at);
    notes.push({
      tenant_id: scope.tenantId,
      id,
      number: 0,
      account_id: d.accountId,
      subscription_id: d.subscriptionId,
      invoice_id: d.invoiceId,
      reason: d.reason,
      currency: d.currency,
      tax_rate_bps: d.taxRateBps,
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
      applied_to_invoice: applied,
      credited_to_balance: totals.total - applied,
      period_start: d.periodStart,
      period_end: d.periodEnd,
      issued_at: issuedAt,
      created_at: issuedAt,
    });
    toBalance.set(d.accountId, (toBalance.get(d.accountId) ?? 0) + totals.total - applied);
    for (const [position, l] of d.lines.entries())
      lines.push({ credit_note_id: id, ...storedLine(l, position, totals.lineTaxes[position]!) });
  }
  await scope.bulkInsert('credit_note_lines', NOTE_LINE_COLUMNS, lines);
  await addCredit(scope, toBalance);
  await emitEvents(
    scope,
    notes.map((n) => ({
      type: 'credit_note.issued' as const,
      accountId: n.account_id,
      at: fromDate(n.issued_at),
      data: { credit_note: n.id, invoice: n.invoice_id, total: n.total, currency: n.currency },
    })),
  );
  // The counter last, as for invoices: its row lock is held only until the commit that follows.
  const first = await takeNumbers(scope, 'credit_note', drafts.length);
  for (const [i, n] of notes.entries()) n.number = first + i;
  await scope.bulkInsert(
    'credit_notes',
    NOTE_COLUMNS,
    notes.map(({ tenant_id: _t, ...v }) => v),
  );
  return notes;
}

export function viewCreditNote(row: NoteRow, lines: readonly NoteLineRow[], invoiceNumber: string | null) {
  return {
    id: row.id,
    object: 'credit_note' as const,
    number: formatCreditNoteNumber(Number(row.number)),
    sequence: Number(row.number),
    account: row.account_id,
    subscription: row.subscription_id,
    invoice: row.invoice_id,
    invoice_number: invoiceNumber,
    reason: row.reason as CreditNoteReason,
    currency: row.currency,
    period_start: row.period_start,
    period_end: row.period_end,
    lines: inOrder(lines).map(viewLine),
    tax_rate_bps: row.tax_rate_bps,
    subtotal: Number(row.subtotal),
    tax: Number(row.tax),
    total: Number(row.total),
    applied_to_invoice: Number(row.applied_to_invoice),
    credited_to_balance: Number(row.credited_to_balance),
    issued_at: toRfc3339(row.issued_at),
  };
}

export type CreditNoteView = ReturnType<typeof viewCreditNote>;

async function withLines(scope: TenantScope, rows: readonly NoteRow[]): Promise<CreditNoteView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const invoiceIds = [...new Set(rows.flatMap((r) => (r.invoice_id ? [r.invoice_id] : [])))];
  const [lines, invoices] = await Promise.all([
    scope.selectFrom('credit_note_lines').selectAll().where('credit_note_id', 'in', ids).execute(),
    invoiceIds.length
      ? scope.selectFrom('invoices').select(['id', 'number']).where('id', 'in', invoiceIds).execute()
      : Promise.resolve([]),
  ]);
  const numbers = new Map(invoices.map((i) => [i.id, Number(i.number)]));
  return rows.map((r) =>
    viewCreditNote(
      r,
      lines.filter((l) => l.credit_note_id === r.id),
      r.invoice_id && numbers.has(r.invoice_id) ? formatInvoiceNumber(numbers.get(r.invoice_id)!) : null,
    ),
  );
}

export async function getCreditNote(scope: TenantScope, id: string): Promise<CreditNoteView> {
  const row = await scope.selectFrom('credit_notes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('credit note', id);
  return (await withLines(scope, [row]))[0]!;
}

export async function listCreditNotes(
  scope: TenantScope,
  params: ListParams & { account?: string; invoice?: string; subscription?: string },
) {
  let q = scope.selectFrom('credit_notes').selectAll();
  if (params.account) q = q.where('account_id', '=', params.account);
  if (params.invoice) q = q.where('invoice_id', '=', params.invoice);
  if (params.subscription) q = q.where('subscription_id', '=', params.subscription);
  const page = await listPage(q, 'id', params);
  return { data: await withLines(scope, page.data), has_more: page.has_more };
}

/** The credit notes of each invoice, oldest first (for the invoice's view). */
export async function creditNotesOfInvoices(
  scope: TenantScope,
  invoiceIds: readonly string[],
): Promise<Map<string, { id: string; number: string; total: number }[]>> {
  const out = new Map(invoiceIds.map((id) => [id, [] as { id: string; number: string; total: number }[]]));
  if (invoiceIds.length === 0) return out;
  const rows = await scope
    .selectFrom('credit_notes')
    .select(['id', 'number', 'total', 'invoice_id'])
    .where('invoice_id', 'in', [...invoiceIds])
    .orderBy('number')
    .execute();
  for (const r of rows)
    out.get(r.invoice_id!)?.push({
      id: r.id,
      number: formatCreditNoteNumber(Number(r.number)),
      total: Number(r.total),
    });
  return out;
}
