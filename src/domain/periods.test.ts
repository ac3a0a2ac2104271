import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  anchorDateOf,
  type BillingInterval,
  daysBetween,
  monthlyWindowContaining,
  periodBounds,
  periodBoundsAt,
  periodContaining,
  periodDates,
  periodStartDate,
  startOfLocalDay,
} from './periods.ts';

const date = (s: string) => Temporal.PlainDate.from(s);
const instant = (s: string) => Temporal.Instant.from(s);
const dates = (ds: readonly Temporal.PlainDate[]) => ds.map((d) => d.toString());

/** Any date from 1900 to 2200: wide enough to cross leap-century rules (1900 and 2100 are not leap years). */
const anyDate = fc
  .integer({ min: 0, max: 300 * 366 })
  .map((offset) => date('1900-01-01').add({ days: offset }))
  .filter((d) => d.year <= 2200);
const anyInterval = fc.constantFrom<BillingInterval>('month', 'year');

describe('anchorDateOf', () => {
  it('is the local date of the purchase, whatever the time of day', () => {
    // 07:30 UTC is still the evening before in Los Angeles, already the morning in Paris.
    const at = instant('2024-03-10T07:30:00Z');
    expect(anchorDateOf(at, 'America/Los_Angeles').toString()).toBe('2024-03-09');
    expect(anchorDateOf(at, 'Europe/Paris').toString()).toBe('2024-03-10');
    expect(anchorDateOf(at, 'UTC').toString()).toBe('2024-03-10');
    expect(anchorDateOf(instant('2024-01-31T23:59:59.999Z'), 'Asia/Tokyo').toString()).toBe('2024-02-01');
  });

  it('refuses an unknown timezone', () => {
    expect(() => anchorDateOf(instant('2024-01-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('periodStartDate', () => {
  it('clamps month ends from the anchor, never from the previous period', () => {
    const starts = [0, 1, 2, 3, 4, 5].map((k) => periodStartDate(date('2025-01-31'), 'month', k));
    expect(dates(starts)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
    ]);
    expect(periodStartDate(date('2028-01-31'), 'month', 1).toString()).toBe('2028-02-29');
    expect(periodStartDate(date('2025-01-31'), 'month', 13).toString()).toBe('2026-02-28');
  });

  it('clamps Feb 29 yearly anchors to Feb 28, back to the 29th in leap years', () => {
    const starts = [0, 1, 2, 3, 4, 8].map((k) => periodStartDate(date('2028-02-29'), 'year', k));
    expect(dates(starts)).toEqual([
      '2028-02-29',
      '2029-02-28',
      '2030-02-28',
      '2031-02-28',
      '2032-02-29',
      '2036-02-29',
    ]);
    // 2100 is not a leap year.
    expect(periodStartDate(date('2096-02-29'), 'year', 4).toString()).toBe('2100-02-28');
  });

  it('counts back before the anchor with negative indices', () => {
    expect(periodStartDate(date('2025-03-31'), 'month', -1).toString()).toBe('2025-02-28');
    expect(periodStartDate(date('2025-03-31'), 'month', -2).toString()).toBe('2025-01-31');
    expect(periodStartDate(date('2028-02-29'), 'year', -1).toString()).toBe('2027-02-28');
  });

  it('refuses a non-integer index', () => {
    expect(() => periodStartDate(date('2025-01-01'), 'month', 1.5)).toThrow(RangeError);
    expect(() => periodStartDate(date('2025-01-01'), 'month', Number.NaN)).toThrow(RangeError);
  });
});

describe('month-end anchors over 24 months (through 2028-02-29)', () => {
  for (const anchorDay of [29, 30, 31]) {
    it(`anchor on the ${anchorDay}th: contiguous periods that return to the anchor day`, () => {
      const anchor = date(`2027-01-${anchorDay}`);
      const periods = Array.from({ length: 24 }, (_, k) => periodDates(anchor, 'month', k));
      for (const [k, period] of periods.entries()) {
        const next = periods[k + 1];
        if (next) expect(next.start.equals(period.end)).toBe(true);
        // Each period starts on the anchor day when the month has it, else on the month's last day.
        const month = anchor.toPlainYearMonth().add({ months: k });
        expect(period.start.year).toBe(month.year);
        expect(period.start.month).toBe(month.month);
        expect(period.start.day).toBe(Math.min(anchorDay, month.daysInMonth));
        expect(daysBetween(period.start, period.end)).toBeGreaterThanOrEqual(28);
        expect(daysBetween(period.start, period.end)).toBeLessThanOrEqual(31);
      }
      const feb2028 = periods[13]!;
      expect(feb2028.start.toString()).toBe('2028-02-29');
      expect(periods[14]!.start.toString()).toBe(`2028-03-${anchorDay}`);
      const feb2027 = periods[1]!;
      expect(feb2027.start.toString()).toBe('2027-02-28');
      expect(periods[2]!.start.day).toBe(anchorDay);
      // The periods tile the two years: their days add up to the span.
      const total = periods.reduce((sum, p) => sum + daysBetween(p.start, p.end), 0);
      expect(total).toBe(daysBetween(anchor, periods[23]!.end));
    });
  }

  it('counts the days of the periods around February for an anchor on the 29th', () => {
    const anchor = date('2027-01-29');
    const days = (k: number) => periodBounds(anchor, 'month', k, 'UTC').days;
    expect(days(0)).toBe(30); // 2027-01-29 → 2027-02-28
    expect(days(1)).toBe(29); // 2027-02-28 → 2027-03-29
    expect(days(12)).toBe(31); // 2028-01-29 → 2028-02-29
    expect(days(13)).toBe(29); // 2028-02-29 → 2028-03-29
  });
});

describe('periodContaining', () => {
  it('finds the period of a date, half-open', () => {
    const anchor = date('2025-01-31');
    const p = periodContaining(anchor, 'month', date('2025-03-30'));
    expect(p.index).toBe(1);
    expect(dates([p.start, p.end])).toEqual(['2025-02-28', '2025-03-31']);
    // The end date belongs to the next period.
    expect(periodContaining(anchor, 'month', date('2025-03-31')).index).toBe(2);
    expect(periodContaining(anchor, 'month', date('2025-01-31')).index).toBe(0);
    expect(periodContaining(anchor, 'month', date('2025-01-30')).index).toBe(-1);
  });

  it('handles yearly periods and leap-day anchors', () => {
    const anchor = date('2028-02-29');
    expect(periodContaining(anchor, 'year', date('2029-02-27')).index).toBe(0);
    expect(periodContaining(anchor, 'year', date('2029-02-28')).index).toBe(1);
    const p = periodContaining(anchor, 'year', date('2032-02-28'));
    expect(p.index).toBe(3);
    expect(dates([p.start, p.end])).toEqual(['2031-02-28', '2032-02-29']);
  });

  it('works for dates centuries from the anchor', () => {
    const p = periodContaining(date('2024-01-31'), 'month', date('9999-12-30'));
    expect(p.index).toBe((9999 - 2024) * 12 + 10);
    expect(dates([p.start, p.end])).toEqual(['9999-11-30', '9999-12-31']);
    expect(periodContaining(date('2024-05-15'), 'year', date('1066-10-14')).index).toBe(1066 - 2024);
    expect(periodContaining(date('2024-05-15'), 'year', date('1066-05-14')).index).toBe(1066 - 2024 - 1);
  });

  it('agrees with the definition: start ≤ date < end, start = periodStartDate(index) (property)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyInterval, (anchor, d, interval) => {
        const p = periodContaining(anchor, interval, d);
        expect(Temporal.PlainDate.compare(p.start, d)).toBeLessThanOrEqual(0);
        expect(Temporal.PlainDate.compare(d, p.end)).toBeLessThan(0);
        expect(p.start.equals(periodStartDate(anchor, interval, p.index))).toBe(true);
        expect(p.end.equals(periodStartDate(anchor, interval, p.index + 1))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches a walk period by period from the anchor (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 800 }), (anchor, offset) => {
        const d = anchor.add({ days: offset });
        let k = 0;
        while (Temporal.PlainDate.compare(periodStartDate(anchor, 'month', k + 1), d) <= 0) k += 1;
        expect(periodContaining(anchor, 'month', d).index).toBe(k);
      }),
      { numRuns: 300 },
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days, signed', () => {
    expect(daysBetween(date('2024-01-01'), date('2024-01-31'))).toBe(30);
    expect(daysBetween(date('2024-01-31'), date('2024-01-01'))).toBe(-30);
    expect(daysBetween(date('2024-02-01'), date('2024-03-01'))).toBe(29);
    expect(daysBetween(date('2024-01-01'), date('2025-01-01'))).toBe(366);
    expect(daysBetween(date('2024-03-01'), date('2024-03-01'))).toBe(0);
  });
});

describe('periodBounds across DST', () => {
  const cases = [
    // [zone, anchor, a period index whose span contains a DST change]
    ['America/Los_Angeles', '2024-02-15', 0], // spring forward 2024-03-10
    ['America/Los_Angeles', '2024-02-15', 8], // fall back 2024-11-03
    ['Europe/Paris', '2024-03-20', 0], // spring forward 2024-03-31
    ['Europe/Paris', '2024-03-20', 7], // fall back 2024-10-27
  ] as const;

  for (const [zone, anchor, index] of cases) {
    it(`${zone}, anchor ${anchor}, period ${index}: same dates and days as UTC, local midnights`, () => {
      const local = periodBounds(date(anchor), 'month', index, zone);
      const utc = periodBounds(date(anchor), 'month', index, 'UTC');
      expect(local.startDate.equals(utc.startDate)).toBe(true);
      expect(local.endDate.equals(utc.endDate)).toBe(true);
      expect(local.days).toBe(utc.days);
      for (const [at, day] of [
        [local.start, local.startDate],
        [local.end, local.endDate],
      ] as const) {
        const zoned = at.toZonedDateTimeISO(zone);
        expect(zoned.toPlainDate().equals(day)).toBe(true);
        expect(zoned.toPlainTime().equals(Temporal.PlainTime.from('00:00'))).toBe(true);
      }
      // The offset moved inside the period, so its length in hours is not days × 24.
      const hours = local.start.until(local.end, { largestUnit: 'hour' }).hours;
      expect(Math.abs(hours - local.days * 24)).toBe(1);
    });
  }

  it('gives exact instants for Los Angeles around spring forward', () => {
    const p = periodBounds(date('2024-02-15'), 'month', 0, 'America/Los_Angeles');
    expect(p.start.toString()).toBe('2024-02-15T08:00:00Z'); // PST, UTC−8
    expect(p.end.toString()).toBe('2024-03-15T07:00:00Z'); // PDT, UTC−7
    expect(p.days).toBe(29);
    expect(p.index).toBe(0);
  });

  it('starts a day whose midnight DST skips at its first existing instant (America/Santiago)', () => {
    // Chile springs forward at midnight: 2024-09-08 begins at 01:00 local.
    expect(startOfLocalDay(date('2024-09-08'), 'America/Santiago').toString()).toBe('2024-09-08T04:00:00Z');
    const p = periodBounds(date('2024-08-08'), 'month', 0, 'America/Santiago');
    expect(p.end.toZonedDateTimeISO('America/Santiago').toPlainDate().toString()).toBe('2024-09-08');
    expect(p.days).toBe(31);
  });

  it('maps every instant of a period back to it (property)', () => {
    const zones = fc.constantFrom(
      'America/Los_Angeles',
      'Europe/Paris',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
    );
    fc.assert(
      fc.property(
        anyDate,
        anyInterval,
        fc.integer({ min: -5, max: 40 }),
        zones,
        (anchor, interval, k, zone) => {
          const p = periodBounds(anchor, interval, k, zone);
          expect(periodBoundsAt(anchor, interval, p.start, zone).index).toBe(k);
          expect(periodBoundsAt(anchor, interval, p.end.subtract({ nanoseconds: 1 }), zone).index).toBe(k);
          expect(periodBoundsAt(anchor, interval, p.end, zone).index).toBe(k + 1);
          expect(p.days).toBe(periodBounds(anchor, interval, k, 'UTC').days);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('periodBoundsAt', () => {
  it('is the period of the local date of an instant', () => {
    // 2024-04-15T06:00Z is still 14 April in Los Angeles.
    const p = periodBoundsAt(
      date('2024-01-15'),
      'month',
      instant('2024-04-15T06:00:00Z'),
      'America/Los_Angeles',
    );
    expect(dates([p.startDate, p.endDate])).toEqual(['2024-03-15', '2024-04-15']);
    expect(p.index).toBe(2);
  });
});

describe('monthlyWindowContaining', () => {
  it('is a monthly window from the same anchor', () => {
    const w = monthlyWindowContaining(date('2028-01-31'), date('2028-03-15'));
    expect(w.index).toBe(1);
    expect(dates([w.start, w.end])).toEqual(['2028-02-29', '2028-03-31']);
  });

  it('tiles each annual period with exactly twelve windows (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -3, max: 30 }), (anchor, year) => {
        const annual = periodDates(anchor, 'year', year);
        let window = monthlyWindowContaining(anchor, annual.start);
        expect(window.start.equals(annual.start)).toBe(true);
        for (let i = 1; i < 12; i += 1) {
          window = monthlyWindowContaining(anchor, window.end);
          expect(Temporal.PlainDate.compare(window.end, annual.end)).toBeLessThanOrEqual(0);
        }
        expect(window.end.equals(annual.end)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
