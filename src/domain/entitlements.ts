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
  reason?: 'disabled' | 'quota_exceeded';
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
    : { allowed: false, ceiling: grant.limit, reason: 'quota_exceeded' };
}
