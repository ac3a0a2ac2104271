import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { Alert, Card, ProblemAlert } from '../components/ui.tsx';
import { allot, type BillingPeriod } from '../lib/api.ts';
import { useWrite } from '../lib/data.ts';
import { usePortal } from '../lib/portal.tsx';

/**
 * A partner's subscription manager creates a customer, its billing cycle chosen at creation (S10).
 * The server bills it as the partner's other customers are; the page says so.
 */
export function CustomerCreate() {
  const portal = usePortal();
  const ids = { name: useId(), period: useId() };
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [period, setPeriod] = useState<BillingPeriod>(portal.account.billing_period);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const write = useWrite((body: { name: string; billing_period: BillingPeriod }) =>
    allot().accounts.create({ ...body, parent_id: portal.account.id }),
  );
  if (!portal.canManage) return null;
  return (
    <Card
      title={<FormattedMessage id="customerCreate.title" />}
      actions={
        open ? null : (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            <FormattedMessage id="customerCreate.open" />
          </button>
        )
      }
    >
      {created ? (
        <Alert tone="success">
          <p>
            <FormattedMessage id="customerCreate.done" values={{ name: created.name }} />{' '}
            <Link href={`/customers/${created.id}`}>
              <FormattedMessage id="customerCreate.see" />
            </Link>
          </p>
        </Alert>
      ) : null}
      {open ? (
        <form
          className="customer-create"
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate(
              { name: name.trim(), billing_period: period },
              {
                onSuccess: (account) => {
                  setCreated({ id: account.id, name: account.name });
                  setName('');
                  setOpen(false);
                },
              },
            );
          }}
        >
          <label className="field" htmlFor={ids.name}>
            <FormattedMessage id="customerCreate.name" />
            <input
              id={ids.name}
              type="text"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field" htmlFor={ids.period}>
            <FormattedMessage id="customerCreate.period" />
            <select
              id={ids.period}
              className="input"
              value={period}
              onChange={(e) => setPeriod(e.target.value as BillingPeriod)}
            >
              <option value="month">
                <FormattedMessage id="period.month" />
              </option>
              <option value="year">
                <FormattedMessage id="period.year" />
              </option>
            </select>
          </label>
          <p className="muted small">
            <FormattedMessage id="customerCreate.terms" />
          </p>
          <div className="actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={write.isPending || name.trim() === ''}
            >
              <FormattedMessage id="customerCreate.submit" />
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              <FormattedMessage id="action.cancel" />
            </button>
          </div>
          <ProblemAlert error={write.error} />
        </form>
      ) : null}
    </Card>
  );
}
