/**
 * Plan and add-on versions as a subscription bought them. Versions never change once written, so
 * this process may keep them: renewing 100,000 subscriptions reads each version once, not once each.
 */
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import type { AddonDefinition, PlanDefinition } from './model.ts';

interface Named {
  id: string;
  key: string;
  name: string;
  version: number;
}

export type PlanVersion = Named & PlanDefinition;
export type AddonVersion = Named & AddonDefinition;

const cache = new Map<string, PlanVersion | AddonVersion>();
const CACHE_MAX = 5_000;

async function loadVersion(scope: TenantScope, table: 'plans' | 'addons', itemId: string, version: number) {
  const cacheKey = `${scope.tenantId}:${itemId}:${version}`;
  const hit = cache.get(cacheKey);
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
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(cacheKey, terms as PlanVersion | AddonVersion);
  return terms;
}

export const planVersion = (scope: TenantScope, planId: string, version: number) =>
  loadVersion(scope, 'plans', planId, version) as Promise<PlanVersion>;

export const addonVersion = (scope: TenantScope, addonId: string, version: number) =>
  loadVersion(scope, 'addons', addonId, version) as Promise<AddonVersion>;

/** The current version of the plan (or add-on) a reference (id or key) names, or null. */
export async function currentVersionOf(scope: TenantScope, table: 'plans' | 'addons', ref: string) {
  const row = await scope
    .selectFrom(table)
    .select(['id', 'version'])
    .where(idOr('key', ref))
    .executeTakeFirst();
  if (!row) return null;
  return table === 'plans'
    ? planVersion(scope, row.id, row.version)
    : addonVersion(scope, row.id, row.version);
}
