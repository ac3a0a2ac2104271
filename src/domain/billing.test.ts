import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { FeatureKind } from '../catalog/model.ts';
import { type InvoicedLine, linesOwed, type OwedLine, type PeriodUsage } from './billing.ts';
import { seatAccountOf } from './billing-lines.ts';
import { renderLineText } from './line-text.ts';
import { sumAmounts } from './money.ts';
import type { Phase, PhaseAddon, PhasePlan } from './timeline.ts';

const KINDS: ReadonlyMap<string, FeatureKind> = new Map([
  ['tickets', 'quota'],
  ['sales-users', 'seat'],
]);

const plan = (key: string, amount: number, extra: Partial<PhasePlan> = {}): PhasePlan => ({
  id: `plan_${key}`,
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  version: 1,
  amount,
  perSeat: false,
  consumptionUnitAmount: null,
  entitlements: [],
  ...extra,
});

const PREMIUM = plan('premium', 4900);
const PROFESSIONAL = plan('professional', 9900);
const GOLD = plan('gold', 24995, { perSeat: true });

const instant = (s: string) => Temporal.Instant.from(s);

function phase(seq: number, action: Phase['action'], at: string, over: Partial<Phase> = {}): Phase {
  return {
    seq,
    action,
    effectiveAt: instant(at),
    status: 'active',
    anchor: Temporal.PlainDate.from(at.slice(0, 10)),
    billingPeriod: 'month',
    timeZone: 'UTC',
    currency: 'EUR',
    plan: PREMIUM,
    quantity: 1,
    addons: [],
    shares: null,
    ...over,
  };
}

/** The lines owed; each line's text, rendered in English, says exactly what its description says. */
const owed = (phases: Phase[], at: string, extra: Partial<Parameters<typeof linesOwed>[0]> = {}) => {
  const lines = linesOwed({ subscriptionId: 'sub_1', phases, kinds: KINDS, at: instant(at), ...extra });
  for (const l of lines) expect(l.text && renderLineText(l.text, 'en'), l.line_key).toBe(l.description);
  return lines;
};

const invoicedFrom = (lines: readonly OwedLine[], status: InvoicedLine['status'] = 'paid') =>
  new Map<string, InvoicedLine>(
    lines.map((l) => [l.line_key, { kind: l.kind, quantity: l.quantity, amount: l.amount, tax: 0, status }]),
  );

const brief = (lines: readonly OwedLine[]) => lines.map((l) => [l.description, l.amount]);

