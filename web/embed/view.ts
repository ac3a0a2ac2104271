import type { BillingPeriod, DisplayPlan, PricingTable, QuoteRequest } from './api.ts';
import type { Language } from './format.ts';
import type { QuoteController } from './quotes.ts';

/** What the element's parts are drawn from: the table and the visitor's current choice. */
export interface TableView {
  readonly lang: Language;
  readonly data: PricingTable;
  readonly period: BillingPeriod;
  readonly currency: string;
  /** The licence count as typed (it may not be a valid one)… */
  readonly licences: string;
  /** …and as a count, when it is one. */
  readonly licenceCount: number | null;
  readonly portalUrl: string | null;
  /** Unique to the element, for ids in its shadow root. */
  readonly uid: string;
  readonly quotes: QuoteController;
  /** The quote the plan needs for the choice; null when it has no price for it or the count is not valid. */
  quoteRequest(plan: DisplayPlan): QuoteRequest | null;
}
