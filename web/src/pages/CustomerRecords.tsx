import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Card, Loading, ProblemAlert } from '../components/ui.tsx';
import { type Account, allot, type HistoryEntry, type Invoice, isApiError } from '../lib/api.ts';
import { useUsers } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { useCustomerSubscriptions } from './CustomerBilling.tsx';
import { history as historyMessages } from './history.messages.ts';

/**
 * The invoices for this customer: a customer billed to its partner has none of its own, so these are
 * the partner's invoices with a line for one of its subscriptions (one line per site), totalled for it.
 */
export function CustomerInvoices({ customer }: { customer: Account }) {
  const intl = useIntl();
  const f = useFormat();
  const portal = usePortal();
  const payer = customer.bill_to_parent && customer.parent_id ? customer.parent_id : customer.id;
  const subscriptions = useCustomerSubscriptions(customer);
  // A customer's own managers may not read the partner's invoices (the server answers 403): not asked.
  const above = payer === portal.account.parent_id;
  const invoices = useQuery({
    queryKey: ['customer', customer.id, 'invoices', payer],
    queryFn: () => allot().invoices.list({ account: payer, limit: 100 }),
    retry: (n, error) => !(isApiError(error) && error.status === 403) && n < 1,
    enabled: !above,
  });
  // The customer's sites, to read the invoices per site (each seat line names whose seats it bills).
  const sites = useQuery({
    queryKey: ['customer', customer.id, 'sites'],
    queryFn: () => allot().accounts.list({ parent_id: customer.id, limit: 100 }),
  });
  const [site, setSite] = useState('all');
  const siteId = useId();
  const mine = new Set((subscriptions.data?.data ?? []).map((s) => s.id));
  const ofCustomer = (i: Invoice) =>
    payer === customer.id ? i.lines : i.lines.filter((l) => l.subscription && mine.has(l.subscription));
  const forCustomer = (i: Invoice) =>
    site === 'all' ? ofCustomer(i) : ofCustomer(i).filter((l) => l.account === site);
  const siteList = sites.data?.data ?? [];
  const siteName =
    site === customer.id
      ? intl.formatMessage({ id: 'customer.invoices.itself' }, { name: customer.name })
      : (siteList.find((x) => x.id === site)?.name ?? '');
  const list = (invoices.data?.data ?? [])
    .filter((i) => i.status !== 'draft' && forCustomer(i).length > 0)
    .sort((a, b) => Date.parse(b.issued_at) - Date.parse(a.issued_at));
  const refused = above || (isApiError(invoices.error) && invoices.error.status === 403);
  return (
    <Card title={<FormattedMessage id="customer.invoices.title" />}>
      {refused ? null : (
        <p className="muted small">
          <FormattedMessage
            id={payer === customer.id ? 'customer.invoices.own' : 'customer.invoices.help'}
            values={{ name: customer.name }}
          />
        </p>
      )}
      {refused ? (
        <p>
          <FormattedMessage id="customer.invoices.refused" values={{ name: customer.name }} />
        </p>
      ) : invoices.error ? (
        <ProblemAlert error={invoices.error} />
      ) : !invoices.data || !subscriptions.data ? (
        <Loading />
      ) : null}
      {!refused && siteList.length > 0 ? (
        <label className="field customer-invoice-site" htmlFor={siteId}>
          <FormattedMessage id="customer.invoices.site" />
          <select className="input" id={siteId} value={site} onChange={(e) => setSite(e.target.value)}>
            <option value="all">{intl.formatMessage({ id: 'customer.invoices.allSites' })}</option>
            <option value={customer.id}>
              {intl.formatMessage({ id: 'customer.invoices.itself' }, { name: customer.name })}
            </option>
            {siteList.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {refused || invoices.error || !invoices.data || !subscriptions.data ? null : list.length === 0 ? (
        <p className="muted">
          {site === 'all' ? (
            <FormattedMessage id="customer.invoices.none" />
          ) : (
            <FormattedMessage id="customer.invoices.noneForSite" values={{ site: siteName }} />
          )}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="customer-invoices">
            <caption className="visually-hidden">
              {intl.formatMessage({ id: 'customer.invoices.caption' }, { name: customer.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="customer.invoices.number" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="customer.invoices.amount" />
                </th>
                <th scope="col">
                  <span className="visually-hidden">
                    <FormattedMessage id="customer.invoices.pdf" />
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => {
                const lines = forCustomer(i);
                const net = lines.reduce((n, l) => n + l.amount, 0);
                const gross = lines.reduce((n, l) => n + l.amount + l.tax, 0);
                const number = i.number ?? i.id ?? '';
                return (
                  <tr key={i.id ?? number}>
                    <th scope="row">
                      <span className="customer-invoice-number">{number}</span>
                      <span className="muted small customer-invoice-date">
                        <time dateTime={i.issued_at}>{f.date(i.issued_at)}</time>
                        {' · '}
                        <FormattedMessage id="customer.invoices.lines" values={{ n: lines.length }} />
                      </span>
                    </th>
                    <td className="num">
                      <span className="customer-invoice-amount">{f.money(gross, i.currency)}</span>
                      <span className="muted small customer-invoice-net">
                        <FormattedMessage
                          id="customer.invoices.net"
                          values={{ amount: f.money(net, i.currency) }}
                        />
                      </span>
                    </td>
                    <td>
                      {i.id ? (
                        <a
                          className="button customer-pdf"
                          href={`/v1/invoices/${encodeURIComponent(i.id)}/pdf`}
                          download={`${number}.pdf`}
                          aria-label={intl.formatMessage({ id: 'customer.invoices.pdfLabel' }, { number })}
                        >
                          <FormattedMessage id="customer.invoices.pdf" />
                        </a>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {invoices.data?.has_more ? (
        <p className="muted small">
          <FormattedMessage id="customer.invoices.more" values={{ n: invoices.data.data.length }} />
        </p>
      ) : null}
    </Card>
  );
}

const LATEST = 10;
const QUIET = new Set(['portal_session.created']);

/** The customer's latest actions: when, what (in the History page's words), who. */
export function CustomerHistory({ customer }: { customer: Account }) {
  const f = useFormat();
  const intl = useIntl();
  const entries = useQuery({
    queryKey: ['customer', customer.id, 'history'],
    queryFn: () => allot().accounts.history(customer.id, { limit: LATEST * 3 }),
  });
  const ownUsers = useUsers();
  const theirUsers = useQuery({
    queryKey: ['users', customer.id],
    queryFn: () => allot().users.list(customer.id, { limit: 100 }),
    retry: false,
  });
  const users = [...(ownUsers.data?.data ?? []), ...(theirUsers.data?.data ?? [])];
  const action = (a: string) => {
    const id = `history.action.${a}`;
    return id in historyMessages.en ? intl.formatMessage({ id }) : a;
  };
  const who = (e: HistoryEntry) => {
    if (e.actor.type === 'key') return intl.formatMessage({ id: 'history.actor.key' });
    if (e.actor.type === 'system') return intl.formatMessage({ id: 'customer.history.system' });
    return users.find((u) => u.id === e.actor.id)?.name ?? e.actor.email ?? e.actor.id;
  };
  // Sign-in links say nothing about the customer's seats or billing: the History page keeps them.
  const list = [...(entries.data?.data ?? [])]
    .filter((e) => !QUIET.has(e.action))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, LATEST);
  return (
    <Card title={<FormattedMessage id="customer.history.title" />}>
      {entries.error ? (
        <ProblemAlert error={entries.error} />
      ) : !entries.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="customer.history.none" />
        </p>
      ) : (
        <>
          <p className="muted small">
            <FormattedMessage id="customer.history.help" values={{ n: list.length }} />
          </p>
          <ol className="customer-history">
            {list.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at} className="muted small">
                  {f.dateTime(e.at)}
                </time>
                <span className="customer-history-action">{action(e.action)}</span>
                <span className="muted small">{who(e)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
