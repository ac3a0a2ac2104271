import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert, Badge, Card, ConfirmButtons, Loading, ProblemAlert } from '../components/ui.tsx';
import { type Account, allot, type BillingPeriod, type Subscription } from '../lib/api.ts';
import { usePlans, useWrite } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { otherPeriod, priceOf } from './planPrices.tsx';

/** The customer's subscriptions (read once for the page: the cycle, its scheduled change, its invoices). */
export function useCustomerSubscriptions(customer: Account) {
  return useQuery({
    queryKey: ['customer', customer.id, 'subscriptions'],
    queryFn: () => allot().subscriptions.list({ account: customer.id, limit: 100 }),
  });
}

/** Its live subscription (active or trialing), if any. */
export function useCustomerSubscription(customer: Account): Subscription | null {
  const subscriptions = useCustomerSubscriptions(customer);
  return subscriptions.data?.data.find((s) => s.status === 'active' || s.status === 'trialing') ?? null;
}

/**
 * The billing cycle (S10): monthly or annual, changed by a subscription manager from the next cycle
 * (the customer's subscription and its sites'), with the date it takes effect.
 */
export function CustomerBilling({ customer, canChange }: { customer: Account; canChange: boolean }) {
  const f = useFormat();
  const plans = usePlans();
  const subscriptions = useCustomerSubscriptions(customer);
  const [confirming, setConfirming] = useState(false);
  const write = useWrite((period: BillingPeriod) =>
    allot().accounts.update(customer.id, { billing_period: period }),
  );
  // The button that was pressed goes away: focus moves to what replaced it (the question, then the answer).
  const confirmRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (write.isSuccess) resultRef.current?.focus();
  }, [write.isSuccess]);
  if (subscriptions.error) {
    return (
      <Card title={<FormattedMessage id="customer.cycle.title" />}>
        <ProblemAlert error={subscriptions.error} />
      </Card>
    );
  }
  if (!subscriptions.data) return <Loading />;
  const live = subscriptions.data.data.find((s) => s.status === 'active' || s.status === 'trialing') ?? null;
  const period = live?.billing_period ?? customer.billing_period;
  const scheduled = live?.scheduled_changes.find((c) => c.type === 'billing_period') ?? null;
  const next = otherPeriod(period);
  const plan = live ? plans.data?.data.find((p) => p.id === live.plan) : undefined;
  const priceFor = (p: string) => (plan && live ? priceOf(plan, p, live.currency) : undefined);
  const cycleEnd = live ? f.date(live.current_period_end) : null;
  const b = (c: ReactNode) => <strong>{c}</strong>;

  return (
    <section className="card" aria-labelledby="customer-cycle-title">
      <div className="card-head">
        <h2 id="customer-cycle-title">
          <FormattedMessage id="customer.cycle.title" />
        </h2>
      </div>
      <p>
        <FormattedMessage id="customer.cycle.current" values={{ period, name: customer.name, b }} />
      </p>
      <p className="muted small">
        <FormattedMessage id="customer.cycle.help" />
      </p>
      {plan ? (
        <ul className="plain customer-prices">
          {(['month', 'year'] as const).map((p) => {
            const price = priceFor(p);
            if (!price) return null;
            return (
              <li key={p}>
                <FormattedMessage id={`period.${p}`} />
                {p === period ? (
                  <>
                    {' '}
                    <Badge tone="info">
                      <FormattedMessage id="customer.cycle.now" />
                    </Badge>
                  </>
                ) : null}
                <span className="muted"> · </span>
                <FormattedMessage
                  id={price.per_seat ? 'customer.cycle.priceSeat' : 'customer.cycle.priceFlat'}
                  values={{ price: f.money(price.amount, price.currency), period: p }}
                />
              </li>
            );
          })}
        </ul>
      ) : null}

      <div ref={resultRef} tabIndex={-1} className="customer-focus">
        {write.isSuccess && scheduled ? (
          <Alert tone="success" title={<FormattedMessage id="customer.cycle.doneTitle" />}>
            <p>
              <FormattedMessage
                id="customer.cycle.done"
                values={{ period: scheduled.billing_period, date: f.date(scheduled.effective_at) }}
              />
            </p>
          </Alert>
        ) : write.isSuccess && !scheduled ? (
          <Alert tone="success" title={<FormattedMessage id="customer.cycle.doneTitle" />}>
            <p>
              <FormattedMessage id="customer.cycle.kept" values={{ period }} />
            </p>
          </Alert>
        ) : scheduled ? (
          <Alert tone="info">
            <p>
              <FormattedMessage
                id="customer.cycle.scheduled"
                values={{
                  period: scheduled.billing_period,
                  date: f.date(scheduled.effective_at),
                  now: period,
                }}
              />
            </p>
          </Alert>
        ) : null}
      </div>
      <ProblemAlert error={write.error} />

      {!canChange ? null : scheduled ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={write.isPending}
            onClick={() => write.mutate(period as BillingPeriod)}
          >
            <FormattedMessage id="customer.cycle.keep" values={{ period }} />
          </button>
        </div>
      ) : confirming ? (
        <div className="customer-confirm customer-focus" ref={confirmRef} tabIndex={-1}>
          <p>
            <FormattedMessage
              id="customer.cycle.confirm"
              values={{
                period: next,
                now: period,
                name: customer.name,
                date: cycleEnd ?? '',
                known: cycleEnd ? 'yes' : 'no',
              }}
            />
          </p>
          <ConfirmButtons
            pending={write.isPending}
            onConfirm={() => write.mutate(next, { onSuccess: () => setConfirming(false) })}
            onCancel={() => setConfirming(false)}
          />
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              write.reset();
              setConfirming(true);
            }}
          >
            <FormattedMessage id="customer.cycle.switch" values={{ period: next }} />
          </button>
        </div>
      )}
      <BillingBasis customer={customer} />
      {live && live.status === 'active' && customer.billing_basis.length > 0 ? (
        <NextInvoice customer={customer} subscription={live} />
      ) : null}
    </section>
  );
}

