/**
 * Invoice arithmetic, pure: per-line tax rounded once, totals, and the account credit a negative
 * total leaves or a positive one consumes. Amounts are integers in the currency's minor unit.
 */
import type { LineText } from './line-text.ts';
import { sumAmounts, taxOf } from './money.ts';

export type LineKind = 'subscription' | 'proration' | 'addon' | 'seat' | 'consumption' | 'credit';

/** A line before it is on an invoice. `line_key` names what it bills, so nothing is billed twice. */
export interface LineDraft {
  readonly line_key: string;
  readonly kind: LineKind;
  /** In English, as the domain words it; `text` renders it in the reader's language. */
  readonly description: string;
  /** What the line says, as data (line-text.ts): rendered at issue in the payer's language. */
  readonly text?: LineText;
  readonly subscription_id: string | null;
  readonly period_start: string | null;
  readonly period_end: string | null;
  readonly quantity: number;
  readonly unit_amount: number;
  readonly amount: number;
  /** A tax fixed elsewhere (a credit refunds the tax charged); otherwise computed at the invoice's rate. */
  readonly tax?: number;
  /** For a prorated line, its day counts: `amount = quantity × unit_amount × days / period_days`. */
  readonly proration?: { readonly days: number; readonly period_days: number } | null;
}

export interface InvoiceTotals {
  /** Tax of each line, in the lines' order: rounded per line, half away from zero. */
  readonly lineTaxes: number[];
  readonly subtotal: number;
  readonly tax: number;
  readonly total: number;
  /** Account credit used by this invoice. */
  readonly credit_applied: number;
  /** What is left to pay. */
  readonly amount_due: number;
  /** The account's credit balance after this invoice. */
  readonly credit_balance: number;
}

/**
 * Totals for lines at a tax rate (basis points) given the account's credit balance: a positive total
 * consumes credit first; a negative total adds its magnitude to the credit (nothing is due).
 */
export function invoiceTotals(
  lines: readonly Pick<LineDraft, 'amount' | 'tax'>[],
  taxRateBps: number,
  creditBalance: number,
): InvoiceTotals {
  const lineTaxes = lines.map((l) => l.tax ?? taxOf(l.amount, taxRateBps));
  const subtotal = sumAmounts(lines.map((l) => l.amount));
  const tax = sumAmounts(lineTaxes);
  const total = subtotal + tax;
  if (total <= 0) {
    return {
      lineTaxes,
      subtotal,
      tax,
      total,
      credit_applied: 0,
      amount_due: 0,
      credit_balance: creditBalance - total,
    };
  }
  const applied = Math.min(creditBalance, total);
  return {
    lineTaxes,
    subtotal,
    tax,
    total,
    credit_applied: applied,
    amount_due: total - applied,
    credit_balance: creditBalance - applied,
  };
}

/** The timeline's lines minus those already invoiced (by key): re-running billing adds nothing. */
export function notYetInvoiced<T extends Pick<LineDraft, 'line_key'>>(
  expected: readonly T[],
  invoicedKeys: ReadonlySet<string>,
): T[] {
  return expected.filter((l) => !invoicedKeys.has(l.line_key));
}

/**
 * Which document a set of lines makes: an invoice, unless they credit more than they charge (a
 * downgrade, a cancellation inside the window) — then a credit note, never a negative invoice.
 */
export function documentKindOf(
  lines: readonly Pick<LineDraft, 'amount' | 'tax'>[],
  taxRateBps: number,
): 'invoice' | 'credit_note' {
  return invoiceTotals(lines, taxRateBps, 0).total < 0 ? 'credit_note' : 'invoice';
}

/**
 * The lines as a credit note prints them: what the invoice arithmetic counts as negative is credited,
 * positive; a charge among them (a new plan's remaining days on a downgrade) reduces the credit. The
 * tax of each line is fixed here, so a credit note's taxes are exactly the invoice arithmetic's negated.
 */
export function creditedLines<L extends LineDraft>(
  lines: readonly L[],
  taxRateBps: number,
): (L & { tax: number })[] {
  const { lineTaxes } = invoiceTotals(lines, taxRateBps, 0);
  const neg = (n: number) => (n === 0 ? 0 : -n);
  return lines.map((l, i) => ({
    ...l,
    unit_amount: neg(l.unit_amount),
    amount: neg(l.amount),
    tax: neg(lineTaxes[i]!),
  }));
}

/** A credit note's totals (positive: what is credited), from its lines as printed. */
export function creditNoteTotals(lines: readonly Pick<LineDraft, 'amount' | 'tax'>[], taxRateBps: number) {
  const lineTaxes = lines.map((l) => l.tax ?? taxOf(l.amount, taxRateBps));
  const subtotal = sumAmounts(lines.map((l) => l.amount));
  const tax = sumAmounts(lineTaxes);
  return { lineTaxes, subtotal, tax, total: subtotal + tax };
}
