import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mulDiv,
  mulRational,
  normalizeRational,
  prorate,
  roundHalfAwayFromZero,
  sumAmounts,
  taxOf,
  taxRateAsRational,
  toDecimalString,
  toSafeNumber,
} from './money.ts';

const MAX = Number.MAX_SAFE_INTEGER;

/** Amounts up to a billion currency units in cents: far beyond any invoice, still exact as numbers. */
const amount = fc.integer({ min: -100_000_000_000, max: 100_000_000_000 });

describe('roundHalfAwayFromZero', () => {
  it('rounds ties away from zero, symmetrically', () => {
    expect(roundHalfAwayFromZero(14_997n, 2n)).toBe(7499n); // 7498.5
    expect(roundHalfAwayFromZero(-14_997n, 2n)).toBe(-7499n);
    expect(roundHalfAwayFromZero(1n, 2n)).toBe(1n);
    expect(roundHalfAwayFromZero(-1n, 2n)).toBe(-1n);
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n);
  });

  it('rounds non-ties to the nearest integer', () => {
    expect(roundHalfAwayFromZero(49n, 100n)).toBe(0n);
    expect(roundHalfAwayFromZero(51n, 100n)).toBe(1n);
    expect(roundHalfAwayFromZero(-49n, 100n)).toBe(0n);
    expect(roundHalfAwayFromZero(-51n, 100n)).toBe(-1n);
    expect(roundHalfAwayFromZero(10n, 3n)).toBe(3n);
    expect(roundHalfAwayFromZero(20n, 3n)).toBe(7n);
    expect(roundHalfAwayFromZero(0n, 7n)).toBe(0n);
    expect(roundHalfAwayFromZero(42n, 1n)).toBe(42n);
  });

  it('accepts a negative denominator', () => {
    expect(roundHalfAwayFromZero(3n, -2n)).toBe(-2n);
    expect(roundHalfAwayFromZero(-3n, -2n)).toBe(2n);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('is the nearest integer, ties away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const r = roundHalfAwayFromZero(n, d);
          const error = r * d - n; // (r − n/d) × d
          const twiceAbsError = 2n * (error < 0n ? -error : error);
          expect(twiceAbsError <= d).toBe(true);
          if (twiceAbsError === d) {
            // A tie: of the two nearest integers, the result is the one further from zero.
            const abs = (x: bigint) => (x < 0n ? -x : x);
            expect(abs(r) * d > abs(n)).toBe(true);
          }
          expect(roundHalfAwayFromZero(-n, d)).toBe(-r);
        },
      ),
    );
  });
});

describe('prorate', () => {
  it('rounds the half-cent tie once, away from zero: 9/30 × 249.95 = 74.985 → 74.99', () => {
    expect(prorate(24_995, 9, 30)).toBe(7499);
    expect(prorate(-24_995, 9, 30)).toBe(-7499);
  });

  it('takes none, part or all of an amount', () => {
    expect(prorate(24_995, 0, 30)).toBe(0);
    expect(prorate(24_995, 30, 30)).toBe(24_995);
    expect(prorate(4900, 20, 30)).toBe(3267); // 3266.67
    expect(prorate(4900, 10, 30)).toBe(1633); // 1633.33
    expect(prorate(1, 1, 3)).toBe(0);
  });

  it('stays exact where floating point would not (amount × numerator beyond 2^53)', () => {
    // 9007199254740991 × 9 / 30 = 2702159776422297.3
    expect(prorate(MAX, 9, 30)).toBe(2_702_159_776_422_297);
    expect(prorate(MAX, 29, 31)).toBe(Number((BigInt(MAX) * 29n + 15n) / 31n));
  });

  it('refuses a fraction outside [0, 1] and non-integers', () => {
    expect(() => prorate(100, 31, 30)).toThrow(RangeError);
    expect(() => prorate(100, -1, 30)).toThrow(RangeError);
    expect(() => prorate(100, 1, 0)).toThrow(RangeError);
    expect(() => prorate(100, 1, -30)).toThrow(RangeError);
    expect(() => prorate(100.5, 1, 2)).toThrow(RangeError);
    expect(() => prorate(100, 0.5, 2)).toThrow(RangeError);
    expect(() => prorate(Number.NaN, 1, 2)).toThrow(RangeError);
    expect(() => prorate(MAX + 1, 1, 2)).toThrow(RangeError);
  });

  it('is symmetric for negatives (property)', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 366 }), fc.nat(366), (a, den, n) => {
        const num = n % (den + 1);
        expect(prorate(-a, num, den)).toBe(-prorate(a, num, den) || 0);
      }),
    );
  });
});

