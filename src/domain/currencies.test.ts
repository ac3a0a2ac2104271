import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, isCurrencyCode, minorUnitsOf } from './currencies.ts';

describe('currencies', () => {
  it('knows the minor units of the currencies the rules name', () => {
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('KRW')).toBe(0);
    expect(minorUnitsOf('EUR')).toBe(2);
    expect(minorUnitsOf('USD')).toBe(2);
    expect(minorUnitsOf('CHF')).toBe(2);
    expect(minorUnitsOf('BHD')).toBe(3);
    expect(minorUnitsOf('KWD')).toBe(3);
    expect(minorUnitsOf('TND')).toBe(3);
    expect(minorUnitsOf('CLF')).toBe(4);
    expect(minorUnitsOf('UYW')).toBe(4);
  });

  it('follows recent ISO 4217 changes', () => {
    expect(minorUnitsOf('XCG')).toBe(2);
    expect(minorUnitsOf('ZWG')).toBe(2);
    expect(minorUnitsOf('SLE')).toBe(2);
    for (const withdrawn of ['ANG', 'BGN', 'HRK', 'ZWL', 'SLL', 'LTL']) {
      expect(isCurrencyCode(withdrawn)).toBe(false);
    }
  });

  it('refuses codes without minor units, unknown codes and other spellings', () => {
    for (const code of ['XAU', 'XDR', 'XTS', 'XXX', 'eur', 'Eur', 'EURO', '', 'ABC']) {
      expect(isCurrencyCode(code)).toBe(false);
      expect(() => minorUnitsOf(code)).toThrow(RangeError);
    }
  });

  it('lists each code once, sorted, three capital letters', () => {
    expect(CURRENCY_CODES.length).toBe(165);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(isCurrencyCode(code)).toBe(true);
      expect([0, 2, 3, 4]).toContain(minorUnitsOf(code));
    }
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });
});
