/**
 * Allocations (S7–S9): a parent's subscription managers give seats to a customer or a site; the
 * nearest ancestor with limited seats caps what is handed out beneath it; a customer billed on
 * allocated seats is charged at once for an increase; sync recounts; the overview sums it all up.
 */
import { accountClock, authorizedAccount, descendantsOf, getAccount } from '../accounts/accounts.ts';
import { holdInvoiceNumbers, invoicesNumberedAfter } from '../billing/invoices.ts';
import { featureKinds } from '../catalog/catalog.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { applyAllocationChange } from '../subscriptions/seat-basis.ts';
import { type AllocationView, seatCapacities, seatsOf, seatsWithSites } from './capacity.ts';
import { allocatedBelow, writeAllocation } from './ledger.ts';

/** Sets one allocation, as `why` says, and bills the increase where seats are billed as allocated. */
export async function setAllocation(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  feature: string,
  allocated: number,
  wall: Clock,
  why: string,
) {
  // The account's own time: its test clock's, when it lives on one.
  const account = await getAccount(scope, accountId);
  const now = (await accountClock(scope, account, wall)).now();
  const before = await writeAllocation(scope, accountId, feature, allocated, toDate(now));
  if (before === allocated) return;
  await assertParentHolds(scope, account.parent_id, feature);
  await applyAllocationChange(scope, actor, accountId, now);
  await emitEvents(scope, [
    {
      type: 'allocation.changed',
      accountId,
      at: now,
      data: { feature, before, after: allocated, reason: why },
    },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'allocation.changed',
    subject: { type: 'allocation', id: `${accountId}:${feature}` },
    accountId,
    before: before === null ? null : { feature, allocated: before },
    after: { feature, allocated, reason: why },
  });
}

/**
 * A parent cannot hand out more seats than it holds, when its own are limited: the nearest ancestor
 * with a limited capacity (its own subscription, or an allocation from above) caps the allocations
 * beneath it.
 */
async function assertParentHolds(scope: TenantScope, parentId: string | null, feature: string) {
  let ancestorId = parentId;
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
    ancestorId = (await getAccount(scope, ancestorId)).parent_id;
  }
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
  await authorizedAccount(scope, actor, account.parent_id, 'allocate_seats');
  const kinds = await featureKinds(scope);
  const errors = new FieldErrors();
  for (const [i, it] of items.entries()) {
    if (kinds.get(it.feature) !== 'seat') errors.add(`[${i}].feature`, 'names no seat feature');
  }
  errors.throwIfAny();
  for (const it of items)
    await setAllocation(scope, actor, account.id, it.feature, it.allocated, wall, 'set by the parent');
  return seatsWithSites(scope, account.id);
}

class DryRun extends Error {}

/**
 * What PUT allocations would do (S7: the cost shown before confirming): the same writes, in a
 * transaction rolled back at the end — the seats after the change and the invoices it would issue,
 * exactly as the write would (the tenant's invoice numbering is held meanwhile, so the numbers are
 * the ones the write would take if nothing else is invoiced first).
 */
export async function previewAllocations(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  items: { feature: string; allocated: number }[],
  wall: Clock,
) {
  let answer:
    | { seats: AllocationView[]; invoices: Awaited<ReturnType<typeof invoicesNumberedAfter>> }
    | undefined;
  try {
    await scope.transaction(async (tx) => {
      const last = await holdInvoiceNumbers(tx);
      const seats = await putAllocations(tx, actor, accountRef, items, wall);
      answer = { seats, invoices: await invoicesNumberedAfter(tx, last) };
      throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  const invoices = answer!.invoices.map((i) => ({
    ...i,
    id: null,
    number: null,
    sequence: null,
    status: 'draft' as const,
  }));
  return { object: 'allocation_preview' as const, data: answer!.seats, invoices };
}

/** Recounts used seats from the users (an account's and its sites'), and records what it found. */
export async function syncSeats(scope: TenantScope, actor: Actor, accountRef: string, wall: Clock) {
  const account = await authorizedAccount(scope, actor, accountRef, 'read');
  const now = (await accountClock(scope, account, wall)).now();
  const seats = await seatsWithSites(scope, account.id);
  const sites = [];
  for (const d of await descendantsOf(scope, account.id))
    sites.push({ account: d.id, name: d.name, seats: await seatsOf(scope, d.id) });
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'seats.synced',
    subject: { type: 'account', id: account.id },
    accountId: account.id,
    before: null,
    after: { seats },
  });
  return { seats, sites };
}

/**
 * For a partner (S9): every account below it with the seats allocated to it and used, each
 * customer's subtotal of itself and its sites, and the totals per feature.
 */
export async function allocationOverview(scope: TenantScope, actor: Actor, accountRef: string) {
  const root = await authorizedAccount(scope, actor, accountRef, 'read');
  const below = await descendantsOf(scope, root.id);
  const accounts = [];
  const totals = new Map<string, { feature: string; allocated: number; used: number }>();
  for (const d of below) {
    const seats = (await seatsOf(scope, d.id)).filter((s) => s.source === 'allocation');
    const entry: {
      account: string;
      name: string;
      kind: string;
      parent_id: string | null;
      seats: AllocationView[];
      subtotal?: AllocationView[];
    } = { account: d.id, name: d.name, kind: d.kind, parent_id: d.parent_id, seats };
    // A customer's subtotal: itself and its sites.
    if (d.kind === 'customer') entry.subtotal = await seatsWithSites(scope, d.id);
    accounts.push(entry);
    // Totals count each seat once: a customer's subtotal holds its own users and its sites'; an
    // account drawing from an allocated parent adds its users only.
    const parent = accounts.find((a) => a.account === d.parent_id);
    if (parent?.subtotal) continue;
    const counted = entry.subtotal ?? seats;
    const parentAllocated = new Set((parent?.seats ?? []).map((s) => s.feature));
    for (const s of counted) {
      const t = totals.get(s.feature) ?? { feature: s.feature, allocated: 0, used: 0 };
      if (!parentAllocated.has(s.feature)) t.allocated += s.allocated ?? 0;
      t.used += s.used;
      totals.set(s.feature, t);
    }
  }
  return { object: 'allocation_overview' as const, account: root.id, accounts, totals: [...totals.values()] };
}