describe('mulDiv', () => {
  it('computes amount × num / den with one rounding', () => {
    expect(mulDiv(1500, 3n * 20n, 30n)).toBe(3000);
    expect(mulDiv(24_995, 9, 30)).toBe(7499);
    expect(mulDiv(10, 1, 4)).toBe(3); // 2.5 → 3
    expect(mulDiv(-10, 1, 4)).toBe(-3);
    expect(mulDiv(10, -1, 4)).toBe(-3);
    expect(mulDiv(7, 3, -2)).toBe(-11); // -10.5
  });

  it('accepts factors whose product exceeds 2^53 as long as the result fits', () => {
    expect(mulDiv(MAX, 10n ** 20n, 10n ** 20n)).toBe(MAX);
  });

  it('refuses unsafe inputs, a zero denominator and an unsafe result', () => {
    expect(() => mulDiv(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDiv(1, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
    expect(() => mulDiv(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDiv(1, 1, 0n)).toThrow(RangeError);
    expect(() => mulDiv(MAX, 2, 1)).toThrow(RangeError);
  });

  it('is within half a minor unit of the exact product (property)', () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, n, d) => {
          const r = BigInt(mulDiv(a, n, d));
          const error = r * BigInt(d) - BigInt(a) * BigInt(n);
          expect(2n * (error < 0n ? -error : error) <= BigInt(d)).toBe(true);
        },
      ),
    );
  });
});

describe('taxOf', () => {
  it('applies a rate in basis points, rounded once', () => {
    expect(taxOf(10_000, 1900)).toBe(1900); // 19 % of 100.00
    expect(taxOf(12_345, 1900)).toBe(2346); // 2345.55
    expect(taxOf(4999, 2000)).toBe(1000); // 999.8
    expect(taxOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(taxOf(-5, 1000)).toBe(-1);
    expect(taxOf(10_000, 0)).toBe(0);
  });

  it('applies an exact rational rate', () => {
    // 7.375 % = 59/800 of 200.00 = 14.75
    expect(taxOf(20_000, { num: 59n, den: 800n })).toBe(1475);
    // 1/3 of 0.05 = 0.0166… → 0.02
    expect(taxOf(5, { num: 1n, den: 3n })).toBe(2);
    expect(taxOf(100, { num: -1n, den: -10n })).toBe(10);
  });

  it('mirrors the tax of a charge on its credit (property)', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        expect(taxOf(-a, bp)).toBe(-taxOf(a, bp) || 0);
      }),
    );
  });

  it('refuses negative, fractional or zero-denominator rates', () => {
    expect(() => taxOf(100, -1)).toThrow(RangeError);
    expect(() => taxOf(100, 19.5)).toThrow(RangeError);
    expect(() => taxOf(100, { num: -1n, den: 10n })).toThrow(RangeError);
    expect(() => taxOf(100, { num: 1n, den: 0n })).toThrow(RangeError);
    expect(() => taxOf(0.1, 1900)).toThrow(RangeError);
  });

  it('exposes the rate as a rational', () => {
    expect(taxRateAsRational(1900)).toEqual({ num: 1900n, den: 10_000n });
    expect(taxRateAsRational({ num: -1n, den: -4n })).toEqual({ num: 1n, den: 4n });
  });
});

describe('rationals and helpers', () => {
  it('normalizes the sign onto the numerator', () => {
    expect(normalizeRational({ num: 3n, den: -4n })).toEqual({ num: -3n, den: 4n });
    expect(() => normalizeRational({ num: 3n, den: 0n })).toThrow(RangeError);
  });

  it('multiplies by a rational', () => {
    expect(mulRational(24_995, { num: 9n, den: 30n })).toBe(7499);
  });

  it('converts bigints back only within the safe range', () => {
    expect(toSafeNumber(BigInt(MAX))).toBe(MAX);
    expect(toSafeNumber(-BigInt(MAX))).toBe(-MAX);
    expect(() => toSafeNumber(BigInt(MAX) + 1n)).toThrow(RangeError);
    expect(() => toSafeNumber(-BigInt(MAX) - 1n)).toThrow(RangeError);
  });

  it('sums exactly and refuses an overflowing total', () => {
    expect(sumAmounts([4900, -1633, 3300])).toBe(6567);
    expect(sumAmounts([])).toBe(0);
    expect(() => sumAmounts([MAX, 1])).toThrow(RangeError);
    expect(() => sumAmounts([0.1, 0.2])).toThrow(RangeError);
  });

  it('renders minor units as a decimal string', () => {
    expect(toDecimalString(7499, 2)).toBe('74.99');
    expect(toDecimalString(5, 2)).toBe('0.05');
    expect(toDecimalString(-5, 3)).toBe('-0.005');
    expect(toDecimalString(1500, 0)).toBe('1500');
    expect(toDecimalString(-1500, 0)).toBe('-1500');
    expect(toDecimalString(12_345, 4)).toBe('1.2345');
    expect(toDecimalString(0, 2)).toBe('0.00');
    expect(() => toDecimalString(1, -1)).toThrow(RangeError);
    expect(() => toDecimalString(1, 2.5)).toThrow(RangeError);
  });
});
