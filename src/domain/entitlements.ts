/**
 * Entitlement rules, pure: what an account may use (its plans' grants plus its packs'), the window a
 * quota counts in, and what a consume decides. The database applies the decision atomically; these
 * functions say what the decision is.
 */
import type { FeatureKind, Overage, Reset } from '../catalog/model.ts';

export interface Grant {
  feature: string;
  kind: FeatureKind;
  /** null: unlimited. For credits, the balance granted (never reset). */
  limit: number | null;
  enabled: boolean;
  reset: Reset;
  overage: Overage;
  overage_unit_amount: number | null;
  warn_at: number[];
}

export interface PlanGrantSource {
  entitlements: readonly Omit<Grant, 'kind'>[];
}

export interface PackGrantSource {
  grants: readonly { feature: string; amount: number }[];
  quantity: number;
}

/**
 * The account's grants: each plan's entitlements, summed across subscriptions (a limit of null —
 * unlimited — wins), plus each pack's grants × its quantity. A pack granting a feature no plan has
 * gives it with the pack's amount and the default rules of its kind.
 */
export function mergeGrants(
  kinds: ReadonlyMap<string, FeatureKind>,
  plans: readonly PlanGrantSource[],
  packs: readonly PackGrantSource[],
): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const plan of plans) {
    for (const e of plan.entitlements) {
      const kind = kinds.get(e.feature);
      if (!kind) continue;
      const prev = out.get(e.feature);
      if (!prev) {
        out.set(e.feature, { ...e, kind, warn_at: [...e.warn_at] });
        continue;
      }
      prev.limit = prev.limit === null || e.limit === null ? null : prev.limit + e.limit;
      prev.enabled = prev.enabled || e.enabled;
    }
  }
  for (const pack of packs) {
    for (const g of pack.grants) {
      const kind = kinds.get(g.feature);
      if (!kind) continue;
      const amount = g.amount * pack.quantity;
      const prev = out.get(g.feature);
      if (!prev) {
        out.set(g.feature, {
          feature: g.feature,
          kind,
          limit: kind === 'boolean' ? null : amount,
          enabled: true,
          reset: kind === 'quota' ? 'period' : 'never',
          overage: 'block',
          overage_unit_amount: null,
          warn_at: kind === 'boolean' ? [] : [80, 100],
        });
      } else if (kind === 'boolean') prev.enabled = true;
      else if (prev.limit !== null) prev.limit += amount;
    }
  }
  return out;
}

export type QuotaState = 'ok' | 'warning' | 'exhausted';

/** ok below the first warning threshold, warning from it, exhausted at the limit. */
export function stateOf(grant: Pick<Grant, 'limit' | 'warn_at'>, used: number): QuotaState {
  if (grant.limit === null) return 'ok';
  if (used >= grant.limit) return 'exhausted';
  const first = grant.warn_at.find((w) => w < 100);
  return first !== undefined && used * 100 >= first * grant.limit ? 'warning' : 'ok';
}

/** The warning thresholds (percent) that `before → after` crosses upwards: each is crossed once. */
export function thresholdsCrossed(
  grant: Pick<Grant, 'limit' | 'warn_at'>,
  before: number,
  after: number,
): number[] {
  if (grant.limit === null || grant.limit === 0) return [];
  const limit = grant.limit;
  return grant.warn_at.filter((w) => before * 100 < w * limit && after * 100 >= w * limit);
}

/**
 * The stretch [lo, hi) of usage around `used` in which counting announces nothing: it holds no
 * warning threshold and not the limit. A consume that starts at or above `lo` and ends below `hi`
 * crosses no threshold, does not reach the limit (so under `block` it fits), and can be counted by one
 * conditional statement with no event to write. Empty (lo = hi) when a blocking limit is reached.
 */
export function quietStretch(
  grant: Pick<Grant, 'limit' | 'warn_at' | 'overage'>,
  used: number,
): { lo: number; hi: number } {
  const limit = grant.limit;
  const marks =
    limit === null
      ? []
      : [limit, ...(limit > 0 ? grant.warn_at.map((w) => Math.ceil((w * limit) / 100)) : [])];
  let lo = 0;
  let hi = Number.MAX_SAFE_INTEGER;
  for (const m of marks) {
    if (m <= used) lo = Math.max(lo, m);
    else hi = Math.min(hi, m);
  }
  if (grant.overage === 'block' && limit !== null && used >= limit) return { lo, hi: lo };
  return { lo, hi };
}

