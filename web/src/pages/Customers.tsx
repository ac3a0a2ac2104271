import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { QuotaMeter } from '../components/Meter.tsx';
import { Badge, Card, Loading, PageHeader, ProblemAlert } from '../components/ui.tsx';
import { type AllocationOverview, allot, type Entitlement, type Subscription } from '../lib/api.ts';
import { useEntitlements, useFeatures } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import './Customers.css';
import { CustomerCreate } from './CustomerCreate.tsx';

/** One seat feature's figures for a customer (itself and its sites) or for all of them. */
interface Seats {
  /** null: unlimited. */
  allocated: number | null;
  used: number;
}

interface Row {
  id: string;
  name: string;
  seats: Map<string, Seats>;
  sites: number;
  period: 'month' | 'year' | null;
  /** The billing cycle the customer's subscription moves to at its next cycle, if one is scheduled. */
  scheduled: { period: string; at: string } | null;
}

type SortBy = 'name' | 'allocated' | 'used';
interface Sort {
  by: SortBy;
  /** The seat feature sorted on (null for the name). */
  feature: string | null;
  dir: 'asc' | 'desc';
}

/** Case and accents ignored: "lefevre" finds "Cabinet Lefèvre Avocats". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** A partner's summary of the seats it allocated to its customers (S9), one row per customer (S10). */
export function Customers() {
  const { account } = usePortal();
  const overview = useQuery({
    queryKey: ['allocations-overview', account.id],
    queryFn: () => allot().allocations.overview(account.id),
  });
  // Each customer's billing cycle (the overview does not carry it).
  const below = useQuery({
    queryKey: ['accounts-below', account.id, 'all'],
    queryFn: () => allot().accounts.list({ parent_id: account.id, limit: 100 }),
  });
  const customerIds = (overview.data?.accounts ?? [])
    .filter((a) => a.kind === 'customer' && a.parent_id === account.id)
    .map((a) => a.account);
  // A billing-cycle change is scheduled on the customer's subscription, for its next cycle.
  const subscriptions = useQueries({
    queries: customerIds.map((id) => ({
      queryKey: ['subscriptions', id],
      queryFn: () => allot().subscriptions.list({ account: id, limit: 100 }),
    })),
  });
  const failed = overview.error ?? below.error;
  const count = customerIds.length;
  return (
    <>
      <PageHeader title={<FormattedMessage id="customers.title" />}>
        {overview.data && count > 0 ? (
          <p className="muted">
            <FormattedMessage id="customers.count" values={{ n: count }} />
          </p>
        ) : null}
      </PageHeader>
      {failed ? (
        <Card>
          <ProblemAlert error={failed} />
        </Card>
      ) : !overview.data || !below.data ? (
        <Loading />
      ) : count === 0 ? (
        <>
          <NoCustomers />
          <CustomerCreate />
        </>
      ) : (
        <Summary
          overview={overview.data}
          periods={new Map(below.data.data.map((a) => [a.id, a.billing_period]))}
          subscriptions={new Map(customerIds.map((id, i) => [id, subscriptions[i]?.data?.data ?? null]))}
        />
      )}
      {count > 0 ? <CustomerCreate /> : null}
    </>
  );
}

function NoCustomers() {
  return (
    <Card title={<FormattedMessage id="customers.none.title" />}>
      <p className="muted">
        <FormattedMessage id="customers.none.text" />
      </p>
    </Card>
  );
}

/**
 * The cycle a customer is billed on now, and the one scheduled for its next cycle. Changing it sets the
 * account's `billing_period` at once, but its subscription keeps the current one until its period ends:
 * the subscription says what holds today.
 */
function cycleOf(
  accountPeriod: 'month' | 'year' | null,
  subs: Subscription[] | null,
): Pick<Row, 'period' | 'scheduled'> {
  const live = subs?.find((s) => s.status === 'active' || s.status === 'trialing');
  const change = live?.scheduled_changes.find((c) => c.type === 'billing_period');
  return {
    period: live?.billing_period ?? accountPeriod,
    scheduled: change ? { period: change.billing_period, at: change.effective_at } : null,
  };
}

