/**
 * A subscription's terms: the plan and add-on versions it holds, priced for its billing period and
 * currency. Catalog versions come from the catalog module (cached there: they never change).
 */
import type { Selectable } from 'kysely';
import type { PlanPrice } from '../catalog/model.ts';
import { type AddonVersion, addonVersion, type PlanVersion, planVersion } from '../catalog/versions.ts';
import type { LiveGrantSource } from '../domain/entitlements.ts';
import type { PhaseAddon, PhasePlan } from '../domain/timeline.ts';
import type { StoredAddon, SubscriptionsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type { AddonVersion, PlanVersion };

export interface AddonItem {
  addon: AddonVersion;
  quantity: number;
}

export interface SubscriptionTerms {
  id: string;
  billingPeriod: 'month' | 'year';
  currency: string;
  quantity: number;
  plan: PlanVersion;
  addons: readonly AddonItem[];
}

export const priceOf = (plan: PlanVersion, period: string, currency: string): PlanPrice | undefined =>
  plan.prices.find((p) => p.billing_period === period && p.currency === currency);

/** The terms a row (a subscription, or one of its phases) holds. */
export async function termsOf(
  scope: TenantScope,
  row: Pick<
    SubscriptionRow,
    'id' | 'billing_period' | 'currency' | 'quantity' | 'plan_id' | 'plan_version'
  > & {
    addons: unknown;
  },
): Promise<SubscriptionTerms> {
  const items: AddonItem[] = [];
  for (const a of row.addons as StoredAddon[])
    items.push({ addon: await addonVersion(scope, a.addon, a.version), quantity: a.quantity });
  return {
    id: row.id,
    billingPeriod: row.billing_period,
    currency: row.currency,
    quantity: row.quantity,
    plan: await planVersion(scope, row.plan_id, row.plan_version),
    addons: items,
  };
}

export const storedAddons = (items: readonly AddonItem[]): StoredAddon[] =>
  items.map((a) => ({ addon: a.addon.id, version: a.addon.version, quantity: a.quantity }));

/** The plan priced for a billing period and currency, as a phase bills it. */
export function phasePlan(plan: PlanVersion, billingPeriod: string, currency: string): PhasePlan {
  const price = priceOf(plan, billingPeriod, currency);
  if (!price)
    throw new Error(`plan ${plan.key} v${plan.version} has no ${billingPeriod} price in ${currency}`);
  return {
    id: plan.id,
    key: plan.key,
    name: plan.name,
    version: plan.version,
    amount: price.amount,
    perSeat: price.per_seat,
    consumptionUnitAmount: price.consumption_unit_amount,
    entitlements: plan.entitlements,
  };
}

/** A pack priced for a billing period and currency: per period, once, or both. */
export function phaseAddon(item: AddonItem, billingPeriod: string, currency: string): PhaseAddon {
  const { addon } = item;
  const price = (period: string) =>
    addon.prices.find((p) => p.billing_period === period && p.currency === currency)?.amount ?? null;
  return {
    id: addon.id,
    key: addon.key,
    name: addon.name,
    version: addon.version,
    quantity: item.quantity,
    recurringAmount: price(billingPeriod),
    onceAmount: price('once'),
    grants: addon.grants,
  };
}

/** What a subscription's terms grant, as the account's grants rule reads them. */
export function grantSourceOf(terms: SubscriptionTerms): LiveGrantSource {
  const price = priceOf(terms.plan, terms.billingPeriod, terms.currency);
  return {
    entitlements: terms.plan.entitlements,
    packs: terms.addons.map((a) => ({ grants: a.addon.grants, quantity: a.quantity })),
    perSeat: price?.per_seat ?? false,
    quantity: terms.quantity,
  };
}
