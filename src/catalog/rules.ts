import { isCurrencyCode } from '../domain/currencies.ts';
import { FieldErrors } from '../platform/errors.ts';
import {
  type AddonDefinition,
  type AddonDocument,
  type CatalogDocument,
  type Entitlement,
  FEATURE_KINDS,
  type FeatureDefinition,
  type FeatureKind,
  type LocalNames,
  type PlanDefinition,
  type PlanDocument,
} from './model.ts';

/**
 * Catalog rules, pure: they take the input and the features it may name, and give back the
 * normalised definition (defaults filled in) or every error found, each with its field path.
 */

export const KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const MAX_AMOUNT = 1_000_000_000_000; // 10 billion in a 2-decimal currency: far above any price

export const DEFAULT_WARN_AT = [80, 100];
export const DEFAULT_CANCELLATION_WINDOW_HOURS = 72;

type Raw = Record<string, unknown>;

export function checkKey(errors: FieldErrors, field: string, key: unknown): void {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    errors.add(field, 'must be 1–64 lower-case letters, digits, _ . or -, starting with a letter or digit');
  }
}

function checkAmount(errors: FieldErrors, field: string, value: unknown, { optional = false } = {}): void {
  if (value === undefined || value === null) {
    if (!optional) errors.add(field, 'is required');
    return;
  }
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > MAX_AMOUNT) {
    errors.add(field, 'must be a whole number of minor units (e.g. cents), 0 or more');
  }
}

function checkModules(errors: FieldErrors, field: string, modules: unknown): string[] {
  const list = Array.isArray(modules) ? (modules as unknown[]) : [];
  for (const [i, m] of list.entries()) checkKey(errors, `${field}[${i}]`, m);
  if (new Set(list).size !== list.length) errors.add(field, 'lists a module twice');
  return list as string[];
}

const NAME_LOCALES = ['fr', 'de'] as const;

/** `names`: { fr?, de? }, each 1–200 characters; anything else is named and refused. */
export function checkNames(errors: FieldErrors, field: string, value: unknown): LocalNames {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.add(field, 'is an object of names by language, e.g. { "fr": "Billets", "de": "Tickets" }');
    return {};
  }
  const out: LocalNames = {};
  for (const [locale, name] of Object.entries(value as Raw)) {
    if (!(NAME_LOCALES as readonly string[]).includes(locale))
      errors.add(
        `${field}.${locale}`,
        'is not a language names are kept in (fr, de; name is the English one)',
      );
    else if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
      errors.add(`${field}.${locale}`, 'is 1–200 characters');
    else out[locale as (typeof NAME_LOCALES)[number]] = name;
  }
  return out;
}

export function validateFeature(input: Raw, at = ''): { errors: FieldErrors; feature: FeatureDefinition } {
  const errors = new FieldErrors();
  const p = (f: string) => (at ? `${at}.${f}` : f);
  checkKey(errors, p('key'), input.key);
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.add(p('name'), 'is required');
  if (!FEATURE_KINDS.includes(input.kind as FeatureKind))
    errors.add(p('kind'), `must be one of ${FEATURE_KINDS.join(', ')}`);
  if (input.module != null) {
    checkKey(errors, p('module'), input.module);
    if (input.kind !== 'seat') errors.add(p('module'), 'only a seat feature belongs to a module');
  }
  return {
    errors,
    feature: {
      key: input.key as string,
      name: input.name as string,
      names: checkNames(errors, p('names'), input.names),
      kind: input.kind as FeatureKind,
      unit: (input.unit as string | undefined) ?? null,
      module: (input.module as string | undefined) ?? null,
    },
  };
}

