import { ApiError, postQuote, type Quote, type QuoteRequest } from './api.ts';

export const QUOTE_DEBOUNCE_MS = 250;
const QUOTE_RETRIES = 3;

/** What to quote when the debounce fires: read then, so it is the visitor's latest choice. */
export interface QuoteSource {
  api: string;
  key: string;
  table: string;
  /** One request per plan that has a price for the choice (a plan without one is not asked about). */
  wanted: QuoteRequest[];
}

export function quoteKey(q: QuoteRequest): string {
  return `${q.plan}|${q.billing_period}|${q.currency}|${q.quantity}`;
}

/**
 * The quotes of the table, one per plan for the current choice, from the API (never computed here):
 * asked after a debounce, each once; a request nobody waits for any more is aborted; a rate-limited
 * one is asked again when allowed (a few times), any other failure is remembered until the visitor
 * changes the choice. The host is re-rendered as each answer arrives.
 */
export class QuoteController {
  private readonly known = new Map<string, Quote>();
  private readonly failed = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private readonly inflight = new Map<string, AbortController>();
  /** Yearly savings the API quoted, by `currency|plan`, in whole percent. */
  private readonly savings = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly source: () => QuoteSource | null,
  ) {}

  get(request: QuoteRequest): Quote | undefined {
    return this.known.get(quoteKey(request));
  }

  hasFailed(request: QuoteRequest): boolean {
    return this.failed.has(quoteKey(request));
  }

  /** The yearly saving a quote gave for the plan in the currency, if one did. */
  savingOf(currency: string, plan: string): number | undefined {
    return this.savings.get(`${currency}|${plan}`);
  }

  /** A new choice: what failed for the last one may be asked again. */
  forgetFailures(): void {
    this.failed.clear();
  }

  schedule(delay = QUOTE_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(), delay);
  }

  /** Nothing more is asked, and what is on its way is given up (the quotes known are kept). */
  stop(): void {
    clearTimeout(this.timer);
    for (const ac of this.inflight.values()) ac.abort();
    this.inflight.clear();
  }

  /** Another table: everything known is forgotten. */
  reset(): void {
    this.stop();
    this.known.clear();
    this.failed.clear();
    this.attempts.clear();
    this.savings.clear();
  }

  private fetch(): void {
    const source = this.source();
    if (!source) return;
    const wanted = new Map<string, QuoteRequest>();
    for (const body of source.wanted) wanted.set(quoteKey(body), body);
    // A quote nobody looks at any more is not waited for.
    for (const [k, ac] of this.inflight) {
      if (!wanted.has(k)) {
        ac.abort();
        this.inflight.delete(k);
      }
    }
    for (const [k, body] of wanted) {
      if (this.known.has(k) || this.inflight.has(k) || this.failed.has(k)) continue;
      const ac = new AbortController();
      this.inflight.set(k, ac);
      postQuote(source.api, source.key, source.table, body, ac.signal)
        .then(
          (quote) => {
            this.known.set(k, quote);
            this.attempts.delete(k);
            if (quote.billing_period === 'year' && quote.saving) {
              this.savings.set(`${quote.currency}|${quote.plan}`, quote.saving.percent);
            }
          },
          (err: unknown) => {
            if (ac.signal.aborted) return;
            const tries = (this.attempts.get(k) ?? 0) + 1;
            this.attempts.set(k, tries);
            if (err instanceof ApiError && err.retryAfter !== null && tries < QUOTE_RETRIES) {
              // Rate limited: the list price stays, and the quote is asked again when allowed.
              this.schedule(Math.min(err.retryAfter, 30) * 1000);
            } else {
              this.failed.add(k);
            }
          },
        )
        .finally(() => {
          if (this.inflight.get(k) === ac) this.inflight.delete(k);
          this.host.requestUpdate();
        });
    }
  }
}
