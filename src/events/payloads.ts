import { type Static, type TSchema, Type } from 'typebox';
import { Subscription } from '../subscriptions/schemas.ts';

/**
 * What each event carries in `data`: one schema per type. The emitters are typed by these (NewEvent in
 * events.ts), the OpenAPI document's `webhooks` section shows them, and the SDK's typed events are
 * generated from that document — so an event's shape is written once.
 */
const Rfc3339 = Type.String({ format: 'date-time' });
const Money = (description: string) => Type.Integer({ description: `${description}, in minor units.` });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'] });
const Overage = Type.Union([Type.Literal('block'), Type.Literal('bill'), Type.Literal('allow')]);
const PeriodEnd = Type.Union([Rfc3339, Type.Null()], {
  description: 'When the quota resets; null for a counter that never resets.',
});

const quotaLevel = {
  feature: Type.String({ description: 'The feature key.' }),
  limit: Type.Union([Type.Integer(), Type.Null()]),
  used: Type.Integer(),
  overage: Overage,
  period_end: PeriodEnd,
};

const SubscriptionChanged = Type.Object({
  subscription: Subscription,
  previous: Subscription,
});

export const EVENT_DATA = {
  'quota.warning': Type.Object(
    { ...quotaLevel, threshold: Type.Integer({ description: 'The warning level crossed, in percent.' }) },
    { description: 'Usage crossed one of the feature’s warning levels.' },
  ),
  'quota.exhausted': Type.Object(quotaLevel, { description: 'Usage reached the limit.' }),
  'quota.reset': Type.Object(
    {
      feature: Type.String(),
      previous_used: Type.Integer(),
      period_start: Rfc3339,
      period_end: PeriodEnd,
    },
    { description: 'A new quota period started: usage is back to zero.' },
  ),
  'subscription.created': Type.Object(
    { subscription: Subscription },
    { description: 'A subscription was created.' },
  ),
  'subscription.updated': Type.Object(SubscriptionChanged.properties, {
    description: 'A subscription changed (plan, quantity, add-ons, renewal, trial): after and before.',
  }),
  'subscription.renewed': Type.Object(
    {
      subscription: Type.String({ description: 'The subscription’s id.' }),
      current_period_start: Rfc3339,
      current_period_end: Rfc3339,
      billing_period: Type.Union([Type.Literal('month'), Type.Literal('year')]),
    },
    { description: 'A subscription entered a new period.' },
  ),
  'subscription.canceled': Type.Union(
    [
      Type.Object(SubscriptionChanged.properties, {
        description: 'Canceled inside the cancellation window: after and before.',
      }),
      Type.Object(
        {
          subscription: Type.String({ description: 'The subscription’s id.' }),
          reason: Type.Literal('auto_renew_off'),
          ended_at: Rfc3339,
        },
        { description: 'Ended at the end of its period because auto-renewal was off.' },
      ),
    ],
    { description: 'A subscription ended.' },
  ),
  'subscription.expired': Type.Object(
    { subscription: Type.String(), trial_end: Rfc3339 },
    { description: 'A trial ended without being activated.' },
  ),
  'subscription.trial_will_end': Type.Object(
    {
      subscription: Type.String(),
      trial_end: Rfc3339,
      trial_last_day: Type.String({ format: 'date', description: 'In the account’s time zone.' }),
    },
    { description: 'A trial ends soon.' },
  ),
  'invoice.issued': Type.Object(
    {
      invoice: Type.String({ description: 'The invoice’s id.' }),
      total: Money('The total'),
      amount_due: Money('What is left to pay after credit'),
      currency: Currency,
    },
    { description: 'An invoice was issued.' },
  ),
  'invoice.paid': Type.Object(
    { invoice: Type.String(), number: Type.String(), amount: Money('The amount paid') },
    { description: 'An invoice was recorded as paid.' },
  ),
  'invoice.voided': Type.Object(
    {
      invoice: Type.String(),
      number: Type.String(),
      amount: Money('What the invoice still owed'),
      credit_note: Type.Union([Type.String(), Type.Null()], {
        description: 'The credit note that cancels it, if it had been issued with lines.',
      }),
    },
    { description: 'An invoice was voided.' },
  ),
  'credit_note.issued': Type.Object(
    {
      credit_note: Type.String({ description: 'The credit note’s id.' }),
      invoice: Type.Union([Type.String(), Type.Null()], { description: 'The invoice it credits.' }),
      total: Money('The amount credited'),
      currency: Currency,
    },
    { description: 'A credit note was issued.' },
  ),
  'seats.exhausted': Type.Object(
    { feature: Type.String(), allocated: Type.Integer(), used: Type.Integer() },
    { description: 'Every seat of a feature is in use.' },
  ),
  'allocation.changed': Type.Object(
    {
      feature: Type.String(),
      before: Type.Union([Type.Integer(), Type.Null()]),
      after: Type.Integer(),
      reason: Type.String(),
    },
    { description: 'The seats a parent gives an account changed.' },
  ),
  'user.deactivated': Type.Object(
    { user: Type.String(), reason: Type.Literal('trial_expired') },
    { description: 'A user was deactivated.' },
  ),
} satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA;
export type EventData<T extends EventType> = Static<(typeof EVENT_DATA)[T]>;
