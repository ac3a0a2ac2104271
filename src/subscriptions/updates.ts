/** What every subscription change records, in its transaction: the event and the history entry. */
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import type { SubscriptionRow } from './terms.ts';
import { getSubscriptionRow, viewOf } from './view.ts';

/**
 * Records a change made to a subscription (its row as it was before): `subscription.updated` (or
 * `.canceled`) with the subscription before and after, and the history entry of `action`.
 */
export async function finishUpdate(
  scope: TenantScope,
  actor: Actor,
  before: SubscriptionRow,
  now: Temporal.Instant,
  action: string,
  type: 'subscription.updated' | 'subscription.canceled' = 'subscription.updated',
) {
  const previous = await viewOf(scope, before);
  const after = await viewOf(scope, await getSubscriptionRow(scope, before.id));
  await emitEvents(scope, [
    { type, accountId: before.account_id, at: now, data: { subscription: after, previous } },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action,
    subject: { type: 'subscription', id: before.id },
    accountId: before.account_id,
    before: previous,
    after,
  });
  return after;
}
