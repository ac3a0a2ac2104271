import DataLoader from 'dataloader';
import { sql } from 'kysely';
import { type FeatureFacts, featureFacts } from '../catalog/catalog.ts';
import { clockOf } from '../clocks/test-clocks.ts';
import { accountGrants, type Grant } from '../domain/entitlements.ts';
import { monthlyWindowContaining, startOfLocalDay } from '../domain/periods.ts';
import { type Clock, fromDate, Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';
import { AllotError } from '../platform/errors.ts';
import { allocationsJsonOf } from '../seats/ledger.ts';
import {
  grantSourceOf,
  type SubscriptionRow,
  type SubscriptionTerms,
  termsOf,
} from '../subscriptions/terms.ts';

/** What never resets counts in one window that starts at the epoch. */
export const FOREVER = Temporal.Instant.fromEpochMilliseconds(0);

export interface Window {
  start: Temporal.Instant;
  end: Temporal.Instant | null;
}

export interface Entitled extends Grant {
  window: Window;
  /** For a seat feature: the module whose users take its seats (null: every user). */
  module: string | null;
  /** The start of the granting subscription's current period (a renewal announces resets there). */
  periodStart: Temporal.Instant;
}

export interface Snapshot {
  accountId: string;
  /** The live subscriptions it was computed from (ids and row versions): changes when they change. */
  fingerprint: string;
  /** The account's now: its test clock's time, or the wall clock's. */
  now: Temporal.Instant;
  /** Why nothing is allowed, when nothing is. */
  blocked: 'no_active_subscription' | null;
  grants: ReadonlyMap<string, Entitled>;
  /** Every feature of the catalog, by key, with its kind: to tell an unknown feature from one not granted. */
  kinds: Map<string, Grant['kind']>;
}

/**
 * An account's entitlements at `now`: the grants of its live (active or trialing) subscriptions'
 * plan versions and packs, each with the window its usage counts in — the subscription's current
 * period, the month inside it for `reset: month`, or forever.
 */
interface SnapshotInputs {
  account: { id: string; timezone: string; test_clock_id: string | null; billedOnSeats: boolean };
  fingerprint: string;
  kinds: Map<string, Grant['kind']>;
  modules: Map<string, string | null>;
  subs: { row: SubscriptionRow; terms: SubscriptionTerms }[];
  /** Seats the parent allocated to the account, by feature. */
  allocations: Map<string, number>;
}

/** The account's columns a snapshot needs, as the one load names them (beside the subscription's). */
interface AccountColumns {
  acct_id: string;
  acct_external_id: string | null;
  acct_timezone: string;
  acct_test_clock_id: string | null;
  acct_billing_basis: unknown;
  acct_allocations: Record<string, number>;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

const CACHE_TTL_MS = 5_000;
const cache = new Map<string, Map<string, { inputs: SnapshotInputs; until: number }>>();

/**
 * Forgets a tenant's cached snapshots: called when a write commits or billing runs in this process.
 * Another process's writes reach this cache within its lifetime (5 s); that is why consume, which must
 * be exact, never reads it.
 */
export function forgetSnapshots(tenantId: string): void {
  cache.delete(tenantId);
  facts.delete(tenantId);
}

export function forgetAllSnapshots(): void {
  cache.clear();
  facts.clear();
}

/**
 * Each tenant's catalog facts (feature kinds, seat modules), kept as long as cached inputs are and
 * forgotten with them. A feature's kind never changes; a feature added in another process meanwhile
 * is unknown until then, and a refusal is always decided again on fresh inputs.
 */
const facts = new Map<string, { facts: Promise<FeatureFacts>; until: number }>();

function catalogFacts(scope: TenantScope, fresh: boolean): Promise<FeatureFacts> {
  const hit = facts.get(scope.tenantId);
  if (!fresh && !scope.inTransaction && hit && hit.until > performance.now()) return hit.facts;
  const loaded = featureFacts(scope);
  // Only what was read outside a transaction is shared: a transaction's reads may yet roll back.
  if (!scope.inTransaction) {
    facts.set(scope.tenantId, { facts: loaded, until: performance.now() + CACHE_TTL_MS });
    loaded.catch(() => facts.delete(scope.tenantId));
  }
  return loaded;
}

/**
 * The inputs of many accounts' snapshots, set-based, in one statement however many accounts: the
 * accounts, their live subscriptions and their allocations, read from one snapshot of the database
 * (so a fingerprint always goes with the allocations and packs of its moment). The catalog's feature
 * kinds come from this process's cache, which lives as long as cached inputs do (`fresh` reads them).
 */
async function loadInputsMany(
  scope: TenantScope,
  refs: readonly string[],
  fresh = false,
): Promise<Map<string, SnapshotInputs>> {
  const [{ kinds, modules }, { rows }] = await Promise.all([
    catalogFacts(scope, fresh),
    sql<AccountColumns & Nullable<SubscriptionRow & Versioned>>`
      select a.id as acct_id, a.external_id as acct_external_id, a.timezone as acct_timezone,
        a.test_clock_id as acct_test_clock_id, a.billing_basis as acct_billing_basis,
        ${allocationsJsonOf('a.tenant_id', 'a.id')} as acct_allocations,
        s.*, s.xmin::text as row_version
      from accounts a
      left join subscriptions s
        on s.tenant_id = a.tenant_id and s.account_id = a.id and s.status in ('active', 'trialing')
      where a.tenant_id = ${scope.tenantId} and (${anyOf('a.id', refs)} or ${anyOf('a.external_id', refs)})
      order by a.id, s.id`.execute(scope.raw),
  ]);
  const out = new Map<string, SnapshotInputs>();
  const byId = new Map<string, { row: AccountColumns; subs: (SubscriptionRow & Versioned)[] }>();
  for (const r of rows) {
    let a = byId.get(r.acct_id);
    if (!a) {
      a = { row: r, subs: [] };
      byId.set(r.acct_id, a);
    }
    if (r.id !== null) a.subs.push(r as SubscriptionRow & Versioned);
  }
  const inputsOf = new Map<string, SnapshotInputs>();
  for (const [id, { row, subs: own }] of byId) {
    const subs = [];
    for (const sub of own) subs.push({ row: sub, terms: await termsOf(scope, sub) });
    inputsOf.set(id, {
      account: {
        id,
        timezone: row.acct_timezone,
        test_clock_id: row.acct_test_clock_id,
        billedOnSeats: (row.acct_billing_basis as unknown[]).length > 0,
      },
      kinds,
      modules,
      subs,
      allocations: new Map(Object.entries(row.acct_allocations)),
      fingerprint: fingerprintOf(own),
    });
  }
  for (const [id, { row }] of byId)
    if (row.acct_external_id !== null) out.set(row.acct_external_id, inputsOf.get(id)!);
  // An id names its account before another account's external_id does.
  for (const [id, inputs] of inputsOf) out.set(id, inputs);
  return out;
}

async function loadInputs(scope: TenantScope, accountRef: string, fresh: boolean): Promise<SnapshotInputs> {
  // Loads that may share cached catalog facts are gathered; a fresh one reads alone.
  const found =
    scope.inTransaction || fresh
      ? (await loadInputsMany(scope, [accountRef], fresh)).get(accountRef)
      : await loaderFor(scope).load(accountRef);
  if (!found) {
    throw new AllotError('validation_failed', `account names no account: ${accountRef}.`, [
      { field: 'account', message: 'names no account' },
    ]);
  }
  return found;
}

/**
 * Outside a transaction, snapshot loads that miss the cache at the same moment (requests for many
 * accounts arriving together) are coalesced into one set-based load: consume spread over thousands of
 * accounts pays one read per batch, not per request.
 */
const loaders = new WeakMap<object, Map<string, DataLoader<string, SnapshotInputs | undefined>>>();

function loaderFor(scope: TenantScope): DataLoader<string, SnapshotInputs | undefined> {
  let byTenant = loaders.get(scope.raw);
  if (!byTenant) {
    byTenant = new Map();
    loaders.set(scope.raw, byTenant);
  }
  let loader = byTenant.get(scope.tenantId);
  if (!loader) {
    loader = new DataLoader(
      async (refs) => {
        try {
          const found = await loadInputsMany(scope, refs);
          return refs.map((r) => found.get(r));
        } catch (error) {
          if (refs.length === 1) throw error;
          // One request's bad input must not fail the others gathered with it: each is loaded alone,
          // and only the one at fault gets the error.
          return Promise.all(
            refs.map((r) =>
              loadInputsMany(scope, [r]).then(
                (found) => found.get(r),
                (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
              ),
            ),
          );
        }
      },
      // Our own cache keeps inputs (with a lifetime); the loader only gathers what one turn of the
      // event loop asked for.
      { cache: false, maxBatchSize: 1_000, batchScheduleFn: (run) => setImmediate(run) },
    );
    byTenant.set(scope.tenantId, loader);
  }
  return loader;
}

/** A row's version: the transaction that wrote it (`xmin`), which every update changes. */
interface Versioned {
  row_version: string;
}

/**
 * The live subscriptions' ids and row versions, in id order. An update at the same instant (a frozen
 * test clock) or the same millisecond still moves it; consume-quiet.ts computes the same in SQL.
 */
const fingerprintOf = (rows: readonly ({ id: string } & Versioned)[]) =>
  rows.map((r) => `${r.id}@${r.row_version}`).join(',');

export async function fingerprint(scope: TenantScope, accountId: string): Promise<string> {
  return (await fingerprints(scope, [accountId])).get(accountId)!;
}

/** Each account's fingerprint now, in one read. */
export async function fingerprints(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await sql<{ account_id: string; id: string } & Versioned>`
    select account_id, id, xmin::text as row_version from subscriptions
    where tenant_id = ${scope.tenantId} and ${anyOf('account_id', accountIds)} and status in ('active', 'trialing')
    order by account_id, id`.execute(scope.raw);
  const live = new Map<string, typeof rows>();
  for (const r of rows) live.set(r.account_id, [...(live.get(r.account_id) ?? []), r]);
  return new Map(accountIds.map((id) => [id, fingerprintOf(live.get(id) ?? [])]));
}

/**
 * An account's entitlements at its `now`: the grants of its live (active or trialing) subscriptions'
 * plan versions and packs, each with the window its usage counts in — the subscription's current
 * period, the month inside it for `reset: month`, or forever. Inputs come from this process's
 * short-lived cache: as they are for `cached` (check, which must be fast), after a one-row proof that
 * they are current for `verified` (consume, which must be exact), or read anew for `fresh`.
 */
export async function loadSnapshot(
  scope: TenantScope,
  accountRef: string,
  wall: Clock,
  mode: 'cached' | 'verified' | 'fresh' = 'verified',
): Promise<Snapshot> {
  let inputs: SnapshotInputs | undefined;
  // Fresh: read anew, whatever is cached (a refusal is never decided on cached terms).
  const hit = mode === 'fresh' ? undefined : cachedInputs(scope.tenantId, accountRef);
  if (hit) {
    // Verified: one cheap read proves the account's live subscriptions are the ones cached (every
    // change to a subscription moves its row version), so a consume decides on current terms.
    const same = mode === 'cached' || (await fingerprint(scope, hit.account.id)) === hit.fingerprint;
    if (same) inputs = hit;
  }
  if (!inputs) {
    inputs = await loadInputs(scope, accountRef, mode === 'fresh');
    keepInputs(scope.tenantId, accountRef, inputs);
  }
  return snapshotOf(scope, inputs, wall);
}

/**
 * Several accounts' snapshots, verified, in a fixed number of reads: one proves the cached ones
 * current, one set-based load brings the rest. An account that does not exist is left out.
 */
export async function loadSnapshots(
  scope: TenantScope,
  accountRefs: Iterable<string>,
  wall: Clock,
): Promise<Map<string, Snapshot>> {
  const found = new Map<string, SnapshotInputs>();
  const refs = [...new Set(accountRefs)];
  for (const ref of refs) {
    const hit = cachedInputs(scope.tenantId, ref);
    if (hit) found.set(ref, hit);
  }
  if (found.size > 0) {
    const now = await fingerprints(
      scope,
      [...found.values()].map((i) => i.account.id),
    );
    for (const [ref, i] of found) if (now.get(i.account.id) !== i.fingerprint) found.delete(ref);
  }
  const missing = refs.filter((r) => !found.has(r));
  if (missing.length > 0) {
    const loaded = await loadInputsMany(scope, missing);
    for (const ref of missing) {
      const inputs = loaded.get(ref);
      if (!inputs) continue;
      keepInputs(scope.tenantId, ref, inputs);
      found.set(ref, inputs);
    }
  }
  const out = new Map<string, Snapshot>();
  for (const [ref, inputs] of found) out.set(ref, await snapshotOf(scope, inputs, wall));
  return out;
}

function cachedInputs(tenantId: string, accountRef: string): SnapshotInputs | undefined {
  const hit = cache.get(tenantId)?.get(accountRef);
  return hit && hit.until > performance.now() ? hit.inputs : undefined;
}

function keepInputs(tenantId: string, accountRef: string, inputs: SnapshotInputs): void {
  let tenant = cache.get(tenantId);
  if (!tenant) {
    tenant = new Map();
    cache.set(tenantId, tenant);
  }
  if (tenant.size > 50_000) tenant.clear();
  tenant.set(accountRef, { inputs, until: performance.now() + CACHE_TTL_MS });
}

async function snapshotOf(scope: TenantScope, inputs: SnapshotInputs, wall: Clock): Promise<Snapshot> {
  const now = (await clockOf(scope, inputs.account.test_clock_id, wall)).now();
  // The grants and their windows change only with the inputs or when a monthly window turns: the
  // last computation serves every request until then.
  let computed = computedFor.get(inputs);
  const t = now.epochMilliseconds;
  if (!computed || t < computed.from || t >= computed.until) {
    computed = grantsAt(inputs, now);
    computedFor.set(inputs, computed);
  }
  return {
    accountId: inputs.account.id,
    fingerprint: inputs.fingerprint,
    now,
    blocked: inputs.subs.length === 0 && inputs.allocations.size === 0 ? 'no_active_subscription' : null,
    grants: computed.grants,
    kinds: inputs.kinds,
  };
}

/** Grants computed from inputs, and the instants (epoch ms) between which their windows hold. */
interface Computed {
  grants: ReadonlyMap<string, Entitled>;
  from: number;
  until: number;
}

const computedFor = new WeakMap<SnapshotInputs, Computed>();

function grantsAt(inputs: SnapshotInputs, now: Temporal.Instant): Computed {
  const { kinds, subs } = inputs;
  const grants = new Map<string, Entitled>();
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  // The one grants rule (plans, packs, seats bought, allocations); usage counts in the window of the
  // first subscription granting the feature.
  const merged = accountGrants(
    kinds,
    subs.map((s) => grantSourceOf(s.terms)),
    inputs.allocations,
    inputs.account.billedOnSeats,
  );
  for (const { source: _s, from: i, raises: _r, ...g } of merged.values()) {
    const sub = i === -1 ? null : subs[i]!.row;
    const periodStart = sub ? fromDate(sub.current_period_start) : FOREVER;
    const window = sub
      ? windowOf(g, sub.anchor_date, sub.timezone, periodStart, fromDate(sub.current_period_end), now)
      : { start: FOREVER, end: null };
    if (g.reset === 'month' && window.end) {
      from = Math.max(from, window.start.epochMilliseconds);
      until = Math.min(until, window.end.epochMilliseconds);
    }
    grants.set(g.feature, { ...g, window, periodStart, module: inputs.modules.get(g.feature) ?? null });
  }
  return { grants, from, until };
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
