import { authorizedAccount, listedAccount } from '../accounts/accounts.ts';
import type { Actor } from '../platform/actor.ts';
import { toRfc3339 } from '../platform/clock/clock.ts';
import type { StoredAddon, StoredShare } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { type SubscriptionRow, type SubscriptionTerms, termsOf } from './terms.ts';

/** The subscription resource: the timeline's current phase, with its period and flags. */
export function viewSubscription(row: SubscriptionRow, terms?: SubscriptionTerms) {
  const scheduled = row.scheduled_changes as { billing_period?: string };
  const shares = row.shares as StoredShare[] | null;
  return {
    id: row.id,
    object: 'subscription' as const,
    account: row.account_id,
    plan: row.plan_id,
    plan_key: terms?.plan.key ?? null,
    plan_version: row.plan_version,
    billing_period: row.billing_period,
    currency: row.currency,
    quantity: row.quantity,
    status: row.status,
    trial_end: row.trial_end ? toRfc3339(row.trial_end) : null,
    current_period_start: toRfc3339(row.current_period_start),
    current_period_end: toRfc3339(row.current_period_end),
    auto_renew: row.auto_renew,
    cancellable_until: toRfc3339(row.cancellable_until),
    addons: (row.addons as StoredAddon[]).map((a) => ({
      addon: a.addon,
      addon_key: terms?.addons.find((t) => t.addon.id === a.addon)?.addon.key ?? null,
      quantity: a.quantity,
    })),
    seats: shares ? shares.map((s) => ({ account: s.account, seats: s.seats })) : null,
    scheduled_changes: scheduled.billing_period
      ? [
          {
            type: 'billing_period',
            billing_period: scheduled.billing_period,
            effective_at: toRfc3339(row.current_period_end),
          },
        ]
      : [],
    ended_at: row.ended_at ? toRfc3339(row.ended_at) : null,
    created_at: toRfc3339(row.created_at),
  };
}

export type SubscriptionView = ReturnType<typeof viewSubscription>;

export async function viewOf(scope: TenantScope, row: SubscriptionRow): Promise<SubscriptionView> {
  return viewSubscription(row, await termsOf(scope, row));
}

export async function getSubscriptionRow(scope: TenantScope, id: string, forUpdate = false) {
  let q = scope.selectFrom('subscriptions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('subscription', id);
  return row;
}

/** The subscription with its terms, checking the actor may `permission` on its account. */
export async function loadSubscription(
  scope: TenantScope,
  actor: Actor,
  id: string,
  permission: 'read' | 'manage_subscriptions',
  forUpdate: boolean,
) {
  const row = await getSubscriptionRow(scope, id, forUpdate);
  const account = await authorizedAccount(scope, actor, row.account_id, permission);
  return { row, account, terms: await termsOf(scope, row) };
}

/** The live (active or trialing) subscriptions of accounts, with their terms, in id order. */
export async function liveSubscriptions(scope: TenantScope, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  const rows = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  const out = [];
  for (const row of rows) out.push({ row, terms: await termsOf(scope, row) });
  return out;
}

export type LoadedSubscription = Awaited<ReturnType<typeof loadSubscription>>;

export async function getSubscription(scope: TenantScope, actor: Actor, id: string) {
  const { row, terms } = await loadSubscription(scope, actor, id, 'read', false);
  return viewSubscription(row, terms);
}

export async function listSubscriptions(
  scope: TenantScope,
  actor: Actor,
  params: ListParams & { account?: string; status?: string },
) {
  let q = scope.selectFrom('subscriptions').selectAll();
  const account = await listedAccount(scope, actor, params.account);
  if (account) q = q.where('account_id', '=', account);
  if (params.status) q = q.where('status', '=', params.status as SubscriptionRow['status']);
  const page = await listPage(q, 'id', params);
  const data = [];
  for (const r of page.data) data.push(await viewOf(scope, r));
  return { data, has_more: page.has_more };
}
