import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { sumAmounts } from './money.ts';
import { periodBounds } from './periods.ts';
import {
  type ChargedLine,
  fullPeriodCredit,
  type PricedItem,
  prorationDays,
  prorationLines,
} from './proration.ts';

const date = (s: string) => Temporal.PlainDate.from(s);

// A 30-day month.
const april = { periodStart: date('2024-04-01'), periodEnd: date('2024-05-01') };

const premium: PricedItem = { amount: 4900, quantity: 1, label: 'Premium' };
const professional: PricedItem = { amount: 9900, quantity: 1, label: 'Professional' };

describe('the seed: 20 days of Premium, then Professional, in a 30-day month', () => {
  it('credits 10/30 Premium and charges 10/30 Professional, with the arithmetic in the descriptions', () => {
    const [credit, charge] = prorationLines({
      ...april,
      changeDate: date('2024-04-21'),
      old: premium,
      next: professional,
    });
    expect(credit).toEqual({
      kind: 'proration',
      description: 'Unused time on Premium, 10 of 30 days',
      quantity: 1,
      unit_amount: -4900,
      amount: -1633, // 49.00 × 10/30 = 16.333…
      period_start: date('2024-04-21'),
      period_end: date('2024-05-01'),
    });
    expect(charge).toEqual({
      kind: 'proration',
      description: 'Remaining time on Professional, 10 of 30 days',
      quantity: 1,
      unit_amount: 9900,
      amount: 3300, // 99.00 × 10/30
      period_start: date('2024-04-21'),
      period_end: date('2024-05-01'),
    });
  });

  it('makes the month cost exactly 20/30 Premium + 10/30 Professional', () => {
    // The period as the billing engine computes it for an account anchored on 1 April in Paris.
    const period = periodBounds(date('2024-04-01'), 'month', 0, 'Europe/Paris');
    expect(period.days).toBe(30);
    // [Premium, Professional, 20/30 Premium rounded + 10/30 Professional rounded]
    for (const [old, next, expected] of [
      [premium, professional, 3267 + 3300], // 3266.67 + 3300
      [
        { amount: 24_995, quantity: 1, label: 'Premium' },
        { amount: 49_995, quantity: 1, label: 'Professional' },
        16_663 + 16_665, // 16663.33 + 16665
      ],
    ] as const) {
      const lines = prorationLines({
        periodStart: period.startDate,
        periodEnd: period.endDate,
        changeDate: period.startDate.add({ days: 20 }),
        old,
        next,
      });
      // The full month of Premium charged at the period's start, then the change's two lines.
      expect(sumAmounts([old.amount, ...lines.map((l) => l.amount)])).toBe(expected);
    }
  });
});