/** What the bill counted over time ("used seats until 31 October 2022, allocated seats from 1 November 2022"). */
function BillingBasis({ customer }: { customer: Account }) {
  const intl = useIntl();
  const f = useFormat();
  const portal = usePortal();
  const steps = [...customer.billing_basis].sort((a, b) => a.from.localeCompare(b.from));
  if (!steps.length) return null;
  // Today in the account's zone, as a calendar date, to mark the basis in force.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: customer.timezone }).format(portal.now());
  const dayBefore = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const parts = steps.map((s, i) => {
    const next = steps[i + 1];
    return next
      ? intl.formatMessage(
          { id: 'customer.basis.until' },
          { basis: s.basis, date: f.day(dayBefore(next.from)) },
        )
      : intl.formatMessage({ id: 'customer.basis.from' }, { basis: s.basis, date: f.day(s.from) });
  });
  return (
    <div className="customer-basis">
      <h3 className="customer-subhead">
        <FormattedMessage id="customer.basis.title" />
      </h3>
      <p>
        <FormattedMessage id="customer.basis.summary" values={{ parts: intl.formatList(parts) }} />
      </p>
      <ol className="customer-basis-list">
        {steps.map((s, i) => {
          const next = steps[i + 1];
          const inForce = s.from <= today && (!next || next.from > today);
          return (
            <li key={s.from}>
              <p className="customer-basis-head">
                <strong>
                  <FormattedMessage id="customer.basis.name" values={{ basis: s.basis }} />
                </strong>
                <span className="muted">
                  {' · '}
                  {next ? (
                    <FormattedMessage
                      id="customer.basis.range"
                      values={{ from: f.day(s.from), to: f.day(dayBefore(next.from)) }}
                    />
                  ) : (
                    <FormattedMessage id="customer.basis.since" values={{ from: f.day(s.from) }} />
                  )}
                </span>
                {inForce ? (
                  <>
                    {' '}
                    <Badge tone="info">
                      <FormattedMessage id="customer.basis.inForce" />
                    </Badge>
                  </>
                ) : null}
              </p>
              <p className="muted small">
                <FormattedMessage id="customer.basis.explain" values={{ basis: s.basis }} />
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The invoice the basis leads to: the next renewal, as the server computes it (nothing saved). */
function NextInvoice({ customer, subscription }: { customer: Account; subscription: Subscription }) {
  const intl = useIntl();
  const f = useFormat();
  const upcoming = useQuery({
    queryKey: ['customer', customer.id, 'upcoming', subscription.id],
    queryFn: () => allot().subscriptions.upcomingInvoice(subscription.id),
  });
  if (upcoming.error) return <ProblemAlert error={upcoming.error} />;
  if (!upcoming.data) return <Loading />;
  const invoice = upcoming.data;
  const mine = invoice.lines.filter((l) => l.subscription === subscription.id);
  const net = mine.reduce((n, l) => n + l.amount, 0);
  const seats = mine.filter((l) => l.kind === 'seat').reduce((n, l) => n + l.quantity, 0);
  const day = invoice.period_start ?? '';
  const basis =
    [...customer.billing_basis].sort((a, b) => b.from.localeCompare(a.from)).find((s) => s.from <= day)
      ?.basis ?? 'used';
  const date = f.day(day);
  const amount = f.money(net, invoice.currency);
  return (
    <div className="customer-next">
      <h3 className="customer-subhead">
        <FormattedMessage id="customer.next.title" />
      </h3>
      {mine.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="customer.next.none" />
        </p>
      ) : (
        <>
          <p className="customer-next-summary">
            {seats > 0 ? (
              <FormattedMessage
                id="customer.next.summary"
                values={{
                  date,
                  amount,
                  seats,
                  basis,
                  payer: invoice.account !== customer.id ? 'partner' : 'own',
                }}
              />
            ) : (
              <FormattedMessage id="customer.next.flat" values={{ date, amount }} />
            )}
          </p>
          <div className="table-wrap">
            <table className="customer-next-lines">
              <caption className="visually-hidden">
                {intl.formatMessage({ id: 'customer.next.caption' })}
              </caption>
              <tbody>
                {mine.map((l) => (
                  <tr key={`${l.description}:${l.amount}`}>
                    <th scope="row">{l.description}</th>
                    <td className="num">{f.money(l.amount, invoice.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
