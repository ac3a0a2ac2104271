import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quietStretch, thresholdsCrossed } from './entitlements.ts';

const grantArb = fc.record({
  limit: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  warn_at: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 4 }),
  overage: fc.constantFrom('block' as const, 'bill' as const, 'allow' as const),
});

describe('quietStretch', () => {
  it('holds no threshold and no limit: any consume inside it announces nothing and fits', () => {
    fc.assert(
      fc.property(
        grantArb,
        fc.integer({ min: 0, max: 12_000 }),
        fc.nat(200),
        fc.nat(200),
        (grant, used, a, b) => {
          const { lo, hi } = quietStretch(grant, used);
          if (lo >= hi) return;
          expect(used).toBeGreaterThanOrEqual(lo);
          expect(used).toBeLessThan(hi);
          // Any before ≥ lo and after < hi: nothing crossed, the limit not reached.
          const before = Math.min(lo + a, hi - 1);
          const after = Math.min(before + b, hi - 1);
          expect(thresholdsCrossed(grant, before, after)).toEqual([]);
          if (grant.limit !== null && before < grant.limit) expect(after).toBeLessThan(grant.limit);
          if (grant.overage === 'block' && grant.limit !== null)
            expect(after).toBeLessThanOrEqual(grant.limit);
        },
      ),
    );
  });

  it('is as wide as the thresholds allow', () => {
    const g = { limit: 100, warn_at: [80, 100], overage: 'block' as const };
    expect(quietStretch(g, 0)).toEqual({ lo: 0, hi: 80 });
    expect(quietStretch(g, 80)).toEqual({ lo: 80, hi: 100 });
    expect(quietStretch(g, 100)).toEqual({ lo: 100, hi: 100 });
    expect(quietStretch({ ...g, overage: 'bill' }, 130)).toEqual({ lo: 100, hi: Number.MAX_SAFE_INTEGER });
    expect(quietStretch({ limit: null, warn_at: [80], overage: 'allow' }, 5)).toEqual({
      lo: 0,
      hi: Number.MAX_SAFE_INTEGER,
    });
    // 33% of 10 is 3.3: the warning falls due at 4.
    expect(quietStretch({ limit: 10, warn_at: [33], overage: 'block' }, 1)).toEqual({ lo: 0, hi: 4 });
  });
});