function Summary({
  overview,
  periods,
  subscriptions,
}: {
  overview: AllocationOverview;
  periods: Map<string, 'month' | 'year'>;
  subscriptions: Map<string, Subscription[] | null>;
}) {
  const { account } = usePortal();
  const rows: Row[] = overview.accounts
    .filter((a) => a.kind === 'customer' && a.parent_id === account.id)
    .map((c) => ({
      id: c.account,
      name: c.name,
      seats: new Map(
        (c.subtotal ?? c.seats).map((s) => [s.feature, { allocated: s.allocated, used: s.used }]),
      ),
      sites: overview.accounts.filter((a) => a.kind === 'site' && a.parent_id === c.account).length,
      ...cycleOf(periods.get(c.account) ?? null, subscriptions.get(c.account) ?? null),
    }));
  // The seat features any customer has, in the order they come.
  const features = [...new Set(rows.flatMap((r) => [...r.seats.keys()]))];
  // Totals summed from the customers' subtotals, so they agree with the rows below (the overview's own
  // `totals` leaves out the users of a customer's own account).
  const totals = new Map<string, Seats>(
    features.map((f) => {
      const all = rows.map((r) => r.seats.get(f) ?? { allocated: 0, used: 0 });
      return [
        f,
        {
          allocated: all.some((s) => s.allocated === null)
            ? null
            : all.reduce((n, s) => n + (s.allocated ?? 0), 0),
          used: all.reduce((n, s) => n + s.used, 0),
        },
      ];
    }),
  );
  return (
    <>
      <Totals features={features} totals={totals} />
      <CustomerTable rows={rows} features={features} />
    </>
  );
}

function useFeatureName() {
  const features = useFeatures();
  return (key: string) => features.data?.data.find((f) => f.key === key)?.name ?? key;
}

/** A meter of used over allocated, as the overview's quota meters show it. */
function asEntitlement(feature: string, s: Seats): Entitlement {
  const limit = s.allocated;
  const state =
    limit === null ? 'ok' : s.used >= limit ? 'exhausted' : s.used >= limit * 0.8 ? 'warning' : 'ok';
  return {
    allowed: true,
    feature,
    kind: 'seat',
    limit,
    used: s.used,
    remaining: limit === null ? null : Math.max(0, limit - s.used),
    state,
    enabled: true,
    period_start: null,
    period_end: null,
    overage: 'block',
    warn_at: [80, 100],
  };
}

/** Per seat feature: allocated to all customers, used, free, and what the partner has not handed out yet. */
function Totals({ features, totals }: { features: string[]; totals: Map<string, Seats> }) {
  const f = useFormat();
  const name = useFeatureName();
  const own = useEntitlements();
  return (
    <Card title={<FormattedMessage id="customers.totals.title" />}>
      <p className="muted small">
        <FormattedMessage id="customers.totals.help" />
      </p>
      <div className="customers-totals">
        {features.map((feature) => {
          const t = totals.get(feature)!;
          const held = own.data?.find((e) => e.feature === feature && e.kind === 'seat')?.limit ?? null;
          return (
            <div key={feature} className="customers-total">
              {t.allocated === null ? (
                <p className="meter-name">{name(feature)}</p>
              ) : (
                <QuotaMeter entitlement={asEntitlement(feature, t)} name={name(feature)} elapsed={null} />
              )}
              <dl className="facts customers-facts">
                <div>
                  <dt>
                    <FormattedMessage id="customers.allocated" />
                  </dt>
                  <dd>{t.allocated === null ? <Unlimited /> : f.number(t.allocated)}</dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="customers.used" />
                  </dt>
                  <dd>{f.number(t.used)}</dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="customers.free" />
                  </dt>
                  <dd>{t.allocated === null ? '—' : f.number(Math.max(0, t.allocated - t.used))}</dd>
                </div>
                {held !== null && t.allocated !== null ? (
                  <div>
                    <dt>
                      <FormattedMessage id="customers.unallocated" />
                    </dt>
                    <dd>
                      {f.number(Math.max(0, held - t.allocated))}{' '}
                      <span className="muted small customers-of">
                        <FormattedMessage id="customers.unallocatedOf" values={{ limit: held }} />
                      </span>
                    </dd>
                  </div>
                ) : null}
              </dl>
            </div>
          );
        })}
      </div>
    </Card>
  );
}

function Unlimited() {
  return <FormattedMessage id="customers.unlimited" />;
}

function sortValue(r: Row, s: Sort): number {
  const seats = s.feature ? r.seats.get(s.feature) : undefined;
  if (!seats) return 0;
  if (s.by === 'used') return seats.used;
  return seats.allocated ?? Number.POSITIVE_INFINITY;
}