describe('the seeds', () => {
  it('bills Premium → Professional after 20 days of a 30-day month as 20/30 + 10/30', () => {
    const created = phase(0, 'created', '2026-04-01T07:30:00Z', { timeZone: 'Europe/Paris' });
    const start = owed([created], '2026-04-01T07:30:00Z');
    expect(brief(start)).toEqual([['Premium (monthly)', 4900]]);
    const changed = phase(1, 'changed', '2026-04-21T08:00:00Z', {
      ...created,
      seq: 1,
      action: 'changed',
      effectiveAt: instant('2026-04-21T08:00:00Z'),
      plan: PROFESSIONAL,
    });
    const change = owed([created, changed], '2026-04-21T08:00:00Z', { invoiced: invoicedFrom(start) });
    expect(brief(change)).toEqual([
      ['Unused time on Premium, 10 of 30 days', -1633],
      ['Remaining time on Professional, 10 of 30 days', 3300],
    ]);
    expect(change.map((l) => l.proration)).toEqual([
      { days: 10, period_days: 30 },
      { days: 10, period_days: 30 },
    ]);
    // The month: 49.00 − 16.33 + 33.00 = 20/30 × 49.00 + 10/30 × 99.00 within a cent per line.
    const month = sumAmounts([...start, ...change].map((l) => l.amount));
    expect(Math.abs(month * 30 - (4900 * 20 + 9900 * 10))).toBeLessThanOrEqual(3 * 30);
  });

  it('bills a seat added with 9 of 30 days left as one line rounded once: 9/30 × 249.95 = 74.985 → 74.99', () => {
    const created = phase(0, 'created', '2026-09-01T10:00:00Z', { plan: GOLD });
    const more = {
      ...created,
      seq: 1,
      action: 'changed' as const,
      effectiveAt: instant('2026-09-22T10:00:00Z'),
      quantity: 2,
    };
    const lines = owed([created, more], '2026-09-22T10:00:00Z', { from: more.effectiveAt });
    expect(lines).toMatchObject([
      {
        description: '+1 × Gold, 9 of 30 days',
        quantity: 1,
        unit_amount: 24995,
        amount: 7499,
        kind: 'proration',
      },
    ]);
  });

  it('rounds 15 of 31 days of one more seat at 249.95 to 120.94, not 120.95', () => {
    const created = phase(0, 'created', '2026-07-01T10:00:00Z', { plan: GOLD });
    const more = {
      ...created,
      seq: 1,
      action: 'changed' as const,
      effectiveAt: instant('2026-07-17T10:00:00Z'),
      quantity: 2,
    };
    expect(brief(owed([created, more], '2026-07-17T10:00:00Z', { from: more.effectiveAt }))).toEqual([
      ['+1 × Gold, 15 of 31 days', 12094],
    ]);
  });

  it('credits seats removed as one negative line', () => {
    const created = phase(0, 'created', '2026-06-01T10:00:00Z', { plan: GOLD, quantity: 8 });
    const fewer = {
      ...created,
      seq: 1,
      action: 'changed' as const,
      effectiveAt: instant('2026-06-11T10:00:00Z'),
      quantity: 5,
    };
    expect(owed([created, fewer], '2026-06-11T10:00:00Z', { from: fewer.effectiveAt })).toMatchObject([
      { description: '−3 × Gold, 20 of 30 days', quantity: 3, unit_amount: -24995, amount: -49990 },
    ]);
  });

  it("bills a reseller's customer on its sites' seats from the first invoice, and a site's raise prorated", () => {
    const uc = plan('uc', 600, { name: 'UC', perSeat: true });
    const shares = [
      { account: 'acct_lyon', label: 'Lyon', seats: 5 },
      { account: 'acct_paris', label: 'Paris', seats: 3 },
    ];
    const created = phase(0, 'created', '2026-03-01T09:00:00Z', { plan: uc, quantity: 8, shares });
    const first = owed([created], '2026-03-01T09:00:00Z');
    expect(brief(first)).toEqual([
      ['Lyon: 5 × UC (monthly)', 3000],
      ['Paris: 3 × UC (monthly)', 1800],
    ]);
    expect(sumAmounts(first.map((l) => l.amount))).toBe(4800);
    // Each line says whose seats it bills: the partner's invoices can be read per site.
    expect(first.map((l) => seatAccountOf(l.line_key))).toEqual(['acct_lyon', 'acct_paris']);
    const raised = {
      ...created,
      seq: 1,
      action: 'allocation' as const,
      effectiveAt: instant('2026-03-11T10:00:00Z'),
      quantity: 9,
      shares: [{ ...shares[0]!, seats: 6 }, shares[1]!],
    };
    const raise = owed([created, raised], '2026-03-11T10:00:00Z', { from: raised.effectiveAt });
    expect(brief(raise)).toEqual([['Lyon: +1 × UC, 21 of 31 days', 406]]);
    expect(raise.map((l) => seatAccountOf(l.line_key))).toEqual(['acct_lyon']);
    expect(seatAccountOf(`${created.plan.id}:2026-03-01:plan`)).toBeNull();
  });

  it('credits a pack that ends with a plan change for its unused days', () => {
    const pack: PhaseAddon = {
      id: 'addon_crm',
      key: 'crm-users',
      name: 'CRM users',
      version: 1,
      quantity: 2,
      recurringAmount: 800,
      onceAmount: null,
      grants: [],
    };
    const created = phase(0, 'created', '2026-04-01T10:00:00Z', { addons: [pack] });
    const changed = {
      ...created,
      seq: 1,
      action: 'changed' as const,
      effectiveAt: instant('2026-04-16T10:00:00Z'),
      plan: PROFESSIONAL,
      addons: [],
    };
    expect(brief(owed([created, changed], '2026-04-16T10:00:00Z', { from: changed.effectiveAt }))).toEqual([
      ['Unused time on Premium, 15 of 30 days', -2450],
      ['Remaining time on Professional, 15 of 30 days', 4950],
      ['−2 × CRM users, 15 of 30 days', -800],
    ]);
  });

  it('charges a one-off pack once, when bought', () => {
    const training: PhaseAddon = {
      id: 'addon_training',
      key: 'training',
      name: 'Onboarding training',
      version: 1,
      quantity: 1,
      recurringAmount: null,
      onceAmount: 30000,
      grants: [],
    };
    const created = phase(0, 'created', '2026-04-01T10:00:00Z', { addons: [training] });
    const all = owed([created], '2026-07-01T10:00:00Z');
    expect(all.filter((l) => l.description.includes('one-off'))).toHaveLength(1);
    expect(all.map((l) => l.period_start)).toEqual([
      '2026-04-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
    ]);
  });
});

