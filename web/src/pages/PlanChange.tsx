import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../components/ui.tsx';
import type { Entitlement, Feature, Plan, Subscription } from '../lib/api.ts';
import { useAddons, useEntitlements } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { ChangeFlow } from './ChangePreview.tsx';
import { featureOrder, featureValue } from './planFeatures.ts';
import { priceOf } from './planPrices.tsx';
import './Plans.css';

/** The preview of a change of plan, what it changes in the features, then confirm. */
export function PlanChange({
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
