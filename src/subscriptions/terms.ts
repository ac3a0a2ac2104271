import type { Selectable } from 'kysely';
import type { AddonDefinition, PlanDefinition } from '../catalog/model.ts';
import type { SubscriptionAddonsTable, SubscriptionsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';
import type { AddonItem, AddonTerms, PlanTerms, SubscriptionTerms } from './charges.ts';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type SubscriptionAddonRow = Selectable<SubscriptionAddonsTable>;

/**
 * Catalog versions never change once written, so this process may keep them: renewing 100,000
 * subscriptions reads each plan version once, not once per subscription.
 */
const versionCache = new Map<string, PlanTerms | AddonTerms>();
const CACHE_MAX = 5_000;

async function loadVersion(scope: TenantScope, table: 'plans' | 'addons', itemId: string, version: number) {
  const cacheKey = `${scope.tenantId}:${itemId}:${version}`;
  const hit = versionCache.get(cacheKey);
  if (hit) return hit;
  const row = await scope
    .selectFrom(table)
    .innerJoin('catalog_versions as v', (j) =>
      j.onRef('v.tenant_id', '=', `${table}.tenant_id`).onRef('v.item_id', '=', `${table}.id`),
    )
    .select([`${table}.id`, `${table}.key`, `${table}.name`, 'v.definition'])
    .where(`${table}.id`, '=', itemId)
    .where('v.version', '=', version)
    .executeTakeFirstOrThrow();
  const terms = { id: row.id, key: row.key, name: row.name, version, ...(row.definition as object) };
  if (versionCache.size >= CACHE_MAX) versionCache.clear();
  versionCache.set(cacheKey, terms as PlanTerms | AddonTerms);
  return terms;
}

export const planTerms = (scope: TenantScope, planId: string, version: number) =>
  loadVersion(scope, 'plans', planId, version) as Promise<PlanTerms & PlanDefinition>;

export const addonTerms = (scope: TenantScope, addonId: string, version: number) =>
  loadVersion(scope, 'addons', addonId, version) as Promise<AddonTerms & AddonDefinition>;

export async function addonRowsOf(scope: TenantScope, subscriptionIds: readonly string[]) {
  const byId = new Map<string, SubscriptionAddonRow[]>();
  if (subscriptionIds.length === 0) return byId;
  const rows = await scope
    .selectFrom('subscription_addons')
    .selectAll()
    .where(anyOf('subscription_id', subscriptionIds))
    .execute();
  for (const r of rows) byId.set(r.subscription_id, [...(byId.get(r.subscription_id) ?? []), r]);
  return byId;
}

export async function termsOf(
  scope: TenantScope,
  row: SubscriptionRow,
  addons: readonly SubscriptionAddonRow[],
): Promise<SubscriptionTerms> {
  const items: AddonItem[] = [];
  for (const a of addons)
    items.push({ addon: await addonTerms(scope, a.addon_id, a.addon_version), quantity: a.quantity });
  return {
    id: row.id,
    billingPeriod: row.billing_period,
    currency: row.currency,
    quantity: row.quantity,
    plan: await planTerms(scope, row.plan_id, row.plan_version),
    addons: items,
  };
}
