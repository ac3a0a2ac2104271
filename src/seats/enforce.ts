/**
 * Adding a user takes a seat (S8). Called in the transaction that adds a user, reactivates one or
 * gives one a module, after the write: every seat feature the user now holds must still fit. Beyond
 * capacity the overage rule decides: `block` refuses (seats_exhausted) unless the acting user holds
 * the subscription-management role on the account or above — then the allocation (or the per-seat
 * quantity, billed prorated) grows by one; `bill` and `allow` let the user in (billed users are
 * counted at the period's end from their peak).
 */
import { accountChain, accountClock, getAccount } from '../accounts/accounts.ts';
import { mayAct, roleAllows } from '../accounts/rules.ts';
import type { UserRow } from '../accounts/users.ts';
import { emitEvents } from '../events/events.ts';
import type { Actor } from '../platform/actor.ts';
import type { Clock } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { type SeatCapacity, seatCapacities } from './capacity.ts';
import { recordPeak, usedSeats } from './ledger.ts';

/** Whether a user takes a seat of a feature: active, and holding the feature's module (if it has one). */
export const holdsSeat = (user: Pick<UserRow, 'status' | 'modules'>, module: string | null) =>
  user.status === 'active' && (module === null || user.modules.includes(module));

export interface SeatRaisers {
  /** Raises an allocation by one (the parent's seats given to this account). */
  allocation(accountId: string, feature: string, allocated: number): Promise<unknown>;
  /** Raises a per-seat subscription's quantity (billed prorated, as a change). */
  quantity(subscriptionId: string, quantity: number): Promise<unknown>;
}

export async function enforceSeats(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  user: Pick<UserRow, 'status' | 'modules'>,
  wall: Clock,
  raise: SeatRaisers,
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
  const account = await getAccount(scope, accountId);
  const now = (await accountClock(scope, account, wall)).now();
  for (const c of (await seatCapacities(scope, accountId)).values()) {
    if (c.capacity === null || !holdsSeat(user, c.module) || c.overage === 'allow') continue;
    const used = await usedSeats(scope, accountId, c.module);
    if (c.overage === 'bill') {
      // Let in, and remember the most users at once in the period: the extra ones are billed at its end.
      if (c.periodStart) await recordPeak(scope, accountId, c.feature, c.periodStart, used);
      continue;
    }
    if (used <= c.capacity) {
      if (used === c.capacity) {
        await emitEvents(scope, [
          {
            type: 'seats.exhausted',
            accountId,
            at: now,
            data: { feature: c.feature, allocated: c.capacity, used },
          },
        ]);
      }
      continue;
    }
    const chain = await accountChain(scope, account);
    // Only the subscription-management role buys seats by adding a user; the vendor's own key is
    // refused like anyone (it sets allocations and quantities explicitly). A deliberate raise is
    // no news: it announces nothing.
    if (actor.type === 'user' && mayAct(actor, chain, 'allocate_seats')) {
      if (c.source === 'allocation') {
        await raise.allocation(account.id, c.feature, c.capacity + 1);
        continue;
      }
      if (c.subscriptionId && c.quantity !== null) {
        await raise.quantity(c.subscriptionId, c.quantity + 1);
        continue;
      }
    }
    // Refused: the add rolls back, so nothing is recorded (seats.exhausted was sent when the last seat went).
    throw new AllotError(
      'seats_exhausted',
      `No free ${c.feature} seat: ${c.capacity} ${c.source === 'allocation' ? 'allocated' : 'held'}, ${used - 1} used. ${hintFor(actor, chain, c, accountId)}`,
      [],
      {
        feature: c.feature,
        allocated: c.capacity,
        used: used - 1,
        hint: hintFor(actor, chain, c, accountId),
      },
    );
  }
}

/** What would let this acting user add the user (the seeds' rule: subscription managers allocate). */
function hintFor(actor: Actor, chain: readonly string[], c: SeatCapacity, accountId: string): string {
  const more =
    c.source === 'allocation'
      ? `raise the allocation (PUT /v1/accounts/${accountId}/allocations)`
      : c.subscriptionId
        ? `raise the licence count (POST /v1/subscriptions/${c.subscriptionId}/change with a quantity)`
        : 'move to a plan or pack with more seats';
  if (actor.type !== 'user') return `The vendor can ${more}, or add the user as a subscription manager.`;
  const onChain = chain.includes(actor.account_id);
  if (onChain && roleAllows(actor.roles, 'grant_roles'))
    return c.subscriptionId
      ? `You can ${more}; or give yourself the subscription manager role, whose adds raise it by one.`
      : 'A subscription manager can add it, allocating one more seat; as an owner you can give yourself that role.';
  return 'Ask a subscription manager of the account or its reseller to allocate more seats.';
}
