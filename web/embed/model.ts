import type { BillingPeriod, DisplayFeature, DisplayPlan, PlanFeature, Price, PricingTable } from './api.ts';
import { type Language, message } from './format.ts';

/** What the visitor picked; the call to action carries it in its query. */
export interface Choice {
  plan: string;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
}

export const MIN_LICENCES = 1;
export const MAX_LICENCES = 10_000;
const PERIODS: readonly BillingPeriod[] = ['month', 'year'];

export function priceOf(plan: DisplayPlan, period: string, currency: string): Price | undefined {
  return plan.prices.find((p) => p.billing_period === period && p.currency === currency);
}

/** The plans in the table's order (`plans`), each once, skipping any the display does not describe. */
export function plansOf(table: PricingTable): DisplayPlan[] {
  const byKey = new Map(table.display.plans.map((p) => [p.key, p]));
  const order = table.plans.length ? table.plans : table.display.plans.map((p) => p.key);
  return [...new Set(order)].flatMap((key) => byKey.get(key) ?? []);
}

/** The compared features in the table's order. */
export function featuresOf(table: PricingTable): DisplayFeature[] {
  const byKey = new Map(table.display.features.map((f) => [f.key, f]));
  const order = table.features.length ? table.features : table.display.features.map((f) => f.key);
  return [...new Set(order)].flatMap((key) => byKey.get(key) ?? []);
}

/** The periods of the toggle: those the table offers that some plan is priced for (month and year only). */
export function periodsOf(table: PricingTable): BillingPeriod[] {
  const offered = table.display.billing_periods.length ? table.display.billing_periods : PERIODS;
  return PERIODS.filter(
    (period) =>
      offered.includes(period) &&
      table.display.plans.some((p) => p.prices.some((x) => x.billing_period === period)),
  );
}

/** The periods some plan is priced for in a currency: the others are offered but cannot be chosen. */
export function pricedPeriods(table: PricingTable, currency: string): BillingPeriod[] {
  return periodsOf(table).filter((period) =>
    table.display.plans.some((p) => priceOf(p, period, currency) !== undefined),
  );
}

/** The currencies of the selector: those the table offers that some plan is priced in. */
export function currenciesOf(table: PricingTable): string[] {
  const priced = new Set(table.display.plans.flatMap((p) => p.prices.map((x) => x.currency)));
  const offered = table.display.currencies.length ? table.display.currencies : [...priced];
  return [...new Set(offered)].filter((c) => priced.has(c));
}

/** The first of the candidates that is one of the options, else the first option. */
export function pick<T extends string>(
  options: readonly T[],
  ...candidates: (string | null | undefined)[]
): T | undefined {
  for (const c of candidates) if (c && (options as readonly string[]).includes(c)) return c as T;
  return options[0];
}

/**
 * What paying yearly saves on paying monthly, in whole percent, from the list prices: a hint for the
 * toggle until a yearly quote says it exactly. null when the plan lacks either price or saves nothing.
 */
export function listSaving(plan: DisplayPlan, currency: string): number | null {
  const month = priceOf(plan, 'month', currency);
  const year = priceOf(plan, 'year', currency);
  if (!month || !year || month.per_seat !== year.per_seat) return null;
  const twelve = month.amount * 12;
  if (twelve <= 0 || year.amount >= twelve) return null;
  return Math.round(((twelve - year.amount) * 100) / twelve);
}

/** A plan's value for a feature, in words, and whether it counts as included (✓ rather than —). */
export function featureValue(
  lang: Language,
  feature: DisplayFeature,
  value: PlanFeature | undefined,
  perSeat: boolean,
  period: BillingPeriod,
): { text: string; on: boolean } {
  if (!value?.included || value.enabled === false)
    return { text: message(lang, 'feature.notIncluded'), on: false };
  if (feature.kind === 'boolean') return { text: message(lang, 'feature.included'), on: true };
  if (feature.kind === 'seat' && perSeat) {
    return { text: message(lang, 'feature.perLicence', { included: value.limit ?? 0 }), on: true };
  }
  if (value.limit === null) return { text: message(lang, 'feature.unlimited'), on: true };
  if (value.limit === 0) return { text: message(lang, 'feature.none'), on: false };
  const per = value.reset === 'period' ? period : value.reset;
  if (per === 'month' || per === 'year') {
    return { text: message(lang, 'feature.perPeriod', { limit: value.limit, per }), on: true };
  }
  return { text: message(lang, 'feature.amount', { limit: value.limit }), on: true };
}

/**
 * Where a plan's button leads: the base (the portal session link, else the table's call to action)
 * with the choice in its query. Only http(s) addresses: anything else is no link at all.
 */
export function choiceUrl(
  base: string | null | undefined,
  choice: Choice,
  relativeTo: string,
): string | null {
  if (!base) return null;
  let url: URL;
  try {
    url = new URL(base, relativeTo);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.searchParams.set('plan', choice.plan);
  url.searchParams.set('billing_period', choice.billing_period);
  url.searchParams.set('currency', choice.currency);
  url.searchParams.set('quantity', String(choice.quantity));
  return url.href;
}

/** The licence count as typed, if it is one: a whole number within bounds. */
export function parseLicences(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= MIN_LICENCES && n <= MAX_LICENCES ? n : null;
}