export interface ConsumeDecision {
  allowed: boolean;
  /** The most the counter may reach for the consume to be accepted (null: no ceiling). */
  ceiling: number | null;
  reason?: 'disabled' | 'quota_exceeded' | 'seats_exhausted';
}

/**
 * What a consume of `quantity` may do: a blocking limit puts a ceiling the counter must stay under
 * (the database checks it in the same statement that counts); `bill` and `allow` count past the
 * limit (billed or not); a disabled boolean refuses.
 */
export function consumeRule(grant: Grant, used: number, quantity: number): ConsumeDecision {
  if (grant.kind === 'boolean')
    return grant.enabled
      ? { allowed: true, ceiling: null }
      : { allowed: false, ceiling: null, reason: 'disabled' };
  if (grant.limit === null || grant.overage !== 'block') return { allowed: true, ceiling: null };
  return used + quantity <= grant.limit
    ? { allowed: true, ceiling: grant.limit }
    : {
        allowed: false,
        ceiling: grant.limit,
        reason: grant.kind === 'seat' ? 'seats_exhausted' : 'quota_exceeded',
      };
}

/** One live subscription of an account, as its grants see it. */
export interface LiveGrantSource {
  readonly entitlements: PlanGrantSource['entitlements'];
  readonly packs: readonly PackGrantSource[];
  /** A per-seat price: its quantity adds seats to the plan's included ones. */
  readonly perSeat: boolean;
  readonly quantity: number;
}

/** What an account may use of a feature, across its subscriptions and its parent's allocation. */
export interface AccountGrant extends Grant {
  /** For a seat feature: given by the parent (allocation) or by the account's own subscriptions. */
  readonly source: 'subscription' | 'allocation';
  /** Index of the first subscription granting it (its period is where usage counts), or -1. */
  readonly from: number;
  /** For seats of a per-seat price: the subscription (index) whose quantity an extra seat raises, or -1. */
  readonly raises: number;
}

/**
 * The account's grants — the one rule check, consume, seat enforcement and billing all use: each live
 * subscription's plan and packs (mergeGrants), summed across subscriptions (null, unlimited, wins).
 * A seat feature's capacity is the plan's included seats plus the per-seat quantity — unlimited for an
 * account billed on its seats (a reseller's customer with a billing basis), whose seats are what it
 * allocates or uses — or, when the parent allocated seats to the account, that allocation.
 */
export function accountGrants(
  kinds: ReadonlyMap<string, FeatureKind>,
  subs: readonly LiveGrantSource[],
  allocations: ReadonlyMap<string, number>,
  billedOnSeats: boolean,
): Map<string, AccountGrant> {
  const out = new Map<string, AccountGrant & { limit: number | null; enabled: boolean }>();
  for (const [i, sub] of subs.entries()) {
    for (const g of mergeGrants(kinds, [{ entitlements: sub.entitlements }], sub.packs).values()) {
      const limit =
        g.kind !== 'seat'
          ? g.limit
          : g.limit === null || (sub.perSeat && billedOnSeats)
            ? null
            : g.limit + (sub.perSeat ? sub.quantity : 0);
      const raises = g.kind === 'seat' && sub.perSeat ? i : -1;
      const prev = out.get(g.feature);
      if (!prev) {
        out.set(g.feature, { ...g, limit, source: 'subscription', from: i, raises });
        continue;
      }
      prev.limit = prev.limit === null || limit === null ? null : prev.limit + limit;
      prev.enabled ||= g.enabled;
      if (prev.raises === -1 && raises !== -1) out.set(g.feature, { ...prev, raises });
    }
  }
  for (const [feature, allocated] of allocations) {
    if (kinds.get(feature) !== 'seat') continue;
    const prev = out.get(feature);
    out.set(feature, {
      feature,
      kind: 'seat',
      enabled: true,
      reset: 'never',
      overage: prev?.overage ?? 'block',
      overage_unit_amount: prev?.overage_unit_amount ?? null,
      warn_at: prev?.warn_at ?? [],
      limit: allocated,
      source: 'allocation',
      from: prev?.from ?? -1,
      raises: -1,
    });
  }
  return out;
}
