/**
 * A quote, pure: what a new subscription's first whole period costs for a plan's price and a
 * licence count, before tax (the buyer's tax is not known on a public page), with the monthly
 * equivalent of a yearly price and what it saves against twelve months paid monthly. Its plan line
 * is the one the first invoice carries (same description, amount rounded once).
 */
import { planLineDescription } from './billing-lines.ts';
import { mulDiv } from './money.ts';

export interface QuotePrice {
  readonly amount: number;
  readonly per_seat: boolean;
}

export interface QuoteLine {
  readonly kind: 'subscription';
  readonly description: string;
  readonly quantity: number;
  readonly unit_amount: number;
  readonly amount: number;
}

export interface Quote {
  readonly quantity: number;
  readonly lines: QuoteLine[];
  readonly subtotal: number;
  /** A yearly price per month, rounded once; a monthly price itself. */
  readonly per_month: number;
  /** Against paying the monthly price twelve times; null unless yearly with a monthly price beside it. */
  readonly saving: { readonly amount: number; readonly percent: number } | null;
}

export function quoteOf(input: {
  planName: string;
  billingPeriod: 'month' | 'year';
  price: QuotePrice;
  /** The same plan's monthly price in the same currency, for the saving of a yearly one. */
  monthly: QuotePrice | null;
  quantity: number;
}): Quote {
  const quantity = input.price.per_seat ? input.quantity : 1;
  const amount = mulDiv(input.price.amount, quantity, 1);
  const line: QuoteLine = {
    kind: 'subscription',
    description: planLineDescription(input.planName, input.billingPeriod, input.price.per_seat, quantity),
    quantity,
    unit_amount: input.price.amount,
    amount,
  };
  const yearly = input.billingPeriod === 'year';
  let saving: Quote['saving'] = null;
  if (yearly && input.monthly) {
    const monthlyQuantity = input.monthly.per_seat ? input.quantity : 1;
    const twelveMonths = mulDiv(input.monthly.amount, monthlyQuantity * 12, 1);
    const saved = twelveMonths - amount;
    if (saved > 0 && twelveMonths > 0) saving = { amount: saved, percent: mulDiv(100, saved, twelveMonths) };
  }
  return {
    quantity,
    lines: [line],
    subtotal: amount,
    per_month: yearly ? mulDiv(amount, 1, 12) : amount,
    saving,
  };
}
