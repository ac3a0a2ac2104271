import { featureKinds } from '../catalog/catalog.ts';
import { clockOf } from '../clocks/test-clocks.ts';
import { type Grant, mergeGrants } from '../domain/entitlements.ts';
import { monthlyWindowContaining, startOfLocalDay } from '../domain/periods.ts';
import { type Clock, fromDate, Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { addonRowsOf, termsOf } from '../subscriptions/terms.ts';

/** What never resets counts in one window that starts at the epoch. */
export const FOREVER = Temporal.Instant.fromEpochMilliseconds(0);

export interface Window {
  start: Temporal.Instant;
  end: Temporal.Instant | null;
}

export interface Entitled extends Grant {
  window: Window;
}

export interface Snapshot {
  accountId: string;
  /** The account's now: its test clock's time, or the wall clock's. */
  now: Temporal.Instant;
  /** Why nothing is allowed, when nothing is. */
  blocked: 'no_active_subscription' | null;
  grants: Map<string, Entitled>;
  /** Every feature of the catalog, by key, with its kind: to tell an unknown feature from one not granted. */
  kinds: Map<string, Grant['kind']>;
}

/**
 * An account's entitlements at `now`: the grants of its live (active or trialing) subscriptions'
 * plan versions and packs, each with the window its usage counts in — the subscription's current
 * period, the month inside it for `reset: month`, or forever.
 */
export async function loadSnapshot(scope: TenantScope, accountRef: string, wall: Clock): Promise<Snapshot> {
  const account = await scope
    .selectFrom('accounts')
    .select(['id', 'timezone', 'test_clock_id'])
    .where((eb) => eb.or([eb('id', '=', accountRef), eb('external_id', '=', accountRef)]))
    .executeTakeFirst();
  if (!account)
    throw new AllotError('validation_failed', `account names no account: ${accountRef}.`, [
      { field: 'account', message: 'names no account' },
    ]);
  const now = (await clockOf(scope, account.test_clock_id, wall)).now();
  const kinds = await featureKinds(scope);
  const subs = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  if (subs.length === 0)
    return { accountId: account.id, now, blocked: 'no_active_subscription', grants: new Map(), kinds };
  const addons = await addonRowsOf(
    scope,
    subs.map((s) => s.id),
  );
  const grants = new Map<string, Entitled>();
  for (const sub of subs) {
    const terms = await termsOf(scope, sub, addons.get(sub.id) ?? []);
    const merged = mergeGrants(
      kinds,
      [terms.plan],
      terms.addons.map((a) => ({ grants: a.addon.grants, quantity: a.quantity })),
    );
    const periodStart = fromDate(sub.current_period_start);
    const periodEnd = fromDate(sub.current_period_end);
    for (const g of merged.values()) {
      const window = windowOf(g, sub.anchor_date, sub.timezone, periodStart, periodEnd, now);
      const prev = grants.get(g.feature);
      if (!prev) grants.set(g.feature, { ...g, window });
      else {
        // Two live subscriptions granting one feature: limits add up, and the first one's window counts.
        prev.limit = prev.limit === null || g.limit === null ? null : prev.limit + g.limit;
        prev.enabled ||= g.enabled;
      }
    }
  }
  return { accountId: account.id, now, blocked: null, grants, kinds };
}

function windowOf(
  g: Grant,
  anchor: string,
  timeZone: string,
  periodStart: Temporal.Instant,
  periodEnd: Temporal.Instant,
  now: Temporal.Instant,
): Window {
  if (g.kind !== 'quota') return { start: FOREVER, end: null };
  if (g.reset === 'month') {
    const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
    const w = monthlyWindowContaining(Temporal.PlainDate.from(anchor), today);
    return { start: startOfLocalDay(w.start, timeZone), end: startOfLocalDay(w.end, timeZone) };
  }
  return { start: periodStart, end: periodEnd };
}
