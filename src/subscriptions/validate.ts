import type { InvoiceDraft } from '../billing/invoices.ts';
import type { LineDraft } from '../domain/invoice.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { named, payersOf } from '../seats/reseller.ts';
import { type AddonItem, priceOf, type SubscriptionTerms } from './charges.ts';
import { addonTerms, planTerms, type SubscriptionRow } from './terms.ts';

export async function findPlan(scope: TenantScope, ref: string, field = 'plan') {
  const row = await scope
    .selectFrom('plans')
    .select(['id', 'version'])
    .where(idOr('key', ref))
    .executeTakeFirst();
  if (!row)
    throw new AllotError('validation_failed', `${field} names no plan: ${ref}.`, [
      { field, message: 'names no plan' },
    ]);
  return planTerms(scope, row.id, row.version);
}

export interface AddonRequest {
  addon: string;
  quantity?: number;
}

/** Resolves requested add-ons to their current terms, checking each fits the plan and its prices. */
export async function resolveAddons(
  scope: TenantScope,
  requested: readonly AddonRequest[],
  terms: Omit<SubscriptionTerms, 'addons'>,
  current: readonly AddonItem[],
) {
  const errors = new FieldErrors();
  const items: AddonItem[] = [];
  const seen = new Set<string>();
  for (const [i, r] of requested.entries()) {
    const row = await scope
      .selectFrom('addons')
      .select(['id', 'version'])
      .where(idOr('key', r.addon))
      .executeTakeFirst();
    if (!row) {
      errors.add(`addons[${i}].addon`, `names no add-on: ${r.addon}`);
      continue;
    }
    if (seen.has(row.id)) errors.add(`addons[${i}].addon`, 'is listed twice');
    seen.add(row.id);
    // An add-on already on the subscription keeps the version it was bought at.
    const kept = current.find((c) => c.addon.id === row.id);
    const addon = kept ? kept.addon : await addonTerms(scope, row.id, row.version);
    if (addon.modules.length > 0 && !addon.modules.some((m) => terms.plan.modules.includes(m))) {
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

export function checkPlanPrice(
  plan: SubscriptionTerms['plan'],
  billingPeriod: string,
  currency: string,
  field = 'plan',
) {
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

export async function draftFor(
  scope: TenantScope,
  row: SubscriptionRow,
  reason: InvoiceDraft['reason'],
  lines: LineDraft[],
  period: { start: string | null; end: string | null },
) {
  // A reseller's customer is invoiced to the reseller: the payer's invoice, tax and credit, lines named.
  const { payer, label } = (await payersOf(scope, [row.account_id])).get(row.account_id)!;
  return {
    accountId: payer.id,
    subscriptionId: row.id,
    reason,
    currency: row.currency,
    taxRateBps: payer.tax_rate_bps,
    periodStart: period.start,
    periodEnd: period.end,
    lines: named(lines, label),
  } satisfies InvoiceDraft;
}
