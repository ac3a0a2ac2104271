import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { QuotaMeter } from '../components/Meter.tsx';
import { Alert, Badge, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import { allot, type Subscription } from '../lib/api.ts';
import { useAddons, useEntitlements, useFeatures, useNotices, usePlans, useWrite } from '../lib/data.ts';
import { moduleName, useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';

const DAY = 86_400_000;

/** Plan and modules, status, period, auto-renewal, the cancellation window, the trial, quota meters and notices. */
export function Overview() {
  const { subscription } = usePortal();
  return (
    <>
      <PageHeader title={<FormattedMessage id="overview.title" />} />
      {subscription ? <SubscriptionCard subscription={subscription} /> : <NoSubscription />}
      {subscription ? <Quotas subscription={subscription} /> : null}
      <Notices />
    </>
  );
}

function NoSubscription() {
  return (
    <Card title={<FormattedMessage id="overview.none.title" />}>
      <p>
        <FormattedMessage id="overview.none.text" />
      </p>
      <Link href="/subscribe" className="button button-primary">
        <FormattedMessage id="nav.subscribe" />
      </Link>
    </Card>
  );
}

function SubscriptionCard({ subscription: s }: { subscription: Subscription }) {
  const f = useFormat();
  const portal = usePortal();
  const plans = usePlans();
  const addons = useAddons();
  const plan = plans.data?.data.find((p) => p.id === s.plan);
  const trialing = s.status === 'trialing';
  const now = portal.now();
  const daysLeft = s.trial_end ? Math.max(0, Math.ceil((Date.parse(s.trial_end) - now) / DAY)) : 0;
  const addonName = (id: string) => addons.data?.data.find((a) => a.id === id)?.name ?? id;
  return (
    <Card
      title={
        <>
          {plan?.name ?? s.plan_key ?? s.plan}{' '}
          <Badge tone={trialing ? 'info' : 'ok'}>
            <FormattedMessage id={`status.${s.status}`} />
          </Badge>
        </>
      }
    >
      {trialing && s.trial_end ? (
        <Alert tone="info" title={<FormattedMessage id="overview.trial.title" values={{ days: daysLeft }} />}>
          <p>
            <FormattedMessage id="overview.trial.text" values={{ date: f.date(s.trial_end) }} />
          </p>
          {portal.canManage ? (
            <Link href="/subscribe" className="button button-primary">
              <FormattedMessage id="overview.trial.subscribe" />
            </Link>
          ) : null}
        </Alert>
      ) : null}
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="overview.period" />
          </dt>
          <dd>
            {f.date(s.current_period_start)} –{' '}
            {f.date(new Date(Date.parse(s.current_period_end) - 1).toISOString())}
            <span className="muted"> · </span>
            <FormattedMessage id={`period.${s.billing_period}`} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="overview.licences" />
          </dt>
          <dd>{f.number(s.quantity)}</dd>
        </div>
        {plan?.modules.length ? (
          <div>
            <dt>
              <FormattedMessage id="overview.modules" />
            </dt>
            <dd>
              <ul className="chips">
                {plan.modules.map((m) => (
                  <li key={m}>{moduleName(m)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>
            <FormattedMessage id="overview.packs" />
          </dt>
          <dd>
            {s.addons.length ? (
              <ul className="plain">
                {s.addons.map((a) => (
                  <li key={a.addon}>
                    {a.quantity} × {addonName(a.addon)}
                  </li>
                ))}
              </ul>
            ) : (
              <FormattedMessage id="overview.noPacks" />
            )}
          </dd>
        </div>
        {s.scheduled_changes.map((c) => (
          <div key={`${c.type}-${c.effective_at}`}>
            <dt>
              <FormattedMessage id="overview.scheduled" />
            </dt>
            <dd>
              <FormattedMessage
                id="overview.scheduledPeriod"
                values={{ period: c.billing_period, date: f.date(c.effective_at) }}
              />
            </dd>
          </div>
        ))}
      </dl>
      {trialing ? null : <Renewal subscription={s} />}
      {trialing ? null : <Cancellation subscription={s} />}
      {portal.canManage ? null : <ReadOnlyNote />}
    </Card>
  );
}

/** The auto-renewal switch (S15): off, the subscription ends with its period. */
function Renewal({ subscription: s }: { subscription: Subscription }) {
  const f = useFormat();
  const { canManage } = usePortal();
  const write = useWrite((on: boolean) => allot().subscriptions.setAutoRenew(s.id, on));
  const end = f.date(s.current_period_end);
  return (
    <div className="setting">
      <div>
        <p className="setting-name" id="renew-label">
          <FormattedMessage id="overview.autoRenew" />
        </p>
        <p className="muted small" id="renew-help">
          <FormattedMessage
            id={s.auto_renew ? 'overview.renewsOn' : 'overview.endsOn'}
            values={{ date: end }}
          />
        </p>
      </div>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={s.auto_renew}
        aria-labelledby="renew-label"
        aria-describedby="renew-help"
        disabled={!canManage || write.isPending}
        onClick={() => write.mutate(!s.auto_renew)}
      >
        <span className="switch-thumb" aria-hidden="true" />
        <span className="switch-text">
          <FormattedMessage id={s.auto_renew ? 'overview.on' : 'overview.off'} />
        </span>
      </button>
      <ProblemAlert error={write.error} />
    </div>
  );
}

/** The 72-hour window (S6): cancel with a full credit while it is open, refused clearly after. */
function Cancellation({ subscription: s }: { subscription: Subscription }) {
  const f = useFormat();
  const portal = usePortal();
  const [confirming, setConfirming] = useState(false);
  const write = useWrite(() => allot().subscriptions.cancel(s.id));
  const open = Date.parse(s.cancellable_until) > portal.now();
  const deadline = f.dateTime(s.cancellable_until);
  if (!open) {
    return (
      <div className="setting">
        <p className="muted small">
          <FormattedMessage id="overview.cancel.closed" values={{ date: deadline }} />
        </p>
      </div>
    );
  }
  return (
    <div className="setting">
      <div>
        <p className="setting-name">
          <FormattedMessage id="overview.cancel.title" />
        </p>
        <p className="muted small">
          <FormattedMessage id="overview.cancel.until" values={{ date: deadline }} />
        </p>
      </div>
      {portal.canManage && !confirming ? (
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          <FormattedMessage id="overview.cancel.button" />
        </button>
      ) : null}
      {confirming ? (
        <div className="confirm">
          <p>
            <FormattedMessage id="overview.cancel.confirm" />
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              disabled={write.isPending}
              onClick={() => write.mutate(undefined)}
            >
              <FormattedMessage id="overview.cancel.yes" />
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              <FormattedMessage id="action.cancel" />
            </button>
          </div>
        </div>
      ) : null}
      <ProblemAlert error={write.error} />
    </div>
  );
}

/** A meter per quota of the plan and its packs, with where the period stands (S1–S3). */
function Quotas({ subscription: s }: { subscription: Subscription }) {
  const portal = usePortal();
  const entitlements = useEntitlements();
  const features = useFeatures();
  if (!entitlements.data || !features.data) return <Loading />;
  const metered = entitlements.data.filter(
    // Nothing granted and nothing used (a credit no pack has topped up yet) has nothing to show.
    (e) =>
      (e.kind === 'quota' || e.kind === 'credit' || e.kind === 'seat') &&
      e.limit !== null &&
      e.enabled &&
      (e.limit > 0 || e.used > 0),
  );
  if (!metered.length) return null;
  const start = Date.parse(s.current_period_start);
  const end = Date.parse(s.current_period_end);
  const elapsed = Math.min(1, Math.max(0, (portal.now() - start) / (end - start)));
  return (
    <Card title={<FormattedMessage id="overview.quotas" />}>
      <p className="muted small">
        <FormattedMessage id="overview.quotasHelp" values={{ elapsed: Math.round(elapsed * 100) }} />
      </p>
      <div className="meters">
        {metered.map((e) => {
          const feature = features.data.data.find((x) => x.key === e.feature);
          const periodic = e.kind === 'quota' && e.period_end !== null;
          return (
            <QuotaMeter
              key={e.feature}
              entitlement={e}
              name={feature?.name ?? e.feature}
              elapsed={periodic ? elapsed : null}
            />
          );
        })}
      </div>
    </Card>
  );
}

/** What Allot told the account's managers: quota warnings, seats taken, renewals (S2). */
function Notices() {
  const f = useFormat();
  const notices = useNotices();
  if (!notices.data) return null;
  // One e-mail per recipient: the portal shows each event once.
  const seen = new Set<string>();
  const items = notices.data.data.filter((n) => !seen.has(n.event) && seen.add(n.event));
  return (
    <Card title={<FormattedMessage id="overview.notices" />}>
      {items.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="overview.noNotices" />
        </p>
      ) : (
        <ul className="notices">
          {items.map((n) => (
            <li key={n.id} className={`notice notice-${n.type.replace(/\W/g, '-')}`}>
              <p className="notice-subject">{n.subject}</p>
              <p className="muted small">
                <time dateTime={n.created_at}>{f.dateTime(n.created_at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
