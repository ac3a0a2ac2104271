/**
 * Proration by calendar days.
 *
 * A change on day d of an N-day period (d whole local days already elapsed; the change day belongs to the
 * new state) credits the old price and charges the new one for the remaining (N − d)/N. Each line's amount
 * is `quantity × unit_amount × (N − d) / N`, computed exactly and rounded once.
 *
 * Like Stripe, a change always produces two lines, a credit for the old state ("Unused time on 5 × Seat")
 * and a charge for the new one ("Remaining time on 8 × Seat"), even when only the quantity changed, rather
 * than one net "+3 seats" line:
 * - each line is the mirror of something the customer can see: the credit is exactly the unused part of
 *   what was charged, the charge exactly what the new state costs, so both are checkable by hand;
 * - plan changes, quantity changes and both at once are the same two lines, with no special cases;
 * - over any sequence of changes in a period the lines telescope: full charge − credit + charge − … equals
 *   Σ price × days used / N exactly before rounding, and a change reversed on the same day nets to zero.
 * The cost is rounding: the two lines of a 5 → 8 seat change total 3 × price × (N − d)/N within one minor
 * unit (two roundings of at most half a unit each) instead of exactly.
 */
import type { Temporal } from 'temporal-polyfill';
import { assertSafeInteger, mulDiv } from './money.ts';
import { daysBetween } from './periods.ts';

/** What a subscription item costs for a whole period: `quantity × amount` in minor units. */
export interface PricedItem {
  /** Unit price for the whole period, in the currency's minor unit. */
  readonly amount: number;
  readonly quantity: number;
  /** What the customer recognises, e.g. the plan's name ("Premium"). */
  readonly label: string;
}

/**
 * An invoice line in the API's shape. `unit_amount` carries the line's sign (negative on credits) and the
 * full-period unit price, so `amount = quantity × unit_amount × remaining / period days`, rounded once;
 * the description states the fraction.
 */
export interface ProrationLine {
  readonly kind: 'proration';
  readonly description: string;
  readonly quantity: number;
  readonly unit_amount: number;
  readonly amount: number;
  /** The day of the change: the first day the line covers. */
  readonly period_start: Temporal.PlainDate;
  /** The period's end, exclusive. */
  readonly period_end: Temporal.PlainDate;
}

/** A line refunding something charged, on cancellation within the cancellation window. */
export interface CreditLine {
  readonly kind: 'credit';
  readonly description: string;
  readonly quantity: number;
  readonly unit_amount: number;
  readonly amount: number;
  readonly period_start: Temporal.PlainDate;
  readonly period_end: Temporal.PlainDate;
}

/** The day counts behind a proration: `remainingDays / periodDays` of the period is left to bill. */
export interface ProrationDays {
  /** d: whole days elapsed before the change day. */
  readonly elapsedDays: number;
  /** N − d: days from the change day (included) to the period's end (excluded). */
  readonly remainingDays: number;
  /** N: days in the period. */
  readonly periodDays: number;
}

/**
 * The elapsed, remaining and total days for a change on `changeDate` in [periodStart, periodEnd).
 * A change on the period's end date belongs to the next period, so it is refused (RangeError).
 */
export function prorationDays(
  periodStart: Temporal.PlainDate,
  periodEnd: Temporal.PlainDate,
  changeDate: Temporal.PlainDate,
): ProrationDays {
  const periodDays = daysBetween(periodStart, periodEnd);
  if (periodDays <= 0) {
    throw new RangeError(`period end ${periodEnd} must be after its start ${periodStart}`);
  }
  const elapsedDays = daysBetween(periodStart, changeDate);
  if (elapsedDays < 0 || elapsedDays >= periodDays) {
    throw new RangeError(`change date ${changeDate} is outside the period [${periodStart}, ${periodEnd})`);
  }
  return { elapsedDays, remainingDays: periodDays - elapsedDays, periodDays };
}

export interface ProrationInput {
  readonly periodStart: Temporal.PlainDate;
  /** Exclusive. */
  readonly periodEnd: Temporal.PlainDate;
  /** The local date of the change; this day is billed at the new state. */
  readonly changeDate: Temporal.PlainDate;
  readonly old: PricedItem;
  readonly next: PricedItem;
}

