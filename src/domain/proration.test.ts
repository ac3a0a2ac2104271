import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { proratedAmount, prorationDays } from './proration.ts';

const date = (s: string) => Temporal.PlainDate.from(s);
const april = { start: date('2024-04-01'), end: date('2024-05-01') };

describe('prorationDays', () => {
  it('counts the change day as the new state: a change on 21 April leaves 10 of 30 days', () => {
    expect(prorationDays(april.start, april.end, date('2024-04-21'))).toEqual({
      elapsedDays: 20,
      remainingDays: 10,
      periodDays: 30,
    });
    expect(prorationDays(date('2024-02-01'), date('2024-03-01'), date('2024-02-29')).remainingDays).toBe(1);
  });

  it('refuses a change outside [start, end) and an empty period', () => {
    expect(() => prorationDays(april.start, april.end, date('2024-05-01'))).toThrow(RangeError);
    expect(() => prorationDays(april.start, april.end, date('2024-03-31'))).toThrow(RangeError);
    expect(() => prorationDays(april.start, april.start, april.start)).toThrow(RangeError);
  });
});

describe('proratedAmount', () => {
  const days = (remaining: number, period: number) => ({
    elapsedDays: period - remaining,
    remainingDays: remaining,
    periodDays: period,
  });

  it('rounds once, half away from zero: 9/30 × 249.95 = 74.985 → 74.99, and −74.99 for the credit', () => {
    expect(proratedAmount(24995, 1, days(9, 30))).toBe(7499);
    expect(proratedAmount(-24995, 1, days(9, 30))).toBe(-7499);
    expect(proratedAmount(24995, 1, days(15, 31))).toBe(12094);
  });

  it('folds the quantity in before rounding: 3 × 12.00 × 20/30 is exactly 24.00', () => {
    expect(proratedAmount(1200, 3, days(20, 30))).toBe(2400);
    // Rounding each seat's 1333.33… first would give 3 × 1333 = 3999, not 4000.
    expect(proratedAmount(2000, 3, days(20, 30))).toBe(4000);
  });

  it('writes zero, never negative zero, for a free plan’s credit', () => {
    expect(Object.is(proratedAmount(-0, 1, days(10, 30)), 0)).toBe(true);
  });

  it('mirrors a charge with its credit, and never exceeds the whole period (properties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 28, max: 366 }),
        fc.integer({ min: 0, max: 366 }),
        (amount, quantity, period, r) => {
          const remaining = r % (period + 1);
          const charge = proratedAmount(amount, quantity, days(remaining, period));
          expect(proratedAmount(-amount, quantity, days(remaining, period))).toBe(-charge || 0);
          expect(charge).toBeLessThanOrEqual(amount * quantity);
          expect(Math.abs(charge * period - amount * quantity * remaining)).toBeLessThanOrEqual(period / 2);
        },
      ),
    );
  });
});
