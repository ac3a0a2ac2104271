/** The two public endpoints the pricing table reads, with the publishable key (never a secret key). */

export type BillingPeriod = 'month' | 'year';

export interface Price {
  billing_period: BillingPeriod;
  currency: string;
  /** In the currency's minor unit. */
  amount: number;
  per_seat: boolean;
}

export interface PlanFeature {
  feature: string;
  included: boolean;
  /** null with `included` is unlimited. */
  limit: number | null;
  enabled: boolean;
  reset: 'period' | 'month' | 'year' | 'never' | string;
}

export interface DisplayPlan {
  key: string;
  name: string;
  highlighted: boolean;
  trial_days: number | null;
  prices: Price[];
  features: PlanFeature[];
}

export interface DisplayFeature {
  key: string;
  name: string;
  kind: 'quota' | 'seat' | 'boolean' | 'credit' | string;
  unit: string | null;
}

export interface PricingTable {
  id: string;
  object: 'pricing_table';
  key: string;
  name: string;
  published: boolean;
  plans: string[];
  highlighted_plan: string | null;
  features: string[];
  call_to_action_url: string | null;
  default_billing_period: BillingPeriod | null;
  default_currency: string | null;
  display: {
    billing_periods: BillingPeriod[];
    currencies: string[];
    features: DisplayFeature[];
    plans: DisplayPlan[];
  };
}

export interface QuoteRequest {
  plan: string;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
}

export interface Quote {
  object: 'quote';
  plan: string;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
  lines: { kind: string; description: string; quantity: number; unit_amount: number; amount: number }[];
  subtotal: number;
  tax_included: boolean;
  per_month: number | null;
  saving: { amount: number; percent: number } | null;
  trial_days: number | null;
}

/** A refusal of the API (its problem+json) or of the network (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    /** Seconds to wait, from a 429's Retry-After. */
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

function retryAfterOf(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function call<T>(
  api: string,
  key: string,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  signal: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${api.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      mode: 'cors',
      credentials: 'omit',
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw err;
    // A refused CORS origin and an unreachable server look the same from here.
    throw new ApiError(0, 'network', String(err));
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    if (signal.aborted) throw signal.reason;
  }
  if (!res.ok) {
    const problem = (parsed ?? {}) as { code?: unknown; detail?: unknown };
    throw new ApiError(
      res.status,
      typeof problem.code === 'string' ? problem.code : `http_${res.status}`,
      typeof problem.detail === 'string' ? problem.detail : res.statusText,
      res.status === 429 ? (retryAfterOf(res.headers.get('retry-after')) ?? 5) : null,
    );
  }
  return parsed as T;
}

export function getPricingTable(
  api: string,
  key: string,
  table: string,
  signal: AbortSignal,
): Promise<PricingTable> {
  return call(api, key, 'GET', `/v1/pricing_tables/${encodeURIComponent(table)}`, undefined, signal);
}

export function postQuote(
  api: string,
  key: string,
  table: string,
  body: QuoteRequest,
  signal: AbortSignal,
): Promise<Quote> {
  return call(api, key, 'POST', `/v1/pricing_tables/${encodeURIComponent(table)}/quote`, body, signal);
}
