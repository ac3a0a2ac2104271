/**
 * Proration by calendar days: the day counts of a change and the one rounding of a prorated amount.
 *
 * A change on day d of an N-day period (d whole local days already elapsed; the change day belongs to
 * the new state) bills the remaining (N − d)/N of the period. The billing function (billing.ts) turns
 * changes into lines with these: one line per item whose quantity moved, or a credit and a charge when
 * the price changed, each `quantity × unit_amount × (N − d) / N`, computed exactly and rounded once.
 */
import type { Temporal } from 'temporal-polyfill';
import { assertSafeInteger, mulDiv } from './money.ts';
import { daysBetween } from './periods.ts';

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

/**
 * `quantity × unitAmount × remainingDays / periodDays`, rounded once, half away from zero. Folding the
 * quantity into the exact numerator matters: rounding a per-seat share first would multiply its error
 * by the seat count. A credit (negative unit amount) is the exact mirror of the same charge.
 */
export function proratedAmount(unitAmount: number, quantity: number, days: ProrationDays): number {
  assertSafeInteger(quantity, 'quantity');
  const result = mulDiv(unitAmount, BigInt(quantity) * BigInt(days.remainingDays), days.periodDays);
  return result === 0 ? 0 : result;
}