describe('prorationLines', () => {
  it('rounds the half-cent tie away from zero on both sides: 9/30 × 249.95 = 74.985', () => {
    const plan = { amount: 24_995, quantity: 1, label: 'Premium' };
    const [credit, charge] = prorationLines({
      ...april,
      changeDate: date('2024-04-22'),
      old: plan,
      next: plan,
    });
    expect(credit.description).toBe('Unused time on Premium, 9 of 30 days');
    expect(credit.amount).toBe(-7499);
    expect(charge.amount).toBe(7499);
  });

  it('bills a seat increase (5 → 8 on day 10 of 30) as credit of 5 and charge of 8, netting +3 × 20/30', () => {
    const seat = { amount: 1500, label: 'Seat' };
    const lines = prorationLines({
      ...april,
      changeDate: date('2024-04-11'),
      old: { ...seat, quantity: 5 },
      next: { ...seat, quantity: 8 },
    });
    expect(lines.map((l) => [l.description, l.quantity, l.unit_amount, l.amount])).toEqual([
      ['Unused time on 5 × Seat, 20 of 30 days', 5, -1500, -5000],
      ['Remaining time on 8 × Seat, 20 of 30 days', 8, 1500, 8000],
    ]);
    expect(sumAmounts(lines.map((l) => l.amount))).toBe(3000); // 3 × 15.00 × 20/30
  });

  it('nets a quantity change to its delta within one minor unit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 29 }),
        (price, from, to, elapsed) => {
          const lines = prorationLines({
            ...april,
            changeDate: april.periodStart.add({ days: elapsed }),
            old: { amount: price, quantity: from, label: 'Seat' },
            next: { amount: price, quantity: to, label: 'Seat' },
          });
          const total = BigInt(sumAmounts(lines.map((l) => l.amount)));
          const exactTimes30 = BigInt(to - from) * BigInt(price) * BigInt(30 - elapsed);
          const diff = total * 30n - exactTimes30;
          expect(diff <= 30n && diff >= -30n).toBe(true);
        },
      ),
    );
  });

  it('credits and charges the whole period for a change on its first day', () => {
    const [credit, charge] = prorationLines({
      ...april,
      changeDate: april.periodStart,
      old: premium,
      next: professional,
    });
    expect(credit.amount).toBe(-4900);
    expect(charge.amount).toBe(9900);
    expect(charge.description).toBe('Remaining time on Professional, 30 of 30 days');
  });

  it('makes a downgrade a negative total', () => {
    const lines = prorationLines({
      ...april,
      changeDate: date('2024-04-16'),
      old: professional,
      next: premium,
    });
    expect(sumAmounts(lines.map((l) => l.amount))).toBe(-2500); // (49 − 99) × 15/30
  });

  it('writes zero, never negative zero, for a free plan', () => {
    const free = { amount: 0, quantity: 1, label: 'Free' };
    const [credit] = prorationLines({ ...april, changeDate: date('2024-04-16'), old: free, next: premium });
    expect(Object.is(credit.amount, 0)).toBe(true);
    expect(Object.is(credit.unit_amount, 0)).toBe(true);
  });

  it('refuses a change outside [start, end) and bad items', () => {
    const base = { ...april, old: premium, next: professional };
    expect(() => prorationLines({ ...base, changeDate: date('2024-05-01') })).toThrow(RangeError);
    expect(() => prorationLines({ ...base, changeDate: date('2024-03-31') })).toThrow(RangeError);
    expect(() =>
      prorationLines({ ...base, periodEnd: april.periodStart, changeDate: april.periodStart }),
    ).toThrow(RangeError);
    const at = { ...base, changeDate: date('2024-04-10') };
    expect(() => prorationLines({ ...at, next: { ...professional, amount: -1 } })).toThrow(RangeError);
    expect(() => prorationLines({ ...at, next: { ...professional, amount: 99.5 } })).toThrow(RangeError);
    expect(() => prorationLines({ ...at, next: { ...professional, quantity: 1.5 } })).toThrow(RangeError);
    expect(() => prorationLines({ ...at, next: { ...professional, quantity: -1 } })).toThrow(RangeError);
    expect(() => prorationLines({ ...at, next: { ...professional, label: ' ' } })).toThrow(RangeError);
  });
});

describe('prorationDays', () => {
  it('counts the change day as the new state', () => {
    expect(prorationDays(april.periodStart, april.periodEnd, date('2024-04-21'))).toEqual({
      elapsedDays: 20,
      remainingDays: 10,
      periodDays: 30,
    });
    expect(prorationDays(date('2024-02-01'), date('2024-03-01'), date('2024-02-29')).remainingDays).toBe(1);
  });
});

