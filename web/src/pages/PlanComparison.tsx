import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Badge, Card } from '../components/ui.tsx';
import type { Feature, Plan, Subscription } from '../lib/api.ts';
import { usePortal } from '../lib/portal.tsx';
import { featureOrder, featureValue } from './planFeatures.ts';
import { otherPeriod, PriceText, priceOf, seatUnit } from './planPrices.tsx';
import './Plans.css';

/** The plans of the product side by side, each with its price, its features and what choosing it does. */
export function PlanComparison({
  subscription: s,
  plans,
  current,
  features,
  chosen,
  onChoose,
}: {
  subscription: Subscription;
  plans: Plan[];
  current: Plan;
  features: Feature[];
  chosen: string | null;
  onChoose: (key: string) => void;
}) {
  const intl = useIntl();
  const { canManage } = usePortal();
  const keys = featureOrder(plans);
  return (
    <Card title={<FormattedMessage id="plans.compare" />}>
      <p className="muted small">
        <FormattedMessage
          id="plans.compareHelp"
          values={{ period: s.billing_period, currency: s.currency }}
        />
      </p>
      <ul className="plan-grid">
        {plans.map((p) => {
          const price = priceOf(p, s.billing_period, s.currency);
          const otherPrice = priceOf(p, otherPeriod(s.billing_period), s.currency);
          const isCurrent = p.id === current.id;
          const headingId = `plan-${p.key}`;
          return (
            <li
              key={p.id}
              className={`plan-card${isCurrent ? ' is-current' : ''}${chosen === p.key && !isCurrent ? ' is-chosen' : ''}`}
            >
              <div className="plan-head">
                <h3 id={headingId}>{p.name}</h3>
                {isCurrent ? (
                  <Badge tone="info">
                    <FormattedMessage id="plans.current" />
                  </Badge>
                ) : null}
              </div>
              <p className="plan-price">
                {price ? (
                  <PriceText
                    price={{ ...price, billing_period: s.billing_period }}
                    unit={seatUnit(p, features)}
                    bold
                  />
                ) : otherPrice ? (
                  // Sold for the other period only: its price there, for comparison.
                  <PriceText price={otherPrice} unit={seatUnit(p, features)} bold />
                ) : (
                  <span className="muted">
                    <FormattedMessage id="plans.notPriced" />
                  </span>
                )}
              </p>
              <dl className="plan-features">
                {keys.map((k) => {
                  const feature = features.find((x) => x.key === k);
                  const v = featureValue(
                    intl,
                    p.entitlements.find((e) => e.feature === k),
                    feature,
                    price?.per_seat ?? false,
                    s.billing_period,
                  );
                  return (
                    <div key={k} className={v.on ? 'plan-feature' : 'plan-feature is-off'}>
                      <dt className="plan-feature-name">{feature?.name ?? k}</dt>
                      <dd className="plan-value">
                        <span className="plan-mark" aria-hidden="true">
                          {v.on ? '✓' : '✗'}
                        </span>
                        {v.text}
                      </dd>
                    </div>
                  );
                })}
              </dl>
              <div className="plan-action">
                <PlanAction
                  subscription={s}
                  plan={p}
                  current={current}
                  canManage={canManage}
                  chosen={chosen === p.key}
                  onChoose={() => onChoose(p.key)}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function PlanAction({
  subscription: s,
  plan,
  current,
  canManage,
  chosen,
  onChoose,
}: {
  subscription: Subscription;
  plan: Plan;
  current: Plan;
  canManage: boolean;
  chosen: boolean;
  onChoose: () => void;
}) {
  if (plan.id === current.id) {
    return (
      <p className="muted small">
        <FormattedMessage id="plans.currentNote" />
      </p>
    );
  }
  if (!priceOf(plan, s.billing_period, s.currency)) {
    const elsewhere = plan.prices.some(
      (p) => p.currency === s.currency && p.billing_period !== s.billing_period,
    );
    return (
      <p className="plan-unavailable small">
        {elsewhere ? (
          <>
            <FormattedMessage
              id="plans.unavailable.period"
              values={{ period: otherPeriod(s.billing_period) }}
            />{' '}
            <a href="#billing-period">
              <FormattedMessage id="plans.unavailable.periodLink" />
            </a>
          </>
        ) : (
          <FormattedMessage id="plans.unavailable.currency" values={{ currency: s.currency }} />
        )}
      </p>
    );
  }
  if (!canManage) return null;
  const direction = plan.rank > current.rank ? 'up' : plan.rank < current.rank ? 'down' : 'same';
  return (
    <button
      type="button"
      className={direction === 'up' ? 'button button-primary' : 'button'}
      aria-expanded={chosen}
      onClick={onChoose}
    >
      <FormattedMessage
        id={`plans.choose.${direction}`}
        values={{ plan: plan.name, h: (c: ReactNode) => <span className="visually-hidden">{c}</span> }}
      />
    </button>
  );
}
