/**
 * Money arithmetic on integer amounts in a currency's minor unit (cents for EUR, yen for JPY, fils for BHD).
 *
 * Amounts are JS numbers restricted to safe integers, so they survive JSON and the database unchanged.
 * Every product or quotient goes through bigint and is rounded exactly once, half away from zero, at the
 * end: rounding intermediate results (a per-day price, a per-seat share) would let cents drift from what
 * the customer can recompute by hand. No floating point is used anywhere in this module.
 */

/** An exact rational number. `den` is never zero; `normalizeRational` makes it positive. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/**
 * Throws a RangeError unless `value` is a safe integer. Amounts beyond 2^53 would silently lose
 * precision as numbers, so we refuse them at the boundary rather than bill a rounded figure.
 */
export function assertSafeInteger(value: number, name = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
  }
}

/** Converts a bigint back to a number, refusing (RangeError) any result outside the safe-integer range. */
export function toSafeNumber(value: bigint, name = 'result'): number {
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw new RangeError(`${name} ${value} is outside the safe-integer range`);
  }
  return Number(value);
}

function toBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') return value;
  assertSafeInteger(value, name);
  return BigInt(value);
}

/** Returns the rational with a positive denominator; a zero denominator is a RangeError. */
export function normalizeRational(r: Rational): Rational {
  if (r.den === 0n) throw new RangeError('denominator must not be zero');
  return r.den < 0n ? { num: -r.num, den: -r.den } : r;
}

/**
 * Rounds `num / den` to the nearest integer, ties away from zero (7498.5 → 7499, −7498.5 → −7499).
 *
 * Half away from zero is the commercial convention (and Kill Bill's HALF_UP): it is symmetric, so a
 * credit is always the exact negative of the matching charge and a change followed by its reversal nets
 * to zero. Banker's rounding would make some ties round down, which customers read as an error.
 */
export function roundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  const r = normalizeRational({ num, den });
  const negative = r.num < 0n;
  const abs = negative ? -r.num : r.num;
  let quotient = abs / r.den;
  const remainder = abs % r.den;
  if (remainder * 2n >= r.den) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * `amount × num / den`, computed exactly and rounded once (half away from zero).
 *
 * `num` and `den` may be bigints so that callers can fold several factors (quantity × days) into one
 * exact numerator instead of rounding between them. Throws a RangeError on unsafe integers, a zero
 * denominator, or a result that is not a safe integer.
 */
export function mulDiv(amount: number, num: number | bigint, den: number | bigint): number {
  assertSafeInteger(amount, 'amount');
  // A whole multiple (a price × a quantity) is exact in floating point while it stays a safe integer.
  if (den === 1 && typeof num === 'number' && Number.isSafeInteger(num)) {
    const product = amount * num;
    if (Number.isSafeInteger(product)) return product === 0 ? 0 : product;
  }
  const n = toBigInt(num, 'numerator');
  const d = toBigInt(den, 'denominator');
  if (d === 0n) throw new RangeError('denominator must not be zero');
  return toSafeNumber(roundHalfAwayFromZero(BigInt(amount) * n, d));
}

/** `amount × rate`, rounded once, for an exact rational rate. */
export function mulRational(amount: number, rate: Rational): number {
  return mulDiv(amount, rate.num, rate.den);
}

/**
 * The share `numerator / denominator` of `amount` (e.g. 9 of 30 days), rounded once:
 * `prorate(24995, 9, 30)` is 7498.5 → 7499.
 *
 * The fraction must lie in [0, 1]: proration takes part of something charged, never more than all of it,
 * so anything else is a caller's bug worth a RangeError.
 */
export function prorate(amount: number, numerator: number, denominator: number): number {
  assertSafeInteger(numerator, 'numerator');
  assertSafeInteger(denominator, 'denominator');
  if (denominator <= 0) throw new RangeError(`denominator must be positive, got ${denominator}`);
  if (numerator < 0 || numerator > denominator) {
    throw new RangeError(`numerator must be between 0 and ${denominator}, got ${numerator}`);
  }
  return mulDiv(amount, numerator, denominator);
}

/** A tax rate: an integer number of basis points (1900 = 19 %), or an exact rational (7.375 % = 59/800). */
export type TaxRate = number | Rational;

const BASIS_POINTS_PER_UNIT = 10_000n;

/** Turns a TaxRate into an exact, non-negative rational; RangeError for fractional or negative input. */
export function taxRateAsRational(rate: TaxRate): Rational {
  if (typeof rate === 'number') {
    assertSafeInteger(rate, 'tax rate (basis points)');
    if (rate < 0) throw new RangeError(`tax rate must not be negative, got ${rate}`);
    return { num: BigInt(rate), den: BASIS_POINTS_PER_UNIT };
  }
  const r = normalizeRational(rate);
  if (r.num < 0n) throw new RangeError('tax rate must not be negative');
  return r;
}

/**
 * The tax on `amount` at `rate`, rounded once half away from zero. A negative amount (a credit) gets the
 * exact negative of the tax its positive counterpart would get, so credit notes mirror invoices.
 */
export function taxOf(amount: number, rate: TaxRate): number {
  return mulRational(amount, taxRateAsRational(rate));
}

/**
 * Sums amounts exactly. Throws a RangeError on any unsafe input or a total beyond the safe range, which
 * plain `+` would silently round.
 */
export function sumAmounts(amounts: Iterable<number>): number {
  let total = 0n;
  for (const amount of amounts) {
    assertSafeInteger(amount, 'amount');
    total += BigInt(amount);
  }
  return toSafeNumber(total, 'total');
}

/**
 * Renders a minor-unit amount as a plain decimal string (`toDecimalString(7499, 2)` → `'74.99'`,
 * `toDecimalString(-5, 3)` → `'-0.005'`), for descriptions and logs. Locale formatting is the UI's job.
 */
export function toDecimalString(amount: number, minorUnits: number): string {
  assertSafeInteger(amount, 'amount');
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0 || minorUnits > 18) {
    throw new RangeError(`minorUnits must be an integer from 0 to 18, got ${String(minorUnits)}`);
  }
  const negative = amount < 0;
  const digits = String(Math.abs(amount));
  if (minorUnits === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(minorUnits + 1, '0');
  const whole = padded.slice(0, padded.length - minorUnits);
  const fraction = padded.slice(padded.length - minorUnits);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