/**
 * The credit for the old state's unused time and the charge for the new state's remaining time, in that
 * order. Upgrades and downgrades alike: a downgrade simply makes the total negative.
 *
 * Example: Premium at 49.00 for 20 of 30 days, then Professional at 99.00 → credit −16.33 ("Unused time on
 * Premium, 10 of 30 days") and charge +33.00 ("Remaining time on Professional, 10 of 30 days"); with the
 * 49.00 charged at the period's start the month costs 20/30 Premium + 10/30 Professional.
 */
export function prorationLines(
  input: ProrationInput,
): readonly [credit: ProrationLine, charge: ProrationLine] {
  assertItem(input.old, 'old');
  assertItem(input.next, 'next');
  const days = prorationDays(input.periodStart, input.periodEnd, input.changeDate);
  const fraction = `${days.remainingDays} of ${days.periodDays} days`;
  const line = (item: PricedItem, sign: 1 | -1, verb: string): ProrationLine => {
    const unitAmount = sign * item.amount;
    return {
      kind: 'proration',
      description: `${verb} time on ${itemLabel(item)}, ${fraction}`,
      quantity: item.quantity,
      // `0 * -1` is -0; normalise so a free plan's credit serialises as 0.
      unit_amount: unitAmount === 0 ? 0 : unitAmount,
      amount: proratedAmount(unitAmount, item.quantity, days),
      period_start: input.changeDate,
      period_end: input.periodEnd,
    };
  };
  return [line(input.old, -1, 'Unused'), line(input.next, 1, 'Remaining')];
}

/**
 * `quantity × unitAmount × remainingDays / periodDays`, rounded once. Folding quantity into the exact
 * numerator matters: rounding a per-seat share first would multiply its error by the seat count.
 */
export function proratedAmount(unitAmount: number, quantity: number, days: ProrationDays): number {
  assertSafeInteger(quantity, 'quantity');
  const result = mulDiv(unitAmount, BigInt(quantity) * BigInt(days.remainingDays), days.periodDays);
  return result === 0 ? 0 : result;
}

/** Something charged for the period, as it appears on the invoice that charged it. */
export interface ChargedLine {
  readonly description: string;
  readonly quantity: number;
  readonly unit_amount: number;
  readonly amount: number;
}

export interface FullPeriodCreditInput {
  readonly periodStart: Temporal.PlainDate;
  /** Exclusive. */
  readonly periodEnd: Temporal.PlainDate;
  /** Every line charged for the period: the subscription line and any proration or add-on lines. */
  readonly charged: readonly ChargedLine[];
}

/**
 * Credits everything charged for the period, one line per charged line, for a cancellation inside the
 * cancellation window. The amounts are the exact negatives of what was invoiced (no recomputation, so no
 * second rounding): the customer gets back to the cent what they paid, and the period nets to zero.
 */
export function fullPeriodCredit(input: FullPeriodCreditInput): readonly CreditLine[] {
  if (daysBetween(input.periodStart, input.periodEnd) <= 0) {
    throw new RangeError(`period end ${input.periodEnd} must be after its start ${input.periodStart}`);
  }
  return input.charged.map((charged) => {
    assertSafeInteger(charged.amount, 'amount');
    assertSafeInteger(charged.unit_amount, 'unit_amount');
    assertSafeInteger(charged.quantity, 'quantity');
    return {
      kind: 'credit',
      description: `Credit for ${charged.description} (cancelled within the cancellation window)`,
      quantity: charged.quantity,
      unit_amount: negate(charged.unit_amount),
      amount: negate(charged.amount),
      period_start: input.periodStart,
      period_end: input.periodEnd,
    };
  });
}

function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

function itemLabel(item: PricedItem): string {
  return item.quantity === 1 ? item.label : `${item.quantity} × ${item.label}`;
}

function assertItem(item: PricedItem, name: string): void {
  assertSafeInteger(item.amount, `${name}.amount`);
  assertSafeInteger(item.quantity, `${name}.quantity`);
  if (item.amount < 0) throw new RangeError(`${name}.amount must not be negative, got ${item.amount}`);
  if (item.quantity < 0) throw new RangeError(`${name}.quantity must not be negative, got ${item.quantity}`);
  if (item.label.trim() === '') throw new RangeError(`${name}.label must not be empty`);
}