describe('proration over any sequence of changes in a period (properties)', () => {
  const item = fc.record({
    amount: fc.integer({ min: 0, max: 100_000_000 }),
    quantity: fc.integer({ min: 0, max: 1000 }),
    label: fc.constantFrom('Standard', 'Premium', 'Enterprise'),
  });
  const scenario = fc
    .record({
      anchor: fc.integer({ min: 0, max: 3650 }).map((d) => date('2024-01-01').add({ days: d })),
      interval: fc.constantFrom('month' as const, 'year' as const),
      initial: item,
      changes: fc.array(fc.record({ day: fc.nat(), next: item }), { maxLength: 8 }),
    })
    .map(({ anchor, interval, initial, changes }) => {
      const period = periodBounds(anchor, interval, 0, 'Europe/Paris');
      const sorted = changes.map((c) => ({ ...c, day: c.day % period.days })).sort((a, b) => a.day - b.day);
      return { period, initial, changes: sorted };
    });

  it('sums to Σ price × days used / N within one minor unit per line', () => {
    fc.assert(
      fc.property(scenario, ({ period, initial, changes }) => {
        const n = period.days;
        // The period was charged in full at its start; each change then adds its two lines.
        const amounts = [initial.amount * initial.quantity];
        let current = initial;
        let from = 0;
        let exactTimesN = 0n; // Σ quantity × amount × days, i.e. the exact total × N
        for (const change of changes) {
          const lines = prorationLines({
            periodStart: period.startDate,
            periodEnd: period.endDate,
            changeDate: period.startDate.add({ days: change.day }),
            old: current,
            next: change.next,
          });
          amounts.push(...lines.map((l) => l.amount));
          exactTimesN += BigInt(current.quantity) * BigInt(current.amount) * BigInt(change.day - from);
          current = change.next;
          from = change.day;
        }
        exactTimesN += BigInt(current.quantity) * BigInt(current.amount) * BigInt(n - from);
        const total = BigInt(sumAmounts(amounts));
        const roundedLines = BigInt(amounts.length - 1);
        const diff = total * BigInt(n) - exactTimesN;
        // Each rounded line is off by at most half a unit.
        expect(2n * (diff < 0n ? -diff : diff) <= roundedLines * BigInt(n)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('nets a change and its reversal on the same day to zero', () => {
    fc.assert(
      fc.property(scenario, item, item, fc.nat(), ({ period }, a, b, day) => {
        const at = {
          periodStart: period.startDate,
          periodEnd: period.endDate,
          changeDate: period.startDate.add({ days: day % period.days }),
        };
        const there = prorationLines({ ...at, old: a, next: b });
        const back = prorationLines({ ...at, old: b, next: a });
        expect(sumAmounts([...there, ...back].map((l) => l.amount))).toBe(0);
        // Each line of the reversal mirrors one of the change.
        expect(back[0].amount).toBe(-there[1].amount || 0);
        expect(back[1].amount).toBe(-there[0].amount || 0);
      }),
    );
  });

  it('rounds each line half away from zero, so a credit mirrors the same charge', () => {
    fc.assert(
      fc.property(scenario, item, fc.nat(), ({ period }, a, day) => {
        const [credit, charge] = prorationLines({
          periodStart: period.startDate,
          periodEnd: period.endDate,
          changeDate: period.startDate.add({ days: day % period.days }),
          old: a,
          next: a,
        });
        expect(credit.amount).toBe(-charge.amount || 0);
        // Twice the line's error against the exact value is at most one unit; a tie goes up in magnitude.
        const remaining = BigInt(period.days - (day % period.days));
        const exactTimesN = BigInt(a.quantity) * BigInt(a.amount) * remaining;
        const error = BigInt(charge.amount) * BigInt(period.days) - exactTimesN;
        expect(2n * error <= BigInt(period.days) && 2n * error > -BigInt(period.days)).toBe(true);
      }),
    );
  });
});

describe('fullPeriodCredit', () => {
  const charged: ChargedLine[] = [
    { description: 'Premium (1 Apr – 1 May 2024)', quantity: 1, unit_amount: 4900, amount: 4900 },
    { description: 'Unused time on Premium, 10 of 30 days', quantity: 1, unit_amount: -4900, amount: -1633 },
    {
      description: 'Remaining time on Professional, 10 of 30 days',
      quantity: 1,
      unit_amount: 9900,
      amount: 3300,
    },
    { description: 'Onboarding pack', quantity: 2, unit_amount: 0, amount: 0 },
  ];

  it('credits every charged line exactly, so the period nets to zero', () => {
    const credits = fullPeriodCredit({ ...april, charged });
    expect(credits).toHaveLength(4);
    expect(credits[0]).toEqual({
      kind: 'credit',
      description: 'Credit for Premium (1 Apr – 1 May 2024) (cancelled within the cancellation window)',
      quantity: 1,
      unit_amount: -4900,
      amount: -4900,
      period_start: april.periodStart,
      period_end: april.periodEnd,
    });
    expect(credits[1]!.amount).toBe(1633);
    expect(Object.is(credits[3]!.amount, 0)).toBe(true);
    expect(sumAmounts([...charged, ...credits].map((l) => l.amount))).toBe(0);
  });

  it('refuses an empty period and unsafe amounts', () => {
    expect(() =>
      fullPeriodCredit({ periodStart: april.periodEnd, periodEnd: april.periodStart, charged }),
    ).toThrow(RangeError);
    expect(() =>
      fullPeriodCredit({
        ...april,
        charged: [{ description: 'x', quantity: 1, unit_amount: 1, amount: 0.5 }],
      }),
    ).toThrow(RangeError);
  });
});
