/**
 * What a subscription's timeline bills, pure: the charge for a period, and the proration lines of a
 * change. Line keys name what each line bills, so the billing job can subtract what was invoiced.
 */
import type { AddonDefinition, PlanDefinition, PlanPrice } from '../catalog/model.ts';
import type { Grant } from '../domain/entitlements.ts';
import type { LineDraft } from '../domain/invoice.ts';
import { mulDiv } from '../domain/money.ts';
import { type BillingInterval, periodBounds } from '../domain/periods.ts';
import { prorationLines } from '../domain/proration.ts';
import { Temporal } from '../platform/clock/clock.ts';

export interface PlanTerms extends PlanDefinition {
  id: string;
  key: string;
  name: string;
  version: number;
}

export interface AddonTerms extends AddonDefinition {
  id: string;
  key: string;
  name: string;
  version: number;
}

export interface AddonItem {
  addon: AddonTerms;
  quantity: number;
}

export interface SubscriptionTerms {
  id: string;
  billingPeriod: BillingInterval;
  currency: string;
  quantity: number;
  plan: PlanTerms;
  addons: readonly AddonItem[];
}

export const priceOf = (plan: PlanDefinition, period: string, currency: string): PlanPrice | undefined =>
  plan.prices.find((p) => p.billing_period === period && p.currency === currency);

/** The billed quantity of the plan line: seats for a per-seat price, 1 for a flat one. */
export const planQuantity = (price: PlanPrice, quantity: number) => (price.per_seat ? quantity : 1);

const PERIOD_WORD: Record<BillingInterval, string> = { month: 'monthly', year: 'annual' };

function planLabel(terms: SubscriptionTerms): string {
  return `${terms.plan.name} (${PERIOD_WORD[terms.billingPeriod]})`;
}

/** The lines charging a whole period in advance: the plan and each recurring add-on. */
export function periodChargeLines(
  terms: SubscriptionTerms,
  periodStart: string,
  periodEnd: string,
  shares: readonly { accountId: string; label: string; seats: number }[] | null = null,
): LineDraft[] {
  const price = priceOf(terms.plan, terms.billingPeriod, terms.currency);
  if (!price)
    throw new Error(
      `plan ${terms.plan.key} v${terms.plan.version} has no ${terms.billingPeriod} price in ${terms.currency}`,
    );
  const qty = planQuantity(price, terms.quantity);
  // A reseller's customer: one line per customer or site, with its seats this period (see seats/reseller).
  const lines: LineDraft[] =
    shares && price.per_seat
      ? shares.map((share) => ({
          line_key: `${terms.id}:${periodStart}:plan:${share.accountId}`,
          kind: 'seat' as const,
          description: share.label
            ? `${share.label}: ${share.seats} × ${planLabel(terms)}`
            : `${share.seats} × ${planLabel(terms)}`,
          subscription_id: terms.id,
          period_start: periodStart,
          period_end: periodEnd,
          quantity: share.seats,
          unit_amount: price.amount,
          amount: price.amount * share.seats,
        }))
      : [
          {
            line_key: `${terms.id}:${periodStart}:plan`,
            kind: 'subscription',
            description: price.per_seat ? `${qty} × ${planLabel(terms)}` : planLabel(terms),
            subscription_id: terms.id,
            period_start: periodStart,
            period_end: periodEnd,
            quantity: qty,
            unit_amount: price.amount,
            amount: price.amount * qty,
          },
        ];
  for (const item of terms.addons) {
    const p = item.addon.prices.find(
      (x) => x.billing_period === terms.billingPeriod && x.currency === terms.currency,
    );
    if (!p) continue; // one-off packs are billed when bought, never per period
    lines.push({
      line_key: `${terms.id}:${periodStart}:addon:${item.addon.id}`,
      kind: 'addon',
      description: `${item.quantity} × ${item.addon.name}`,
      subscription_id: terms.id,
      period_start: periodStart,
      period_end: periodEnd,
      quantity: item.quantity,
      unit_amount: p.amount,
      amount: p.amount * item.quantity,
    });
  }
  return lines;
}

