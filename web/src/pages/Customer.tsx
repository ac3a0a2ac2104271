import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { Alert, Card, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import { type Account, allot, isApiError } from '../lib/api.ts';
import { usePortal } from '../lib/portal.tsx';
import { CustomerBilling } from './CustomerBilling.tsx';
import { CustomerHistory, CustomerInvoices } from './CustomerRecords.tsx';
import { CustomerSeats } from './CustomerSeats.tsx';
import './Customer.css';

/** One customer of a partner (or a customer's own sites): seats per site, sync, allocations, billing cycle. */
export function Customer({ id }: { id: string }) {
  return <CustomerPage id={id} />;
}

/** Refusals and unknown ids are answers, not failures: asking again would not change them. */
const final = (error: unknown) => isApiError(error) && (error.status === 403 || error.status === 404);

function CustomerPage({ id }: { id: string }) {
  const portal = usePortal();
  const account = useQuery({
    queryKey: ['customer', id],
    queryFn: () => allot().accounts.get(id),
    retry: (n, error) => !final(error) && n < 1,
  });
  const own = account.data ? account.data.id === portal.account.id : id === portal.account.id;
  const back = own ? null : (
    <p className="customer-back">
      <Link href="/customers">
        <span aria-hidden="true">← </span>
        <FormattedMessage id="customer.back" />
      </Link>
    </p>
  );
  if (account.isError) {
    return (
      <>
        {portal.account.kind === 'partner' ? back : null}
        <PageHeader title={<FormattedMessage id="customer.title" />} />
        <Refused error={account.error} />
      </>
    );
  }
  if (!account.data) return <Loading />;
  return (
    <>
      {back}
      <CustomerBody customer={account.data} own={own} />
    </>
  );
}

/** 403: this account is not one the session may see (another partner's customer, or another customer). */
function Refused({ error }: { error: unknown }) {
  const portal = usePortal();
  const status = isApiError(error) ? error.status : 0;
  if (status !== 403 && status !== 404) {
    return (
      <Card>
        <ProblemAlert error={error} />
      </Card>
    );
  }
  const partner = portal.account.kind === 'partner';
  const home = partner ? '/customers' : portal.hasAccountsBelow ? `/customers/${portal.account.id}` : '/';
  return (
    <Card>
      <Alert
        tone="warning"
        title={<FormattedMessage id={status === 403 ? 'customer.refused.title' : 'customer.missing.title'} />}
      >
        <p>
          <FormattedMessage
            id={status === 403 ? 'customer.refused.text' : 'customer.missing.text'}
            values={{ account: portal.account.name }}
          />
        </p>
      </Alert>
      <div className="actions">
        <Link href={home} className="button">
          <FormattedMessage
            id="customer.refused.home"
            values={{ to: partner ? 'customers' : portal.hasAccountsBelow ? 'sites' : 'overview' }}
          />
        </Link>
      </div>
    </Card>
  );
}

function CustomerBody({ customer, own }: { customer: Account; own: boolean }) {
  const portal = usePortal();
  const roles = portal.session.user.roles;
  // Seats and the billing cycle are the subscription managers' (of the partner, or of the customer for its sites).
  const manager = roles.includes('subscription_manager');
  const payer =
    customer.bill_to_parent && customer.parent_id === portal.account.id ? portal.account.name : null;
  return (
    <>
      <PageHeader title={customer.name}>
        <p className="muted customer-subtitle">
          {own ? (
            <FormattedMessage id="customer.subtitle.own" />
          ) : payer ? (
            <FormattedMessage id="customer.subtitle.of" values={{ partner: payer }} />
          ) : (
            <FormattedMessage id="customer.subtitle" />
          )}
        </p>
      </PageHeader>
      {manager ? null : (
        <div className="customer-readonly">
          {roles.includes('owner') ? (
            <p className="readonly-note">
              <FormattedMessage id="customer.readonly.owner" />
            </p>
          ) : (
            <ReadOnlyNote />
          )}
        </div>
      )}
      <CustomerSeats customer={customer} canAllocate={manager} />
      <CustomerBilling customer={customer} canChange={manager} />
      <CustomerInvoices customer={customer} />
      <CustomerHistory customer={customer} />
    </>
  );
}
