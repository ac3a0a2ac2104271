import type { AllocationOverview, Subscription } from '../lib/api.ts';

/** One seat feature's figures for a customer (itself and its sites) or for all of them. */
export interface Seats {
  /** null: unlimited. */
  allocated: number | null;
  used: number;
}

export interface Row {
  id: string;
  name: string;
  seats: Map<string, Seats>;
  sites: number;
  period: 'month' | 'year' | null;
  /** The billing cycle the customer's subscription moves to at its next cycle, if one is scheduled. */
  scheduled: { period: string; at: string } | null;
}

/**
 * The cycle a customer is billed on now, and the one scheduled for its next cycle. Changing it sets the
 * account's `billing_period` at once, but its subscription keeps the current one until its period ends:
 * the subscription says what holds today.
 */
function cycleOf(
  accountPeriod: 'month' | 'year' | null,
  subs: Subscription[] | null,
): Pick<Row, 'period' | 'scheduled'> {
  const live = subs?.find((s) => s.status === 'active' || s.status === 'trialing');
  const change = live?.scheduled_changes.find((c) => c.type === 'billing_period');
  return {
    period: live?.billing_period ?? accountPeriod,
    scheduled: change ? { period: change.billing_period, at: change.effective_at } : null,
  };
}

/** One row per customer of the partner `partnerId`: its seats (with its sites'), its sites, its cycle. */
export function customerRows(
  overview: AllocationOverview,
  partnerId: string,
  periods: Map<string, 'month' | 'year'>,
  subscriptions: Map<string, Subscription[] | null>,
): Row[] {
  return overview.accounts
    .filter((a) => a.kind === 'customer' && a.parent_id === partnerId)
    .map((c) => ({
      id: c.account,
      name: c.name,
      seats: new Map(
        (c.subtotal ?? c.seats).map((s) => [s.feature, { allocated: s.allocated, used: s.used }]),
      ),
      sites: overview.accounts.filter((a) => a.kind === 'site' && a.parent_id === c.account).length,
      ...cycleOf(periods.get(c.account) ?? null, subscriptions.get(c.account) ?? null),
    }));
}

/** The seat features any customer has, in the order they come. */
export function seatFeatures(rows: Row[]): string[] {
  return [...new Set(rows.flatMap((r) => [...r.seats.keys()]))];
}

/**
 * Totals summed from the customers' subtotals, so they agree with the rows (the overview's own `totals`
 * leaves out the users of a customer's own account).
 */
export function seatTotals(rows: Row[], features: string[]): Map<string, Seats> {
  return new Map<string, Seats>(
    features.map((f) => {
      const all = rows.map((r) => r.seats.get(f) ?? { allocated: 0, used: 0 });
      return [
        f,
        {
          allocated: all.some((s) => s.allocated === null)
            ? null
            : all.reduce((n, s) => n + (s.allocated ?? 0), 0),
          used: all.reduce((n, s) => n + s.used, 0),
        },
      ];
    }),
  );
}
