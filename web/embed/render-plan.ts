import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { DisplayFeature, DisplayPlan, Quote, QuoteRequest } from './api.ts';
import { type Language, message, money, type Values } from './format.ts';
import type { MessageId } from './messages.ts';
import { type Choice, choiceUrl, featureValue, priceOf } from './model.ts';
import type { TableView } from './view.ts';

/** The visitor took a plan's button: the element tells the page, which may take it over. */
export type ChooseHandler = (e: Event, choice: Choice, url: string | null) => void;

/** One plan's card: name and badge, list price, trial, the quoted total, its button and its features. */
export function renderPlan(
  v: TableView,
  plan: DisplayPlan,
  features: DisplayFeature[],
  choose: ChooseHandler,
): TemplateResult {
  const { lang, data, period, currency } = v;
  const t = (id: MessageId, values?: Values) => message(lang, id, values);
  const price = priceOf(plan, period, currency);
  const highlighted = plan.highlighted || data.highlighted_plan === plan.key;
  const request = v.quoteRequest(plan);
  const quote = request ? v.quotes.get(request) : undefined;
  const trialDays = quote?.trial_days ?? plan.trial_days;
  const choice: Choice = {
    plan: plan.key,
    billing_period: period,
    currency,
    quantity: request?.quantity ?? (price?.per_seat ? (v.licenceCount ?? 1) : 1),
  };
  const url = choiceUrl(v.portalUrl || data.call_to_action_url, choice, document.baseURI);
  return html`
    <li class=${classMap({ plan: true, highlighted })} part=${highlighted ? 'plan highlighted' : 'plan'}>
      <div class="head">
        <h3>${plan.name}</h3>
        ${highlighted ? html`<span class="badge" part="badge">${t('plan.popular')}</span>` : nothing}
      </div>
      ${
        price
          ? html`<p class="price">
            <span class="amount">${money(lang, price.amount, currency, true)}</span>
            <span class="per">${t('price.per', { perSeat: price.per_seat ? 'yes' : 'no', period })}</span>
          </p>`
          : html`<p class="price unavailable">${t('price.unavailable', { period, currency })}</p>`
      }
      <p class="trial">${trialDays ? t('trial', { days: trialDays }) : nothing}</p>
      ${renderTotal(v, request, quote, Boolean(price?.per_seat))}
      ${renderCta(lang, plan, choice, url, Boolean(price && request), choose)}
      <ul class="features" aria-label=${t('features.label', { plan: plan.name })}>
        ${features.map((f) => renderFeature(v, f, plan, price?.per_seat ?? plan.prices.some((p) => p.per_seat)))}
      </ul>
    </li>
  `;
}

/** The quote's total, or "calculating" until it answers (the list price above stays meanwhile). */
function renderTotal(
  v: TableView,
  request: QuoteRequest | null,
  quote: Quote | undefined,
  perSeat: boolean,
): TemplateResult {
  const { lang } = v;
  let body: TemplateResult | string | typeof nothing = nothing;
  let busy = false;
  if (request && quote) {
    const values = {
      amount: money(lang, quote.subtotal, quote.currency),
      quantity: quote.quantity,
      period: quote.billing_period,
      tax: quote.tax_included ? 'included' : 'excluded',
    };
    body = html`
      <strong>${message(lang, perSeat ? 'total.seat' : 'total.flat', values)}</strong>
      ${
        quote.billing_period === 'year' && quote.per_month !== null
          ? html`<span class="note">${message(lang, 'total.perMonth', { amount: money(lang, quote.per_month, quote.currency) })}</span>`
          : nothing
      }
      ${
        quote.saving && quote.saving.amount > 0
          ? html`<span class="note">${message(lang, 'total.saving', { amount: money(lang, quote.saving.amount, quote.currency) })}</span>`
          : nothing
      }
    `;
  } else if (request) {
    if (v.quotes.hasFailed(request)) body = message(lang, 'total.failed');
    else {
      busy = true;
      body = message(lang, 'total.pending');
    }
  }
  return html`<p class="total" part="total" aria-live="polite" aria-atomic="true" aria-busy=${busy ? 'true' : 'false'}>
    ${body}
  </p>`;
}

function renderCta(
  lang: Language,
  plan: DisplayPlan,
  choice: Choice,
  url: string | null,
  available: boolean,
  choose: ChooseHandler,
): TemplateResult {
  const label = message(lang, 'cta', { plan: plan.name });
  if (!available) return html`<button type="button" class="cta" part="cta" disabled>${label}</button>`;
  if (url) {
    return html`<a class="cta" part="cta" href=${url} @click=${(e: Event) => choose(e, choice, url)}>${label}</a>`;
  }
  // No address to go to: the vendor's page handles allot-plan-selected itself.
  return html`<button type="button" class="cta" part="cta" @click=${(e: Event) => choose(e, choice, null)}>
    ${label}
  </button>`;
}

function renderFeature(
  v: TableView,
  feature: DisplayFeature,
  plan: DisplayPlan,
  perSeat: boolean,
): TemplateResult {
  const value = plan.features.find((f) => f.feature === feature.key);
  const { text, on } = featureValue(v.lang, feature, value, perSeat, v.period);
  if (feature.kind === 'boolean' || !on) {
    return html`<li class=${on ? 'on' : 'off'}>
      <span class="mark" aria-hidden="true">${on ? '✓' : '—'}</span>
      <span>${feature.name}<span class="sr-only">: ${text}</span></span>
    </li>`;
  }
  return html`<li class="on">
    <span class="mark" aria-hidden="true">✓</span>
    <span>${feature.name}<span class="sr-only">:</span> <span class="value">${text}</span></span>
  </li>`;
}
