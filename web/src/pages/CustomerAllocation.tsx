import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Lines } from '../components/Lines.tsx';
import { Alert, Loading, ProblemAlert } from '../components/ui.tsx';
import { type Account, type AllocationPreview, allot, type SeatAllocation } from '../lib/api.ts';
import { useWrite } from '../lib/data.ts';
import { useDebounced } from '../lib/debounce.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { Stepper } from './ChangePreview.tsx';
import { Done, Exhausted } from './CustomerAllocationDone.tsx';
import { useCustomerSubscription } from './CustomerBilling.tsx';

export interface SiteSeats {
  account: string;
  name: string;
  seats: SeatAllocation[];
}

/** A seat feature's figures for one account: nothing allocated when the account has none of it. */
export function seatOf(seats: SeatAllocation[], feature: string): SeatAllocation {
  return seats.find((s) => s.feature === feature) ?? { feature, allocated: 0, used: 0, source: 'allocation' };
}

/** Free seats (null: unlimited); negative when more are used than allocated. */
export const freeOf = (s: SeatAllocation) => (s.allocated === null ? null : s.allocated - s.used);

type Items = { feature: string; allocated: number }[];

/**
 * A site's allocation (S9): the number per seat feature, the server's preview (the seats after and the
 * prorated invoice an increase issues now), Confirm, then what was done.
 */
