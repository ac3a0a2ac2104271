import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { QuotaMeter } from '../components/Meter.tsx';
import { Alert, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import type { Entitlement, Feature, Plan, Subscription } from '../lib/api.ts';
import { useAddons, useEntitlements, useFeatures, usePlans } from '../lib/data.ts';
import { useDebounced } from '../lib/debounce.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { ChangeFlow, NoSubscription, Stepper } from './ChangePreview.tsx';
import { PriceText, priceOf, seatUnit } from './Plans.tsx';
import './Licences.css';

/** The number of licences, the seats in use, and a change of the number with its prorated preview. */
export function Licences() {
  const { subscription, canManage } = usePortal();
  return (
    <>
      <PageHeader title={<FormattedMessage id="licences.title" />} />
      {subscription && !canManage ? (
        <div className="page-readonly">
          <ReadOnlyNote />
        </div>
      ) : null}
      {subscription ? <LicencesBody subscription={subscription} /> : <NoSubscription />}
    </>
  );
}

function LicencesBody({ subscription: s }: { subscription: Subscription }) {
  const { canManage } = usePortal();
  const plans = usePlans();
  const features = useFeatures();
  const entitlements = useEntitlements();
  const error = plans.error ?? features.error ?? entitlements.error;
  if (error) return <ProblemAlert error={error} />;
  if (!plans.data || !features.data || !entitlements.data) return <Loading />;
  const plan = plans.data.data.find((p) => p.id === s.plan);
  const price = plan ? priceOf(plan, s.billing_period, s.currency) : undefined;
  const seats = entitlements.data.filter((e) => e.kind === 'seat');
  const perSeat = price?.per_seat ?? false;
  return (
    <>
      <Summary subscription={s} plan={plan} features={features.data.data} seats={seats} perSeat={perSeat} />
      {plan && perSeat ? (
        canManage ? (
          <ChangeCount subscription={s} plan={plan} features={features.data.data} seats={seats} />
        ) : null
      ) : (
        <FlatPrice subscription={s} plan={plan} features={features.data.data} />
      )}
    </>
  );
}

function Summary({
  subscription: s,
  plan,
  features,
  seats,
  perSeat,
}: {
  subscription: Subscription;
  plan: Plan | undefined;
  features: Feature[];
  seats: Entitlement[];
  perSeat: boolean;
}) {
  const f = useFormat();
  const price = plan ? priceOf(plan, s.billing_period, s.currency) : undefined;
  return (
    <Card title={<FormattedMessage id="licences.summary" />}>
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="licences.quantity" />
          </dt>
          <dd className="licences-count">{f.number(s.quantity)}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="licences.plan" />
          </dt>
          <dd>{plan?.name ?? s.plan_key ?? s.plan}</dd>
        </div>
        {price && plan ? (
          <div>
            <dt>
              <FormattedMessage id={perSeat ? 'licences.unitPrice' : 'licences.price'} />
            </dt>
            <dd>
              <PriceText price={price} unit={seatUnit(plan, features)} />
            </dd>
          </div>
        ) : null}
        {price && perSeat ? (
          <div>
            <dt>
              <FormattedMessage id="licences.total" />
            </dt>
            <dd>
              <FormattedMessage
                id="licences.totalValue"
                values={{
                  total: f.money(price.amount * s.quantity, s.currency),
                  period: s.billing_period,
                }}
              />
            </dd>
          </div>
        ) : null}
      </dl>
      {seats.length ? (
        <>
          <h3 className="licences-subhead">
            <FormattedMessage id="licences.seats" />
          </h3>
          <div className="meters">
            {seats.map((e) => {
              const name = features.find((x) => x.key === e.feature)?.name ?? e.feature;
              return e.limit === null ? (
                <div key={e.feature} className="meter">
                  <div className="meter-head">
                    <span className="meter-name">{name}</span>
                    <span className="meter-figures">
                      <FormattedMessage id="licences.seatUnlimited" values={{ used: e.used }} />
                    </span>
                  </div>
                </div>
              ) : (
                <QuotaMeter key={e.feature} entitlement={e} name={name} elapsed={null} />
              );
            })}
          </div>
        </>
      ) : null}
    </Card>
  );
}

/** A plan priced per organisation: the number of licences is not the price; Plans and Packs are. */
function FlatPrice({
  subscription: s,
  plan,
  features,
}: {
  subscription: Subscription;
  plan: Plan | undefined;
  features: Feature[];
}) {
  const addons = useAddons();
  // Packs of this product that add seats (extra users).
  const seatPacks = (addons.data?.data ?? []).some(
    (a) =>
      plan &&
      a.modules.some((m) => plan.modules.includes(m)) &&
      a.prices.some((p) => p.currency === s.currency) &&
      a.grants.some((g) => features.find((x) => x.key === g.feature)?.kind === 'seat'),
  );
  return (
    <Card title={<FormattedMessage id="licences.flat.title" />}>
      <p>
        <FormattedMessage id="licences.flat.text" values={{ plan: plan?.name ?? s.plan_key ?? s.plan }} />
      </p>
      {seatPacks ? (
        <p>
          <FormattedMessage id="licences.flat.packs" />
        </p>
      ) : null}
      <div className="actions">
        <Link href="/plans" className="button">
          <FormattedMessage id="licences.flat.plans" />
        </Link>
        {seatPacks ? (
          <Link href="/packs" className="button">
            <FormattedMessage id="licences.flat.packsLink" />
          </Link>
        ) : null}
      </div>
    </Card>
  );
}

function ChangeCount({
  subscription: s,
  plan,
  features,
  seats,
}: {
  subscription: Subscription;
  plan: Plan;
  features: Feature[];
  seats: Entitlement[];
}) {
  const intl = useIntl();
  const f = useFormat();
  const [value, setValue] = useState(String(s.quantity));
  const parsed = /^\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : Number.NaN;
  const valid = Number.isInteger(parsed) && parsed >= 1;
  const settled = useDebounced(valid ? parsed : null, 300);
  const price = priceOf(plan, s.billing_period, s.currency);
  const delta = valid ? parsed - s.quantity : 0;
  // Seats of a per-licence plan are its included ones plus one per licence: fewer licences, fewer seats.
  const short = valid
    ? seats.flatMap((e) => {
        if (e.limit === null) return [];
        const after = e.limit - s.quantity + parsed;
        return e.used > after
          ? [
              {
                key: e.feature,
                name: features.find((x) => x.key === e.feature)?.name ?? e.feature,
                used: e.used,
                after,
              },
            ]
          : [];
      })
    : [];
  const change = settled !== null && settled !== s.quantity ? { quantity: settled } : null;
  return (
    <>
      <Card title={<FormattedMessage id="licences.change" />}>
        <div className="licences-form">
          <Stepper
            id="licences-count"
            label={<FormattedMessage id="licences.count" />}
            value={value}
            onChange={setValue}
            min={1}
            fewer={intl.formatMessage({ id: 'licences.fewer' })}
            more={intl.formatMessage({ id: 'licences.more' })}
            describedBy="licences-count-help"
            invalid={!valid}
          />
          <div id="licences-count-help" className="licences-help">
            {!valid ? (
              <p className="licences-invalid">
                <FormattedMessage id="licences.invalid" />
              </p>
            ) : delta === 0 ? (
              <p className="muted">
                <FormattedMessage id="licences.same" />
              </p>
            ) : (
              <>
                <p>
                  <FormattedMessage
                    id={delta > 0 ? 'licences.more.n' : 'licences.fewer.n'}
                    values={{ n: Math.abs(delta) }}
                  />
                </p>
                {price ? (
                  <p className="muted small">
                    <FormattedMessage
                      id="licences.newTotal"
                      values={{
                        n: parsed,
                        price: f.money(price.amount, s.currency),
                        total: f.money(price.amount * parsed, s.currency),
                        period: s.billing_period,
                      }}
                    />
                  </p>
                ) : null}
              </>
            )}
          </div>
        </div>
        {short.length ? (
          <Alert tone="warning" title={<FormattedMessage id="licences.short.title" />}>
            <ul className="plain">
              {short.map((x) => (
                <li key={x.key}>
                  <FormattedMessage
                    id="licences.short.item"
                    values={{ name: x.name, used: x.used, after: x.after, over: x.used - x.after }}
                  />
                </li>
              ))}
            </ul>
            <p>
              <Link href="/users">
                <FormattedMessage id="licences.short.users" />
              </Link>
            </p>
          </Alert>
        ) : null}
        <p className="muted small">
          <FormattedMessage id="licences.help" />
        </p>
      </Card>
      {/* Kept mounted after the change, when the new number is the subscription's, to say what was done. */}
      {valid || change ? (
        <ChangeFlow
          key={settled ?? 'none'}
          subscription={s}
          change={change}
          focus={false}
          intro={
            s.status === 'trialing' ? (
              <p>
                <FormattedMessage id="plans.preview.introTrial" />
              </p>
            ) : undefined
          }
          title={
            <FormattedMessage
              id="licences.preview.title"
              values={{ from: s.quantity, to: change?.quantity ?? s.quantity }}
            />
          }
          done={(r) => <FormattedMessage id="licences.done" values={{ n: r.quantity }} />}
          onClose={() => setValue(String(s.quantity))}
        />
      ) : null}
    </>
  );
}
