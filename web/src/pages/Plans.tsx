import { type ReactNode, useState } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { Alert, Badge, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import {
  allot,
  type BillingPeriod,
  type Entitlement,
  type Feature,
  type Plan,
  type Subscription,
} from '../lib/api.ts';
import { useAddons, useEntitlements, useFeatures, usePlans, useWrite } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { ChangeFlow, NoSubscription } from './ChangePreview.tsx';
import './Plans.css';

type PlanPrice = Plan['prices'][number];
type PlanEntitlement = Plan['entitlements'][number];

const other = (p: string): BillingPeriod => (p === 'year' ? 'month' : 'year');

export const priceOf = (plan: Plan, period: string, currency: string): PlanPrice | undefined =>
  plan.prices.find((p) => p.billing_period === period && p.currency === currency);

/** The plans of the subscription's product: those sharing one of its plan's modules, by rank. */
export function productPlans(plans: Plan[], current: Plan): Plan[] {
  return plans
    .filter((p) => p.id === current.id || p.modules.some((m) => current.modules.includes(m)))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
}

/** The unit a per-licence price counts in (the plan's seat feature's: agent, user, licence). */
export function seatUnit(plan: Plan, features: Feature[]): string {
  for (const e of plan.entitlements) {
    const f = features.find((x) => x.key === e.feature);
    if (f?.kind === 'seat' && f.unit) return f.unit;
  }
  return 'licence';
}

/** "€13.00 per agent per month", with the amount in bold when `bold`. */
export function PriceText({
  price,
  unit,
  bold = false,
}: {
  price: { amount: number; currency: string; billing_period: string; per_seat?: boolean };
  unit: string;
  bold?: boolean;
}) {
  const f = useFormat();
  const amount = f.money(price.amount, price.currency);
  return (
    <FormattedMessage
      id={price.per_seat ? 'plans.price.seat' : 'plans.price.flat'}
      values={{
        price: amount,
        unit,
        period: price.billing_period,
        b: (c: ReactNode) => (bold ? <strong className="plan-amount">{c}</strong> : c),
      }}
    />
  );
}

/** Every feature the plans name, in the order the most complete (highest-ranked) plan names them first. */
function featureOrder(plans: Plan[]): string[] {
  const keys: string[] = [];
  for (const p of [...plans].reverse())
    for (const e of p.entitlements) if (!keys.includes(e.feature)) keys.push(e.feature);
  return keys;
}

/** What a plan gives of a feature, in words: included or not, a limit with its period, unlimited. */
function featureValue(
  intl: IntlShape,
  e: PlanEntitlement | undefined,
  feature: Feature | undefined,
  perSeat: boolean,
  billingPeriod: string,
): { text: string; on: boolean } {
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const kind = feature?.kind;
  if (!e?.enabled) return { text: t('plans.value.notIncluded'), on: false };
  if (kind === 'boolean') return { text: t('plans.value.included'), on: true };
  if (kind === 'seat' && perSeat) {
    return { text: t('plans.value.perLicence', { included: e.limit ?? 0 }), on: true };
  }
  if (e.limit === null) return { text: t('plans.value.unlimited'), on: true };
  if (e.limit === 0) return { text: t('plans.value.none'), on: false };
  if (kind === 'quota' && (e.reset === 'month' || e.reset === 'period')) {
    const per = e.reset === 'month' ? 'month' : billingPeriod;
    return { text: t('plans.value.perPeriod', { limit: e.limit, per }), on: true };
  }
  return { text: t('plans.value.amount', { limit: e.limit }), on: true };
}

/** Plans of the product side by side, the change of plan with its prorated preview, and the billing period. */
export function Plans() {
  const { subscription, canManage } = usePortal();
  return (
    <>
      <PageHeader title={<FormattedMessage id="plans.title" />} />
      {subscription && !canManage ? (
        <div className="page-readonly">
          <ReadOnlyNote />
        </div>
      ) : null}
      {subscription ? <PlansBody subscription={subscription} /> : <NoSubscription />}
    </>
  );
}

function PlansBody({ subscription: s }: { subscription: Subscription }) {
  const plans = usePlans();
  const features = useFeatures();
  const [chosen, setChosen] = useState<string | null>(null);
  if (plans.isError || features.isError) return <ProblemAlert error={plans.error ?? features.error} />;
  if (!plans.data || !features.data) return <Loading />;
  const current = plans.data.data.find((p) => p.id === s.plan);
  if (!current) {
    return (
      <Alert tone="warning">
        <FormattedMessage id="plans.unknownPlan" values={{ plan: s.plan_key ?? s.plan }} />
      </Alert>
    );
  }
  const shown = productPlans(plans.data.data, current);
  const target = shown.find((p) => p.key === chosen) ?? null;
  return (
    <>
      <Comparison
        subscription={s}
        plans={shown}
        current={current}
        features={features.data.data}
        chosen={chosen}
        onChoose={setChosen}
      />
      {target ? (
        <PlanChange
          key={target.key}
          subscription={s}
          current={current}
          target={target}
          plans={shown}
          features={features.data.data}
          onClose={() => setChosen(null)}
        />
      ) : null}
      <BillingPeriodCard subscription={s} plan={current} features={features.data.data} />
    </>
  );
}

function Comparison({
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
          const otherPrice = priceOf(p, other(s.billing_period), s.currency);
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
            <FormattedMessage id="plans.unavailable.period" values={{ period: other(s.billing_period) }} />{' '}
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

/** The preview of a change of plan, what it changes in the features, then confirm. */
function PlanChange({
  subscription: s,
  current,
  target,
  plans,
  features,
  onClose,
}: {
  subscription: Subscription;
  current: Plan;
  target: Plan;
  plans: Plan[];
  features: Feature[];
  onClose: () => void;
}) {
  const intl = useIntl();
  const f = useFormat();
  const entitlements = useEntitlements();
  const addons = useAddons();
  const keys = featureOrder(plans);
  const curPerSeat = priceOf(current, s.billing_period, s.currency)?.per_seat ?? false;
  const newPerSeat = priceOf(target, s.billing_period, s.currency)?.per_seat ?? false;
  const diffs = keys.flatMap((k) => {
    const feature = features.find((x) => x.key === k);
    const from = featureValue(
      intl,
      current.entitlements.find((e) => e.feature === k),
      feature,
      curPerSeat,
      s.billing_period,
    );
    const to = featureValue(
      intl,
      target.entitlements.find((e) => e.feature === k),
      feature,
      newPerSeat,
      s.billing_period,
    );
    return from.text === to.text ? [] : [{ key: k, name: feature?.name ?? k, from: from.text, to: to.text }];
  });
  // What is used now and would not fit the new plan: quotas and credits past its limit (with the packs
  // that stay), features in use that it does not include. Seats are the server's to refuse.
  const packGrant = (feature: string) =>
    s.addons.reduce((sum, a) => {
      const addon = addons.data?.data.find((x) => x.id === a.addon);
      if (!addon || (addon.modules.length && !addon.modules.some((m) => target.modules.includes(m))))
        return sum;
      return (
        sum + addon.grants.filter((g) => g.feature === feature).reduce((t, g) => t + g.amount * a.quantity, 0)
      );
    }, 0);
  const misfits = (entitlements.data ?? []).flatMap((e: Entitlement) => {
    const next = target.entitlements.find((x) => x.feature === e.feature);
    const kind = features.find((x) => x.key === e.feature)?.kind;
    const name = features.find((x) => x.key === e.feature)?.name ?? e.feature;
    if (kind === 'boolean' || e.used <= 0) return [];
    if (!next?.enabled) return [{ key: e.feature, id: 'plans.preview.lost', values: { name, used: e.used } }];
    if (kind === 'seat' || next.limit === null) return [];
    const limit = next.limit + packGrant(e.feature);
    if (e.used <= limit) return [];
    const id = next.reset === 'never' ? 'plans.preview.overNever' : 'plans.preview.over';
    return [{ key: e.feature, id, values: { name, used: e.used, limit } }];
  });
  const endDay = f.date(new Date(Date.parse(s.current_period_end) - 1).toISOString());
  return (
    <ChangeFlow
      subscription={s}
      change={{ plan: target.key }}
      title={<FormattedMessage id="plans.preview.title" values={{ plan: target.name }} />}
      explain={(invoice) => {
        // The credit says the days not used on the current plan; the rest of the period was.
        const credit = invoice.lines.find((l) => l.kind === 'proration' && l.amount < 0 && l.proration);
        const charge = invoice.lines.find((l) => l.kind === 'proration' && l.amount > 0 && l.proration);
        if (!credit?.proration || !charge?.proration) return null;
        const period = credit.proration.period_days;
        return (
          <FormattedMessage
            id="plans.preview.split"
            values={{
              current: current.name,
              plan: target.name,
              used: period - credit.proration.days,
              days: charge.proration.days,
              period,
            }}
          />
        );
      }}
      intro={
        <>
          <p>
            <FormattedMessage
              id={s.status === 'trialing' ? 'plans.preview.introTrial' : 'plans.preview.intro'}
              values={{ current: current.name, plan: target.name, date: endDay }}
            />
          </p>
          {diffs.length ? (
            <>
              <h3 className="change-subhead">
                <FormattedMessage id="plans.preview.changes" />
              </h3>
              <ul className="plan-diff">
                {diffs.map((d) => (
                  <li key={d.key}>
                    <span className="plan-diff-name">{d.name}</span>{' '}
                    <FormattedMessage id="plans.preview.fromTo" values={{ from: d.from, to: d.to }} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {misfits.length ? (
            <Alert
              tone="warning"
              title={<FormattedMessage id="plans.preview.overTitle" values={{ plan: target.name }} />}
            >
              <ul className="plain">
                {misfits.map((o) => (
                  <li key={o.key}>
                    <FormattedMessage id={o.id} values={{ ...o.values, plan: target.name }} />
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </>
      }
      done={() => <FormattedMessage id="plans.done" values={{ plan: target.name }} />}
      onClose={onClose}
    />
  );
}

/** Monthly or annual, switched from the next cycle, with what the plan costs per year either way. */
function BillingPeriodCard({
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
  const next = other(s.billing_period);
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
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={write.isPending}
              onClick={() => write.mutate(next, { onSuccess: () => setConfirming(false) })}
            >
              <FormattedMessage id="action.confirm" />
            </button>
            <button
              type="button"
              className="button"
              disabled={write.isPending}
              onClick={() => setConfirming(false)}
            >
              <FormattedMessage id="action.cancel" />
            </button>
          </div>
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
