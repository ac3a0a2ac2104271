import { type ReactNode, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Alert, Badge, ConfirmButtons, ProblemAlert } from '../components/ui.tsx';
import { allot, type BillingPeriod, type Feature, type Plan, type Subscription } from '../lib/api.ts';
import { useWrite } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { otherPeriod, type PlanPrice, priceOf, seatUnit } from './planPrices.tsx';
import './Plans.css';

/** Monthly or annual, switched from the next cycle, with what the plan costs per year either way. */
export function BillingPeriodCard({
  subscription: s,
  plan,
  features,
}: {
  subscription: Subscription;
  plan: Plan;
  features: Feature[];
}) {
  const f = useFormat();
  const { canManage } = usePortal();
  const [confirming, setConfirming] = useState(false);
  const write = useWrite((period: BillingPeriod) => allot().subscriptions.setBillingPeriod(s.id, period));
  const next = otherPeriod(s.billing_period);
  const monthly = priceOf(plan, 'month', s.currency);
  const annual = priceOf(plan, 'year', s.currency);
  const times = (p: PlanPrice | undefined) => (p?.per_seat ? s.quantity : 1);
  const perYearMonthly = monthly ? monthly.amount * 12 * times(monthly) : null;
  const perYearAnnual = annual ? annual.amount * times(annual) : null;
  const saving =
    perYearMonthly && perYearAnnual !== null && perYearAnnual < perYearMonthly
      ? (perYearMonthly - perYearAnnual) / perYearMonthly
      : null;
  const scheduled = s.scheduled_changes.find((c) => c.type === 'billing_period');
  const available = next === 'year' ? annual : monthly;
  const money = (n: number) => f.money(n, s.currency);
  const unit = seatUnit(plan, features);
  const seats = (p: PlanPrice | undefined) =>
    p?.per_seat ? <FormattedMessage id="plans.period.seats" values={{ n: s.quantity, unit }} /> : null;
  const justDone = write.isSuccess
    ? write.data.scheduled_changes.find((c) => c.type === 'billing_period')
    : null;

  return (
    <section className="card" id="billing-period" aria-labelledby="billing-period-title">
      <div className="card-head">
        <h2 id="billing-period-title">
          <FormattedMessage id="plans.period.title" />
        </h2>
      </div>
      <p>
        <FormattedMessage
          id="plans.period.current"
          values={{ period: s.billing_period, b: (c: ReactNode) => <strong>{c}</strong> }}
        />
      </p>
      <dl className="period-compare">
        <div className={s.billing_period === 'month' ? 'is-current' : undefined}>
          <dt>
            <FormattedMessage id="period.month" />
            {s.billing_period === 'month' ? (
              <>
                {' '}
                <Badge tone="info">
                  <FormattedMessage id="plans.period.now" />
                </Badge>
              </>
            ) : null}
          </dt>
          <dd>
            {monthly && perYearMonthly !== null ? (
              <>
                <span className="period-amount">
                  <FormattedMessage id="plans.period.perYear" values={{ amount: money(perYearMonthly) }} />
                </span>
                <span className="muted small">
                  <FormattedMessage id="plans.period.twelve" values={{ amount: money(monthly.amount) }} />{' '}
                  {seats(monthly)}
                </span>
              </>
            ) : (
              <span className="muted">
                <FormattedMessage id="plans.period.notSold" />
              </span>
            )}
          </dd>
        </div>
        <div className={s.billing_period === 'year' ? 'is-current' : undefined}>
          <dt>
            <FormattedMessage id="period.year" />
            {s.billing_period === 'year' ? (
              <>
                {' '}
                <Badge tone="info">
                  <FormattedMessage id="plans.period.now" />
                </Badge>
              </>
            ) : null}
          </dt>
          <dd>
            {annual && perYearAnnual !== null ? (
              <>
                <span className="period-amount">
                  <FormattedMessage id="plans.period.perYear" values={{ amount: money(perYearAnnual) }} />
                </span>
                <span className="muted small">
                  {seats(annual)}
                  {saving !== null ? (
                    <>
                      {' '}
                      <Badge tone="ok">
                        <FormattedMessage id="plans.period.saving" values={{ saving }} />
                      </Badge>
                    </>
                  ) : null}
                </span>
              </>
            ) : (
              <span className="muted">
                <FormattedMessage id="plans.period.notSold" />
              </span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        <FormattedMessage id="plans.period.help" values={{ plan: plan.name }} />
      </p>

      {justDone ? (
        <Alert tone="success" title={<FormattedMessage id="plans.change.doneTitle" />}>
          <p>
            <FormattedMessage
              id="plans.period.done"
              values={{ period: justDone.billing_period, date: f.date(justDone.effective_at) }}
            />
          </p>
        </Alert>
      ) : write.isSuccess && !scheduled ? (
        <Alert tone="success" title={<FormattedMessage id="plans.change.doneTitle" />}>
          <p>
            <FormattedMessage id="plans.period.kept" values={{ period: s.billing_period }} />
          </p>
        </Alert>
      ) : scheduled ? (
        <Alert tone="info">
          <p>
            <FormattedMessage
              id="plans.period.scheduled"
              values={{ period: scheduled.billing_period, date: f.date(scheduled.effective_at) }}
            />
          </p>
        </Alert>
      ) : null}

      <ProblemAlert error={write.error} />

      {!canManage ? null : scheduled ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={write.isPending}
            onClick={() => write.mutate(s.billing_period)}
          >
            <FormattedMessage id="plans.period.keep" values={{ period: s.billing_period }} />
          </button>
        </div>
      ) : !available ? (
        <p className="muted small">
          <FormattedMessage
            id="plans.period.onlyThis"
            values={{ plan: plan.name, period: s.billing_period }}
          />
        </p>
      ) : confirming ? (
        <div className="period-confirm">
          <p>
            <FormattedMessage
              id="plans.period.confirm"
              values={{
                period: next,
                date: f.date(s.current_period_end),
                amount: money(next === 'year' ? (perYearAnnual ?? 0) : (perYearMonthly ?? 0)),
                was: money(next === 'year' ? (perYearMonthly ?? 0) : (perYearAnnual ?? 0)),
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
            <FormattedMessage id="plans.period.switch" values={{ period: next }} />
          </button>
        </div>
      )}
    </section>
  );
}
