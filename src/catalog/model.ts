import type { FeatureKind, LocalNames } from '../platform/db/schema.ts';

export type { FeatureKind, LocalNames };
export const FEATURE_KINDS: readonly FeatureKind[] = ['boolean', 'quota', 'seat', 'counter', 'credit'];

export type BillingPeriod = 'month' | 'year';
export type Overage = 'block' | 'bill' | 'allow';
export type Reset = 'period' | 'month' | 'never';

export interface FeatureDefinition {
  key: string;
  name: string;
  /** The name in French and German ({} when only the English `name` exists). */
  names: LocalNames;
  kind: FeatureKind;
  unit: string | null;
  /** For a seat feature: the module whose users take its seats (null: every user of the account). */
  module: string | null;
}

/** What a plan grants for one feature. Feature by key: keys are immutable, so definitions stay valid. */
export interface Entitlement {
  feature: string;
  /** Quota per period, included seats, counter ceiling or included credits; null is unlimited. */
  limit: number | null;
  /** For boolean features: whether the plan has it. */
  enabled: boolean;
  reset: Reset;
  overage: Overage;
  /** Price of one unit beyond the limit when overage is `bill`, in the subscription's currency. */
  overage_unit_amount: number | null;
  /** Percentages of the limit at which `quota.warning` is sent, ascending. */
  warn_at: number[];
}

export interface PlanPrice {
  billing_period: BillingPeriod;
  currency: string;
  amount: number;
  per_seat: boolean;
  /** Price of one extra user per module and period (users beyond the included ones, S17). */
  consumption_unit_amount: number | null;
}

/** A plan's terms: one immutable version. */
export interface PlanDefinition {
  modules: string[];
  rank: number;
  trial_days: number;
  cancellation_window_hours: number;
  entitlements: Entitlement[];
  prices: PlanPrice[];
}

export interface PlanDocument extends PlanDefinition {
  key: string;
  name: string;
  names: LocalNames;
}

export interface AddonGrant {
  feature: string;
  amount: number;
}

export interface AddonPrice {
  billing_period: BillingPeriod | 'once';
  currency: string;
  amount: number;
}

export interface AddonDefinition {
  modules: string[];
  grants: AddonGrant[];
  prices: AddonPrice[];
}

export interface AddonDocument extends AddonDefinition {
  key: string;
  name: string;
  names: LocalNames;
}

/** The whole catalog as one document: what `PUT/GET /v1/catalog` and `allot catalog` exchange. */
export interface CatalogDocument {
  features: FeatureDefinition[];
  plans: PlanDocument[];
  addons: AddonDocument[];
}
