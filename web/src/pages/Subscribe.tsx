import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { Lines } from '../components/Lines.tsx';
import { Alert, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import { allot, type BillingPeriod, type Plan } from '../lib/api.ts';
import { useInvoices, usePlans, useWrite } from '../lib/data.ts';
import { useDebounced } from '../lib/debounce.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import './Subscribe.css';

interface Choice {
  plan: string;
  quantity: number;
  billing_period: BillingPeriod;
  currency: string;
}

const priceOf = (plan: Plan, period: string, currency: string) =>
  plan.prices.find((p) => p.billing_period === period && p.currency === currency);

/** Currencies the plan is sold in for the period, the account's first. */
function currenciesOf(plan: Plan, period: string, first: string): string[] {
  const all = [...new Set(plan.prices.filter((p) => p.billing_period === period).map((p) => p.currency))];
  return all.sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)));
}

/**
 * A choice made on the vendor's pricing table (`?plan=…&billing_period=…&currency=…&quantity=…`),
 * kept where the catalog sells it; anything it cannot offer falls back to the account's own.
 */
function choiceFromQuery(
  search: string,
  fallback: Choice,
  plans: Plan[],
  currencyFree: boolean,
  planLocked: boolean,
): Choice {
  const q = new URLSearchParams(search);
  if (!q.has('plan')) return fallback;
  const planAsked = planLocked ? fallback.plan : q.get('plan');
  const plan = plans.find((p) => p.key === planAsked || p.id === planAsked);
  if (!plan) return fallback;
  const period = q.get('billing_period');
  const billing_period: BillingPeriod =
    period === 'month' || period === 'year' ? period : fallback.billing_period;
  const asked = q.get('currency');
  const currency = currencyFree && asked && priceOf(plan, billing_period, asked) ? asked : fallback.currency;
  const n = Number(q.get('quantity'));
  return {
    plan: plan.key,
    billing_period,
    currency,
    quantity: Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : fallback.quantity,
  };
}

/**
 * Subscribe (S13): licences, billing period (with the annual saving) and currency; the totals are the
 * server's preview of the first invoice, asked again at every choice. A trial is activated on the
 * terms chosen; an account without a subscription starts one.
 */
export function Subscribe() {
  const portal = usePortal();
  const plans = usePlans();
  const invoices = useInvoices();
  const { subscription, account } = portal;
  // Kept here: once subscribed, the live subscription is no longer a trial and the form goes away.
  const [done, setDone] = useState(false);
  if (done) return <Subscribed />;
  if (!plans.data || !invoices.data) return <Loading />;
  if (subscription && subscription.status !== 'trialing') {
    return (
      <>
        <PageHeader title={<FormattedMessage id="subscribe.title" />} />
        <Alert tone="info">
          <p>
            <FormattedMessage id="subscribe.already" />
          </p>
          <Link href="/plans">
            <FormattedMessage id="nav.plans" />
          </Link>
        </Alert>
      </>
    );
  }
  const sellable = plans.data.data
    .filter((p) => p.prices.some((x) => x.billing_period !== 'once'))
    .sort((a, b) => a.rank - b.rank);
  const initialPlan = sellable.find((p) => p.id === subscription?.plan) ?? sellable[0];
  if (!initialPlan) return null;
  // Nothing invoiced yet: the customer may still pick the currency it is billed in.
  const currencyFree = invoices.data.data.length === 0 && !account.bill_to_parent;
  return (
    <SubscribeForm
      plans={sellable}
      initial={choiceFromQuery(
        window.location.search,
        {
          plan: initialPlan.key,
          quantity: subscription?.quantity ?? 1,
          billing_period: subscription?.billing_period ?? account.billing_period,
          currency: account.currency,
        },
        sellable,
        currencyFree,
        // A trial is activated on its own plan: the choice keeps its period, currency and licences.
        subscription?.status === 'trialing',
      )}
      currencyFree={currencyFree}
      onDone={() => setDone(true)}
    />
  );
}

