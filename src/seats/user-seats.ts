import { createUser, type UserInput, updateUser } from '../accounts/users.ts';
import type { Actor } from '../platform/actor.ts';
import type { Clock } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { changeSubscription } from '../subscriptions/change.ts';
import { setAllocation } from './allocations.ts';
import { enforceSeats, type SeatRaisers } from './enforce.ts';

/**
 * Adding a user takes a seat (S8): the user is written, then every seat feature it holds must still
 * fit — in the same transaction, so a refused add leaves nothing behind.
 */
export async function addUser(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  input: UserInput,
  wall: Clock,
) {
  const user = await createUser(scope, actor, accountRef, input, wall);
  await takeSeat(scope, actor, user, wall);
  return user;
}

/** Reactivating a user, or giving one a module, takes a seat too. */
export async function changeUser(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  userRef: string,
  patch: Partial<UserInput>,
  wall: Clock,
) {
  const user = await updateUser(scope, actor, accountRef, userRef, patch, wall);
  if (patch.status === 'active' || patch.modules !== undefined) await takeSeat(scope, actor, user, wall);
  return user;
}

/** The seats a user now holds are checked against capacity, or raised by a subscription manager. */
const takeSeat = (
  scope: TenantScope,
  actor: Actor,
  user: { account: string; status: 'active' | 'deactivated'; modules: string[] },
  wall: Clock,
) =>
  enforceSeats(
    scope,
    actor,
    user.account,
    { status: user.status, modules: user.modules },
    wall,
    raisers(scope, actor, wall),
  );

/** A subscription manager's extra user allocates one more seat, or buys one more licence (prorated). */
const raisers = (scope: TenantScope, actor: Actor, wall: Clock): SeatRaisers => ({
  allocation: (accountId, feature, allocated) =>
    setAllocation(scope, actor, accountId, feature, allocated, wall, 'raised by adding a user'),
  quantity: (subscriptionId, quantity) =>
    changeSubscription(scope, actor, subscriptionId, { quantity }, wall),
});
