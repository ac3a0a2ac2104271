import { Type } from 'typebox';
import { components } from '../platform/http/components.ts';
import { Body, Timestamp } from '../platform/http/schemas.ts';
import { MAX_TABLE_FEATURES, MAX_TABLE_PLANS } from './pricing-table-rules.ts';

const Period = Type.Union([Type.Literal('month'), Type.Literal('year')]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'] });
const Ref = Type.String({ minLength: 1, maxLength: 64 });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Our plans'] }),
  published: Type.Optional(
    Type.Boolean({
      description: 'Shown to publishable keys (default true); a draft is read by secret keys only.',
    }),
  ),
  plans: Type.Array(Ref, {
    minItems: 1,
    maxItems: MAX_TABLE_PLANS,
    description: 'Plans by key or id, in the order shown.',
    examples: [['starter', 'pro', 'business']],
  }),
  highlighted_plan: Type.Optional(Type.Union([Ref, Type.Null()], { description: 'One of `plans`, marked.' })),
  features: Type.Optional(
    Type.Array(Ref, {
      maxItems: MAX_TABLE_FEATURES,
      description: 'Features compared, in order (default: every feature the plans grant).',
    }),
  ),
  call_to_action_url: Type.String({
    maxLength: 2000,
    description:
      "The vendor's sign-up page; the visitor's choice is added to its query (`plan`, `billing_period`, `currency`, `quantity`).",
    examples: ['https://www.example.com/signup'],
  }),
  default_billing_period: Type.Optional(Period),
  default_currency: Type.Optional(Type.Union([Currency, Type.Null()])),
};

/** A table as the catalog document holds it (and as `POST` takes it). */
export const PricingTableCreate = Body({
  key: Type.String({ minLength: 1, maxLength: 64, examples: ['website'] }),
  ...fields,
});

export const PricingTablePatch = Body({
  name: Type.Optional(fields.name),
  published: fields.published,
  plans: Type.Optional(fields.plans),
  highlighted_plan: fields.highlighted_plan,
  features: fields.features,
  call_to_action_url: Type.Optional(fields.call_to_action_url),
  default_billing_period: fields.default_billing_period,
  default_currency: fields.default_currency,
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PricingTable = Type.Object({
  id: Type.String(),
  object: Type.Literal('pricing_table'),
  key: Type.String(),
  name: Type.String(),
  published: Type.Boolean(),
  plans: Type.Array(Type.String()),
  highlighted_plan: Nullable(Type.String()),
  features: Type.Array(Type.String()),
  call_to_action_url: Type.String(),
  default_billing_period: Period,
  default_currency: Nullable(Type.String()),
  display: Type.Object(
    {
      billing_periods: Type.Array(Period),
      currencies: Type.Array(Type.String(), { description: 'The default currency first.' }),
      features: Type.Array(
        Type.Object({
          key: Type.String(),
          name: Type.String(),
          kind: Type.String(),
          unit: Nullable(Type.String()),
        }),
      ),
      plans: Type.Array(
        Type.Object({
          key: Type.String(),
          name: Type.String(),
          highlighted: Type.Boolean(),
          trial_days: Type.Integer(),
          prices: Type.Array(
            Type.Object({
              billing_period: Period,
              currency: Type.String(),
              amount: Type.Integer(),
              per_seat: Type.Boolean(),
            }),
          ),
          features: Type.Array(
            Type.Object({
              feature: Type.String(),
              included: Type.Boolean(),
              limit: Nullable(Type.Integer()),
              enabled: Type.Boolean(),
              reset: Type.String(),
            }),
          ),
        }),
      ),
    },
    { description: 'What a page shows, resolved from the catalog at read time.' },
  ),
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

export const QuoteBody = Body({
  plan: Ref,
  billing_period: Period,
  currency: Currency,
  quantity: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000, description: 'Licences, for a per-seat price (default 1).' }),
  ),
});

export const Quote = Type.Object({
  object: Type.Literal('quote'),
  pricing_table: Type.String(),
  plan: Type.String(),
  billing_period: Period,
  currency: Type.String(),
  quantity: Type.Integer({ description: 'Billed quantity: 1 for a flat price.' }),
  lines: Type.Array(
    Type.Object({
      kind: Type.Literal('subscription'),
      description: Type.String(),
      quantity: Type.Integer(),
      unit_amount: Type.Integer(),
      amount: Type.Integer(),
    }),
  ),
  subtotal: Type.Integer({ description: 'The first whole period, before tax, in minor units.' }),
  tax_included: Type.Literal(false),
  per_month: Type.Integer(),
  saving: Nullable(
    Type.Object(
      { amount: Type.Integer(), percent: Type.Integer() },
      { description: 'A yearly price against twelve monthly payments.' },
    ),
  ),
  trial_days: Type.Integer(),
});

components({
  PricingTable,
  PricingTableCreate,
  PricingTableUpdate: PricingTablePatch,
  Quote,
  QuoteInput: QuoteBody,
});
