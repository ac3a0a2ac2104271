import { sql } from 'kysely';
import { accountChain, authorizedAccount, getAccount } from '../accounts/accounts.ts';
import { mayAct } from '../accounts/rules.ts';
import type { UserRow } from '../accounts/users.ts';
import { featureKinds } from '../catalog/catalog.ts';
import { clockOf } from '../clocks/test-clocks.ts';
import { mergeGrants } from '../domain/entitlements.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { priceOf } from '../subscriptions/charges.ts';
import { addonRowsOf, termsOf } from '../subscriptions/terms.ts';
import { chargeAllocationIncrease } from './reseller.ts';

/** Where an account's seats for a feature come from, and how many there are (null: unlimited). */
export interface SeatCapacity {
  feature: string;
  module: string | null;
  capacity: number | null;
  overage: 'block' | 'bill' | 'allow';
  /** allocation: given by the parent; subscription: the account's own plan, packs and seat quantity. */
  source: 'allocation' | 'subscription';
  /** The subscription whose quantity a subscription manager's extra user raises (per-seat prices). */
  subscriptionId: string | null;
  /** The period billed seats are counted in (the granting subscription's current period). */
  periodStart: Date | null;
}

/**
 * An account's seat capacity per seat feature: what its parent allocated to it, or else what its own
 * live subscriptions give — the plan's included seats, its packs, and the per-seat quantity.
 */
export async function seatCapacities(
  scope: TenantScope,
  accountId: string,
): Promise<Map<string, SeatCapacity>> {
  const kinds = await featureKinds(scope);
  const features = await scope
    .selectFrom('features')
    .select(['key', 'module'])
    .where('kind', '=', 'seat')
    .execute();
  const moduleOf = new Map(features.map((f) => [f.key, f.module]));
  const out = new Map<string, SeatCapacity>();
  const basis = await scope
    .selectFrom('accounts')
    .select('billing_basis')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const billedOnSeats = ((basis?.billing_basis as unknown[] | undefined) ?? []).length > 0;
  const subs = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  const addons = subs.length
    ? await addonRowsOf(
        scope,
        subs.map((s) => s.id),
      )
    : new Map();
  for (const sub of subs) {
    const terms = await termsOf(scope, sub, addons.get(sub.id) ?? []);
    const price = priceOf(terms.plan, sub.billing_period, sub.currency);
    const grants = mergeGrants(
      kinds,
      [terms.plan],
      terms.addons.map((a) => ({ grants: a.addon.grants, quantity: a.quantity })),
    );
    for (const g of grants.values()) {
      if (g.kind !== 'seat') continue;
      // An account billed on its seats (a billing basis) is not capped by a bought quantity: its seats
      // are what it allocates or uses, and each period bills them.
      const own =
        g.limit === null || (price?.per_seat && billedOnSeats)
          ? null
          : g.limit + (price?.per_seat ? sub.quantity : 0);
      const prev = out.get(g.feature);
      if (!prev) {
        out.set(g.feature, {
          feature: g.feature,
          module: moduleOf.get(g.feature) ?? null,
          capacity: own,
          overage: g.overage,
          source: 'subscription',
          subscriptionId: price?.per_seat ? sub.id : null,
          periodStart: sub.current_period_start,
        });
      } else prev.capacity = prev.capacity === null || own === null ? null : prev.capacity + own;
    }
  }
  const allocations = await scope
    .selectFrom('allocations')
    .select(['feature', 'allocated'])
    .where('account_id', '=', accountId)
    .execute();
  for (const a of allocations) {
    const prev = out.get(a.feature);
    out.set(a.feature, {
      feature: a.feature,
      module: moduleOf.get(a.feature) ?? null,
      capacity: a.allocated,
      overage: prev?.overage ?? 'block',
      source: 'allocation',
      subscriptionId: null,
      periodStart: null,
    });
  }
  return out;
}

/** Whether a user takes a seat of a feature: active, and holding the feature's module (if it has one). */
export const holdsSeat = (user: Pick<UserRow, 'status' | 'modules'>, module: string | null) =>
  user.status === 'active' && (module === null || user.modules.includes(module));

