/**
 * The lines of a billing document — an invoice's or a credit note's — as stored and as shown: one
 * shape, one set of columns, one view, so the two documents' lines never drift apart.
 */
import { seatAccountOf } from '../domain/billing-lines.ts';
import type { LineDraft } from '../domain/invoice.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { InvoiceLinesTable } from '../platform/db/schema.ts';

/** A stored line without its document's id. */
export type StoredLine = Omit<InvoiceLinesTable, 'tenant_id' | 'invoice_id'>;

/** `bulkInsert` column types of a line, beside the document id column the caller adds. */
export const LINE_COLUMNS = {
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
} as const;

export function storedLine(l: LineDraft, position: number, tax: number): StoredLine {
  return {
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

/** A stored line as a draft again, under another key (what a void credits, line by line). */
export function draftOfStored(l: StoredLine, lineKey: string): LineDraft {
  return {
    line_key: lineKey,
    kind: l.kind,
    description: l.description,
    subscription_id: l.subscription_id,
    period_start: l.period_start,
    period_end: l.period_end,
    quantity: Number(l.quantity),
    unit_amount: Number(l.unit_amount),
    amount: Number(l.amount),
    tax: Number(l.tax),
    proration: prorationOf(l),
  };
}

const prorationOf = (l: Pick<StoredLine, 'proration_days' | 'proration_period_days'>) =>
  l.proration_days === null || l.proration_period_days === null
    ? null
    : { days: l.proration_days, period_days: l.proration_period_days };

export function viewLine(l: StoredLine) {
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
    proration: prorationOf(l),
  };
}

/** Lines in their document's order. */
export const inOrder = <L extends { position: number }>(lines: readonly L[]) =>
  [...lines].sort((a, b) => a.position - b.position);
