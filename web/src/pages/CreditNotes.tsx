import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { LineTable, TotalRow } from '../components/Lines.tsx';
import { Card, ProblemAlert } from '../components/ui.tsx';
import type { CreditNote } from '../lib/api.ts';
import { useCreditNotes } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';

/**
 * The account's credit notes (CN-…), below its invoices: what a downgrade, a cancellation inside the
 * window or a void credited, each with the invoice it credits, its explained lines and its PDF.
 * Nothing is shown while there are none. Messages are in invoices.messages.ts (`invoices.creditNotes.*`).
 */
export function CreditNotes() {
  const notes = useCreditNotes();
  if (notes.isError) {
    return (
      <Card title={<FormattedMessage id="invoices.creditNotes.title" />}>
        <ProblemAlert error={notes.error} />
      </Card>
    );
  }
  const list = [...(notes.data?.data ?? [])].sort(
    (a, b) => Date.parse(b.issued_at) - Date.parse(a.issued_at) || b.sequence - a.sequence,
  );
  if (list.length === 0) return null;
  return <CreditNoteTable notes={list} />;
}

/** Why a credit note was issued, in words; a reason the portal does not know yet shows as sent. */
const REASONS = new Set<string>(['subscription_update', 'cancellation', 'invoice_void', 'subscription_end']);

type Column = 'issued' | 'reason' | 'invoice' | 'total';

function CreditNoteTable({ notes }: { notes: CreditNote[] }) {
  const intl = useIntl();
  const label = (id: string) => intl.formatMessage({ id });
  const labels: Record<Column, string> = {
    issued: label('invoices.col.issued'),
    reason: label('invoices.col.reason'),
    invoice: label('invoices.creditNotes.col.invoice'),
    total: label('invoices.creditNotes.col.total'),
  };
  return (
    <Card title={<FormattedMessage id="invoices.creditNotes.title" />} className="credit-notes">
      <p className="muted small credit-notes-intro">
        <FormattedMessage id="invoices.creditNotes.intro" />
      </p>
      <div className="table-wrap">
        <table className="invoices-table credit-notes-table">
          <caption className="visually-hidden">
            <FormattedMessage id="invoices.creditNotes.title" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="invoices.col.number" />
              </th>
              <th scope="col">{labels.issued}</th>
              <th scope="col">{labels.reason}</th>
              <th scope="col">{labels.invoice}</th>
              <th scope="col" className="num">
                {labels.total}
              </th>
              <th scope="col">
                <span className="visually-hidden">
                  <FormattedMessage id="invoices.col.document" />
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {notes.map((n) => (
              <CreditNoteRow key={n.id} note={n} labels={labels} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function CreditNoteRow({ note: n, labels }: { note: CreditNote; labels: Record<Column, string> }) {
  const intl = useIntl();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const panel = `credit-note-${n.id}-details`;
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
            <span>{n.number}</span>
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="invoices.details" />
            </span>
          </button>
        </th>
        <td data-label={labels.issued}>
          <time dateTime={n.issued_at}>{f.date(n.issued_at)}</time>
        </td>
        <td data-label={labels.reason}>
          {REASONS.has(n.reason) ? (
            <FormattedMessage id={`invoices.creditNotes.reason.${n.reason}`} />
          ) : (
            n.reason
          )}
        </td>
        <td data-label={labels.invoice}>{n.invoice_number ?? '—'}</td>
        <td data-label={labels.total} className="num credit-notes-total">
          {f.money(n.total, n.currency)}
        </td>
        <td className="invoices-pdf">
          <a
            className="button button-ghost"
            href={`/v1/credit_notes/${encodeURIComponent(n.id)}/pdf`}
            download={`${n.number}.pdf`}
            aria-label={intl.formatMessage({ id: 'invoices.creditNotes.pdfLabel' }, { number: n.number })}
          >
            <FormattedMessage id="invoices.pdf" />
          </a>
        </td>
      </tr>
      <tr id={panel} className="invoices-details" hidden={!open}>
        <td colSpan={6}>
          {open ? (
            <div className="invoices-panel">
              <dl className="facts invoices-facts">
                {n.period_start && n.period_end ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.period" />
                    </dt>
                    <dd>
                      {f.day(n.period_start)} – {f.day(f.lastDay(n.period_end))}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>
                    <FormattedMessage id="invoices.issuedAt" />
                  </dt>
                  <dd>{f.dateTime(n.issued_at)}</dd>
                </div>
                {n.invoice_number ? (
                  <div>
                    <dt>
                      <FormattedMessage id="invoices.creditNotes.credits" />
                    </dt>
                    <dd>{n.invoice_number}</dd>
                  </div>
                ) : null}
              </dl>
              <CreditNoteLines
                note={n}
                caption={intl.formatMessage(
                  { id: 'invoices.creditNotes.linesCaption' },
                  { number: n.number },
                )}
              />
            </div>
          ) : null}
        </td>
      </tr>
    </>
  );
}

/**
 * A credit note's lines, laid out as an invoice's: positive amounts are credited, a negative one (what
 * the new plan costs) reduces the credit; then the total and where the credit went — the credited
 * invoice, or the account's balance.
 */
function CreditNoteLines({ note, caption }: { note: CreditNote; caption: string }) {
  const f = useFormat();
  const money = (n: number) => f.money(n, note.currency);
  if (note.lines.length === 0) return null;
  return (
    <LineTable document={note} caption={caption} isCredit={(amount) => amount > 0}>
      <TotalRow
        className="total"
        label={<FormattedMessage id="invoices.creditNotes.total" />}
        amount={money(note.total)}
      />
      {note.applied_to_invoice ? (
        <TotalRow
          label={
            <FormattedMessage
              id="invoices.creditNotes.toInvoice"
              values={{ number: note.invoice_number ?? '—' }}
            />
          }
          amount={money(note.applied_to_invoice)}
        />
      ) : null}
      {note.credited_to_balance ? (
        <TotalRow
          className="due"
          label={<FormattedMessage id="invoices.creditNotes.toBalance" />}
          amount={money(note.credited_to_balance)}
        />
      ) : null}
    </LineTable>
  );
}