export async function usedSeats(
  scope: TenantScope,
  accountId: string,
  module: string | null,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from users
    where tenant_id = ${scope.tenantId} and account_id = ${accountId} and status = 'active'
      and (${module}::text is null or ${module}::text = any(modules))`.execute(scope.raw);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Called in the transaction that adds a user, reactivates one or gives one a module, after the write:
 * every seat feature the user now holds must still fit. Beyond capacity the overage rule decides:
 * `block` refuses (seats_exhausted) unless the acting user manages subscriptions on the account or
 * above, in which case the allocation (or the per-seat quantity, billed prorated) grows by one;
 * `bill` and `allow` let the user in (billed users are counted at the period end).
 * The account row is locked first, so concurrent adds are decided one after another.
 */
export async function enforceSeats(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  user: Pick<UserRow, 'status' | 'modules'>,
  wall: Clock,
  raiseQuantity: (subscriptionId: string, quantity: number) => Promise<unknown>,
): Promise<void> {
  if (user.status !== 'active') return;
  // NO KEY UPDATE: the user row just written holds a KEY SHARE lock on the account (its foreign
  // key); a FOR UPDATE here would deadlock two concurrent adds, this only queues them.
  await scope
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  const capacities = await seatCapacities(scope, accountId);
  for (const c of capacities.values()) {
    if (c.capacity === null || !holdsSeat(user, c.module) || c.overage === 'allow') continue;
    if (c.overage === 'bill') {
      // Let in, and remember the most users at once in the period: the extra ones are billed at its end.
      if (c.periodStart)
        await recordPeak(
          scope,
          accountId,
          c.feature,
          c.periodStart,
          await usedSeats(scope, accountId, c.module),
        );
      continue;
    }
    const used = await usedSeats(scope, accountId, c.module);
    if (used <= c.capacity) {
      if (used === c.capacity) {
        await emitEvents(scope, [
          {
            type: 'seats.exhausted',
            accountId,
            at: wall.now(),
            data: { feature: c.feature, allocated: c.capacity, used },
          },
        ]);
      }
      continue;
    }
    const account = await getAccount(scope, accountId);
    // Only a customer's subscription manager buys seats by adding a user; the vendor's own key is
    // refused like anyone (it sets allocations and quantities explicitly).
    const manager =
      actor.type === 'user' && mayAct(actor, await accountChain(scope, account), 'manage_subscriptions');
    if (manager && c.source === 'allocation') {
      await setAllocation(
        scope,
        actor,
        account.id,
        c.feature,
        c.capacity + 1,
        wall,
        'raised by adding a user',
      );
      await announceFull(scope, accountId, c.feature, used, wall);
      continue;
    }
    if (manager && c.subscriptionId) {
      const sub = await scope
        .selectFrom('subscriptions')
        .select('quantity')
        .where('id', '=', c.subscriptionId)
        .executeTakeFirstOrThrow();
      await raiseQuantity(c.subscriptionId, sub.quantity + 1);
      await announceFull(scope, accountId, c.feature, used, wall);
      continue;
    }
    // Refused: the add rolls back, so nothing is recorded (seats.exhausted was sent when the last seat went).
    throw new AllotError(
      'seats_exhausted',
      `No free ${c.feature} seat: ${c.capacity} allocated, ${used - 1} used. A subscription manager can add seats.`,
      [],
      { feature: c.feature, allocated: c.capacity, used: used - 1 },
    );
  }
}

async function setAllocation(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  feature: string,
  allocated: number,
  wall: Clock,
  why: string,
) {
  const before = await scope
    .selectFrom('allocations')
    .select('allocated')
    .where('account_id', '=', accountId)
    .where('feature', '=', feature)
    .executeTakeFirst();
  // The account's own time: its test clock's, when it lives on one.
  const account = await getAccount(scope, accountId);
  const now = (await clockOf(scope, account.test_clock_id, wall)).now();
  await sql`
    insert into allocations (tenant_id, account_id, feature, allocated, updated_at)
    values (${scope.tenantId}, ${accountId}, ${feature}, ${allocated}, ${toDate(now)})
    on conflict (tenant_id, account_id, feature) do update set allocated = excluded.allocated, updated_at = excluded.updated_at`.execute(
    scope.raw,
  );
  await assertParentHolds(scope, accountId, feature);
  await chargeAllocationIncrease(scope, accountId, allocated - (before?.allocated ?? 0), now);
  await emitEvents(scope, [
    {
      type: 'allocation.changed',
      accountId,
      at: now,
      data: { feature, before: before?.allocated ?? null, after: allocated, reason: why },
    },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'allocation.changed',
    subject: { type: 'allocation', id: `${accountId}:${feature}` },
    accountId,
    before: before ? { feature, allocated: before.allocated } : null,
    after: { feature, allocated, reason: why },
  });
}

/**
 * A parent cannot hand out more seats than it holds, when its own are limited: the nearest ancestor
 * with a limited capacity (its own subscription, or an allocation from above) caps the allocations
 * beneath it. Allocations below an allocated account draw from that account, not again from the top.
 */
async function assertParentHolds(scope: TenantScope, accountId: string, feature: string) {
  const account = await getAccount(scope, accountId);
  let ancestorId = account.parent_id;
  while (ancestorId) {
    const capacity = (await seatCapacities(scope, ancestorId)).get(feature)?.capacity;
    if (capacity !== undefined && capacity !== null) {
      const handedOut = await allocatedBelow(scope, ancestorId, feature);
      if (handedOut > capacity) {
        throw new AllotError(
          'seats_exhausted',
          `${ancestorId} holds ${capacity} ${feature} seats and would hand out ${handedOut}.`,
          [{ field: 'allocated', message: `exceeds the ${capacity} seats held above this account` }],
          { feature, allocated: capacity, used: handedOut },
        );
      }
      return;
    }
    const parent = await scope
      .selectFrom('accounts')
      .select('parent_id')
      .where('id', '=', ancestorId)
      .executeTakeFirst();
    ancestorId = parent?.parent_id ?? null;
  }
}

async function allocatedBelow(scope: TenantScope, rootId: string, feature: string): Promise<number> {
  let total = 0;
  let frontier = [rootId];
  while (frontier.length > 0) {
    const children = await scope
      .selectFrom('accounts')
      .select('id')
      .where('parent_id', 'in', frontier)
      .execute();
    if (children.length === 0) break;
    const ids = children.map((c) => c.id);
    const allocated = await scope
      .selectFrom('allocations')
      .select(['account_id', 'allocated'])
      .where('feature', '=', feature)
      .where('account_id', 'in', ids)
      .execute();
    const withAllocation = new Set(allocated.map((a) => a.account_id));
    total += allocated.reduce((sum, a) => sum + a.allocated, 0);
    frontier = ids.filter((id) => !withAllocation.has(id));
  }
  return total;
}

export interface AllocationView {
  feature: string;
  allocated: number | null;
  used: number;
  source: 'allocation' | 'subscription';
}

export async function seatsOf(scope: TenantScope, accountId: string): Promise<AllocationView[]> {
  const out: AllocationView[] = [];
  for (const c of (await seatCapacities(scope, accountId)).values()) {
    out.push({
      feature: c.feature,
      allocated: c.capacity,
      used: await usedSeats(scope, accountId, c.module),
      source: c.source,
    });
  }
  return out.sort((a, b) => a.feature.localeCompare(b.feature));
}

/** PUT allocations: the parent's subscription managers set the seats of a customer or site. */
export async function putAllocations(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  items: { feature: string; allocated: number }[],
  wall: Clock,
) {
  const account = await getAccount(scope, accountRef);
  if (!account.parent_id) {
    throw new AllotError('invalid_state', 'Only a customer or site below a parent receives allocations.', [
      { field: 'account', message: 'has no parent' },
    ]);
  }
  await authorizedAccount(scope, actor, account.parent_id, 'manage_subscriptions');
  const kinds = await featureKinds(scope);
  const errors = new FieldErrors();
  for (const [i, it] of items.entries()) {
    if (kinds.get(it.feature) !== 'seat') errors.add(`[${i}].feature`, 'names no seat feature');
  }
  errors.throwIfAny();
  for (const it of items)
    await setAllocation(scope, actor, account.id, it.feature, it.allocated, wall, 'set by the parent');
  return seatsOf(scope, account.id);
}

/** Recounts used seats from the users, and records what it found. */
export async function syncSeats(scope: TenantScope, actor: Actor, accountRef: string, wall: Clock) {
  const account = await authorizedAccount(scope, actor, accountRef, 'read');
  const seats = await seatsOf(scope, account.id);
  await recordHistory(scope, {
    at: wall.now(),
    actor,
    action: 'seats.synced',
    subject: { type: 'account', id: account.id },
    accountId: account.id,
    before: null,
    after: { seats },
  });
  return seats;
}

/** For a partner: every descendant's allocated and used seats, and the totals per feature. */
export async function allocationOverview(scope: TenantScope, actor: Actor, accountRef: string) {
  const root = await authorizedAccount(scope, actor, accountRef, 'read');
  const accounts = [];
  let frontier = [root.id];
  const totals = new Map<string, { feature: string; allocated: number; used: number }>();
  while (frontier.length > 0) {
    const children = await scope
      .selectFrom('accounts')
      .select(['id', 'name', 'kind', 'parent_id'])
      .where('parent_id', 'in', frontier)
      .orderBy('id')
      .execute();
    for (const c of children) {
      const seats = (await seatsOf(scope, c.id)).filter((s) => s.source === 'allocation');
      accounts.push({ account: c.id, name: c.name, kind: c.kind, parent_id: c.parent_id, seats });
      for (const s of seats) {
        const t = totals.get(s.feature) ?? { feature: s.feature, allocated: 0, used: 0 };
        t.allocated += s.allocated ?? 0;
        t.used += s.used;
        totals.set(s.feature, t);
      }
    }
    frontier = children.map((c) => c.id);
  }
  return { object: 'allocation_overview' as const, account: root.id, accounts, totals: [...totals.values()] };
}

/** seats.exhausted: the last seat of a feature was just taken. */
async function announceFull(
  scope: TenantScope,
  accountId: string,
  feature: string,
  used: number,
  wall: Clock,
) {
  await emitEvents(scope, [
    { type: 'seats.exhausted', accountId, at: wall.now(), data: { feature, allocated: used, used } },
  ]);
}

async function recordPeak(
  scope: TenantScope,
  accountId: string,
  feature: string,
  windowStart: Date,
  used: number,
) {
  await sql`
    insert into seat_peaks (tenant_id, account_id, feature, window_start, peak)
    values (${scope.tenantId}, ${accountId}, ${feature}, ${windowStart}, ${used})
    on conflict (tenant_id, account_id, feature, window_start) do update set peak = greatest(seat_peaks.peak, excluded.peak)`.execute(
    scope.raw,
  );
}
