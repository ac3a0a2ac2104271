/** Checks of what a subscription request names: a plan, its price, a quantity, add-ons. */
import { currentVersionOf } from '../catalog/versions.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { type AddonItem, type AddonVersion, type PlanVersion, priceOf } from './terms.ts';

export async function findPlan(scope: TenantScope, ref: string, field = 'plan'): Promise<PlanVersion> {
  const plan = await currentVersionOf(scope, 'plans', ref);
  if (!plan)
    throw new AllotError('validation_failed', `${field} names no plan: ${ref}.`, [
      { field, message: 'names no plan' },
    ]);
  return plan as PlanVersion;
}

export interface AddonRequest {
  addon: string;
  quantity?: number;
}

/** Whether an add-on attaches to a plan: one of its modules is the plan's (or it names none). */
export const fitsPlan = (addon: AddonVersion, plan: PlanVersion) =>
  addon.modules.length === 0 || addon.modules.some((m) => plan.modules.includes(m));

/** Resolves requested add-ons to their terms, checking each fits the plan and has a price. */
export async function resolveAddons(
  scope: TenantScope,
  requested: readonly AddonRequest[],
  terms: { plan: PlanVersion; billingPeriod: string; currency: string },
  current: readonly AddonItem[],
): Promise<AddonItem[]> {
  const errors = new FieldErrors();
  const items: AddonItem[] = [];
  const seen = new Set<string>();
  for (const [i, r] of requested.entries()) {
    // An add-on already on the subscription keeps the version it was bought at.
    const latest = (await currentVersionOf(scope, 'addons', r.addon)) as AddonVersion | null;
    if (!latest) {
      errors.add(`addons[${i}].addon`, `names no add-on: ${r.addon}`);
      continue;
    }
    if (seen.has(latest.id)) errors.add(`addons[${i}].addon`, 'is listed twice');
    seen.add(latest.id);
    const addon = current.find((c) => c.addon.id === latest.id)?.addon ?? latest;
    if (!fitsPlan(addon, terms.plan)) {
      errors.add(
        `addons[${i}].addon`,
        `attaches to ${addon.modules.join(', ')}, which ${terms.plan.name} does not include`,
      );
    }
    const priced = addon.prices.some(
      (p) =>
        p.currency === terms.currency &&
        (p.billing_period === terms.billingPeriod || p.billing_period === 'once'),
    );
    if (!priced)
      errors.add(`addons[${i}].addon`, `has no ${terms.billingPeriod} or one-off price in ${terms.currency}`);
    items.push({ addon, quantity: r.quantity ?? 1 });
  }
  errors.throwIfAny();
  return items;
}

export function checkPlanPrice(plan: PlanVersion, billingPeriod: string, currency: string, field = 'plan') {
  const price = priceOf(plan, billingPeriod, currency);
  if (price) return price;
  if (!plan.prices.some((p) => p.billing_period === billingPeriod)) {
    throw new AllotError(
      'billing_period_mismatch',
      `${plan.name} has no ${billingPeriod}ly price; a plan change keeps the billing period.`,
      [{ field, message: `has no ${billingPeriod} price` }],
    );
  }
  throw new AllotError('validation_failed', `${plan.name} has no ${billingPeriod} price in ${currency}.`, [
    { field: 'currency', message: `${plan.name} is not sold in ${currency} for this billing period` },
  ]);
}

export function checkQuantity(perSeat: boolean, quantity: number | undefined) {
  if (!perSeat && quantity !== undefined && quantity !== 1) {
    throw new AllotError('validation_failed', 'This plan is priced per organisation; quantity must be 1.', [
      { field: 'quantity', message: 'must be 1 for a flat price' },
    ]);
  }
}

/**
 * The terms must be billable on `billingPeriod` at the next renewal: the plan and every recurring
 * add-on need a price for it, or the renewal could not be invoiced.
 */
export function assertRenewable(
  terms: { plan: PlanVersion; currency: string; addons: readonly AddonItem[] },
  billingPeriod: 'month' | 'year',
) {
  checkPlanPrice(terms.plan, billingPeriod, terms.currency, 'billing_period');
  for (const a of terms.addons) {
    const prices = a.addon.prices.filter((p) => p.currency === terms.currency);
    if (
      prices.some((p) => p.billing_period !== 'once') &&
      !prices.some((p) => p.billing_period === billingPeriod)
    ) {
      throw new AllotError(
        'billing_period_mismatch',
        `${a.addon.name} has no ${billingPeriod} price in ${terms.currency}.`,
        [{ field: 'billing_period', message: `the add-on ${a.addon.key} has no ${billingPeriod} price` }],
      );
    }
  }
}
