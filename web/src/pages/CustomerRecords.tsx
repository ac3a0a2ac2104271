import { useQuery } from '@tanstack/react-query';
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
  const mine = new Set((subscriptions.data?.data ?? []).map((s) => s.id));
  const forCustomer = (i: Invoice) =>
    payer === customer.id ? i.lines : i.lines.filter((l) => l.subscription && mine.has(l.subscription));
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
      ) : list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="customer.invoices.none" />
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
