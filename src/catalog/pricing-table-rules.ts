/**
 * Pricing tables, pure: what a table document must hold to be shown on a vendor's web site, and
 * what a page shows of it (plans in order with their prices and compared features). A table names
 * catalog items by key, so it stays valid across plan versions and through catalog import/export.
 */

import { FieldErrors } from '../platform/errors.ts';
import { LOOPBACK_HOSTS } from '../platform/http/loopback.ts';
import type { BillingPeriod, Entitlement, FeatureKind, PlanPrice } from './model.ts';

export const MAX_TABLE_PLANS = 8;
export const MAX_TABLE_FEATURES = 40;
const PERIODS: readonly BillingPeriod[] = ['month', 'year'];

export interface PricingTableDefinition {
  /** Plan keys, in the order the table shows them. */
  plans: string[];
  highlighted_plan: string | null;
  /** Feature keys compared, in order. */
  features: string[];
  /** Where a visitor's choice goes (the vendor's sign-up page); the choice is added to its query. */
  call_to_action_url: string;
  default_billing_period: BillingPeriod;
  default_currency: string | null;
}

export interface PricingTableDocument extends PricingTableDefinition {
  key: string;
  name: string;
  published: boolean;
}

/** What the rules need to know of the catalog. */
export interface TablePlanFacts {
  key: string;
  name: string;
  trial_days: number;
  prices: readonly PlanPrice[];
  entitlements: readonly Entitlement[];
}
export interface TableFeatureFacts {
  key: string;
  name: string;
  kind: FeatureKind;
  unit: string | null;
}
export interface TableCatalog {
  /** By key and by id. */
  plans: ReadonlyMap<string, TablePlanFacts>;
  /** By key and by id, in catalog order. */
  features: ReadonlyMap<string, TableFeatureFacts>;
  featureOrder: readonly string[];
}

type Raw = Record<string, unknown>;

const KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function callToAction(value: unknown, errors: FieldErrors): string {
  const field = 'call_to_action_url';
  if (typeof value !== 'string' || value.length > 2000) {
    errors.add(field, 'is the URL of your sign-up page, e.g. https://www.example.com/signup');
    return '';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.add(field, 'is an absolute URL, e.g. https://www.example.com/signup');
    return '';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    errors.add(field, 'uses https (http only for localhost)');
  if (url.username || url.password) errors.add(field, 'carries no user name or password');
  return url.href;
}

/**
 * A whole table document, checked against the catalog: every error at once. Plans and features may
 * be named by key or id; the definition keeps keys. Features default to every feature the plans
 * grant, in catalog order.
 */
export function validatePricingTable(
  input: Raw,
  catalog: TableCatalog,
): { errors: FieldErrors; table: PricingTableDocument } {
  const errors = new FieldErrors();
  const key = input.key;
  if (typeof key !== 'string' || !KEY.test(key))
    errors.add('key', 'is 1–64 lower-case letters, digits, - or _, starting with a letter or digit');
  const name = input.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
    errors.add('name', 'is 1–200 characters');

  const plans: string[] = [];
  if (!Array.isArray(input.plans) || input.plans.length === 0 || input.plans.length > MAX_TABLE_PLANS) {
    errors.add('plans', `lists 1 to ${MAX_TABLE_PLANS} plans, in the order shown`);
  } else {
    for (const [i, ref] of input.plans.entries()) {
      const plan = typeof ref === 'string' ? catalog.plans.get(ref) : undefined;
      if (!plan) errors.add(`plans[${i}]`, `is no plan of the catalog: ${String(ref)}`);
      else if (plans.includes(plan.key)) errors.add(`plans[${i}]`, `names ${plan.key} twice`);
      else if (plan.prices.length === 0) errors.add(`plans[${i}]`, `${plan.key} has no price to show`);
      else plans.push(plan.key);
    }
  }

  let highlighted: string | null = null;
  if (input.highlighted_plan !== undefined && input.highlighted_plan !== null) {
    const plan =
      typeof input.highlighted_plan === 'string' ? catalog.plans.get(input.highlighted_plan) : undefined;
    if (!plan || !plans.includes(plan.key))
      errors.add('highlighted_plan', 'is one of the table’s plans, or null');
    else highlighted = plan.key;
  }

  let features: string[] = [];
  if (input.features === undefined) {
    const granted = new Set(
      plans.flatMap((k) => catalog.plans.get(k)?.entitlements.map((e) => e.feature) ?? []),
    );
    features = catalog.featureOrder.filter((k) => granted.has(k)).slice(0, MAX_TABLE_FEATURES);
  } else if (!Array.isArray(input.features) || input.features.length > MAX_TABLE_FEATURES) {
    errors.add('features', `lists at most ${MAX_TABLE_FEATURES} features to compare`);
  } else {
    for (const [i, ref] of input.features.entries()) {
      const feature = typeof ref === 'string' ? catalog.features.get(ref) : undefined;
      if (!feature) errors.add(`features[${i}]`, `is no feature of the catalog: ${String(ref)}`);
      else if (features.includes(feature.key)) errors.add(`features[${i}]`, `names ${feature.key} twice`);
      else features.push(feature.key);
    }
  }

  const url = callToAction(input.call_to_action_url, errors);

  const period = input.default_billing_period ?? 'month';
  if (period !== 'month' && period !== 'year') errors.add('default_billing_period', 'is month or year');

  let currency: string | null = null;
  if (input.default_currency !== undefined && input.default_currency !== null) {
    const offered = currenciesOf(plans.map((k) => catalog.plans.get(k)).filter((p) => p !== undefined));
    if (typeof input.default_currency !== 'string' || !offered.includes(input.default_currency))
      errors.add(
        'default_currency',
        `is one the table’s plans are priced in: ${offered.join(', ') || 'none'}`,
      );
    else currency = input.default_currency;
  }

  const published = input.published ?? true;
  if (typeof published !== 'boolean') errors.add('published', 'is true or false');

  return {
    errors,
    table: {
      key: key as string,
      name: name as string,
      published: published as boolean,
      plans,
      highlighted_plan: highlighted,
      features,
      call_to_action_url: url,
      default_billing_period: period as BillingPeriod,
      default_currency: currency,
    },
  };
}

function currenciesOf(plans: readonly TablePlanFacts[]): string[] {
  return [...new Set(plans.flatMap((p) => p.prices.map((x) => x.currency)))].sort();
}

/** What a page shows: the table's plans with their prices and, per compared feature, what each grants. */
export function displayOf(table: PricingTableDefinition, catalog: TableCatalog) {
  const plans = table.plans.map((k) => catalog.plans.get(k)).filter((p) => p !== undefined);
  const currencies = currenciesOf(plans);
  if (table.default_currency && currencies.includes(table.default_currency)) {
    currencies.splice(currencies.indexOf(table.default_currency), 1);
    currencies.unshift(table.default_currency);
  }
  const features = table.features.map((k) => catalog.features.get(k)).filter((f) => f !== undefined);
  return {
    billing_periods: PERIODS.filter((period) =>
      plans.some((p) => p.prices.some((x) => x.billing_period === period)),
    ),
    currencies,
    features: features.map((f) => ({ key: f.key, name: f.name, kind: f.kind, unit: f.unit })),
    plans: plans.map((p) => ({
      key: p.key,
      name: p.name,
      highlighted: p.key === table.highlighted_plan,
      trial_days: p.trial_days,
      prices: p.prices.map((x) => ({
        billing_period: x.billing_period,
        currency: x.currency,
        amount: x.amount,
        per_seat: x.per_seat,
      })),
      features: features.map((f) => {
        const e = p.entitlements.find((x) => x.feature === f.key);
        const included = e !== undefined && (f.kind !== 'boolean' || e.enabled);
        return {
          feature: f.key,
          included,
          limit: e && f.kind !== 'boolean' ? e.limit : null,
          enabled: e?.enabled ?? false,
          reset: e?.reset ?? 'never',
        };
      }),
    })),
  };
}

/**
 * The catalog a document's tables are checked against: the one in the database with the document's
 * features and plans laid over it (an import creates or revises them first).
 */
export function overlayCatalog(
  base: TableCatalog,
  features: readonly TableFeatureFacts[],
  plans: readonly TablePlanFacts[],
): TableCatalog {
  const f = new Map(base.features);
  const order = [...base.featureOrder];
  for (const x of features) {
    if (!f.has(x.key)) order.push(x.key);
    f.set(x.key, x);
  }
  const p = new Map(base.plans);
  for (const x of plans) p.set(x.key, x);
  return { plans: p, features: f, featureOrder: order };
}
