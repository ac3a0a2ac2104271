/**
 * An account's seats per seat feature: how many it has (the account's grants rule, with its parent's
 * allocation or its own subscriptions) and how many its users take.
 */
import { descendantsOf, getAccount } from '../accounts/accounts.ts';
import { countActiveUsers } from '../accounts/users.ts';
import { featureKinds, seatModules } from '../catalog/catalog.ts';
import { type AccountGrant, accountGrants } from '../domain/entitlements.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { grantSourceOf } from '../subscriptions/terms.ts';
import { liveSubscriptions } from '../subscriptions/view.ts';
import { allocationsOf } from './ledger.ts';

/** Where an account's seats for a feature come from, and how many there are (null: unlimited). */
export interface SeatCapacity {
  feature: string;
  module: string | null;
  capacity: number | null;
  overage: 'block' | 'bill' | 'allow';
  source: 'allocation' | 'subscription';
  /** The per-seat subscription whose quantity a subscription manager's extra user raises, and that quantity. */
  subscriptionId: string | null;
  quantity: number | null;
  /** The period billed seats are counted in (the granting subscription's current period). */
  periodStart: Date | null;
}

/** The account's seat capacity per seat feature, by the one grants rule (see domain/entitlements). */
export async function seatCapacities(
  scope: TenantScope,
  accountId: string,
): Promise<Map<string, SeatCapacity>> {
  const [kinds, modules, account, subs, allocations] = [
    await featureKinds(scope),
    await seatModules(scope),
    await getAccount(scope, accountId),
    await liveSubscriptions(scope, [accountId]),
    (await allocationsOf(scope, [accountId])).get(accountId)!,
  ];
  const grants = accountGrants(
    kinds,
    subs.map((s) => grantSourceOf(s.terms)),
    allocations,
    (account.billing_basis as unknown[]).length > 0,
  );
  const out = new Map<string, SeatCapacity>();
  for (const g of grants.values()) {
    if (g.kind !== 'seat') continue;
    out.set(g.feature, capacityOf(g, modules, subs));
  }
  return out;
}

function capacityOf(
  g: AccountGrant,
  modules: ReadonlyMap<string, string | null>,
  subs: readonly { row: { id: string; quantity: number; current_period_start: Date } }[],
): SeatCapacity {
  return {
    feature: g.feature,
    module: modules.get(g.feature) ?? null,
    capacity: g.limit,
    overage: g.overage,
    source: g.source,
    subscriptionId: g.raises === -1 ? null : subs[g.raises]!.row.id,
    quantity: g.raises === -1 ? null : subs[g.raises]!.row.quantity,
    periodStart: g.from === -1 ? null : subs[g.from]!.row.current_period_start,
  };
}

export interface AllocationView {
  feature: string;
  allocated: number | null;
  used: number;
  source: 'allocation' | 'subscription';
}

/** An account's seats and their use, per feature. */
export async function seatsOf(scope: TenantScope, accountId: string): Promise<AllocationView[]> {
  const out: AllocationView[] = [];
  for (const c of (await seatCapacities(scope, accountId)).values()) {
    out.push({
      feature: c.feature,
      allocated: c.capacity,
      used: (await countActiveUsers(scope, [accountId], c.module)).get(accountId)!,
      source: c.source,
    });
  }
  return out.sort((a, b) => a.feature.localeCompare(b.feature));
}

/**
 * A customer's seats with its sites' (S9): allocated is its own allocation when it has one (its sites
 * draw from it), or else what was allocated to the accounts below it; used counts the users of all of
 * them. What `/allocations` and `/seats/sync` answer for an account with sites.
 */
export async function seatsWithSites(scope: TenantScope, accountId: string): Promise<AllocationView[]> {
  const own = await seatsOf(scope, accountId);
  const below = await descendantsOf(scope, accountId);
  if (below.length === 0) return own;
  const modules = await seatModules(scope);
  const ids = below.map((d) => d.id);
  const allocations = await allocationsOf(scope, ids);
  const out: AllocationView[] = [];
  for (const [feature, module] of modules) {
    const mine = own.find((s) => s.feature === feature);
    // Allocations below an allocated account draw from it: only the topmost ones add up.
    const drawn = new Set<string>();
    let allocated: number | null = null;
    for (const d of below) {
      if (d.parent_id && drawn.has(d.parent_id)) {
        drawn.add(d.id);
        continue;
      }
      const a = allocations.get(d.id)?.get(feature);
      if (a === undefined) continue;
      allocated = (allocated ?? 0) + a;
      drawn.add(d.id);
    }
    if (!mine && allocated === null) continue;
    const used = [...(await countActiveUsers(scope, ids, module)).values()].reduce((n, u) => n + u, 0);
    const fromSites = mine?.source !== 'allocation' && allocated !== null;
    out.push({
      feature,
      allocated: fromSites ? allocated : (mine?.allocated ?? null),
      used: (mine?.used ?? 0) + used,
      source: fromSites ? 'allocation' : mine!.source,
    });
  }
  return out.sort((a, b) => a.feature.localeCompare(b.feature));
}
