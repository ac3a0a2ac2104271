import { countActiveUsers } from '../accounts/users.ts';
import { featureKinds, seatModules } from '../catalog/catalog.ts';
import { accountGrants } from '../domain/entitlements.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { grantSourceOf, type SubscriptionTerms } from './terms.ts';
import { liveSubscriptions } from './view.ts';

/**
 * Fewer licences than the users holding them would leave someone without a seat (OneDesk: remove
 * the user first). A change or an activation that lowers a seat feature's capacity below the users
 * who hold it is refused, naming the field; one that keeps it above, or raises it, passes. The
 * account's other live subscriptions count; allocations (a reseller's) are the seats module's.
 */
export async function assertSeatsFit(
  scope: TenantScope,
  accountId: string,
  subscriptionId: string,
  next: SubscriptionTerms,
  field: string,
): Promise<void> {
  const subs = await liveSubscriptions(scope, [accountId]);
  const kinds = await featureKinds(scope);
  const before = accountGrants(
    kinds,
    subs.map((s) => grantSourceOf(s.terms)),
    new Map(),
    false,
  );
  const after = accountGrants(
    kinds,
    subs.map((s) => grantSourceOf(s.row.id === subscriptionId ? next : s.terms)),
    new Map(),
    false,
  );
  const modules = await seatModules(scope);
  for (const g of after.values()) {
    if (g.kind !== 'seat' || g.limit === null) continue;
    const was = before.get(g.feature)?.limit;
    if (was !== undefined && was !== null && g.limit >= was) continue;
    const used =
      (await countActiveUsers(scope, [accountId], modules.get(g.feature) ?? null)).get(accountId) ?? 0;
    if (used > g.limit) {
      throw new AllotError(
        'invalid_state',
        `${used} active users hold a ${g.feature} seat; the change would leave ${g.limit}. Deactivate ${used - g.limit} first.`,
        [{ field, message: `would leave ${g.limit} ${g.feature} seats for ${used} active users` }],
        { feature: g.feature, seats: g.limit, used },
      );
    }
  }
}
