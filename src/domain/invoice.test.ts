import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditedLines, creditNoteTotals, documentKindOf, invoiceTotals, notYetInvoiced } from './invoice.ts';

describe('invoice totals', () => {
  it('rounds tax per line, half away from zero', () => {
    // 20 % of 2.5 cents = 0.5 → 1 each; a rate applied to the subtotal (5 → 1) would differ.
    const t = invoiceTotals([{ amount: 3 }, { amount: 3 }], 2000, 0);
    expect(t.lineTaxes).toEqual([1, 1]);
    expect(t).toMatchObject({ subtotal: 6, tax: 2, total: 8, amount_due: 8 });
    expect(invoiceTotals([{ amount: -3 }], 2000, 0).lineTaxes).toEqual([-1]);
  });

  it('turns a negative total into credit, and spends credit on the next invoice', () => {
    const credit = invoiceTotals([{ amount: -1633 }, { amount: 1000 }], 0, 0);
    expect(credit).toMatchObject({ total: -633, amount_due: 0, credit_applied: 0, credit_balance: 633 });
    const next = invoiceTotals([{ amount: 4900 }], 0, credit.credit_balance);
    expect(next).toMatchObject({ total: 4900, credit_applied: 633, amount_due: 4267, credit_balance: 0 });
    const small = invoiceTotals([{ amount: 100 }], 0, 633);
    expect(small).toMatchObject({ credit_applied: 100, amount_due: 0, credit_balance: 533 });
  });

  it('keeps total = subtotal + tax and amount_due + credit_applied = max(total, 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (amounts, rate, balance) => {
          const t = invoiceTotals(
            amounts.map((amount) => ({ amount })),
            rate,
            balance,
          );
          expect(t.total).toBe(t.subtotal + t.tax);
          expect(t.amount_due + t.credit_applied).toBe(Math.max(t.total, 0));
          expect(t.credit_balance).toBeGreaterThanOrEqual(0);
          expect(t.credit_balance - balance).toBe(t.total <= 0 ? 0 - t.total : 0 - t.credit_applied);
        },
      ),
    );
  });

  it('bills only what was not invoiced yet', () => {
    const lines = [{ line_key: 'a' }, { line_key: 'b' }];
    expect(notYetInvoiced(lines, new Set(['a']))).toEqual([{ line_key: 'b' }]);
    expect(notYetInvoiced(notYetInvoiced(lines, new Set()), new Set(['a', 'b']))).toEqual([]);
  });
});

describe('credit notes', () => {
  const line = (amount: number) => ({
    line_key: `k${amount}`,
    kind: 'proration' as const,
    description: 'x',
    subscription_id: null,
    period_start: null,
    period_end: null,
    quantity: 1,
    unit_amount: amount,
    amount,
  });

  it('take the lines that credit more than they charge, never those that charge', () => {
    expect(documentKindOf([line(-4950), line(2450)], 2000)).toBe('credit_note');
    expect(documentKindOf([line(-2450), line(4950)], 2000)).toBe('invoice');
    // Nothing owed either way is an invoice of zero (a free plan's change), not a credit note.
    expect(documentKindOf([line(-100), line(100)], 2000)).toBe('invoice');
  });

  it('credit exactly what the invoice arithmetic counts as negative, tax rounded per line once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amounts, rate) => {
          const lines = amounts.map(line);
          const owed = invoiceTotals(lines, rate, 0);
          const credited = creditedLines(lines, rate);
          const note = creditNoteTotals(credited, rate);
          expect(note.total).toBe(0 - owed.total);
          expect(note.tax).toBe(0 - owed.tax);
          expect(credited.map((l) => l.tax)).toEqual(owed.lineTaxes.map((t) => (t === 0 ? 0 : -t)));
          expect(documentKindOf(lines, rate) === 'credit_note').toBe(owed.total < 0);
        },
      ),
    );
  });
});