function normaliseEntitlement(
  errors: FieldErrors,
  field: string,
  raw: Raw,
  features: ReadonlyMap<string, FeatureKind>,
  prices: Raw[],
): Entitlement | null {
  const key = raw.feature;
  const kind = typeof key === 'string' ? features.get(key) : undefined;
  if (kind === undefined) {
    errors.add(`${field}.feature`, `names no feature of this catalog: ${String(key)}`);
    return null;
  }
  const limit = raw.limit === undefined ? null : raw.limit;
  if (limit !== null && (!Number.isSafeInteger(limit) || (limit as number) < 0)) {
    errors.add(`${field}.limit`, 'must be a whole number, 0 or more, or null for unlimited');
  }
  const overage = (raw.overage as Entitlement['overage'] | undefined) ?? 'block';
  const resetDefault = kind === 'quota' ? 'period' : 'never';
  const reset = (raw.reset as Entitlement['reset'] | undefined) ?? resetDefault;
  const warnAt = (raw.warn_at as number[] | undefined) ?? (kind === 'boolean' ? [] : DEFAULT_WARN_AT);

  if (kind === 'boolean') {
    if (raw.limit !== undefined && raw.limit !== null)
      errors.add(`${field}.limit`, 'a boolean feature has no limit; use enabled');
    if (raw.overage !== undefined && raw.overage !== 'block')
      errors.add(`${field}.overage`, 'a boolean feature has no overage');
  } else {
    if (raw.enabled === false)
      errors.add(`${field}.enabled`, `a ${kind} feature is limited by limit, not disabled`);
    if (kind !== 'quota' && reset !== 'never') {
      errors.add(
        `${field}.reset`,
        `a ${kind} feature never resets (${kind === 'credit' ? 'credits are a balance' : 'it counts what exists'})`,
      );
    }
    if (kind === 'quota' && reset === 'never')
      errors.add(`${field}.reset`, 'a quota resets each period or month');
    if (overage === 'bill') {
      // A billed unit is priced here, or per price (so per currency) with consumption_unit_amount —
      // never both: one would silently win over the other.
      const perUnit = raw.overage_unit_amount;
      const alsoPerPrice = prices.findIndex((pr) => pr.consumption_unit_amount != null);
      if (perUnit != null && alsoPerPrice !== -1) {
        const priceField = `${field.replace(/entitlements\[\d+\]$/, '')}prices[${alsoPerPrice}].consumption_unit_amount`;
        errors.add(
          `${field}.overage_unit_amount`,
          `and ${priceField} both price a billed unit; keep one (consumption_unit_amount prices it per currency)`,
        );
        errors.add(priceField, `and ${field}.overage_unit_amount both price a billed unit; keep one`);
      }
      const everyPriceHasIt = prices.length > 0 && prices.every((pr) => pr.consumption_unit_amount != null);
      const currencies = new Set(prices.map((pr) => pr.currency));
      if (perUnit == null && !everyPriceHasIt) {
        errors.add(
          `${field}.overage_unit_amount`,
          `billed ${kind === 'seat' ? 'seats need' : 'overage needs'} a price: set it here or consumption_unit_amount on every price`,
        );
      } else if (perUnit != null && currencies.size > 1) {
        errors.add(
          `${field}.overage_unit_amount`,
          'is in no currency, and this plan has prices in several: set consumption_unit_amount on each price instead',
        );
      }
    }
    if (limit === null && overage !== 'block' && raw.overage !== undefined) {
      errors.add(`${field}.overage`, 'an unlimited entitlement has no overage');
    }
  }
  checkAmount(errors, `${field}.overage_unit_amount`, raw.overage_unit_amount, { optional: true });
  if (
    !Array.isArray(warnAt) ||
    warnAt.some((w, i) => !Number.isInteger(w) || w < 1 || w > 100 || (i > 0 && w <= warnAt[i - 1]!))
  ) {
    errors.add(`${field}.warn_at`, 'must be ascending whole percentages from 1 to 100');
  }
  return {
    feature: key as string,
    limit: kind === 'boolean' ? null : (limit as number | null),
    enabled: kind === 'boolean' ? raw.enabled !== false : true,
    reset,
    overage,
    overage_unit_amount: (raw.overage_unit_amount as number | undefined) ?? null,
    warn_at: warnAt,
  };
}