describe('periods, trials and ends', () => {
  it('renews from the anchor, never stepping: Jan 31 → Feb 28 → Mar 31 → Apr 30', () => {
    const lines = owed([phase(0, 'created', '2026-01-31T10:00:00Z')], '2026-04-30T00:00:00Z');
    expect(lines.map((l) => [l.period_start, l.period_end])).toEqual([
      ['2026-01-31', '2026-02-28'],
      ['2026-02-28', '2026-03-31'],
      ['2026-03-31', '2026-04-30'],
      ['2026-04-30', '2026-05-31'],
    ]);
  });

  it('bills nothing while trialing, and the first period from the activation day', () => {
    const trial = phase(0, 'created', '2026-05-04T09:00:00Z', { status: 'trialing' });
    expect(owed([trial], '2026-05-10T00:00:00Z')).toEqual([]);
    const active = phase(1, 'activated', '2026-05-09T15:00:00Z');
    const lines = owed([trial, active], '2026-06-09T00:00:00Z');
    expect(lines.map((l) => [l.period_start, l.period_end, l.owed_at.toString()])).toEqual([
      ['2026-05-09', '2026-06-09', '2026-05-09T15:00:00Z'],
      ['2026-06-09', '2026-07-09', '2026-06-09T00:00:00Z'],
    ]);
  });

  it('switches billing period at a renewal: the new schedule starts there', () => {
    const created = phase(0, 'created', '2026-02-10T10:00:00Z');
    const yearly = phase(1, 'billing_period', '2026-03-10T00:00:00Z', {
      billingPeriod: 'year',
      plan: { ...PREMIUM, amount: 49000 },
    });
    expect(brief(owed([created, yearly], '2027-03-09T00:00:00Z'))).toEqual([
      ['Premium (monthly)', 4900],
      ['Premium (annual)', 49000],
    ]);
  });

  it('bills no period after the end, and the last period’s consumption at the end', () => {
    const billed = plan('erp', 3000, {
      consumptionUnitAmount: 1500,
      entitlements: [
        {
          feature: 'sales-users',
          limit: 1,
          enabled: true,
          reset: 'never',
          overage: 'bill',
          overage_unit_amount: null,
          warn_at: [],
        },
        {
          feature: 'tickets',
          limit: 100,
          enabled: true,
          reset: 'period',
          overage: 'bill',
          overage_unit_amount: 10,
          warn_at: [],
        },
      ],
    });
    const created = phase(0, 'created', '2026-03-01T08:00:00Z', { plan: billed });
    const ended = {
      ...created,
      seq: 1,
      action: 'ended' as const,
      status: 'canceled' as const,
      effectiveAt: instant('2026-04-01T00:00:00Z'),
    };
    const usage = new Map<string, PeriodUsage>([
      ['2026-03-01', { quotas: new Map([['tickets', [130]]]), seatPeaks: new Map([['sales-users', 4]]) }],
    ]);
    const lines = owed([created, ended], '2026-06-01T00:00:00Z', { usage, from: ended.effectiveAt });
    expect(lines).toMatchObject([
      {
        kind: 'consumption',
        description: 'sales-users: at most 4 users in the period, 1 included (plan and packs), 3 extra',
        amount: 4500,
      },
      { kind: 'consumption', description: 'tickets: 130 used, 100 included, 30 billed', amount: 300 },
    ]);
    expect(lines.every((l) => l.owed_at.equals(ended.effectiveAt))).toBe(true);
    // Usage counted after the end (a consume that was in flight) is billed as a top-up, once.
    const later = new Map<string, PeriodUsage>([
      ['2026-03-01', { quotas: new Map([['tickets', [135]]]), seatPeaks: new Map([['sales-users', 4]]) }],
    ]);
    const top = owed([created, ended], '2026-06-01T00:00:00Z', {
      usage: later,
      invoiced: invoicedFrom(lines),
      from: ended.effectiveAt,
    });
    expect(top).toMatchObject([
      { line_key: 'sub_1:2026-03-01:overage:tickets:to-35', quantity: 5, amount: 50 },
    ]);
    expect(
      owed([created, ended], '2026-06-01T00:00:00Z', {
        usage: later,
        invoiced: new Map([...invoicedFrom(lines), ...invoicedFrom(top)]),
        from: ended.effectiveAt,
      }),
    ).toEqual([]);
  });

  it('credits in full what the period charged on a cancellation, except what was voided', () => {
    const support: PhaseAddon = {
      id: 'addon_support',
      key: 'support',
      name: 'Support pack',
      version: 1,
      quantity: 1,
      recurringAmount: 1500,
      onceAmount: null,
      grants: [],
    };
    const created = phase(0, 'created', '2026-03-10T12:00:00Z', { addons: [support] });
    const first = owed([created], '2026-03-10T12:00:00Z');
    const canceled = {
      ...created,
      seq: 1,
      action: 'canceled' as const,
      status: 'canceled' as const,
      effectiveAt: instant('2026-03-13T11:59:00Z'),
    };
    const paid = owed([created, canceled], '2026-03-13T11:59:00Z', { invoiced: invoicedFrom(first) });
    expect(brief(paid)).toEqual([
      ['Credit: Premium (monthly) (cancelled within the cancellation window)', -4900],
      ['Credit: 1 × Support pack (cancelled within the cancellation window)', -1500],
    ]);
    expect(
      owed([created, canceled], '2026-03-13T11:59:00Z', { invoiced: invoicedFrom(first, 'void') }),
    ).toEqual([]);
    // Nothing after the cancellation.
    expect(
      owed([created, canceled], '2027-01-01T00:00:00Z', {
        invoiced: new Map([...invoicedFrom(first), ...invoicedFrom(paid)]),
      }),
    ).toEqual([]);
  });

  it('bills no one-off pack again from a suffix that begins at a later schedule’s opener', () => {
    const training: PhaseAddon = {
      id: 'addon_training',
      key: 'training',
      name: 'Training',
      version: 1,
      quantity: 1,
      recurringAmount: null,
      onceAmount: 30000,
      grants: [],
    };
    const created = phase(0, 'created', '2025-02-01T10:00:00Z', { addons: [training] });
    const yearly = phase(3, 'billing_period', '2025-03-01T00:00:00Z', {
      billingPeriod: 'year',
      plan: { ...PREMIUM, amount: 49000 },
      addons: [training],
    });
    // The whole timeline knows the pack was bought at the start, under the purchase's key.
    expect(owed([created], '2025-02-01T10:00:00Z').map((l) => l.line_key)).toEqual([
      'sub_1:2025-02-01:plan',
      'sub_1:start:once:addon_training',
    ]);
    expect(
      owed([created, yearly], '2026-03-01T00:00:00Z', { from: yearly.effectiveAt }).map((l) => l.description),
    ).toEqual(['Premium (annual)', 'Premium (annual)']);
    // A suffix starting at the switch cannot tell: it bills no pack.
    expect(
      owed([yearly], '2026-03-01T00:00:00Z', { from: yearly.effectiveAt }).map((l) => l.description),
    ).toEqual(['Premium (annual)', 'Premium (annual)']);
  });

  it('credits on a cancellation exactly what was invoiced, whatever the timeline computes now', () => {
    const created = phase(0, 'created', '2026-03-10T12:00:00Z');
    const canceled = {
      ...created,
      seq: 1,
      action: 'canceled' as const,
      status: 'canceled' as const,
      effectiveAt: instant('2026-03-11T12:00:00Z'),
    };
    const invoiced = new Map<string, InvoicedLine>([
      [
        'sub_1:2026-03-10:plan',
        { kind: 'subscription', quantity: 1, amount: 4899, tax: 980, status: 'paid' },
      ],
    ]);
    expect(
      owed([created, canceled], '2026-03-11T12:00:00Z', { invoiced, from: canceled.effectiveAt }),
    ).toMatchObject([{ line_key: 'sub_1:2026-03-10:plan:refund', amount: -4899, tax: -980 }]);
  });

  it('owes only what falls in [from, at], whatever the timeline’s age', () => {
    const created = phase(0, 'created', '2021-01-15T10:00:00Z');
    const lines = owed([created], '2026-01-15T00:00:00Z', { from: instant('2026-01-15T00:00:00Z') });
    expect(lines.map((l) => l.line_key)).toEqual(['sub_1:2026-01-15:plan']);
  });
});

