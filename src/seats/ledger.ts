/**
 * The seat facts: allocations a parent gives its customers and sites, the peaks of users holding a
 * billed seat feature, seats used (active users holding a feature's module), and a reseller's
 * customer's billed seats per account. This module owns `allocations` and `seat_peaks`; it reads no
 * subscription (billing and enforcement, which do, call it), so nothing here imports upwards.
 */
import { sql } from 'kysely';
import { descendantsOf } from '../accounts/accounts.ts';
import { countActiveUsers } from '../accounts/users.ts';
import type { StoredShare } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';

export type Basis = 'used' | 'allocated';
export interface BasisEntry {
  from: string;
  basis: Basis;
}

/** The billing basis in force on a date: the last entry from on or before it (used when there is none). */
export function basisOn(history: readonly BasisEntry[], date: string): Basis {
  let basis: Basis = 'used';
  for (const h of history) if (h.from <= date) basis = h.basis;
  return basis;
}

/** Active users of an account holding `module` (every active user when null). */
export async function usedSeats(
  scope: TenantScope,
  accountId: string,
  module: string | null,
): Promise<number> {
  return (await countActiveUsers(scope, [accountId], module)).get(accountId)!;
}

/**
 * An account's allocations as one JSON object (feature to seats allocated, `{}` for none), as a
 * subquery on a query's account columns: a caller reading accounts gets them in the same statement,
 * and so from the same snapshot.
 */
export const allocationsJsonOf = (tenantColumn: string, accountColumn: string) =>
  sql<Record<string, number>>`(select coalesce(jsonb_object_agg(l.feature, l.allocated), '{}'::jsonb)
    from allocations l where l.tenant_id = ${sql.ref(tenantColumn)} and l.account_id = ${sql.ref(accountColumn)})`;

/** Each account's allocations, by feature. */
export async function allocationsOf(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>(accountIds.map((id) => [id, new Map()]));
  if (accountIds.length === 0) return out;
  const rows = await scope
    .selectFrom('allocations')
    .select(['account_id', 'feature', 'allocated'])
    .where(anyOf('account_id', accountIds))
    .execute();
  for (const r of rows) out.get(r.account_id)?.set(r.feature, r.allocated);
  return out;
}

/** Sets an allocation, returning what it was (null: none). */
export async function writeAllocation(
  scope: TenantScope,
  accountId: string,
  feature: string,
  allocated: number,
  at: Date,
): Promise<number | null> {
  const before = await scope
    .selectFrom('allocations')
    .select('allocated')
    .where('account_id', '=', accountId)
    .where('feature', '=', feature)
    .forUpdate()
    .executeTakeFirst();
  await sql`
    insert into allocations (tenant_id, account_id, feature, allocated, updated_at)
    values (${scope.tenantId}, ${accountId}, ${feature}, ${allocated}, ${at})
    on conflict (tenant_id, account_id, feature) do update set allocated = excluded.allocated, updated_at = excluded.updated_at`.execute(
    scope.raw,
  );
  return before?.allocated ?? null;
}

/**
 * Seats allocated below an account for a feature: its children's allocations, and below a child with
 * none, that child's children's (allocations below an allocated account draw from it, not again).
 */
export async function allocatedBelow(scope: TenantScope, rootId: string, feature: string): Promise<number> {
  const below = await descendantsOf(scope, rootId);
  const allocations = await allocationsOf(
    scope,
    below.map((d) => d.id),
  );
  const drawn = new Set<string>();
  let total = 0;
  for (const d of below) {
    // Parents come before children: a descendant of an allocated account draws from it.
    if (d.parent_id && drawn.has(d.parent_id)) {
      drawn.add(d.id);
      continue;
    }
    const a = allocations.get(d.id)?.get(feature);
    if (a !== undefined) {
      total += a;
      drawn.add(d.id);
    }
  }
  return total;
}

/** Remembers the most users holding a billed seat feature at once in a period (S17). */
export async function recordPeak(
  scope: TenantScope,
  accountId: string,
  feature: string,
  periodStart: Date,
  used: number,
): Promise<void> {
  await sql`
    insert into seat_peaks (tenant_id, account_id, feature, window_start, peak)
    values (${scope.tenantId}, ${accountId}, ${feature}, ${periodStart}, ${used})
    on conflict (tenant_id, account_id, feature, window_start) do update set peak = greatest(seat_peaks.peak, excluded.peak)`.execute(
    scope.raw,
  );
}

/** Recorded peaks of the accounts, by account, feature and period start (epoch ms). */
export async function peaksOf(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, Map<string, Map<number, number>>>> {
  const out = new Map<string, Map<string, Map<number, number>>>();
  if (accountIds.length === 0) return out;
  const rows = await scope
    .selectFrom('seat_peaks')
    .select(['account_id', 'feature', 'window_start', 'peak'])
    .where(anyOf('account_id', accountIds))
    .execute();
  for (const r of rows) {
    const byFeature = out.get(r.account_id) ?? new Map<string, Map<number, number>>();
    const byPeriod = byFeature.get(r.feature) ?? new Map<number, number>();
    byPeriod.set(r.window_start.getTime(), r.peak);
    byFeature.set(r.feature, byPeriod);
    out.set(r.account_id, byFeature);
  }
  return out;
}

/**
 * A reseller's customer's billed seats per account (S7): itself and each of its sites, on the basis
 * given — the seats allocated to each (an allocated account's sites draw from it), or the users
 * holding the feature in each. Labels name the account relative to the customer ('' for itself).
 * Accounts with no seats are left out.
 */
export async function seatShares(
  scope: TenantScope,
  customerId: string,
  feature: string,
  module: string | null,
  basis: Basis,
): Promise<StoredShare[]> {
  const below = await descendantsOf(scope, customerId);
  const ids = [customerId, ...below.map((d) => d.id)];
  const labels = new Map<string, string>([
    [customerId, ''],
    ...below.map((d) => [d.id, d.path.join(' — ')] as const),
  ]);
  const parents = new Map(below.map((d) => [d.id, d.parent_id]));
  const shares: StoredShare[] = [];
  if (basis === 'allocated') {
    const allocations = await allocationsOf(scope, ids);
    const drawn = new Set<string>();
    for (const id of ids) {
      const parent = parents.get(id);
      if (parent && drawn.has(parent)) {
        drawn.add(id);
        continue;
      }
      const a = allocations.get(id)?.get(feature);
      if (a === undefined) continue;
      drawn.add(id);
      if (a > 0) shares.push({ account: id, label: labels.get(id)!, seats: a });
    }
  } else {
    const used = await countActiveUsers(scope, ids, module);
    for (const id of ids) {
      const n = used.get(id) ?? 0;
      if (n > 0) shares.push({ account: id, label: labels.get(id)!, seats: n });
    }
  }
  return shares;
}
