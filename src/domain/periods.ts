/**
 * Billing periods: whole local days in the account's IANA timezone, counted from an anchor date.
 *
 * Period k starts at `anchor + k intervals`, always added to the anchor itself, with the day clamped to
 * the month's length. Stepping from the previous period instead would lose the anchor's day for good
 * after the first short month (Jan 31 → Feb 28 → Mar 28 …); adding to the anchor gives Jan 31 → Feb 28
 * → Mar 31 → Apr 30. Periods are half-open, [start, end): the end date is the next period's start and
 * belongs to it.
 *
 * Dates, not instants, are the source of truth. An instant is derived only at the edge (local midnight
 * in the account's timezone), so a DST change moves the UTC offset of a boundary, never its date.
 */
import { Temporal } from 'temporal-polyfill';

export type BillingInterval = 'month' | 'year';

/** A period identified by its index from the anchor (0 is the period starting at the anchor). */
export interface PeriodDates {
  readonly index: number;
  readonly start: Temporal.PlainDate;
  /** Exclusive: the first day of the next period. */
  readonly end: Temporal.PlainDate;
}

/** A period's local dates with the instants of their local midnights. */
export interface PeriodBounds {
  readonly index: number;
  /** The first instant of `startDate` in the account's timezone (inclusive). */
  readonly start: Temporal.Instant;
  /** The first instant of `endDate` in the account's timezone (exclusive). */
  readonly end: Temporal.Instant;
  readonly startDate: Temporal.PlainDate;
  readonly endDate: Temporal.PlainDate;
  /** Whole local days in the period, the denominator of proration. */
  readonly days: number;
}

const MONTHS_PER_INTERVAL: Readonly<Record<BillingInterval, number>> = { month: 1, year: 12 };

function assertIndex(index: number): void {
  if (!Number.isSafeInteger(index)) throw new RangeError(`period index must be an integer, got ${index}`);
}

function monthsPer(interval: BillingInterval): number {
  const months = MONTHS_PER_INTERVAL[interval];
  if (months === undefined) throw new RangeError(`unknown billing interval: ${String(interval)}`);
  return months;
}

/**
 * The local date on which `instant` falls in `timeZone`. A subscription started at any moment of that
 * day anchors at the day, so its first period starts at local midnight, not at the purchase time.
 */
export function anchorDateOf(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

/**
 * The first day of period `index` (negative indices count back before the anchor): the anchor plus
 * `index` intervals, the day clamped to the target month's length. Jan 31 gives Feb 28 (29 in leap
 * years), Mar 31, Apr 30; a yearly anchor of Feb 29 2028 gives Feb 28 2029 and Feb 29 2032.
 */
export function periodStartDate(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  index: number,
): Temporal.PlainDate {
  assertIndex(index);
  // 'constrain' clamps the day to the month; the addition is always from the anchor, never chained.
  return anchor.add({ months: index * monthsPer(interval) }, { overflow: 'constrain' });
}

/** The dates of period `index`: [start, end). */
export function periodDates(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  index: number,
): PeriodDates {
  return {
    index,
    start: periodStartDate(anchor, interval, index),
    end: periodStartDate(anchor, interval, index + 1),
  };
}

/**
 * The period that contains `date`. The index is computed arithmetically from the calendar months between
 * the anchor and the date, then corrected by at most one: the period starting in the date's month (or
 * year) starts on or before the date unless the date's day is earlier than the clamped anchor day, in
 * which case the date belongs to the previous period. Cost is constant however far the date is.
 */
export function periodContaining(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  date: Temporal.PlainDate,
): PeriodDates {
  const step = monthsPer(interval);
  const monthsApart = (date.year - anchor.year) * 12 + (date.month - anchor.month);
  let index = Math.floor(monthsApart / step);
  let start = periodStartDate(anchor, interval, index);
  if (Temporal.PlainDate.compare(start, date) > 0) {
    index -= 1;
    start = periodStartDate(anchor, interval, index);
  }
  return { index, start, end: periodStartDate(anchor, interval, index + 1) };
}

/**
 * The first instant of a local date in a timezone: its midnight, or, in the rare zones whose DST jump
 * skips midnight (America/Santiago, formerly America/Havana), the first wall-clock time that exists.
 */
export function startOfLocalDay(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return date.toZonedDateTime({ timeZone }).toInstant();
}

/** Whole days from `a` to `b` (negative when `b` is earlier). Calendar days, so DST never changes it. */
export function daysBetween(a: Temporal.PlainDate, b: Temporal.PlainDate): number {
  return a.until(b, { largestUnit: 'day' }).days;
}

/** Period `index` with its local dates, the instants of their midnights in `timeZone`, and its length. */
export function periodBounds(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  index: number,
  timeZone: string,
): PeriodBounds {
  return boundsOf(periodDates(anchor, interval, index), timeZone);
}

/** The period containing `instant` as seen in the account's timezone (the current period for "now"). */
export function periodBoundsAt(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  instant: Temporal.Instant,
  timeZone: string,
): PeriodBounds {
  return boundsOf(periodContaining(anchor, interval, anchorDateOf(instant, timeZone)), timeZone);
}

function boundsOf(period: PeriodDates, timeZone: string): PeriodBounds {
  return {
    index: period.index,
    start: startOfLocalDay(period.start, timeZone),
    end: startOfLocalDay(period.end, timeZone),
    startDate: period.start,
    endDate: period.end,
    days: daysBetween(period.start, period.end),
  };
}

/**
 * The monthly window containing `date`, for quotas that reset monthly on an annual plan. Windows are
 * monthly periods from the same anchor, so every annual boundary (anchor + 12k months, clamped the same
 * way) is also a window boundary: the twelve windows of a year tile it exactly, with no stub at either
 * end. The index counts months from the anchor.
 */
export function monthlyWindowContaining(anchor: Temporal.PlainDate, date: Temporal.PlainDate): PeriodDates {
  return periodContaining(anchor, 'month', date);
}
