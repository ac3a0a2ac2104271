import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Lines } from '../components/Lines.tsx';
import { Badge, Card, Loading, PageHeader, ProblemAlert } from '../components/ui.tsx';
import type { Invoice, InvoiceStatus } from '../lib/api.ts';
import { useInvoices } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { CreditNotes } from './CreditNotes.tsx';
import './Invoices.css';

const TONE: Record<InvoiceStatus, 'neutral' | 'warning' | 'ok'> = {
  draft: 'neutral',
  open: 'warning',
  paid: 'ok',
  void: 'neutral',
};

/** Why an invoice was issued, in words; a reason the portal does not know yet shows as sent. */
const REASONS = new Set([
  'subscription_create',
  'subscription_cycle',
  'subscription_update',
  'subscription_end',
  'cancellation',
  'manual',
]);

/**
 * The account's invoices, newest first, each with its explained lines and its PDF; below them its
 * credit notes, when it has any.
 */
export function Invoices() {
  const invoices = useInvoices();
  const list = [...(invoices.data?.data ?? [])].sort(
    (a, b) => Date.parse(b.issued_at) - Date.parse(a.issued_at) || (b.sequence ?? 0) - (a.sequence ?? 0),
  );
  return (
    <>
      <PageHeader title={<FormattedMessage id="invoices.title" />}>
        {invoices.data ? <Outstanding invoices={list} /> : null}
      </PageHeader>
      {invoices.isError ? (
        <Card>
          <ProblemAlert error={invoices.error} />
        </Card>
      ) : !invoices.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <NoInvoices />
      ) : (
        <InvoiceTable invoices={list} />
      )}
      {invoices.data ? <CreditNotes /> : null}
    </>
  );
}

/** What is left to pay, per currency, and the account's credit. */
function Outstanding({ invoices }: { invoices: Invoice[] }) {
  const f = useFormat();
  const { account } = usePortal();
  const due = new Map<string, number>();
  for (const i of invoices) {
    if (i.status === 'open' && i.amount_due > 0)
      due.set(i.currency, (due.get(i.currency) ?? 0) + i.amount_due);
  }
  const amounts = [...due].map(([currency, amount]) => f.money(amount, currency));
  return (
    <div className="invoices-summary">
      {amounts.length ? (
        <p>
          <FormattedMessage id="invoices.outstanding" values={{ amount: amounts.join(' + ') }} />
        </p>
      ) : invoices.length ? (
        <p className="muted">
          <FormattedMessage id="invoices.allPaid" />
        </p>
      ) : null}
      {account.credit_balance > 0 ? (
        <p className="muted small">
          <FormattedMessage
            id="invoices.credit"
            values={{ amount: f.money(account.credit_balance, account.currency) }}
          />
        </p>
      ) : null}
    </div>
  );
}

function NoInvoices() {
  const { subscription } = usePortal();
  return (
    <Card title={<FormattedMessage id="invoices.none.title" />}>
      <p className="muted">
        <FormattedMessage
          id={subscription?.status === 'trialing' ? 'invoices.none.trial' : 'invoices.none.text'}
        />
      </p>
    </Card>
  );
}

function InvoiceTable({ invoices }: { invoices: Invoice[] }) {
  const intl = useIntl();
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <Card title={<FormattedMessage id="invoices.list" values={{ n: invoices.length }} />}>
      <div className="table-wrap">
        <table className="invoices-table">
          <caption className="visually-hidden">
            <FormattedMessage id="invoices.title" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="invoices.col.number" />
              </th>
              <th scope="col">
                <FormattedMessage id="invoices.col.issued" />
              </th>
              <th scope="col">
                <FormattedMessage id="invoices.col.reason" />
              </th>
              <th scope="col">
                <FormattedMessage id="invoices.col.status" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="invoices.col.total" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="invoices.col.due" />
              </th>
              <th scope="col">
                <span className="visually-hidden">
                  <FormattedMessage id="invoices.col.document" />
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((i) => (
              <InvoiceRow
                key={i.id ?? i.number}
                invoice={i}
                labels={{
                  issued: label('invoices.col.issued'),
                  reason: label('invoices.col.reason'),
                  status: label('invoices.col.status'),
                  total: label('invoices.col.total'),
                  due: label('invoices.col.due'),
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function InvoiceRow({
  invoice: i,
  labels,
}: {
  invoice: Invoice;
  labels: Record<'issued' | 'reason' | 'status' | 'total' | 'due', string>;
}) {
  const intl = useIntl();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const number = i.number ?? '—';
  const panel = `invoice-${i.id}-details`;
  const money = (n: number) => f.money(n, i.currency);
  return (
    <>
      <tr className={open ? 'invoices-open' : undefined}>
        <th scope="row" className="invoices-number">
          <button
            type="button"
            className="invoices-toggle"
            aria-expanded={open}
            aria-controls={panel}
            onClick={() => setOpen((o) => !o)}
          >
            <span className="invoices-chevron" aria-hidden="true" />
            <span>{number}</span>
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="invoices.details" />
            </span>
          </button>
        </th>
        <td data-label={labels.issued}>
          <time dateTime={i.issued_at}>{f.date(i.issued_at)}</time>
        </td>
        <td data-label={labels.reason}>
          {REASONS.has(i.reason) ? <FormattedMessage id={`invoices.reason.${i.reason}`} /> : i.reason}
        </td>
        <td data-label={labels.status}>
          <Badge tone={TONE[i.status] ?? 'neutral'}>
            <FormattedMessage id={`invoices.status.${i.status}`} />
          </Badge>
        </td>
        <td data-label={labels.total} className="num">
          {money(i.total)}
        </td>
        <td data-label={labels.due} className={i.status === 'open' ? 'num invoices-due' : 'num muted'}>
          {money(i.amount_due)}
        </td>
        <td className="invoices-pdf">
          {i.id ? (
            <a
              className="button button-ghost"
              href={`/v1/invoices/${encodeURIComponent(i.id)}/pdf`}
              download={`${i.number ?? i.id}.pdf`}
              aria-label={intl.formatMessage({ id: 'invoices.pdfLabel' }, { number })}
            >
              <FormattedMessage id="invoices.pdf" />
            </a>
          ) : null}
        </td>
      </tr>
      <tr id={panel} className="invoices-details" hidden={!open}>
        <td colSpan={7}>
          {open ? (
            <div className="invoices-panel">
              <dl className="facts invoices-facts">
                {i.period_start && i.period_end ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.period" />
                    </dt>
                    <dd>
                      {f.day(i.period_start)} – {f.day(f.lastDay(i.period_end))}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>
                    <FormattedMessage id="invoices.issuedAt" />
                  </dt>
                  <dd>{f.dateTime(i.issued_at)}</dd>
                </div>
                {i.paid_at ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.paidAt" />
                    </dt>
                    <dd>{f.dateTime(i.paid_at)}</dd>
                  </div>
                ) : null}
                {i.voided_at ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.voidedAt" />
                    </dt>
                    <dd>{f.dateTime(i.voided_at)}</dd>
                  </div>
                ) : null}
                {i.credit_notes?.length ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.creditedBy" />
                    </dt>
                    <dd>
                      <ul className="plain invoices-credited">
                        {i.credit_notes.map((n) => (
                          <li key={n.id}>
                            <FormattedMessage
                              id="invoices.creditedBy.note"
                              values={{ number: n.number, amount: money(n.total) }}
                            />
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ) : null}
              </dl>
              <Lines invoice={i} caption={intl.formatMessage({ id: 'invoices.linesCaption' }, { number })} />
            </div>
          ) : null}
        </td>
      </tr>
    </>
  );
}