export function validatePlan(
  input: Raw,
  features: ReadonlyMap<string, FeatureKind>,
  at = '',
): { errors: FieldErrors; plan: PlanDocument } {
  const errors = new FieldErrors();
  const p = (f: string) => (at ? `${at}.${f}` : f);
  checkKey(errors, p('key'), input.key);
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.add(p('name'), 'is required');
  const modules = checkModules(errors, p('modules'), input.modules ?? []);
  const rank = input.rank ?? 0;
  if (!Number.isInteger(rank) || (rank as number) < 0)
    errors.add(p('rank'), 'must be a whole number, 0 or more');
  const trialDays = input.trial_days ?? 0;
  if (!Number.isInteger(trialDays) || (trialDays as number) < 0 || (trialDays as number) > 365) {
    errors.add(p('trial_days'), 'must be a whole number of days from 0 to 365');
  }
  const window = input.cancellation_window_hours ?? DEFAULT_CANCELLATION_WINDOW_HOURS;
  if (!Number.isInteger(window) || (window as number) < 0 || (window as number) > 24 * 366) {
    errors.add(p('cancellation_window_hours'), 'must be a whole number of hours from 0 to 8784');
  }

  const rawPrices = (Array.isArray(input.prices) ? input.prices : []) as Raw[];
  const seen = new Set<string>();
  const prices = rawPrices.map((pr, i) => {
    const f = p(`prices[${i}]`);
    if (pr.billing_period !== 'month' && pr.billing_period !== 'year')
      errors.add(`${f}.billing_period`, 'must be month or year');
    if (typeof pr.currency !== 'string' || !isCurrencyCode(pr.currency)) {
      errors.add(`${f}.currency`, 'must be an ISO 4217 currency code in upper case, e.g. EUR');
    }
    checkAmount(errors, `${f}.amount`, pr.amount);
    checkAmount(errors, `${f}.consumption_unit_amount`, pr.consumption_unit_amount, { optional: true });
    const slot = `${String(pr.billing_period)}/${String(pr.currency)}`;
    if (seen.has(slot))
      errors.add(`${f}`, `a second price for ${String(pr.billing_period)} in ${String(pr.currency)}`);
    seen.add(slot);
    return {
      billing_period: pr.billing_period as PlanDefinition['prices'][number]['billing_period'],
      currency: pr.currency as string,
      amount: pr.amount as number,
      per_seat: pr.per_seat === true,
      consumption_unit_amount: (pr.consumption_unit_amount as number | undefined) ?? null,
    };
  });

  const rawEntitlements = (Array.isArray(input.entitlements) ? input.entitlements : []) as Raw[];
  const featuresSeen = new Set<string>();
  const entitlements: Entitlement[] = [];
  rawEntitlements.forEach((e, i) => {
    const f = p(`entitlements[${i}]`);
    const ent = normaliseEntitlement(errors, f, e, features, rawPrices);
    if (!ent) return;
    if (featuresSeen.has(ent.feature)) errors.add(`${f}.feature`, `${ent.feature} is granted twice`);
    featuresSeen.add(ent.feature);
    entitlements.push(ent);
  });

  return {
    errors,
    plan: {
      key: input.key as string,
      name: input.name as string,
      names: checkNames(errors, p('names'), input.names),
      modules,
      rank: rank as number,
      trial_days: trialDays as number,
      cancellation_window_hours: window as number,
      entitlements,
      prices,
    },
  };
}

export function validateAddon(
  input: Raw,
  features: ReadonlyMap<string, FeatureKind>,
  at = '',
  /** Each seat feature's module: a pack granting a module's seats must attach to that module. */
  seatModules: ReadonlyMap<string, string | null> = new Map(),
): { errors: FieldErrors; addon: AddonDocument } {
  const errors = new FieldErrors();
  const p = (f: string) => (at ? `${at}.${f}` : f);
  checkKey(errors, p('key'), input.key);
  if (typeof input.name !== 'string' || input.name.trim() === '') errors.add(p('name'), 'is required');
  const modules = checkModules(errors, p('modules'), input.modules ?? []);
  const grants = ((Array.isArray(input.grants) ? input.grants : []) as Raw[]).map((g, i) => {
    const f = p(`grants[${i}]`);
    const kind = typeof g.feature === 'string' ? features.get(g.feature) : undefined;
    if (kind === undefined)
      errors.add(`${f}.feature`, `names no feature of this catalog: ${String(g.feature)}`);
    const amount = g.amount ?? 1;
    if (!Number.isSafeInteger(amount) || (amount as number) < 1)
      errors.add(`${f}.amount`, 'must be a whole number, 1 or more');
    if (kind === 'boolean' && amount !== 1)
      errors.add(`${f}.amount`, 'a boolean feature is granted once (amount 1)');
    // A pack outlives nothing: granting a module's seats, it attaches to that module, and a plan change
    // that drops the module ends the pack.
    const module = typeof g.feature === 'string' ? seatModules.get(g.feature) : undefined;
    if (module && !modules.includes(module))
      errors.add(
        `${f}.feature`,
        `${String(g.feature)} belongs to the module ${module}, which this add-on does not attach to (modules: ${modules.length ? modules.join(', ') : 'none'})`,
      );
    return { feature: g.feature as string, amount: amount as number };
  });
  const seen = new Set<string>();
  const prices = ((Array.isArray(input.prices) ? input.prices : []) as Raw[]).map((pr, i) => {
    const f = p(`prices[${i}]`);
    if (!['month', 'year', 'once'].includes(pr.billing_period as string)) {
      errors.add(`${f}.billing_period`, 'must be month, year or once');
    }
    if (typeof pr.currency !== 'string' || !isCurrencyCode(pr.currency)) {
      errors.add(`${f}.currency`, 'must be an ISO 4217 currency code in upper case, e.g. EUR');
    }
    checkAmount(errors, `${f}.amount`, pr.amount);
    const slot = `${String(pr.billing_period)}/${String(pr.currency)}`;
    if (seen.has(slot))
      errors.add(f, `a second price for ${String(pr.billing_period)} in ${String(pr.currency)}`);
    seen.add(slot);
    return {
      billing_period: pr.billing_period as AddonDefinition['prices'][number]['billing_period'],
      currency: pr.currency as string,
      amount: pr.amount as number,
    };
  });
  const names = checkNames(errors, p('names'), input.names);
  return {
    errors,
    addon: { key: input.key as string, name: input.name as string, names, modules, grants, prices },
  };
}

