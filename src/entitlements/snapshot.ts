import { featureKinds } from '../catalog/catalog.ts';
import { clockOf } from '../clocks/test-clocks.ts';
import { type Grant, mergeGrants } from '../domain/entitlements.ts';
import { monthlyWindowContaining, startOfLocalDay } from '../domain/periods.ts';
import { type Clock, fromDate, Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError } from '../platform/errors.ts';
import type { SubscriptionTerms } from '../subscriptions/charges.ts';
import { addonRowsOf, type SubscriptionRow, termsOf } from '../subscriptions/terms.ts';

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
  /** The live subscriptions it was computed from (ids and updated_at): changes when they change. */
  fingerprint: string;
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
interface SnapshotInputs {
  account: { id: string; timezone: string; test_clock_id: string | null };
  fingerprint: string;
  kinds: Map<string, Grant['kind']>;
  subs: { row: SubscriptionRow; terms: SubscriptionTerms }[];
}

const CACHE_TTL_MS = 5_000;
const cache = new Map<string, Map<string, { inputs: SnapshotInputs; until: number }>>();

/**
 * Forgets a tenant's cached snapshots: called when a write commits or billing runs in this process.
 * Another process's writes reach this cache within its lifetime (5 s); that is why consume, which must
 * be exact, never reads it.
 */
export function forgetSnapshots(tenantId: string): void {
  cache.delete(tenantId);
}

async function loadInputs(scope: TenantScope, accountRef: string): Promise<SnapshotInputs> {
  const account = await scope
    .selectFrom('accounts')
    .select(['id', 'timezone', 'test_clock_id'])
    .where(idOr('external_id', accountRef))
    .executeTakeFirst();
  if (!account) {
    throw new AllotError('validation_failed', `account names no account: ${accountRef}.`, [
      { field: 'account', message: 'names no account' },
    ]);
  }
  const kinds = await featureKinds(scope);
  const rows = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  const addons = rows.length
    ? await addonRowsOf(
        scope,
        rows.map((s) => s.id),
      )
    : new Map();
  const subs = [];
  for (const row of rows) subs.push({ row, terms: await termsOf(scope, row, addons.get(row.id) ?? []) });
  return { account, kinds, subs, fingerprint: fingerprintOf(rows) };
}

const fingerprintOf = (rows: readonly { id: string; updated_at: Date }[]) =>
  rows.map((r) => `${r.id}@${r.updated_at.getTime()}`).join(',');

export async function fingerprint(scope: TenantScope, accountId: string): Promise<string> {
  const rows = await scope
    .selectFrom('subscriptions')
    .select(['id', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  return fingerprintOf(rows);
}

/**
 * An account's entitlements at its `now`: the grants of its live (active or trialing) subscriptions'
 * plan versions and packs, each with the window its usage counts in — the subscription's current
 * period, the month inside it for `reset: month`, or forever. Inputs come from this process's
 * short-lived cache: as they are for `cached` (check, which must be fast), after a one-row proof that
 * they are current for `verified` (consume, which must be exact).
 */
export async function loadSnapshot(
  scope: TenantScope,
  accountRef: string,
  wall: Clock,
  mode: 'cached' | 'verified' = 'verified',
): Promise<Snapshot> {
  let inputs: SnapshotInputs | undefined;
  const tenant = cache.get(scope.tenantId) ?? new Map<string, { inputs: SnapshotInputs; until: number }>();
  const hit = tenant.get(accountRef);
  if (hit && hit.until > performance.now()) {
    // Verified: one cheap read proves the account's live subscriptions are the ones cached (every
    // change to a subscription moves its updated_at), so a consume decides on current terms.
    const same =
      mode === 'cached' || (await fingerprint(scope, hit.inputs.account.id)) === hit.inputs.fingerprint;
    if (same) inputs = hit.inputs;
  }
  if (!inputs) {
    inputs = await loadInputs(scope, accountRef);
    if (tenant.size > 50_000) tenant.clear();
    tenant.set(accountRef, { inputs, until: performance.now() + CACHE_TTL_MS });
    cache.set(scope.tenantId, tenant);
  }
  const { account, kinds, subs } = inputs;
  const now = (await clockOf(scope, account.test_clock_id, wall)).now();
  if (subs.length === 0)
    return {
      accountId: account.id,
      fingerprint: inputs.fingerprint,
      now,
      blocked: 'no_active_subscription',
      grants: new Map(),
      kinds,
    };
  const grants = new Map<string, Entitled>();
  for (const { row: sub, terms } of subs) {
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
  return { accountId: account.id, fingerprint: inputs.fingerprint, now, blocked: null, grants, kinds };
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
