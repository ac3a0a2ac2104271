import { Type } from 'typebox';
import { components } from '../platform/http/components.ts';
import { Body, Timestamp } from '../platform/http/schemas.ts';

const Period = Type.Union([Type.Literal('month'), Type.Literal('year')]);
const Quantity = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'Seats, for a per-seat price.',
});
const AddonRequest = Body({
  addon: Type.String({ minLength: 1, maxLength: 200, description: 'Add-on id or key.' }),
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
});

export const SubscriptionCreate = Body({
  account: Type.String({ minLength: 1, maxLength: 200, description: 'Account id or external_id.' }),
  plan: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Plan id or key.',
    examples: ['tw-premium'],
  }),
  billing_period: Type.Optional(Period),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  quantity: Type.Optional(Quantity),
  trial: Type.Optional(Type.Boolean({ description: "Start with the plan's free trial." })),
  auto_renew: Type.Optional(Type.Boolean({ default: true })),
  addons: Type.Optional(Type.Array(AddonRequest, { maxItems: 50 })),
});

export const SubscriptionChange = Body({
  plan: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  quantity: Type.Optional(Quantity),
  addons: Type.Optional(
    Type.Array(AddonRequest, { maxItems: 50, description: 'The whole list of add-ons after the change.' }),
  ),
});

export const Subscription = Type.Object({
  id: Type.String(),
  object: Type.Literal('subscription'),
  account: Type.String(),
  plan: Type.String(),
  plan_key: Type.Union([Type.String(), Type.Null()]),
  plan_version: Type.Integer(),
  billing_period: Period,
  currency: Type.String(),
  quantity: Type.Integer(),
  status: Type.Union([
    Type.Literal('trialing'),
    Type.Literal('active'),
    Type.Literal('canceled'),
    Type.Literal('expired'),
  ]),
  trial_end: Type.Union([Timestamp(), Type.Null()]),
  current_period_start: Timestamp(),
  current_period_end: Timestamp(),
  auto_renew: Type.Boolean(),
  cancellable_until: Timestamp('Cancellation with a full credit is possible until then.'),
  addons: Type.Array(
    Type.Object({
      addon: Type.String(),
      addon_key: Type.Union([Type.String(), Type.Null()]),
      quantity: Type.Integer(),
    }),
  ),
  seats: Type.Union(
    [Type.Array(Type.Object({ account: Type.String(), seats: Type.Integer() })), Type.Null()],
    {
      description:
        "For a reseller's customer billed on its seats (a billing basis, a per-seat price): the seats billed this period per account, itself or a site.",
    },
  ),
  scheduled_changes: Type.Array(
    Type.Object({ type: Type.String(), billing_period: Type.String(), effective_at: Timestamp() }),
  ),
  ended_at: Type.Union([Timestamp(), Type.Null()]),
  created_at: Timestamp(),
  latest_invoice: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  latest_credit_note: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description:
        'The credit note this action issued (a downgrade, a cancellation inside the window), if any.',
    }),
  ),
});

const Line = Type.Object({
  kind: Type.String(),
  description: Type.String({ examples: ['Unused time on Premium, 10 of 30 days'] }),
  subscription: Type.Union([Type.String(), Type.Null()]),
  account: Type.Union([Type.String(), Type.Null()], {
    description:
      'For a reseller’s seat line: the customer or site whose seats it bills; null for other lines.',
  }),
  period_start: Type.Union([Type.String(), Type.Null()]),
  period_end: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  unit_amount: Type.Integer(),
  amount: Type.Integer(),
  tax: Type.Integer(),
  proration: Type.Union(
    [
      Type.Object({
        days: Type.Integer({ description: 'Days the line bills (from the change to the period end).' }),
        period_days: Type.Integer({ description: 'Days in the period.' }),
      }),
      Type.Null(),
    ],
    {
      description: 'For a prorated line: amount = quantity × unit_amount × days / period_days, rounded once.',
    },
  ),
});

export const Invoice = Type.Object({
  id: Type.Union([Type.String(), Type.Null()]),
  object: Type.Literal('invoice'),
  number: Type.Union([Type.String({ examples: ['INV-000042'] }), Type.Null()]),
  sequence: Type.Union([Type.Integer(), Type.Null()]),
  account: Type.String(),
  subscription: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('open'),
    Type.Literal('paid'),
    Type.Literal('void'),
  ]),
  currency: Type.String(),
  period_start: Type.Union([Type.String(), Type.Null()]),
  period_end: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(Line),
  tax_rate_bps: Type.Integer(),
  subtotal: Type.Integer(),
  tax: Type.Integer(),
  total: Type.Integer(),
  credit_applied: Type.Integer(),
  amount_due: Type.Integer(),
  issued_at: Timestamp(),
  paid_at: Type.Union([Timestamp(), Type.Null()]),
  voided_at: Type.Union([Timestamp(), Type.Null()]),
  credit_notes: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), total: Type.Integer() }), {
    description: 'The credit notes that credit this invoice, oldest first.',
  }),
});

export const CreditNote = Type.Object({
  id: Type.String(),
  object: Type.Literal('credit_note'),
  number: Type.String({ examples: ['CN-000007'], description: 'In the credit notes’ own gapless sequence.' }),
  sequence: Type.Integer(),
  account: Type.String(),
  subscription: Type.Union([Type.String(), Type.Null()]),
  invoice: Type.Union([Type.String(), Type.Null()], { description: 'The invoice it credits.' }),
  invoice_number: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([
    Type.Literal('subscription_update'),
    Type.Literal('cancellation'),
    Type.Literal('invoice_void'),
    Type.Literal('subscription_end'),
  ]),
  currency: Type.String(),
  period_start: Type.Union([Type.String(), Type.Null()]),
  period_end: Type.Union([Type.String(), Type.Null()]),
  lines: Type.Array(Line, {
    description:
      'As printed: a positive amount is credited; a negative one (a new plan’s remaining days) reduces the credit.',
  }),
  tax_rate_bps: Type.Integer(),
  subtotal: Type.Integer(),
  tax: Type.Integer(),
  total: Type.Integer({ description: 'What is credited, tax included (positive).' }),
  applied_to_invoice: Type.Integer({
    description: 'What the credited invoice no longer owes (a void of an open invoice).',
  }),
  credited_to_balance: Type.Integer({
    description: 'What went to the account’s credit balance, for its next invoices.',
  }),
  issued_at: Timestamp(),
});

components({ Subscription, SubscriptionCreate, SubscriptionChange, InvoiceLine: Line, Invoice, CreditNote });