export function CustomerAllocation({
  customer,
  site,
  featureName,
  onClose,
}: {
  customer: Account;
  site: SiteSeats;
  featureName: (key: string) => string;
  onClose: () => void;
}) {
  const intl = useIntl();
  const f = useFormat();
  const portal = usePortal();
  const subscription = useCustomerSubscription(customer);
  // Only seats with a number can be changed here; unlimited ones are the vendor's.
  const seats = site.seats.filter((s) => s.allocated !== null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(seats.map((s) => [s.feature, String(s.allocated)])),
  );
  const parsed = seats.map((s) => {
    const raw = (values[s.feature] ?? '').trim();
    return {
      feature: s.feature,
      was: s.allocated ?? 0,
      n: /^\d+$/.test(raw) ? Number.parseInt(raw, 10) : -1,
    };
  });
  const valid = parsed.every((p) => p.n >= 0);
  const changed = valid && parsed.some((p) => p.n !== p.was);
  const items: Items = parsed.map((p) => ({ feature: p.feature, allocated: p.n }));
  // Debounced as text: a new array each render would never settle.
  const settled = useDebounced(changed ? JSON.stringify(items) : null, 400);
  const write = useWrite((body: Items) => allot().allocations.set(site.account, body));
  const [confirmed, setConfirmed] = useState<AllocationPreview | null>(null);
  const preview = useQuery({
    queryKey: ['preview-allocation', site.account, settled],
    queryFn: () => allot().allocations.preview(site.account, JSON.parse(settled!) as Items),
    enabled: settled !== null && write.isIdle,
    retry: false,
    staleTime: 0,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);

  const current = settled !== null && settled === JSON.stringify(items);
  const answer = current ? preview.data : undefined;
  const invoice = answer?.invoices[0];
  const increase = parsed.some((p) => p.n > p.was);
  const nextCycle = subscription?.current_period_end ? f.date(subscription.current_period_end) : null;
  const payerName = (account: string) =>
    account === portal.account.id ? portal.account.name : account === customer.id ? customer.name : null;

  return (
    <section
      className="card customer-allocation"
      id="customer-allocation"
      aria-labelledby="customer-allocation-title"
    >
      <div className="card-head">
        <h2 id="customer-allocation-title" ref={heading} tabIndex={-1}>
          <FormattedMessage id="customer.alloc.title" values={{ site: site.name }} />
        </h2>
      </div>
      {write.isSuccess ? (
        <Done
          site={site.name}
          result={write.data.data}
          preview={confirmed}
          payerName={payerName}
          featureName={featureName}
          onClose={onClose}
        />
      ) : (
        <>
          <div className="customer-alloc-form">
            {seats.map((s) => (
              <Stepper
                key={s.feature}
                id={`customer-alloc-${s.feature}`}
                label={
                  <FormattedMessage id="customer.alloc.label" values={{ feature: featureName(s.feature) }} />
                }
                value={values[s.feature] ?? ''}
                onChange={(v) => setValues({ ...values, [s.feature]: v })}
                min={0}
                fewer={intl.formatMessage({ id: 'customer.alloc.fewer' })}
                more={intl.formatMessage({ id: 'customer.alloc.more' })}
                describedBy={`customer-alloc-${s.feature}-now`}
                invalid={!/^\d+$/.test((values[s.feature] ?? '').trim())}
              />
            ))}
            <div className="customer-alloc-now">
              {seats.map((s) => (
                <p key={s.feature} id={`customer-alloc-${s.feature}-now`} className="muted small">
                  <FormattedMessage
                    id="customer.alloc.now"
                    values={{ allocated: s.allocated ?? 0, used: s.used }}
                  />
                </p>
              ))}
            </div>
          </div>
          {!valid ? (
            <p className="customer-invalid">
              <FormattedMessage id="customer.alloc.invalid" />
            </p>
          ) : !changed ? (
            <p className="muted">
              <FormattedMessage id="customer.alloc.same" />
            </p>
          ) : null}
          {changed && current && preview.isError ? <Exhausted error={preview.error} /> : null}
          {changed && current && preview.isError ? <ProblemAlert error={preview.error} /> : null}
          {changed && (!current || (preview.isFetching && !answer)) ? <Loading /> : null}
          {changed && answer ? (
            <div className="customer-preview" aria-busy={preview.isFetching}>
              <h3 className="customer-subhead">
                <FormattedMessage id="customer.alloc.after" />
              </h3>
              <ul className="plain customer-after">
                {answer.data.map((s) => (
                  <li key={s.feature}>
                    <strong>{featureName(s.feature)}</strong>
                    {intl.formatMessage({ id: 'customer.colon' })}
                    <FormattedMessage
                      id="customer.alloc.afterValue"
                      values={{
                        allocated: s.allocated ?? 0,
                        used: s.used,
                        free: Math.max(0, freeOf(s) ?? 0),
                      }}
                    />
                    {(freeOf(s) ?? 0) < 0 ? (
                      <Alert tone="warning">
                        <p>
                          <FormattedMessage
                            id="customer.alloc.below"
                            values={{ used: s.used, allocated: s.allocated ?? 0 }}
                          />
                        </p>
                      </Alert>
                    ) : null}
                  </li>
                ))}
              </ul>
              {invoice ? (
                <>
                  <h3 className="customer-subhead">
                    <FormattedMessage
                      id="customer.alloc.invoice"
                      values={{
                        payer: payerName(invoice.account) ?? '',
                        known: payerName(invoice.account) ? 'yes' : 'no',
                      }}
                    />
                  </h3>
                  <div className="table-wrap">
                    <Lines invoice={invoice} caption={intl.formatMessage({ id: 'lines.caption' })} />
                  </div>
                  <p className="customer-due" role="status">
                    <FormattedMessage
                      id="customer.alloc.due"
                      values={{
                        amount: f.money(invoice.amount_due, invoice.currency),
                        b: (c: ReactNode) => <strong>{c}</strong>,
                      }}
                    />
                  </p>
                </>
              ) : (
                <p role="status">
                  <FormattedMessage
                    id={increase ? 'customer.alloc.nothingNow' : 'customer.alloc.decrease'}
                    values={{ date: nextCycle ?? '', known: nextCycle ? 'yes' : 'no' }}
                  />
                </p>
              )}
            </div>
          ) : null}
          <ProblemAlert error={write.error} />
          {write.error ? <Exhausted error={write.error} /> : null}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!answer || preview.isFetching || write.isPending}
              onClick={() => {
                setConfirmed(answer ?? null);
                write.mutate(items);
              }}
            >
              <FormattedMessage id={write.isPending ? 'customer.alloc.working' : 'action.confirm'} />
            </button>
            <button type="button" className="button" disabled={write.isPending} onClick={onClose}>
              <FormattedMessage id="action.cancel" />
            </button>
          </div>
        </>
      )}
    </section>
  );
}