function Subscribed() {
  return (
    <>
      <PageHeader title={<FormattedMessage id="subscribe.title" />} />
      <Alert tone="success" title={<FormattedMessage id="subscribe.done.title" />}>
        <p>
          <FormattedMessage id="subscribe.done.text" />
        </p>
        <div className="actions">
          <Link href="/" className="button button-primary">
            <FormattedMessage id="nav.overview" />
          </Link>
          <Link href="/invoices" className="button">
            <FormattedMessage id="nav.invoices" />
          </Link>
        </div>
      </Alert>
    </>
  );
}

function SubscribeForm({
  plans,
  initial,
  currencyFree,
  onDone,
}: {
  plans: Plan[];
  initial: Choice;
  currencyFree: boolean;
  onDone: () => void;
}) {
  const intl = useIntl();
  const f = useFormat();
  const portal = usePortal();
  const { subscription, account } = portal;
  const [choice, setChoice] = useState<Choice>(initial);
  const ids = { quantity: useId(), currency: useId(), plan: useId() };
  const trial = subscription?.status === 'trialing' ? subscription : null;
  const plan = plans.find((p) => p.key === choice.plan) ?? plans[0]!;
  const perSeat =
    priceOf(plan, choice.billing_period, choice.currency)?.per_seat ?? plan.prices.some((p) => p.per_seat);
  const currencies = currenciesOf(plan, choice.billing_period, account.currency);
  const settled = useDebounced(choice, 250);

  const preview = useQuery({
    queryKey: ['preview-create', account.id, settled],
    queryFn: () =>
      allot().subscriptions.previewCreate({
        account: account.id,
        plan: settled.plan,
        billing_period: settled.billing_period,
        currency: settled.currency,
        ...(perSeat ? { quantity: settled.quantity } : {}),
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const write = useWrite(async (c: Choice) => {
    const terms = {
      billing_period: c.billing_period,
      currency: c.currency,
      ...(perSeat ? { quantity: c.quantity } : {}),
    };
    const answer = trial
      ? await allot().subscriptions.activate(trial.id, terms)
      : await allot().subscriptions.create({ account: account.id, plan: c.plan, ...terms });
    // Said before the caches are read again: the page's trial then turns active and this form goes.
    onDone();
    return answer.latest_invoice ?? null;
  });

  const update = (patch: Partial<Choice>) => {
    setChoice((c) => {
      const next = { ...c, ...patch };
      const p = plans.find((x) => x.key === next.plan) ?? plans[0]!;
      // A currency the plan is not sold in for the period falls back to one it is.
      if (!priceOf(p, next.billing_period, next.currency)) {
        next.currency = currenciesOf(p, next.billing_period, account.currency)[0] ?? next.currency;
      }
      return next;
    });
  };

  const saving = (currency: string) => {
    const month = priceOf(plan, 'month', currency)?.amount;
    const year = priceOf(plan, 'year', currency)?.amount;
    return month && year && year < month * 12 ? Math.round((1 - year / (month * 12)) * 100) : 0;
  };

  return (
    <>
      <PageHeader title={<FormattedMessage id="subscribe.title" />}>
        {trial?.trial_end ? (
          <p className="muted">
            <FormattedMessage id="subscribe.trialEnds" values={{ date: f.date(trial.trial_end) }} />
          </p>
        ) : null}
      </PageHeader>
      <div className="subscribe">
        <Card title={<FormattedMessage id="subscribe.choose" />}>
          <form
            className="subscribe-form"
            onSubmit={(e) => {
              e.preventDefault();
              write.mutate(choice);
            }}
          >
            {trial ? (
              <p className="subscribe-plan">
                <FormattedMessage id="subscribe.plan" />: <strong>{plan.name}</strong>
              </p>
            ) : (
              <label className="field" htmlFor={ids.plan}>
                <FormattedMessage id="subscribe.plan" />
                <select
                  id={ids.plan}
                  className="input"
                  value={choice.plan}
                  onChange={(e) => update({ plan: e.target.value })}
                >
                  {plans.map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            )}

            {perSeat ? (
              <div className="field">
                <label htmlFor={ids.quantity}>
                  <FormattedMessage id="subscribe.licences" />
                </label>
                <div className="stepper">
                  <button
                    type="button"
                    className="button"
                    aria-label={intl.formatMessage({ id: 'subscribe.fewer' })}
                    disabled={choice.quantity <= 1}
                    onClick={() => update({ quantity: Math.max(1, choice.quantity - 1) })}
                  >
                    −
                  </button>
                  <input
                    id={ids.quantity}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={10000}
                    value={choice.quantity}
                    onChange={(e) => {
                      const n = Number.parseInt(e.target.value, 10);
                      if (Number.isInteger(n) && n >= 1 && n <= 10000) update({ quantity: n });
                    }}
                  />
                  <button
                    type="button"
                    className="button"
                    aria-label={intl.formatMessage({ id: 'subscribe.more' })}
                    onClick={() => update({ quantity: Math.min(10000, choice.quantity + 1) })}
                  >
                    +
                  </button>
                </div>
              </div>
            ) : null}

            <fieldset>
              <legend>
                <FormattedMessage id="subscribe.period" />
              </legend>
              <div className="segmented">
                {(['month', 'year'] as const).map((period) => {
                  const sold = plan.prices.some((p) => p.billing_period === period);
                  const price = priceOf(plan, period, choice.currency);
                  return (
                    <label key={period} className={choice.billing_period === period ? 'selected' : undefined}>
                      <input
                        type="radio"
                        name="billing_period"
                        value={period}
                        checked={choice.billing_period === period}
                        disabled={!sold}
                        onChange={() => update({ billing_period: period })}
                      />
                      <span className="segment-name">
                        <FormattedMessage id={`period.${period}`} />
                      </span>
                      {price ? (
                        <span className="segment-price">
                          <FormattedMessage
                            id={
                              price.per_seat
                                ? `subscribe.pricePerSeat.${period}`
                                : `subscribe.price.${period}`
                            }
                            values={{ price: f.money(price.amount, choice.currency) }}
                          />
                        </span>
                      ) : null}
                      {period === 'year' && saving(choice.currency) > 0 ? (
                        <span className="badge badge-ok">
                          <FormattedMessage
                            id="subscribe.save"
                            values={{ percent: saving(choice.currency) }}
                          />
                        </span>
                      ) : null}
                    </label>
                  );
                })}
              </div>
            </fieldset>

            <label className="field" htmlFor={ids.currency}>
              <FormattedMessage id="subscribe.currency" />
              <select
                id={ids.currency}
                className="input"
                value={choice.currency}
                disabled={!currencyFree}
                aria-describedby={`${ids.currency}-help`}
                onChange={(e) => update({ currency: e.target.value })}
              >
                {(currencyFree ? currencies : [account.currency]).map((c) => (
                  <option key={c} value={c}>
                    {c} — {intl.formatDisplayName(c, { type: 'currency' })}
                  </option>
                ))}
              </select>
              <span id={`${ids.currency}-help`} className="muted small">
                <FormattedMessage
                  id={currencyFree ? 'subscribe.currencyFree' : 'subscribe.currencyFixed'}
                  values={{ currency: account.currency }}
                />
              </span>
            </label>

            {portal.canManage ? (
              <div className="actions">
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={write.isPending || !preview.data || preview.isError}
                >
                  <FormattedMessage
                    id={trial ? 'subscribe.submitTrial' : 'subscribe.submit'}
                    values={{
                      total: preview.data ? f.money(preview.data.amount_due, preview.data.currency) : '…',
                    }}
                  />
                </button>
              </div>
            ) : (
              <ReadOnlyNote />
            )}
            <ProblemAlert error={write.error} />
          </form>
        </Card>

        <Card title={<FormattedMessage id="subscribe.summary" />} className="subscribe-summary">
          <div aria-live="polite" aria-busy={preview.isFetching}>
            {preview.error ? <ProblemAlert error={preview.error} /> : null}
            {preview.data ? (
              <>
                <p className="muted small">
                  <FormattedMessage
                    id="subscribe.firstInvoice"
                    values={{
                      start: f.day(preview.data.period_start ?? ''),
                      end: f.day(f.lastDay(preview.data.period_end ?? '')),
                    }}
                  />
                </p>
                <Lines invoice={preview.data} caption={intl.formatMessage({ id: 'lines.caption' })} />
              </>
            ) : (
              <Loading />
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
