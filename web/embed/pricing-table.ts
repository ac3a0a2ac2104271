import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import {
  ApiError,
  type BillingPeriod,
  type DisplayPlan,
  getPricingTable,
  type PricingTable,
  type QuoteRequest,
} from './api.ts';
import { type Language, message, resolveLanguage, type Values } from './format.ts';
import type { MessageId } from './messages.ts';
import {
  type Choice,
  currenciesOf,
  featuresOf,
  parseLicences,
  periodsOf,
  pick,
  plansOf,
  pricedPeriods,
  priceOf,
} from './model.ts';
import { QuoteController, type QuoteSource } from './quotes.ts';
import { type ControlHandlers, renderControls } from './render-controls.ts';
import { renderPlan } from './render-plan.ts';
import { styles } from './styles.ts';
import type { TableView } from './view.ts';

/** The choice a visitor made, as `allot-plan-selected` carries it; `url` is where the button leads. */
export interface PlanSelectedDetail extends Choice {
  url: string | null;
}

/**
 * Why the table cannot be shown, from the API's refusal: a key that is not valid or was revoked (401),
 * a page whose origin the key does not list (403), a table unknown or unpublished (404), too many
 * requests (429); `network` is anything else, an unreachable server included.
 */
type LoadError = 'config' | 'notFound' | 'keyRefused' | 'originRefused' | 'rateLimited' | 'network' | 'empty';

/** Under this width the plans stack. */
const NARROW_PX = 700;
/** The API answers from where this script was loaded, unless the element names another. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

let instances = 0;

/**
 * `<allot-pricing-table>`: a vendor's public pricing table — its plans side by side with their prices
 * in the chosen period and currency, the totals quoted by the API for the licences asked, and a
 * button per plan to the vendor's sign-up (or the portal's subscribe page) with the choice in its query.
 * The controls are drawn by render-controls.ts, each plan by render-plan.ts; quotes.ts asks the quotes.
 */
export class AllotPricingTable extends LitElement {
  static override styles = styles;

  static override properties = {
    api: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    table: { type: String },
    locale: { type: String },
    currency: { type: String },
    billingPeriod: { type: String, attribute: 'billing-period' },
    portalUrl: { type: String, attribute: 'portal-url' },
    _data: { state: true },
    _error: { state: true },
    _period: { state: true },
    _currency: { state: true },
    _licences: { state: true },
    _narrow: { state: true },
  };

  declare api: string | null;
  declare publishableKey: string | null;
  declare table: string | null;
  declare locale: string | null;
  declare currency: string | null;
  declare billingPeriod: string | null;
  declare portalUrl: string | null;

  declare private _data: PricingTable | null;
  declare private _error: LoadError | null;
  declare private _period: BillingPeriod;
  declare private _currency: string;
  /** The licence count as typed (it may not be a valid one). */
  declare private _licences: string;
  /** Narrower than two plans side by side can take: one under the other. */
  declare private _narrow: boolean;

  private readonly uid = `allot-pt-${++instances}`;
  private lastLicences = 1;
  private loading: AbortController | null = null;
  private loadRetry: ReturnType<typeof setTimeout> | undefined;
  private readonly quotes = new QuoteController(this, () => this.quoteSource());
  private langObserver: MutationObserver | null = null;
  private sizeObserver: ResizeObserver | null = null;
  private readonly on: ControlHandlers = {
    period: (e) => this.onPeriod(e),
    currency: (e) => this.onCurrency(e),
    licences: (e) => this.onLicences(e),
    licencesBlur: () => this.onLicencesBlur(),
  };
  private readonly choose = (e: Event, choice: Choice, url: string | null) => this.onChoose(e, choice, url);