/** One-off packs bought now (new, or more of them): charged in full once. */
export function oneOffLines(
  terms: SubscriptionTerms,
  bought: readonly AddonItem[],
  key: string,
  date: string,
): LineDraft[] {
  const lines: LineDraft[] = [];
  for (const item of bought) {
    const p = item.addon.prices.find((x) => x.billing_period === 'once' && x.currency === terms.currency);
    if (!p || item.quantity <= 0) continue;
    lines.push({
      line_key: `${terms.id}:${key}:once:${item.addon.id}`,
      kind: 'addon',
      description: `${item.quantity} × ${item.addon.name} (one-off)`,
      subscription_id: terms.id,
      period_start: date,
      period_end: null,
      quantity: item.quantity,
      unit_amount: p.amount,
      amount: p.amount * item.quantity,
    });
  }
  return lines;
}

/**
 * The proration lines of a change made on `changeDate` inside [periodStart, periodEnd): for the plan
 * (another plan, price or quantity) and for each recurring add-on whose quantity changed, a credit for
 * the old state's unused days and a charge for the new one's; one-off packs bought now in full.
 */
export function changeLines(
  before: SubscriptionTerms,
  after: SubscriptionTerms,
  period: { start: string; end: string },
  changeDate: string,
  changeKey: string,
): LineDraft[] {
  const start = Temporal.PlainDate.from(period.start);
  const end = Temporal.PlainDate.from(period.end);
  const date = Temporal.PlainDate.from(changeDate);
  const lines: LineDraft[] = [];
  const push = (
    key: string,
    old: { amount: number; quantity: number; label: string },
    next: { amount: number; quantity: number; label: string },
  ) => {
    const [credit, charge] = prorationLines({
      periodStart: start,
      periodEnd: end,
      changeDate: date,
      old,
      next,
    });
    for (const [side, l, q] of [
      ['credit', credit, old.quantity],
      ['charge', charge, next.quantity],
    ] as const) {
      if (q === 0) continue;
      lines.push({
        line_key: `${after.id}:${changeKey}:${key}:${side}`,
        kind: 'proration',
        description: l.description,
        subscription_id: after.id,
        period_start: l.period_start.toString(),
        period_end: l.period_end.toString(),
        quantity: l.quantity,
        unit_amount: l.unit_amount,
        amount: l.amount,
      });
    }
  };
  const oldPrice = priceOf(before.plan, before.billingPeriod, before.currency)!;
  const newPrice = priceOf(after.plan, after.billingPeriod, after.currency)!;
  const oldQty = planQuantity(oldPrice, before.quantity);
  const newQty = planQuantity(newPrice, after.quantity);
  if (
    before.plan.id !== after.plan.id ||
    before.plan.version !== after.plan.version ||
    oldQty !== newQty ||
    oldPrice.amount !== newPrice.amount
  ) {
    push(
      'plan',
      { amount: oldPrice.amount, quantity: oldQty, label: before.plan.name },
      { amount: newPrice.amount, quantity: newQty, label: after.plan.name },
    );
  }
  const ids = new Set([...before.addons, ...after.addons].map((a) => a.addon.id));
  const bought: AddonItem[] = [];
  for (const id of ids) {
    const was = before.addons.find((a) => a.addon.id === id);
    const now = after.addons.find((a) => a.addon.id === id);
    const addon = (now ?? was)!.addon;
    const recurring = addon.prices.find(
      (x) => x.billing_period === after.billingPeriod && x.currency === after.currency,
    );
    const oldQ = was?.quantity ?? 0;
    const newQ = now?.quantity ?? 0;
    if (oldQ === newQ) continue;
    if (recurring) {
      const oldAmount = was
        ? (was.addon.prices.find(
            (x) => x.billing_period === before.billingPeriod && x.currency === before.currency,
          )?.amount ?? 0)
        : recurring.amount;
      push(
        `addon:${id}`,
        { amount: oldAmount, quantity: oldQ, label: addon.name },
        { amount: recurring.amount, quantity: newQ, label: addon.name },
      );
    } else if (newQ > oldQ) {
      bought.push({ addon, quantity: newQ - oldQ });
    }
  }
  return [...lines, ...oneOffLines(after, bought, changeKey, changeDate)];
}

