import { Temporal } from 'temporal-polyfill';

export { Temporal };

/**
 * All time comes from a Clock. The system clock is the only place that reads the wall clock;
 * accounts bound to a test clock read its frozen time instead, and it moves only when told to.
 */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = {
  now: () => Temporal.Now.instant(),
};

/** A clock that always answers the same instant (a test clock's frozen time, or a unit test's "now"). */
export function fixedClock(at: Temporal.Instant | string): Clock {
  const instant = typeof at === 'string' ? Temporal.Instant.from(at) : at;
  return { now: () => instant };
}

export function toDate(instant: Temporal.Instant): Date {
  return new Date(instant.epochMilliseconds);
}

export function fromDate(date: Date): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime());
}

/** RFC 3339 UTC with millisecond precision, the API's time format. */
export function toRfc3339(instant: Temporal.Instant | Date): string {
  // Date's formatter is the same RFC 3339 UTC form and an order of magnitude faster than Temporal's,
  // which matters when a billing run formats a few hundred thousand of them.
  return (instant instanceof Date ? instant : new Date(instant.epochMilliseconds)).toISOString();
}
