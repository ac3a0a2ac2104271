import { Type } from 'typebox';
import { components } from '../platform/http/components.ts';
import { Body, Timestamp } from '../platform/http/schemas.ts';
import { PricingTableCreate } from './pricing-table-schemas.ts';

const Key = (example: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$', examples: [example] });
const Amount = (description: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Modules = Type.Array(Key('ticketing'), {
  maxItems: 50,
  description: 'Keys of the modules (products) it covers.',
});

export const FeatureKind = Type.Union(
  [
    Type.Literal('boolean'),
    Type.Literal('quota'),
    Type.Literal('seat'),
    Type.Literal('counter'),
    Type.Literal('credit'),
  ],
  {
    description:
      'boolean (SSO), quota (items per period), seat (users), counter (items at once), credit (a balance)',
  },
);

/** The name in the customers' other languages; `name` is the English one and the fallback. */
const Names = Type.Optional(
  Type.Object(
    {
      fr: Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['Billets'] })),
      de: Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['Tickets'] })),
    },
    {
      additionalProperties: false,
      description: 'The name in French and German, for invoices, e-mails and the portal.',
    },
  ),
);

const featureFields = {
  key: Key('tickets'),
  name: Name,
  names: Names,
  kind: FeatureKind,
  unit: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  module: Type.Optional(
    Type.Union([Key('erp-sales'), Type.Null()], {
      description: 'For a seat feature: the module whose users take its seats.',
    }),
  ),
};
export const FeatureCreate = Body(featureFields);
export const FeaturePatch = Body({ name: Type.Optional(Name), names: Names, unit: featureFields.unit });
export const Feature = Type.Object({
  id: Type.String(),
  object: Type.Literal('feature'),
  ...featureFields,
  names: Type.Object({ fr: Type.Optional(Type.String()), de: Type.Optional(Type.String()) }),
  unit: Type.Union([Type.String(), Type.Null()]),
  module: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

const Entitlement = Body({
  feature: Key('tickets'),
  limit: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()])),
  enabled: Type.Optional(Type.Boolean()),
  reset: Type.Optional(Type.Union([Type.Literal('period'), Type.Literal('month'), Type.Literal('never')])),
  overage: Type.Optional(Type.Union([Type.Literal('block'), Type.Literal('bill'), Type.Literal('allow')])),
  overage_unit_amount: Type.Optional(
    Type.Union([Amount('Per unit beyond the limit, when overage is bill.'), Type.Null()]),
  ),
  warn_at: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 100 }), { maxItems: 10 })),
});

const PlanPrice = Body({
  billing_period: Type.Union([Type.Literal('month'), Type.Literal('year')]),
  currency: Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'] }),
  amount: Amount('Per period, in the currency’s minor unit; per seat when per_seat.'),
  per_seat: Type.Optional(Type.Boolean()),
  consumption_unit_amount: Type.Optional(
    Type.Union([Amount('Per extra user, module and period.'), Type.Null()]),
  ),
});

const planFields = {
  key: Key('premium'),
  name: Name,
  names: Names,
  modules: Type.Optional(Modules),
  rank: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Higher is a bigger plan (upgrade vs downgrade).' }),
  ),
  trial_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  cancellation_window_hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 8784, default: 72 })),
  entitlements: Type.Optional(Type.Array(Entitlement, { maxItems: 200 })),
  prices: Type.Optional(Type.Array(PlanPrice, { maxItems: 100 })),
};
export const PlanCreate = Body(planFields);
const { key: _pk, ...planPatchFields } = planFields;
export const PlanPatch = Body({ ...planPatchFields, name: Type.Optional(Name) });

const AddonPrice = Body({
  billing_period: Type.Union([Type.Literal('month'), Type.Literal('year'), Type.Literal('once')]),
  currency: Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'] }),
  amount: Amount('Per period (or once), per unit of quantity.'),
});
const addonFields = {
  key: Key('extra-users-sales'),
  name: Name,
  names: Names,
  modules: Type.Optional(Modules),
  grants: Type.Optional(
    Type.Array(
      Body({
        feature: Key('users'),
        amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
      }),
      {
        maxItems: 50,
      },
    ),
  ),
  prices: Type.Optional(Type.Array(AddonPrice, { maxItems: 100 })),
};
export const AddonCreate = Body(addonFields);
const { key: _ak, ...addonPatchFields } = addonFields;
export const AddonPatch = Body({ ...addonPatchFields, name: Type.Optional(Name) });

const itemCommon = {
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  names: Type.Object({ fr: Type.Optional(Type.String()), de: Type.Optional(Type.String()) }),
  version: Type.Integer({ description: 'Terms version; subscriptions keep the version they bought.' }),
  modules: Type.Array(Type.String()),
  created_at: Timestamp(),
  updated_at: Timestamp(),
};
export const Plan = Type.Object({
  ...itemCommon,
  object: Type.Literal('plan'),
  rank: Type.Integer(),
  trial_days: Type.Integer(),
  cancellation_window_hours: Type.Integer(),
  entitlements: Type.Array(
    Type.Object({
      feature: Type.String(),
      limit: Type.Union([Type.Integer(), Type.Null()]),
      enabled: Type.Boolean(),
      reset: Type.String(),
      overage: Type.String(),
      overage_unit_amount: Type.Union([Type.Integer(), Type.Null()]),
      warn_at: Type.Array(Type.Integer()),
    }),
  ),
  prices: Type.Array(
    Type.Object({
      billing_period: Type.String(),
      currency: Type.String(),
      amount: Type.Integer(),
      per_seat: Type.Boolean(),
      consumption_unit_amount: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
export const Addon = Type.Object({
  ...itemCommon,
  object: Type.Literal('addon'),
  grants: Type.Array(Type.Object({ feature: Type.String(), amount: Type.Integer() })),
  prices: Type.Array(
    Type.Object({ billing_period: Type.String(), currency: Type.String(), amount: Type.Integer() }),
  ),
});

export const CatalogBody = Body({
  features: Type.Optional(Type.Array(FeatureCreate, { maxItems: 1000 })),
  plans: Type.Optional(Type.Array(PlanCreate, { maxItems: 1000 })),
  addons: Type.Optional(Type.Array(AddonCreate, { maxItems: 1000 })),
  pricing_tables: Type.Optional(Type.Array(PricingTableCreate, { maxItems: 100 })),
});

components({
  Feature,
  FeatureCreate,
  FeatureUpdate: FeaturePatch,
  Plan,
  PlanCreate,
  PlanUpdate: PlanPatch,
  Addon,
  AddonCreate,
  AddonUpdate: AddonPatch,
  CatalogDocument: CatalogBody,
});
