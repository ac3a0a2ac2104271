import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Badge, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import type { Addon, AddonRequest, Feature, Plan, Subscription } from '../lib/api.ts';
import { useAddons, useFeatures, usePlans } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { ChangeFlow, NoSubscription, Stepper } from './ChangePreview.tsx';
import './Packs.css';

type AddonPrice = Addon['prices'][number];

/** A pack's price for the subscription: for its billing period, else one-off, in its currency. */
function packPrice(a: Addon, s: Subscription): AddonPrice | undefined {
  const inCurrency = a.prices.filter((p) => p.currency === s.currency);
  return (
    inCurrency.find((p) => p.billing_period === s.billing_period) ??
    inCurrency.find((p) => p.billing_period === 'once')
  );
}

interface Row {
  addon: Addon;
  price: AddonPrice | undefined;
  now: number;
  once: boolean;
}

/** The packs of the subscription's product, their quantities now, and a change of them previewed. */
export function Packs() {
  const { subscription, canManage } = usePortal();
  return (
    <>
      <PageHeader title={<FormattedMessage id="packs.title" />} />
      {subscription && !canManage ? (
        <div className="page-readonly">
          <ReadOnlyNote />
        </div>
      ) : null}
      {subscription ? <PacksBody subscription={subscription} /> : <NoSubscription />}
    </>
  );
}

function PacksBody({ subscription: s }: { subscription: Subscription }) {
  const plans = usePlans();
  const addons = useAddons();
  const features = useFeatures();
  const error = plans.error ?? addons.error ?? features.error;
  if (error) return <ProblemAlert error={error} />;
  if (!plans.data || !addons.data || !features.data) return <Loading />;
  const plan = plans.data.data.find((p) => p.id === s.plan);
  const quantity = (a: Addon) => s.addons.find((x) => x.addon === a.id)?.quantity ?? 0;
  const rows: Row[] = addons.data.data
    .filter(
      (a) =>
        quantity(a) > 0 ||
        (plan !== undefined &&
          a.modules.some((m) => plan.modules.includes(m)) &&
          packPrice(a, s) !== undefined),
    )
    .map((a) => {
      const price = packPrice(a, s);
      return { addon: a, price, now: quantity(a), once: price?.billing_period === 'once' };
    })
    // Recurring packs first, then one-off ones; by name within each.
    .sort((x, y) => Number(x.once) - Number(y.once) || x.addon.name.localeCompare(y.addon.name));
  return <PackList subscription={s} plan={plan} rows={rows} features={features.data.data} />;
}

function PackList({
  subscription: s,
  plan,
  rows,
  features,
}: {
  subscription: Subscription;
  plan: Plan | undefined;
  rows: Row[];
  features: Feature[];
}) {
  const { canManage } = usePortal();
  const planName = plan?.name ?? s.plan_key ?? s.plan;
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(rows.map((r) => [r.addon.id, String(r.now)])),
  );
  const [submitted, setSubmitted] = useState<AddonRequest[] | null>(null);
  const value = (r: Row) => draft[r.addon.id] ?? String(r.now);
  const parse = (r: Row) => (/^\d+$/.test(value(r).trim()) ? Number.parseInt(value(r), 10) : Number.NaN);
  // A one-off pack bought is not refunded: it can be bought again, not given back.
  const min = (r: Row) => (r.once ? r.now : 0);
  const valid = (r: Row) => Number.isInteger(parse(r)) && parse(r) >= min(r);
  const changed = rows.filter((r) => valid(r) && parse(r) !== r.now);
  const allValid = rows.every(valid);
  const edit = (id: string, v: string) => {
    setDraft((d) => ({ ...d, [id]: v }));
    setSubmitted(null);
  };
  const reset = () => {
    setDraft(Object.fromEntries(rows.map((r) => [r.addon.id, String(r.now)])));
    setSubmitted(null);
  };
  // The whole list after the change; packs that are not shown (none today) keep their quantity.
  const request = (): AddonRequest[] => [
    ...rows.flatMap((r) => {
      const q = valid(r) ? parse(r) : r.now;
      return q > 0 ? [{ addon: r.addon.key, quantity: q }] : [];
    }),
    ...s.addons
      .filter((a) => !rows.some((r) => r.addon.id === a.addon))
      .map((a) => ({ addon: a.addon_key ?? a.addon, quantity: a.quantity })),
  ];
  const summary = changed.map((r) => ({ name: r.addon.name, from: r.now, to: parse(r) }));
  return (
    <>
      <Card title={<FormattedMessage id="packs.list" values={{ plan: planName }} />}>
        {rows.length === 0 ? (
          <p className="muted">
            <FormattedMessage id="packs.none" values={{ plan: planName }} />
          </p>
        ) : (
          <p className="muted small">
            <FormattedMessage id="packs.help" values={{ plan: planName }} />
          </p>
        )}
        {rows.length === 0 ? null : (
          <ul className="pack-list">
            {rows.map((r) => (
              <PackRow
                key={r.addon.id}
                row={r}
                features={features}
                value={value(r)}
                valid={valid(r)}
                min={min(r)}
                changedTo={valid(r) && parse(r) !== r.now ? parse(r) : null}
                canManage={canManage}
                onChange={(v) => edit(r.addon.id, v)}
              />
            ))}
          </ul>
        )}
        {canManage && rows.length ? (
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!changed.length || !allValid || submitted !== null}
              onClick={() => setSubmitted(request())}
            >
              <FormattedMessage id="packs.review" />
            </button>
            <button type="button" className="button" disabled={!changed.length} onClick={reset}>
              <FormattedMessage id="packs.reset" />
            </button>
          </div>
        ) : null}
      </Card>
      {submitted ? (
        <ChangeFlow
          key={JSON.stringify(submitted)}
          subscription={s}
          change={{ addons: submitted }}
          title={<FormattedMessage id="packs.preview.title" />}
          intro={
            <>
              {s.status === 'trialing' ? (
                <p>
                  <FormattedMessage id="plans.preview.introTrial" />
                </p>
              ) : null}
              <ul className="plain">
                {summary.map((x) => (
                  <li key={x.name}>
                    <FormattedMessage
                      id="packs.preview.line"
                      values={{ name: x.name, from: x.from, to: x.to }}
                    />
                  </li>
                ))}
              </ul>
            </>
          }
          done={() => <FormattedMessage id="packs.done" />}
          onClose={() => setSubmitted(null)}
        />
      ) : null}
    </>
  );
}