/**
 * A whole catalog document against the features already in the tenant: every error of every item,
 * so an import reports all it found at once.
 */
export function validateCatalog(
  doc: { features?: Raw[]; plans?: Raw[]; addons?: Raw[] },
  existingFeatures: ReadonlyMap<string, FeatureKind>,
  existingModules: ReadonlyMap<string, string | null> = new Map(),
): { errors: FieldErrors; catalog: CatalogDocument } {
  const errors = new FieldErrors();
  const features = new Map(existingFeatures);
  const modules = new Map(existingModules);
  const merge = (from: FieldErrors) => {
    for (const e of from.list) errors.add(e.field, e.message);
  };
  const keysOnce = (list: Raw[], name: string) => {
    const seen = new Set<unknown>();
    list.forEach((item, i) => {
      if (seen.has(item.key)) errors.add(`${name}[${i}].key`, `${String(item.key)} appears twice in ${name}`);
      seen.add(item.key);
    });
  };
  const rawFeatures = doc.features ?? [];
  const rawPlans = doc.plans ?? [];
  const rawAddons = doc.addons ?? [];
  keysOnce(rawFeatures, 'features');
  keysOnce(rawPlans, 'plans');
  keysOnce(rawAddons, 'addons');
  const catalogFeatures = rawFeatures.map((f, i) => {
    const r = validateFeature(f, `features[${i}]`);
    merge(r.errors);
    const existing = existingFeatures.get(r.feature.key);
    if (existing !== undefined && existing !== r.feature.kind) {
      errors.add(
        `features[${i}].kind`,
        `${r.feature.key} is a ${existing} feature; a feature's kind cannot change`,
      );
    }
    features.set(r.feature.key, r.feature.kind);
    if (r.feature.kind === 'seat') modules.set(r.feature.key, r.feature.module);
    return r.feature;
  });
  const plans = rawPlans.map((pl, i) => {
    const r = validatePlan(pl, features, `plans[${i}]`);
    merge(r.errors);
    return r.plan;
  });
  const addons = rawAddons.map((a, i) => {
    const r = validateAddon(a, features, `addons[${i}]`, modules);
    merge(r.errors);
    return r.addon;
  });
  return { errors, catalog: { features: catalogFeatures, plans, addons } };
}

/** A plan's terms: what a version holds (names are not terms: they are edited in place). */
export function planDefinitionOf(plan: PlanDocument): PlanDefinition {
  const { key: _key, name: _name, names: _names, ...definition } = plan;
  return definition;
}

export function addonDefinitionOf(addon: AddonDocument): AddonDefinition {
  const { key: _key, name: _name, names: _names, ...definition } = addon;
  return definition;
}

/** Structural equality of two definitions (JSON of normalised objects, keys in a fixed order). */
export function sameDefinition(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Raw).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