// ── properties ─────────────────────────────────────────────────────────────────────────────────────────

const PLANS = [
  plan('a', 4900),
  plan('b', 9900),
  plan('c', 24995, { perSeat: true }),
  plan('d', 1333, { perSeat: true }),
];

/** A random month of changes: each day d (1–29) of a 30-day April, a plan and a quantity. */
const changesArb = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 29 }),
    plan: fc.integer({ min: 0, max: 3 }),
    quantity: fc.integer({ min: 1, max: 9 }),
    hour: fc.integer({ min: 0, max: 23 }),
  }),
  { maxLength: 8 },
);

function storyOf(changes: { day: number; plan: number; quantity: number; hour: number }[]): Phase[] {
  const sorted = [...changes].sort((x, y) => x.day - y.day || x.hour - y.hour);
  const at = (day: number, hour: number) =>
    `2026-04-${String(day + 1).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
  const phases: Phase[] = [phase(0, 'created', '2026-04-01T00:00:00Z', { plan: PLANS[0]! })];
  for (const c of sorted) {
    const p = PLANS[c.plan]!;
    phases.push({
      ...phases[0]!,
      seq: phases.length,
      action: 'changed',
      effectiveAt: instant(at(c.day, c.hour)),
      plan: p,
      quantity: p.perSeat ? c.quantity : 1,
    });
  }
  return phases;
}

describe('properties', () => {
  it('bills each period Σ price × quantity × days of each phase / period days, within one minor unit per line', () => {
    fc.assert(
      fc.property(changesArb, (changes) => {
        const phases = storyOf(changes);
        const lines = owed(phases, '2026-04-30T23:00:00Z');
        // Exact, in thirtieths of a minor unit: each phase × the days it lasted.
        let exact = 0n;
        for (const [i, p] of phases.entries()) {
          const from = i === 0 ? 0 : Number(p.effectiveAt.toString().slice(8, 10)) - 1;
          const next = phases[i + 1];
          const to = next ? Number(next.effectiveAt.toString().slice(8, 10)) - 1 : 30;
          exact += BigInt(p.plan.amount) * BigInt(p.plan.perSeat ? p.quantity : 1) * BigInt(to - from);
        }
        const billed = BigInt(sumAmounts(lines.map((l) => l.amount))) * 30n;
        const slack = BigInt(lines.length) * 30n;
        const diff = billed > exact ? billed - exact : exact - billed;
        expect(diff <= slack).toBe(true);
      }),
    );
  });

  it('replaying the whole timeline from scratch yields exactly the lines issued step by step', () => {
    fc.assert(
      fc.property(changesArb, fc.boolean(), (changes, cancel) => {
        const phases = storyOf(changes);
        if (cancel) {
          phases.push({
            ...phases.at(-1)!,
            seq: phases.length,
            action: 'canceled',
            status: 'canceled',
            effectiveAt: phases.at(-1)!.effectiveAt.add({ hours: 1 }),
          });
        }
        // Step by step: at each phase, what is owed given what was issued before.
        const issued = new Map<string, InvoicedLine>();
        const steps: OwedLine[] = [];
        for (let i = 0; i < phases.length; i++) {
          const step = owed(phases.slice(0, i + 1), phases[i]!.effectiveAt.toString(), {
            invoiced: issued,
            from: phases[i]!.effectiveAt,
          });
          steps.push(...step);
          for (const [k, v] of invoicedFrom(step)) issued.set(k, v);
        }
        const end = '2026-05-15T00:00:00Z';
        const rest = owed(phases, end, { invoiced: issued });
        steps.push(...rest);
        const replay = owed(phases, end);
        const view = (ls: OwedLine[]) => ls.map((l) => `${l.line_key}=${l.amount}`).sort();
        expect(view(replay)).toEqual(view(steps));
        // And billing again owes nothing.
        expect(owed(phases, end, { invoiced: new Map([...issued, ...invoicedFrom(rest)]) })).toEqual([]);
      }),
    );
  });

  it('nets a plan round trip on one day to zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 29 }),
        fc.integer({ min: 1, max: 9 }),
        (a, b, day, quantity) => {
          const base = storyOf([{ day: 0, plan: a, quantity, hour: 0 }]).slice(0, 1);
          const first = { ...base[0]!, plan: PLANS[a]!, quantity: PLANS[a]!.perSeat ? quantity : 1 };
          const dayAt = `2026-04-${String(day + 1).padStart(2, '0')}`;
          const there = {
            ...first,
            seq: 1,
            action: 'changed' as const,
            effectiveAt: instant(`${dayAt}T09:00:00Z`),
            plan: PLANS[b]!,
            quantity: PLANS[b]!.perSeat ? quantity + 1 : 1,
          };
          const back = {
            ...first,
            seq: 2,
            action: 'changed' as const,
            effectiveAt: instant(`${dayAt}T10:00:00Z`),
          };
          const lines = owed([first, there, back], `${dayAt}T10:00:00Z`, { from: there.effectiveAt });
          expect(sumAmounts(lines.map((l) => l.amount))).toBe(0);
        },
      ),
    );
  });
});