  constructor() {
    super();
    this.api = null;
    this.publishableKey = null;
    this.table = null;
    this.locale = null;
    this.currency = null;
    this.billingPeriod = null;
    this.portalUrl = null;
    this._data = null;
    this._error = null;
    this._period = 'month';
    this._currency = '';
    this._licences = '1';
    this._narrow = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without its own locale, the table follows the page's language, also when the page changes it.
    this.langObserver = new MutationObserver(() => {
      if (!this.locale) this.requestUpdate();
    });
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.sizeObserver = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width ?? 0;
      const narrow = width > 0 && width < NARROW_PX;
      if (narrow !== this._narrow) this._narrow = narrow;
    });
    this.sizeObserver.observe(this);
    // Back in the page after a move: what was cut off on leaving is asked again.
    if (this.hasUpdated) {
      if (!this._data && !this._error && !this.loading) this.load();
      else if (this._data) this.quotes.schedule(0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
    this.langObserver = null;
    this.sizeObserver?.disconnect();
    this.sizeObserver = null;
    this.loading?.abort();
    this.loading = null;
    clearTimeout(this.loadRetry);
    this.quotes.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.language = resolveLanguage(
      this.locale,
      document.documentElement.lang,
      ...(navigator.languages ?? []),
      navigator.language,
    );
    if (!this.hasUpdated || changed.has('api') || changed.has('publishableKey') || changed.has('table')) {
      this.load();
      return;
    }
    const data = this._data;
    if (!data) return;
    if (changed.has('currency') && this.currency) {
      const next = pick(currenciesOf(data), this.currency);
      if (next && next === this.currency && next !== this._currency) {
        this._currency = next;
        this.keepPeriodPriced(data);
        this.quotes.schedule(0);
      }
    }
    if (changed.has('billingPeriod') && this.billingPeriod) {
      const next = pick(pricedPeriods(data, this._currency), this.billingPeriod);
      if (next && next === this.billingPeriod && next !== this._period) {
        this._period = next;
        this.quotes.schedule(0);
      }
    }
  }

  /** The language of this rendering (willUpdate settles it before each render). */
  private language: Language = { locale: 'en', tag: 'en' };

  private t(id: MessageId, values?: Values): string {
    return message(this.language, id, values);
  }

  // ——— Loading the table ———

  private load(): void {
    this.loading?.abort();
    clearTimeout(this.loadRetry);
    this.quotes.reset();
    this._data = null;
    this._error = null;
    const key = this.publishableKey?.trim();
    const table = this.table?.trim();
    if (!key || !table) {
      this.loading = null;
      this._error = 'config';
      return;
    }
    const api = this.api?.trim() || SCRIPT_ORIGIN;
    const ac = new AbortController();
    this.loading = ac;
    getPricingTable(api, key, table, ac.signal).then(
      (data) => {
        if (ac.signal.aborted) return;
        this.loading = null;
        if (!plansOf(data).length) {
          this._error = 'empty';
          return;
        }
        this._data = data;
        this._currency = pick(currenciesOf(data), this.currency, data.default_currency) ?? '';
        this._period =
          pick(pricedPeriods(data, this._currency), this.billingPeriod, data.default_billing_period) ??
          pick(periodsOf(data), this.billingPeriod, data.default_billing_period) ??
          'month';
        this.quotes.schedule(0);
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        this.loading = null;
        this._error = loadError(err);
        if (err instanceof ApiError && err.retryAfter !== null) {
          this.loadRetry = setTimeout(() => this.load(), Math.min(err.retryAfter, 60) * 1000);
        }
      },
    );
  }

  // ——— Quotes: one per plan for the current choice, from the API, never computed here ———

  private get licenceCount(): number | null {
    return parseLicences(this._licences);
  }

  private quoteRequest(plan: DisplayPlan): QuoteRequest | null {
    const price = priceOf(plan, this._period, this._currency);
    if (!price) return null;
    const quantity = price.per_seat ? this.licenceCount : 1;
    if (quantity === null) return null;
    return { plan: plan.key, billing_period: this._period, currency: this._currency, quantity };
  }

  /** What the quotes are asked for, read when the debounce fires. */
  private quoteSource(): QuoteSource | null {
    const data = this._data;
    const key = this.publishableKey?.trim();
    const table = this.table?.trim();
    if (!data || !key || !table) return null;
    return {
      api: this.api?.trim() || SCRIPT_ORIGIN,
      key,
      table,
      wanted: plansOf(data).flatMap((plan) => this.quoteRequest(plan) ?? []),
    };
  }

  // ——— The visitor's choices ———

  private onPeriod(e: Event): void {
    const value = (e.target as HTMLInputElement).value as BillingPeriod;
    if (value === this._period) return;
    this._period = value;
    this.quotes.forgetFailures();
    this.quotes.schedule();
  }

  private onCurrency(e: Event): void {
    this._currency = (e.target as HTMLSelectElement).value;
    if (this._data) this.keepPeriodPriced(this._data);
    this.quotes.forgetFailures();
    this.quotes.schedule();
  }

  /** A currency no plan sells yearly (say) moves the toggle to a period that has prices in it. */
  private keepPeriodPriced(data: PricingTable): void {
    const priced = pricedPeriods(data, this._currency);
    if (priced.length && !priced.includes(this._period)) this._period = priced[0]!;
  }

  private onLicences(e: Event): void {
    this._licences = (e.target as HTMLInputElement).value;
    const count = parseLicences(this._licences);
    if (count !== null) this.lastLicences = count;
    this.quotes.forgetFailures();
    this.quotes.schedule();
  }

  /** Left empty, the field gets back the last count it had (its quotes are still known). */
  private onLicencesBlur(): void {
    if (this._licences.trim() !== '') return;
    this._licences = String(this.lastLicences);
    this.quotes.schedule(0);
  }

  private onChoose(e: Event, choice: Choice, url: string | null): void {
    const detail: PlanSelectedDetail = { ...choice, url };
    const event = new CustomEvent<PlanSelectedDetail>('allot-plan-selected', {
      detail,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    // The vendor may take the choice over (a modal, its own router) by calling preventDefault().
    if (!this.dispatchEvent(event)) e.preventDefault();
  }

  // ——— Rendering ———

  protected override render(): TemplateResult {
    const lang = this.language;
    const data = this._data;
    if (this._error) return this.renderError(lang, this._error);
    if (!data) return this.renderLoading(lang);
    const plans = plansOf(data);
    const features = featuresOf(data);
    const view: TableView = {
      lang,
      data,
      period: this._period,
      currency: this._currency,
      licences: this._licences,
      licenceCount: this.licenceCount,
      portalUrl: this.portalUrl,
      uid: this.uid,
      quotes: this.quotes,
      quoteRequest: (plan) => this.quoteRequest(plan),
    };
    return html`
      <section class=${classMap({ narrow: this._narrow })} part="table" lang=${lang.tag} aria-label=${data.name}>
        ${renderControls(view, plans, this.on)}
        <ul class="plans" role="list">
          ${plans.map((plan) => renderPlan(view, plan, features, this.choose))}
        </ul>
      </section>
    `;
  }

  private renderLoading(lang: Language): TemplateResult {
    return html`
      <div class=${classMap({ narrow: this._narrow })} lang=${lang.tag} aria-busy="true">
        <p class="status" role="status">${this.t('loading')}</p>
        <div class="plans skeleton" aria-hidden="true">
          <div class="plan"></div>
          <div class="plan"></div>
          <div class="plan"></div>
        </div>
      </div>
    `;
  }

  private renderError(lang: Language, error: LoadError): TemplateResult {
    const retry = error === 'network' || error === 'rateLimited';
    return html`
      <div class="error" part="error" lang=${lang.tag} role="alert">
        <span>${this.t(`error.${error}`)}</span>
        ${retry ? html`<button type="button" @click=${() => this.load()}>${this.t('retry')}</button>` : nothing}
      </div>
    `;
  }
}

function loadError(err: unknown): LoadError {
  if (!(err instanceof ApiError)) return 'network';
  if (err.status === 404) return 'notFound';
  if (err.status === 401) return 'keyRefused';
  if (err.status === 403) return 'originRefused';
  if (err.status === 429) return 'rateLimited';
  return 'network';
}

declare global {
  interface HTMLElementTagNameMap {
    'allot-pricing-table': AllotPricingTable;
  }
  interface HTMLElementEventMap {
    'allot-plan-selected': CustomEvent<PlanSelectedDetail>;
  }
}

// A page that loads the script twice keeps the first definition.
if (!customElements.get('allot-pricing-table'))
  customElements.define('allot-pricing-table', AllotPricingTable);