function CustomerTable({ rows, features }: { rows: Row[]; features: string[] }) {
  const intl = useIntl();
  const portal = usePortal();
  const name = useFeatureName();
  const searchId = useId();
  const sortId = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>({ by: 'name', feature: null, dir: 'asc' });
  const collator = useMemo(() => new Intl.Collator(intl.locale, { sensitivity: 'base' }), [intl.locale]);
  const canAllocate = portal.session.user.roles.includes('subscription_manager');
  const several = features.length > 1;

  const needle = fold(query.trim());
  const shown = rows
    .filter((r) => !needle || fold(r.name).includes(needle))
    .sort((a, b) => {
      const order =
        sort.by === 'name' ? collator.compare(a.name, b.name) : sortValue(a, sort) - sortValue(b, sort);
      // Ties keep the names in order.
      return (sort.dir === 'asc' ? order : -order) || collator.compare(a.name, b.name);
    });

  const column = (id: string, feature: string) => {
    const label = intl.formatMessage({ id });
    return several
      ? intl.formatMessage({ id: 'customers.col.ofFeature' }, { feature: name(feature), column: label })
      : label;
  };
  const isSorted = (by: SortBy, feature: string | null) => sort.by === by && sort.feature === feature;
  const ariaSort = (by: SortBy, feature: string | null) =>
    isSorted(by, feature) ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const toggle = (by: SortBy, feature: string | null) =>
    setSort((s) =>
      s.by === by && s.feature === feature
        ? { ...s, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { by, feature, dir: by === 'name' ? 'asc' : 'desc' },
    );

  // The same choices as the column headers, for small screens where the headers are not shown.
  const options: { value: string; label: string }[] = [
    { value: 'name::asc', label: intl.formatMessage({ id: 'customers.sort.name.asc' }) },
    { value: 'name::desc', label: intl.formatMessage({ id: 'customers.sort.name.desc' }) },
  ];
  for (const feature of features) {
    for (const key of ['allocated.desc', 'allocated.asc', 'used.desc', 'used.asc']) {
      const [by, dir] = key.split('.');
      const label = intl.formatMessage({ id: `customers.sort.${key}` });
      options.push({
        value: `${by}:${feature}:${dir}`,
        label: several
          ? intl.formatMessage({ id: 'customers.sort.ofFeature' }, { sort: label, feature: name(feature) })
          : label,
      });
    }
  }
  const sortValueKey = `${sort.by}:${sort.feature ?? ''}:${sort.dir}`;

  return (
    <Card title={<FormattedMessage id="customers.list.title" />}>
      <div className="customers-toolbar">
        <div className="customers-field">
          <label htmlFor={searchId}>
            <FormattedMessage id="customers.search" />
          </label>
          <input
            id={searchId}
            type="search"
            className="customers-input"
            value={query}
            autoComplete="off"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="customers-field customers-sort-select">
          <label htmlFor={sortId}>
            <FormattedMessage id="customers.sort" />
          </label>
          <select
            id={sortId}
            className="input"
            value={sortValueKey}
            onChange={(e) => {
              const [by, feature, dir] = e.target.value.split(':') as [SortBy, string, 'asc' | 'desc'];
              setSort({ by, feature: feature || null, dir });
            }}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted small customers-status" role="status">
        {needle ? (
          shown.length === 0 ? (
            <FormattedMessage id="customers.noMatch" values={{ query: query.trim() }} />
          ) : (
            <FormattedMessage id="customers.shown" values={{ shown: shown.length, total: rows.length }} />
          )
        ) : null}
      </p>
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="customers-table">
            <caption className="visually-hidden">
              <FormattedMessage id="customers.caption" />
            </caption>
            <thead>
              {several ? (
                <tr>
                  <td />
                  {features.map((feature) => (
                    <th key={feature} scope="colgroup" colSpan={3} className="customers-group">
                      {name(feature)}
                    </th>
                  ))}
                  <td colSpan={2} />
                </tr>
              ) : null}
              <tr>
                <th scope="col" aria-sort={ariaSort('name', null)}>
                  <SortButton
                    active={isSorted('name', null)}
                    dir={sort.dir}
                    onClick={() => toggle('name', null)}
                  >
                    <FormattedMessage id="customers.col.name" />
                  </SortButton>
                </th>
                {features.map((feature) => (
                  <FeatureHeads
                    key={feature}
                    ariaSort={(by) => ariaSort(by, feature)}
                    active={(by) => isSorted(by, feature)}
                    dir={sort.dir}
                    toggle={(by) => toggle(by, feature)}
                  />
                ))}
                <th scope="col" className="num">
                  <FormattedMessage id="customers.col.sites" />
                </th>
                <th scope="col">
                  <FormattedMessage id="customers.col.cycle" />
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <CustomerRow key={r.id} row={r} features={features} column={column} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted small customers-hint">
        <FormattedMessage id={canAllocate ? 'customers.open.manage' : 'customers.open.read'} />
      </p>
    </Card>
  );
}

function SortButton({
  active,
  dir,
  onClick,
  children,
}: {
  active: boolean;
  dir: 'asc' | 'desc';
  onClick(): void;
  children: React.ReactNode;
}) {
  return (
    <button type="button" className="customers-sort" onClick={onClick}>
      <span>{children}</span>
      <span
        className={`customers-arrow ${active ? `customers-arrow-${dir}` : 'customers-arrow-none'}`}
        aria-hidden="true"
      />
    </button>
  );
}

function FeatureHeads({
  ariaSort,
  active,
  dir,
  toggle,
}: {
  ariaSort(by: SortBy): 'ascending' | 'descending' | undefined;
  active(by: SortBy): boolean;
  dir: 'asc' | 'desc';
  toggle(by: SortBy): void;
}) {
  return (
    <>
      <th scope="col" className="num" aria-sort={ariaSort('allocated')}>
        <SortButton active={active('allocated')} dir={dir} onClick={() => toggle('allocated')}>
          <FormattedMessage id="customers.col.allocated" />
        </SortButton>
      </th>
      <th scope="col" className="num" aria-sort={ariaSort('used')}>
        <SortButton active={active('used')} dir={dir} onClick={() => toggle('used')}>
          <FormattedMessage id="customers.col.used" />
        </SortButton>
      </th>
      <th scope="col" className="num">
        <FormattedMessage id="customers.col.free" />
      </th>
    </>
  );
}

function CustomerRow({
  row: r,
  features,
  column,
}: {
  row: Row;
  features: string[];
  column(id: string, feature: string): string;
}) {
  const intl = useIntl();
  const f = useFormat();
  return (
    <tr>
      <th scope="row" className="customers-name">
        <Link href={`/customers/${r.id}`}>{r.name}</Link>
      </th>
      {features.map((feature) => {
        const s = r.seats.get(feature) ?? { allocated: 0, used: 0 };
        const full = s.allocated !== null && s.allocated > 0 && s.used >= s.allocated;
        return (
          <FeatureCells
            key={feature}
            seats={s}
            full={full}
            labels={{
              allocated: column('customers.col.allocated', feature),
              used: column('customers.col.used', feature),
              free: column('customers.col.free', feature),
            }}
          />
        );
      })}
      <td className="num customers-sites" data-label={intl.formatMessage({ id: 'customers.col.sites' })}>
        {f.number(r.sites)}
      </td>
      <td className="customers-cycle" data-label={intl.formatMessage({ id: 'customers.col.cycle' })}>
        {r.period ? <FormattedMessage id={`period.${r.period}`} /> : '—'}
        {r.scheduled ? (
          <span className="muted small customers-scheduled">
            <FormattedMessage
              id="customers.cycleFrom"
              values={{ period: r.scheduled.period, date: f.date(r.scheduled.at) }}
            />
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function FeatureCells({
  seats: s,
  full,
  labels,
}: {
  seats: Seats;
  full: boolean;
  labels: { allocated: string; used: string; free: string };
}) {
  const f = useFormat();
  return (
    <>
      <td className="num" data-label={labels.allocated}>
        {s.allocated === null ? <Unlimited /> : f.number(s.allocated)}
      </td>
      <td className="num" data-label={labels.used}>
        {f.number(s.used)}
      </td>
      <td className="num" data-label={labels.free}>
        {s.allocated === null ? '—' : f.number(Math.max(0, s.allocated - s.used))}
        {full ? (
          <>
            {' '}
            <Badge tone="warning">
              <FormattedMessage id="customers.full" />
            </Badge>
          </>
        ) : null}
      </td>
    </>
  );
}
