import { useId, useState } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { Card, Loading, PageHeader, ProblemAlert } from '../components/ui.tsx';
import type { HistoryEntry } from '../lib/api.ts';
import { useAddons, useFeatures, useHistory, useInvoices, usePlans, useUsers } from '../lib/data.ts';
import { moduleName, useFormat } from '../lib/format.ts';
import './History.css';

/** Every action the server records in an account's history; others show by their name. */
const ACTIONS = new Set([
  'account.created',
  'account.updated',
  'addon.created',
  'addon.updated',
  'addon.version_created',
  'allocation.changed',
  'catalog.imported',
  'feature.created',
  'feature.updated',
  'invoice.paid',
  'invoice.voided',
  'plan.created',
  'plan.updated',
  'plan.version_created',
  'portal_session.created',
  'seats.synced',
  'subscription.activated',
  'subscription.auto_renew_off',
  'subscription.auto_renew_on',
  'subscription.billing_period_scheduled',
  'subscription.canceled',
  'subscription.changed',
  'subscription.created',
  'subscription.ended',
  'subscription.expired',
  'subscription.seats_changed',
  'tenant.created',
  'test_clock.advanced',
  'test_clock.created',
  'user.created',
  'user.deactivated',
  'user.deleted',
  'user.reactivated',
  'user.updated',
  'webhook_delivery.retried',
  'webhook_endpoint.created',
  'webhook_endpoint.deleted',
  'webhook_endpoint.secret_rotated',
  'webhook_endpoint.updated',
]);

/** Fields that change with every write and say nothing to a reader. */
const NOISE = new Set([
  'id',
  'object',
  'account',
  'created_at',
  'updated_at',
  'plan_key',
  'plan_version',
  'latest_invoice',
  'cancellable_until',
  'current_period_start',
  'external_id',
]);

/** Fields with their own label; others show by their name. */
const FIELDS = new Set([
  'plan',
  'quantity',
  'status',
  'auto_renew',
  'addons',
  'billing_period',
  'roles',
  'modules',
  'name',
  'email',
  'trial_end',
  'current_period_end',
  'ended_at',
  'scheduled_changes',
  'seats',
  'currency',
  'timezone',
  'locale',
  'feature',
  'allocated',
  'reason',
  'user',
  'page',
  'number',
  'tax_rate_bps',
  'billing_basis',
  'bill_to_parent',
  'parent_id',
]);

/** What a created entry shows of what was made, by subject. */
const CREATED_FACTS: Record<string, string[]> = {
  subscription: ['plan', 'quantity', 'billing_period', 'status', 'trial_end', 'addons'],
  user: ['email', 'roles', 'modules'],
  account: ['name', 'currency', 'timezone', 'locale'],
  portal_session: ['user', 'page', 'locale'],
  allocation: ['feature', 'allocated', 'reason'],
};

const DATES = new Set([
  'trial_end',
  'current_period_end',
  'current_period_start',
  'ended_at',
  'effective_at',
]);

type Kind = 'all' | 'subscription' | 'users' | 'invoices' | 'other';
const KINDS: Kind[] = ['all', 'subscription', 'users', 'invoices', 'other'];

function kindOf(entry: HistoryEntry): Exclude<Kind, 'all'> {
  const t = entry.subject.type;
  if (t === 'subscription') return 'subscription';
  if (t === 'user') return 'users';
  if (t === 'invoice') return 'invoices';
  return 'other';
}

