import { useQueries, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Card, Loading, PageHeader, ProblemAlert } from '../components/ui.tsx';
import { type AllocationOverview, allot, type Subscription } from '../lib/api.ts';
import { usePortal } from '../lib/portal.tsx';
import './Customers.css';
import { CustomerCreate } from './CustomerCreate.tsx';
import { CustomersTable } from './CustomersTable.tsx';
import { CustomersTotals } from './CustomersTotals.tsx';
import { customerRows, seatFeatures, seatTotals } from './customerRows.ts';

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
  const rows = customerRows(overview, account.id, periods, subscriptions);
  const features = seatFeatures(rows);
  const totals = seatTotals(rows, features);
  return (
    <>
      <CustomersTotals features={features} totals={totals} />
      <CustomersTable rows={rows} features={features} />
    </>
  );
}
