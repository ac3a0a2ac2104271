import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DisplayPlan } from './api.ts';
import { currencyName, message, percent, type Values } from './format.ts';
import type { MessageId } from './messages.ts';
import {
  currenciesOf,
  listSaving,
  MAX_LICENCES,
  MIN_LICENCES,
  periodsOf,
  pricedPeriods,
  priceOf,
} from './model.ts';
import type { TableView } from './view.ts';

/** The element's answers to the controls (bound once, so the listeners stay the same across renders). */
export interface ControlHandlers {
  period(e: Event): void;
  currency(e: Event): void;
  licences(e: Event): void;
  licencesBlur(): void;
}

/** The monthly / annual toggle with its saving, the currency selector and the licence count. */
export function renderControls(v: TableView, plans: DisplayPlan[], on: ControlHandlers): TemplateResult {
  const { lang, data } = v;
  const t = (id: MessageId, values?: Values) => message(lang, id, values);
  const periods = periodsOf(data);
  const priced = pricedPeriods(data, v.currency);
  const currencies = currenciesOf(data);
  const perSeat = plans.some((p) => priceOf(p, v.period, v.currency)?.per_seat);
  const saving = bestSaving(v, plans);
  // Emptied to type another number is not yet a mistake (blur puts the last count back).
  const invalid = perSeat && v.licenceCount === null && v.licences.trim() !== '';
  const errorId = `${v.uid}-licences-error`;
  return html`
    <div class="controls" part="controls">
      ${
        periods.length > 1
          ? html`
            <fieldset>
              <legend class="sr-only">${t('period.legend')}</legend>
              <div class="toggle">
                ${periods.map(
                  (period) => html`
                    <label>
                      <input
                        type="radio"
                        name="period"
                        value=${period}
                        .checked=${live(period === v.period)}
                        ?disabled=${!priced.includes(period)}
                        @change=${on.period}
                      />
                      <span>${t('period.option', { period })}</span>
                      ${
                        period === 'year' && saving !== null && priced.includes(period)
                          ? html`<span class="saving">${t('period.saving', { percent: percent(lang, saving) })}</span>`
                          : nothing
                      }
                    </label>
                  `,
                )}
              </div>
            </fieldset>
          `
          : nothing
      }
      ${
        currencies.length > 1
          ? html`
            <div>
              <label class="field-label" for="${v.uid}-currency">${t('currency.label')}</label>
              <select id="${v.uid}-currency" @change=${on.currency}>
                ${currencies.map(
                  (c) =>
                    html`<option value=${c} ?selected=${c === v.currency}>${currencyName(lang, c)}</option>`,
                )}
              </select>
            </div>
          `
          : nothing
      }
      ${
        perSeat
          ? html`
            <div>
              <label class="field-label" for="${v.uid}-licences">${t('licences.label')}</label>
              <input
                id="${v.uid}-licences"
                type="number"
                inputmode="numeric"
                min=${MIN_LICENCES}
                max=${MAX_LICENCES}
                step="1"
                required
                .value=${live(v.licences)}
                aria-invalid=${invalid ? 'true' : 'false'}
                aria-describedby=${invalid ? errorId : nothing}
                @input=${on.licences}
                @blur=${on.licencesBlur}
              />
              ${
                invalid
                  ? html`<p class="field-error" id=${errorId}>
                    ${t('licences.invalid', { min: MIN_LICENCES, max: MAX_LICENCES })}
                  </p>`
                  : nothing
              }
            </div>
          `
          : nothing
      }
    </div>
  `;
}

/** The best yearly saving of the plans in the chosen currency: quoted where known, else from list prices. */
function bestSaving(v: TableView, plans: DisplayPlan[]): number | null {
  let best: number | null = null;
  for (const plan of plans) {
    const s = v.quotes.savingOf(v.currency, plan.key) ?? listSaving(plan, v.currency);
    if (s !== null && s > 0 && (best === null || s > best)) best = s;
  }
  return best;
}