function PackRow({
  row: r,
  features,
  value,
  valid,
  min,
  changedTo,
  canManage,
  onChange,
}: {
  row: Row;
  features: Feature[];
  value: string;
  valid: boolean;
  min: number;
  changedTo: number | null;
  canManage: boolean;
  onChange: (v: string) => void;
}) {
  const intl = useIntl();
  const f = useFormat();
  const id = `pack-${r.addon.key}`;
  const name = r.addon.name;
  return (
    <li className={changedTo !== null ? 'pack is-changed' : 'pack'}>
      <div className="pack-main">
        <h3 className="pack-name">{name}</h3>
        <p className="pack-price">
          {r.price ? (
            <FormattedMessage
              id={r.once ? 'packs.price.once' : 'packs.price.recurring'}
              values={{
                price: f.money(r.price.amount, r.price.currency),
                period: r.price.billing_period,
                b: (c: ReactNode) => <strong>{c}</strong>,
              }}
            />
          ) : (
            <span className="muted">
              <FormattedMessage id="packs.notPriced" />
            </span>
          )}
        </p>
        <ul className="pack-grants">
          {r.addon.grants.map((g) => {
            const feature = features.find((x) => x.key === g.feature);
            return (
              <li key={g.feature}>
                {feature?.kind === 'boolean' ? (
                  <FormattedMessage id="packs.grant.includes" values={{ feature: feature.name }} />
                ) : (
                  <FormattedMessage
                    id="packs.grant.amount"
                    values={{ amount: g.amount, feature: feature?.name ?? g.feature }}
                  />
                )}
              </li>
            );
          })}
        </ul>
        {r.once ? (
          <p className="muted small">
            <FormattedMessage id="packs.onceHelp" />
          </p>
        ) : null}
      </div>
      <div className="pack-side">
        <p className="pack-now">
          <FormattedMessage id={r.once ? 'packs.bought' : 'packs.now'} values={{ n: r.now }} />
        </p>
        {canManage ? (
          <>
            <Stepper
              id={id}
              label={
                <FormattedMessage
                  id="packs.qty"
                  values={{ name, h: (c: ReactNode) => <span className="visually-hidden">{c}</span> }}
                />
              }
              value={value}
              onChange={onChange}
              min={min}
              fewer={intl.formatMessage({ id: 'packs.fewer' }, { name })}
              more={intl.formatMessage({ id: 'packs.more' }, { name })}
              describedBy={`${id}-state`}
              invalid={!valid}
            />
            <p id={`${id}-state`} className="pack-state small">
              {!valid ? (
                <span className="pack-invalid">
                  <FormattedMessage id="packs.invalid" values={{ min }} />
                </span>
              ) : changedTo !== null ? (
                <Badge tone="info">
                  <FormattedMessage
                    id={changedTo === 0 ? 'packs.removed' : 'packs.changed'}
                    values={{ from: r.now, to: changedTo }}
                  />
                </Badge>
              ) : null}
            </p>
          </>
        ) : null}
      </div>
    </li>
  );
}