/** The period of index `index` from the anchor as dates and instants (see domain/periods). */
export function periodOf(anchorDate: string, interval: BillingInterval, index: number, timeZone: string) {
  const b = periodBounds(Temporal.PlainDate.from(anchorDate), interval, index, timeZone);
  return {
    start: b.start,
    end: b.end,
    startDate: b.startDate.toString(),
    endDate: b.endDate.toString(),
    days: b.days,
  };
}

/**
 * Usage beyond a quota whose overage is billed, for the period that just ended: one consumption line
 * per feature, `(used − limit) × overage_unit_amount`, saying how the count was reached. `usage` holds
 * each window's count — one for the period, or one per month for a quota that resets monthly — and
 * each window is held to the limit on its own.
 */
export function overageLines(
  subscriptionId: string,
  grants: readonly Pick<Grant, 'feature' | 'kind' | 'limit' | 'overage' | 'overage_unit_amount'>[],
  usage: ReadonlyMap<string, readonly number[]>,
  period: { startDate: string; endDate: string },
  /** The subscription's price's `consumption_unit_amount` (in its currency), for grants without their own. */
  priceUnitAmount: number | null = null,
): LineDraft[] {
  const lines: LineDraft[] = [];
  for (const g of grants) {
    const unitAmount = g.overage_unit_amount ?? priceUnitAmount;
    if (g.kind !== 'quota' || g.overage !== 'bill' || g.limit === null || unitAmount === null) continue;
    const limit = g.limit;
    const windows = usage.get(g.feature) ?? [];
    const extra = windows.reduce((sum, used) => sum + Math.max(used - limit, 0), 0);
    if (extra <= 0) continue;
    const used = windows.reduce((sum, u) => sum + u, 0);
    const description =
      windows.length === 1
        ? `${g.feature}: ${used} used, ${limit} included, ${extra} billed`
        : `${g.feature}: ${windows.join(' + ')} used in ${windows.length} months, ${limit} included each month, ${extra} billed`;
    lines.push({
      line_key: `${subscriptionId}:${period.startDate}:overage:${g.feature}`,
      kind: 'consumption',
      description,
      subscription_id: subscriptionId,
      period_start: period.startDate,
      period_end: period.endDate,
      quantity: extra,
      unit_amount: unitAmount,
      amount: mulDiv(unitAmount, extra, 1),
    });
  }
  return lines;
}

/**
 * Users beyond the included ones and the packs, for a seat feature billed as consumption (S17): one
 * line per feature (per module), `extra × unit price`, saying how the count was reached.
 */
export function extraUserLines(
  subscriptionId: string,
  seats: readonly { feature: string; included: number; peak: number; unitAmount: number }[],
  period: { startDate: string; endDate: string },
): LineDraft[] {
  const lines: LineDraft[] = [];
  for (const s of seats) {
    const extra = s.peak - s.included;
    if (extra <= 0) continue;
    lines.push({
      line_key: `${subscriptionId}:${period.startDate}:extra-users:${s.feature}`,
      kind: 'consumption',
      description: `${s.feature}: at most ${s.peak} users in the period, ${s.included} included (plan and packs), ${extra} extra`,
      subscription_id: subscriptionId,
      period_start: period.startDate,
      period_end: period.endDate,
      quantity: extra,
      unit_amount: s.unitAmount,
      amount: mulDiv(s.unitAmount, extra, 1),
    });
  }
  return lines;
}
