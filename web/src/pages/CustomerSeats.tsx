import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Badge, Card, Loading, ProblemAlert } from '../components/ui.tsx';
import { type Account, allot, type SeatAllocation } from '../lib/api.ts';
import { useFeatures, useWrite } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { CustomerAllocation, freeOf, type SiteSeats, seatOf } from './CustomerAllocation.tsx';

const siteButtonId = (site: string) => `customer-site-${site}`;

/**
 * The customer's seats per seat feature, in total and per site; "Sync consumed seats" recounts them
 * exactly (S7); a site's "Change allocation" opens its editor (S9).
 */
export function CustomerSeats({ customer, canAllocate }: { customer: Account; canAllocate: boolean }) {
  const intl = useIntl();
  const f = useFormat();
  const portal = usePortal();
  const client = useQueryClient();
  const features = useFeatures();
  const sites = useQuery({
    queryKey: ['customer', customer.id, 'sites'],
    queryFn: () => allot().accounts.list({ parent_id: customer.id, limit: 100 }),
  });
  const total = useQuery({
    queryKey: ['allocations', customer.id],
    queryFn: () => allot().allocations.list(customer.id),
  });
  const perSite = useQueries({
    queries: (sites.data?.data ?? []).map((s) => ({
      queryKey: ['allocations', s.id],
      queryFn: () => allot().allocations.list(s.id),
    })),
  });
  const [syncedAt, setSyncedAt] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const sync = useWrite(() => allot().allocations.sync(customer.id));
  const runSync = () =>
    sync.mutate(undefined, {
      onSuccess: (answer) => {
        // The table shows the answer at once; the reads that follow the write say the same.
        client.setQueryData(['allocations', customer.id], { data: answer.data });
        for (const s of answer.sites) client.setQueryData(['allocations', s.account], { data: s.seats });
        setSyncedAt(new Date(portal.now()).toISOString());
      },
    });

  const error = sites.error ?? total.error ?? perSite.find((q) => q.error)?.error;
  const rows: SiteSeats[] = (sites.data?.data ?? [])
    .map((s, i) => ({ account: s.id, name: s.name, seats: perSite[i]?.data?.data ?? [] }))
    .sort((a, b) => a.name.localeCompare(b.name, intl.locale));
  const ready = sites.data && total.data && perSite.every((q) => q.data);
  const keys = [
    ...new Set([...(total.data?.data ?? []), ...rows.flatMap((r) => r.seats)].map((s) => s.feature)),
  ];
  const featureName = (key: string) => features.data?.data.find((x) => x.key === key)?.name ?? key;
  const close = (site: string) => {
    setEditing(null);
    window.setTimeout(() => document.getElementById(siteButtonId(site))?.focus(), 0);
  };
  const edited = rows.find((r) => r.account === editing) ?? null;

  return (
    <>
      <Card
        title={<FormattedMessage id="customer.seats.title" />}
        actions={
          <button type="button" className="button" disabled={sync.isPending} onClick={runSync}>
            <FormattedMessage id={sync.isPending ? 'customer.sync.working' : 'customer.sync.button'} />
          </button>
        }
      >
        <p className="muted small">
          <FormattedMessage id="customer.seats.help" />
        </p>
        <div role="status" className="customer-sync-status">
          {syncedAt ? (
            <p>
              <FormattedMessage id="customer.sync.done" values={{ date: f.dateTime(syncedAt) }} />
            </p>
          ) : null}
        </div>
        <ProblemAlert error={sync.error} />
        {error ? <ProblemAlert error={error} /> : null}
        {!ready ? (
          error ? null : (
            <Loading />
          )
        ) : keys.length === 0 ? (
          <p className="muted">
            <FormattedMessage id="customer.seats.none" />
          </p>
        ) : (
          keys.map((key) => {
            const t = seatOf(total.data!.data, key);
            const sitesUsed = rows.reduce((n, r) => n + seatOf(r.seats, key).used, 0);
            const sitesAllocated = rows.reduce((n, r) => n + (seatOf(r.seats, key).allocated ?? 0), 0);
            const own = t.used - sitesUsed;
            return (
              <div key={key} className="customer-feature">
                {keys.length > 1 ? <h3 className="customer-subhead">{featureName(key)}</h3> : null}
                <dl className="facts customer-totals">
                  <div>
                    <dt>
                      <FormattedMessage id="customer.seats.allocated" />
                    </dt>
                    <dd className="customer-figure">
                      {t.allocated === null ? (
                        <FormattedMessage id="customer.seats.unlimited" />
                      ) : (
                        f.number(t.allocated)
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="customer.seats.used" />
                    </dt>
                    <dd className="customer-figure">{f.number(t.used)}</dd>
                  </div>
                  <div>
                    <dt>
                      <FormattedMessage id="customer.seats.free" />
                    </dt>
                    <dd className="customer-figure">
                      <Free seat={t} />
                    </dd>
                  </div>
                </dl>
                {rows.length === 0 ? (
                  <p className="muted">
                    <FormattedMessage id="customer.sites.none" />
                  </p>
                ) : (
                  <div className="table-wrap">
                    <table className="customer-sites">
                      <caption className="visually-hidden">
                        {intl.formatMessage({ id: 'customer.sites.caption' }, { feature: featureName(key) })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">
                            <FormattedMessage id="customer.sites.site" />
                          </th>
                          <th scope="col" className="num">
                            <FormattedMessage id="customer.seats.allocated" />
                          </th>
                          <th scope="col" className="num">
                            <FormattedMessage id="customer.seats.used" />
                          </th>
                          <th scope="col" className="num">
                            <FormattedMessage id="customer.seats.free" />
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => {
                          const s = seatOf(r.seats, key);
                          return (
                            <tr key={r.account} className={editing === r.account ? 'is-editing' : undefined}>
                              <th scope="row">
                                <div className="customer-site-cell">
                                  <span className="customer-site-name">{r.name}</span>
                                  {canAllocate ? (
                                    <button
                                      type="button"
                                      id={siteButtonId(r.account)}
                                      className="button customer-site-button"
                                      aria-expanded={editing === r.account}
                                      aria-controls={
                                        editing === r.account ? 'customer-allocation' : undefined
                                      }
                                      aria-label={intl.formatMessage(
                                        { id: 'customer.sites.changeLabel' },
                                        { site: r.name },
                                      )}
                                      onClick={() => setEditing(editing === r.account ? null : r.account)}
                                    >
                                      <FormattedMessage id="customer.sites.change" />
                                    </button>
                                  ) : null}
                                </div>
                              </th>
                              <td className="num">
                                {s.allocated === null ? (
                                  <FormattedMessage id="customer.seats.unlimited" />
                                ) : (
                                  f.number(s.allocated)
                                )}
                              </td>
                              <td className="num">{f.number(s.used)}</td>
                              <td className="num">
                                <Free seat={s} />
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                      {rows.length > 1 ? (
                        <tfoot>
                          <tr>
                            <th scope="row">
                              <FormattedMessage id="customer.sites.total" />
                            </th>
                            <td className="num">{f.number(sitesAllocated)}</td>
                            <td className="num">{f.number(sitesUsed)}</td>
                            <td className="num">{f.number(sitesAllocated - sitesUsed)}</td>
                          </tr>
                        </tfoot>
                      ) : null}
                    </table>
                  </div>
                )}
                {own > 0 && rows.length > 0 ? (
                  <p className="muted small">
                    <FormattedMessage id="customer.seats.ownUsers" values={{ n: own, name: customer.name }} />
                  </p>
                ) : null}
              </div>
            );
          })
        )}
      </Card>
      {edited && canAllocate ? (
        <CustomerAllocation
          key={edited.account}
          customer={customer}
          site={edited}
          featureName={featureName}
          onClose={() => close(edited.account)}
        />
      ) : null}
    </>
  );
}

/** Free seats in words where a number alone would mislead: unlimited, or more used than allocated. */
function Free({ seat }: { seat: SeatAllocation }) {
  const f = useFormat();
  const free = freeOf(seat);
  if (free === null) return <FormattedMessage id="customer.seats.unlimited" />;
  if (free >= 0) return <>{f.number(free)}</>;
  return (
    <Badge tone="warning">
      <FormattedMessage id="customer.seats.over" values={{ n: -free }} />
    </Badge>
  );
}
