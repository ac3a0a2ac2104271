import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { BillingPeriod, Feature, Plan } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';
import './Plans.css';

export type PlanPrice = Plan['prices'][number];

/** The billing period a subscription would switch to. */
export const otherPeriod = (p: string): BillingPeriod => (p === 'year' ? 'month' : 'year');

export const priceOf = (plan: Plan, period: string, currency: string): PlanPrice | undefined =>
  plan.prices.find((p) => p.billing_period === period && p.currency === currency);
/** The unit a per-licence price counts in (the plan's seat feature's: agent, user, licence). */
export function seatUnit(plan: Plan, features: Feature[]): string {
  for (const e of plan.entitlements) {
    const f = features.find((x) => x.key === e.feature);
    if (f?.kind === 'seat' && f.unit) return f.unit;
  }
  return 'licence';
}

/** "€13.00 per agent per month", with the amount in bold when `bold`. */
export function PriceText({
  price,
  unit,
  bold = false,
}: {
  price: { amount: number; currency: string; billing_period: string; per_seat?: boolean };
  unit: string;
  bold?: boolean;
}) {
  const f = useFormat();
  const amount = f.money(price.amount, price.currency);
  return (
    <FormattedMessage
      id={price.per_seat ? 'plans.price.seat' : 'plans.price.flat'}
      values={{
        price: amount,
        unit,
        period: price.billing_period,
        b: (c: ReactNode) => (bold ? <strong className="plan-amount">{c}</strong> : c),
      }}
    />
  );
}
