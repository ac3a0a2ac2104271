import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteOf } from './quote.ts';

const pro = (amount: number, per_seat = true) => ({ amount, per_seat });

describe('quoteOf', () => {
  it('prices licences for a whole period, as the first invoice words its line', () => {
    const q = quoteOf({
      planName: 'Pro',
      billingPeriod: 'month',
      price: pro(1500),
      monthly: pro(1500),
      quantity: 7,
    });
    expect(q.lines).toEqual([
      {
        kind: 'subscription',
        description: '7 × Pro (monthly)',
        quantity: 7,
        unit_amount: 1500,
        amount: 10500,
      },
    ]);
    expect(q).toMatchObject({ quantity: 7, subtotal: 10500, per_month: 10500, saving: null });
  });

  it('gives a yearly price per month and its saving against twelve monthly payments', () => {
    const q = quoteOf({
      planName: 'Pro',
      billingPeriod: 'year',
      price: pro(15000),
      monthly: pro(1500),
      quantity: 7,
    });
    // 12 × 15.00 × 7 = 1,260.00 monthly; 150.00 × 7 = 1,050.00 yearly: 210.00 saved, 16.67 % → 17 %.
    expect(q).toMatchObject({ subtotal: 105000, per_month: 8750, saving: { amount: 21000, percent: 17 } });
  });

  it('bills a flat plan once whatever the licence count', () => {
    const q = quoteOf({
      planName: 'Team',
      billingPeriod: 'year',
      price: pro(49000, false),
      monthly: pro(4900, false),
      quantity: 9,
    });
    expect(q.lines[0]).toMatchObject({ description: 'Team (annual)', quantity: 1, amount: 49000 });
    expect(q.saving).toEqual({ amount: 9800, percent: 17 });
  });

  it('shows no saving when the yearly price saves nothing or there is no monthly price', () => {
    expect(
      quoteOf({ planName: 'P', billingPeriod: 'year', price: pro(1200), monthly: pro(100), quantity: 1 })
        .saving,
    ).toBeNull();
    expect(
      quoteOf({ planName: 'P', billingPeriod: 'year', price: pro(1000), monthly: null, quantity: 1 }).saving,
    ).toBeNull();
  });

  it('totals exactly in integers: quantity × unit, per month within half a unit of a twelfth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000 }), (unit, n) => {
        const q = quoteOf({
          planName: 'P',
          billingPeriod: 'year',
          price: pro(unit),
          monthly: null,
          quantity: n,
        });
        expect(q.subtotal).toBe(unit * n);
        expect(Math.abs(q.per_month * 12 - q.subtotal)).toBeLessThanOrEqual(6);
      }),
    );
  });
});