interface Change {
  field: string;
  before?: string;
  after: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every action on the account: who did it, when, and what changed (S14). */
export function History() {
  const intl = useIntl();
  const history = useHistory();
  const id = useId();
  const [kind, setKind] = useState<Kind>('all');
  const entries = [...(history.data?.data ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const shown = kind === 'all' ? entries : entries.filter((e) => kindOf(e) === kind);
  return (
    <>
      <PageHeader title={<FormattedMessage id="history.title" />} />
      {history.isError ? (
        <Card>
          <ProblemAlert error={history.error} />
        </Card>
      ) : !history.data ? (
        <Loading />
      ) : (
        <Card
          title={<FormattedMessage id="history.list" />}
          actions={
            <label className="history-filter" htmlFor={`${id}-kind`}>
              <span>
                <FormattedMessage id="history.filter" />
              </span>
              <select
                id={`${id}-kind`}
                className="input"
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind)}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {intl.formatMessage({ id: `history.kind.${k}` })}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <p className="muted small" aria-live="polite">
            <FormattedMessage id="history.count" values={{ n: shown.length }} />
          </p>
          {shown.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="history.none" />
            </p>
          ) : (
            <ol className="history-list">
              {shown.map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
            </ol>
          )}
          {history.data.has_more ? (
            <p className="muted small">
              <FormattedMessage id="history.more" values={{ n: entries.length }} />
            </p>
          ) : null}
        </Card>
      )}
    </>
  );
}

/** Values in the reader's words: names for ids, on/off, dates in the account's zone, lists joined. */
function useValues() {
  const intl = useIntl();
  const f = useFormat();
  const users = useUsers();
  const plans = usePlans();
  const addons = useAddons();
  const features = useFeatures();
  const userName = (id: string) => users.data?.data.find((u) => u.id === id)?.name;
  const planName = (id: string) => plans.data?.data.find((p) => p.id === id || p.key === id)?.name;
  const addonName = (id: string) => addons.data?.data.find((a) => a.id === id || a.key === id)?.name;
  const known = (id: string) => Boolean(intl.messages[id]);
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return intl.formatMessage({ id: v ? 'history.on' : 'history.off' });
    if (typeof v === 'string' && DATES.has(field) && !Number.isNaN(Date.parse(v))) {
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? f.day(v) : f.date(v);
    }
    if (field === 'plan' && typeof v === 'string') return planName(v) ?? v;
    if (field === 'user' && typeof v === 'string') return userName(v) ?? v;
    if (field === 'feature' && typeof v === 'string')
      return features.data?.data.find((x) => x.key === v)?.name ?? v;
    if (field === 'tax_rate_bps' && typeof v === 'number')
      return intl.formatNumber(v / 10000, { style: 'percent', maximumFractionDigits: 2 });
    if (field === 'page' && typeof v === 'string') {
      return known(`nav.${v}`) ? intl.formatMessage({ id: `nav.${v}` }) : v;
    }
    if ((field === 'status' || field === 'reason') && typeof v === 'string') {
      const id = `history.value.${field}.${v}`;
      return known(id) ? intl.formatMessage({ id }) : v;
    }
    if (field === 'billing_period' && typeof v === 'string') {
      return known(`period.${v}`) ? intl.formatMessage({ id: `period.${v}` }) : v;
    }
    if (field === 'locale' && typeof v === 'string') {
      return new Intl.DisplayNames([intl.locale], { type: 'language' }).of(v) ?? v;
    }
    if (field === 'roles' && Array.isArray(v)) {
      return v.length
        ? intl.formatList(
            v.map((r) => (known(`role.${r}`) ? intl.formatMessage({ id: `role.${r}` }) : String(r))),
          )
        : '—';
    }
    if (field === 'modules' && Array.isArray(v)) {
      return v.length
        ? intl.formatList(v.map((m) => moduleName(String(m))))
        : intl.formatMessage({ id: 'history.noModules' });
    }
    if (field === 'addons' && Array.isArray(v)) {
      if (!v.length) return intl.formatMessage({ id: 'history.noPacks' });
      return intl.formatList(
        v.map((a: { addon?: string; addon_key?: string; quantity?: number }) => {
          const name =
            (a.addon && addonName(a.addon)) ??
            (a.addon_key && addonName(a.addon_key)) ??
            a.addon_key ??
            a.addon;
          return `${a.quantity ?? 1} × ${name}`;
        }),
      );
    }
    if (field === 'scheduled_changes' && Array.isArray(v)) {
      if (!v.length) return intl.formatMessage({ id: 'history.nothingScheduled' });
      return intl.formatList(
        v.map((c: { billing_period?: string; effective_at?: string }) =>
          intl.formatMessage(
            { id: 'history.scheduledChange' },
            { period: c.billing_period ?? '', date: c.effective_at ? f.date(c.effective_at) : '—' },
          ),
        ),
      );
    }
    if (field === 'seats' && Array.isArray(v)) {
      return v
        .map(
          (s: {
            account?: string;
            seats?: number;
            feature?: string;
            allocated?: number | null;
            used?: number;
          }) => (s.seats !== undefined ? f.number(s.seats) : `${s.feature ?? ''} ${s.allocated ?? '∞'}`),
        )
        .join(', ');
    }
    if (typeof v === 'number') return f.number(v);
    if (typeof v === 'string') return v;
    if (Array.isArray(v))
      return v.every((x) => typeof x !== 'object') ? intl.formatList(v.map(String)) : JSON.stringify(v);
    return JSON.stringify(v);
  };
  return { value, userName, planName };
}

function fieldLabel(intl: IntlShape, field: string): string {
  if (field.startsWith('pack:')) return intl.formatMessage({ id: 'history.field.pack' });
  return FIELDS.has(field) ? intl.formatMessage({ id: `history.field.${field}` }) : field.replace(/_/g, ' ');
}

/** What differs between before and after; for something created, its key facts. */
function changesOf(entry: HistoryEntry, value: (field: string, v: unknown) => string): Change[] {
  const { before, after } = entry;
  if (!after) return [];
  if (!before) {
    const facts =
      CREATED_FACTS[entry.subject.type] ??
      Object.keys(after)
        .filter((k) => !NOISE.has(k))
        .slice(0, 5);
    return facts
      .filter(
        (k) =>
          k in after && after[k] !== null && !(Array.isArray(after[k]) && !(after[k] as unknown[]).length),
      )
      .filter((k) => typeof after[k] !== 'object' || Array.isArray(after[k]))
      .map((k) => ({ field: k, after: value(k, after[k]) }));
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !NOISE.has(k));
  return keys
    .filter((k) => k in after && !same(before[k], after[k]))
    .flatMap((k) =>
      k === 'addons' && Array.isArray(before[k]) && Array.isArray(after[k])
        ? packChanges(before[k] as Pack[], after[k] as Pack[], value)
        : [{ field: k, before: k in before ? value(k, before[k]) : undefined, after: value(k, after[k]) }],
    );
}

interface Pack {
  addon?: string;
  addon_key?: string | null;
  quantity?: number;
}

/** Packs, one by one: only those added, removed or whose quantity changed. */
function packChanges(before: Pack[], after: Pack[], value: (field: string, v: unknown) => string): Change[] {
  const key = (p: Pack) => p.addon ?? p.addon_key ?? '';
  const ids = [...new Set([...before.map(key), ...after.map(key)])];
  return ids.flatMap((id) => {
    const was = before.find((p) => key(p) === id);
    const now = after.find((p) => key(p) === id);
    if ((was?.quantity ?? 0) === (now?.quantity ?? 0)) return [];
    return [
      {
        field: `pack:${id}`,
        before: was ? value('addons', [was]) : '—',
        after: now ? value('addons', [now]) : '—',
      },
    ];
  });
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const intl = useIntl();
  const f = useFormat();
  const { value, userName, planName } = useValues();
  const invoices = useInvoices();
  const changes = changesOf(entry, value);
  const action = ACTIONS.has(entry.action)
    ? intl.formatMessage({ id: `history.action.${entry.action}` })
    : entry.action;
  // What the action was done to, when the label alone does not say it.
  const data = entry.after ?? entry.before ?? {};
  let subject: string | null = null;
  if (entry.subject.type === 'user') {
    subject = (typeof data.name === 'string' ? data.name : null) ?? userName(entry.subject.id) ?? null;
  } else if (entry.subject.type === 'invoice') {
    subject = invoices.data?.data.find((i) => i.id === entry.subject.id)?.number ?? null;
  } else if (entry.subject.type === 'subscription' && entry.action !== 'subscription.created') {
    const plan = typeof data.plan === 'string' ? data.plan : null;
    subject = plan ? (planName(plan) ?? null) : null;
  }
  return (
    <li className="history-entry">
      <div className="history-when">
        <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
      </div>
      <div className="history-what">
        <p className="history-action">
          {action}
          {subject ? <span className="history-subject"> · {subject}</span> : null}
        </p>
        <p className="muted small">
          <Actor entry={entry} />
        </p>
        {changes.length ? (
          <ul className="history-changes">
            {changes.map((c) => (
              <li key={c.field}>
                <span className="history-field">{fieldLabel(intl, c.field)}</span>
                {intl.formatMessage({ id: 'history.colon' })}
                {c.before !== undefined ? (
                  <>
                    <del className="history-old">
                      <span className="visually-hidden">
                        <FormattedMessage id="history.was" />{' '}
                      </span>
                      {c.before}
                    </del>
                    <span aria-hidden="true"> → </span>
                    <ins className="history-new">
                      <span className="visually-hidden">
                        {' '}
                        <FormattedMessage id="history.now" />{' '}
                      </span>
                      {c.after}
                    </ins>
                  </>
                ) : (
                  <span className="history-new">{c.after}</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** Who did it: a user by name (or e-mail), in the portal or through the application; the vendor; Allot. */
function Actor({ entry }: { entry: HistoryEntry }) {
  const { userName } = useValues();
  const a = entry.actor;
  if (a.type === 'key') return <FormattedMessage id="history.actor.key" />;
  if (a.type === 'system') return <FormattedMessage id="history.actor.system" values={{ id: a.id }} />;
  const name = userName(a.id) ?? a.email ?? a.id;
  return (
    <FormattedMessage
      id="history.actor.user"
      values={{ name, via: a.via_portal_session ? 'portal' : a.via_key ? 'app' : 'other' }}
    />
  );
}
