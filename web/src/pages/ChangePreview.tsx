import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { Lines } from '../components/Lines.tsx';
import { Alert, Card, Loading, ProblemAlert } from '../components/ui.tsx';
import { allot, type Invoice, type Subscription, type SubscriptionChange } from '../lib/api.ts';
import { useCreditNote, useWrite } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import './Plans.css';

/**
 * What the Plans, Licences and Packs pages share: a change previewed by the server (the prorated
 * invoice it would issue now), confirmed, then reported with the invoice or credit note it issued.
 * Messages are in plans.messages.ts (`plans.change.*`, `plans.stepper.*`, `plans.none.*`).
 */

/** Moves focus to an element when it appears (a preview or a result), so keyboard and screen-reader users land on it. */
function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!enabled || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [enabled]);
  return ref;
}

/**
 * A change of the subscription: its preview (null: nothing to preview), then Confirm, then what was done.
 * Give it a `key` naming the change, so a new change starts afresh.
 */
export function ChangeFlow({
  subscription,
  change,
  title,
  intro,
  explain,
  done,
  onClose,
  focus = true,
}: {
  subscription: Subscription;
  change: SubscriptionChange | null;
  /** The heading of the preview ("Change to TeamWeave Professional"). */
  title: ReactNode;
  /** A sentence above the lines. */
  intro?: ReactNode;
  /** What the preview's lines come to, in words (the seeds' "20/30 of Premium, 10/30 of Professional"). */
  explain?: (invoice: Invoice) => ReactNode;
  /** What the result says ("You are now on …"), from the changed subscription. */
  done: (result: Subscription) => ReactNode;
  /** Leaves the preview (Cancel) or the result (Close). */
  onClose: () => void;
  /** Move focus to the preview when it appears (off where the user is still typing the change). */
  focus?: boolean;
}) {
  const intl = useIntl();
  const f = useFormat();
  const write = useWrite((body: SubscriptionChange) => allot().subscriptions.change(subscription.id, body));
  // The preview is read while the change is being decided; once it is confirmed, it is not read again.
  const preview = useQuery({
    queryKey: ['preview', subscription.id, change],
    queryFn: () => allot().subscriptions.preview(subscription.id, change!),
    enabled: change !== null && write.isIdle,
    retry: false,
    staleTime: 0,
  });
  const headingRef = useFocusOnMount<HTMLHeadingElement>(focus);
  const headingId = useId();

  if (write.isSuccess) {
    const close = () => {
      write.reset();
      onClose();
    };
    return <ChangeDone result={write.data} text={done(write.data)} onClose={close} />;
  }
  if (change === null) return null;

  const invoice = preview.data;
  const money = (n: number) => f.money(n, subscription.currency);
  return (
    <section className="card change-preview" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
      </div>
      {intro ? <div className="change-intro">{intro}</div> : null}
      {preview.isError ? <ProblemAlert error={preview.error} /> : null}
      {preview.isFetching && !invoice ? <Loading /> : null}
      {invoice ? (
        <div
          className={preview.isFetching ? 'change-lines is-stale' : 'change-lines'}
          aria-busy={preview.isFetching}
        >
          {explain ? <p className="change-explain">{explain(invoice)}</p> : null}
          <div className="table-wrap">
            <Lines invoice={invoice} caption={intl.formatMessage({ id: 'lines.caption' })} />
          </div>
          <p className="change-due" role="status">
            <FormattedMessage
              id="plans.change.due"
              values={{
                amount: money(invoice.amount_due),
                zero: invoice.amount_due === 0 ? 'yes' : 'no',
                b: (c: ReactNode) => <strong>{c}</strong>,
              }}
            />
          </p>
          {invoice.total < 0 ? (
            <p className="muted small">
              <FormattedMessage id="plans.change.credit" values={{ amount: money(-invoice.total) }} />
            </p>
          ) : null}
        </div>
      ) : null}
      <ProblemAlert error={write.error} />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!invoice || preview.isFetching || preview.isError || write.isPending}
          onClick={() => write.mutate(change)}
        >
          {write.isPending ? (
            <FormattedMessage id="plans.change.working" />
          ) : (
            <FormattedMessage id="action.confirm" />
          )}
        </button>
        <button type="button" className="button" disabled={write.isPending} onClick={onClose}>
          <FormattedMessage id="action.cancel" />
        </button>
      </div>
    </section>
  );
}

/**
 * The result of a change: what it did and the document it issued — an invoice, or a credit note when
 * it credits more than it charges (a downgrade) — with the way to the invoices.
 */
function ChangeDone({
  result,
  text,
  onClose,
}: {
  result: Subscription;
  text: ReactNode;
  onClose: () => void;
}) {
  const id = result.latest_invoice ?? null;
  const noteId = id === null ? (result.latest_credit_note ?? null) : null;
  const ref = useFocusOnMount<HTMLDivElement>(true);
  return (
    <div className="change-done" ref={ref} tabIndex={-1}>
      <Alert tone="success" title={<FormattedMessage id="plans.change.doneTitle" />}>
        <p>{text}</p>
        {id !== null ? (
          <IssuedInvoice id={id} />
        ) : noteId !== null ? (
          <IssuedCreditNote id={noteId} />
        ) : (
          <p>
            <FormattedMessage id="plans.change.noInvoice" />
          </p>
        )}
        <div className="actions">
          {id !== null || noteId !== null ? (
            <Link href="/invoices" className="button">
              <FormattedMessage id="plans.change.seeInvoices" />
            </Link>
          ) : null}
          <Link href="/" className="button">
            <FormattedMessage id="plans.change.seeOverview" />
          </Link>
          <button type="button" className="button button-ghost" onClick={onClose}>
            <FormattedMessage id="action.close" />
          </button>
        </div>
      </Alert>
    </div>
  );
}

/** "Invoice F-… for … was issued; … is due." (A negative total is an invoice issued before credit notes.) */
function IssuedInvoice({ id }: { id: string }) {
  const f = useFormat();
  const invoice = useQuery({
    queryKey: ['invoices', 'one', id],
    queryFn: () => allot().invoices.get(id),
  });
  if (invoice.isError) return <ProblemAlert error={invoice.error} />;
  if (!invoice.data) return <Loading />;
  const i = invoice.data;
  return (
    <p>
      <FormattedMessage
        id="plans.change.invoice"
        values={{
          number: i.number ?? i.id,
          total: f.money(i.total, i.currency),
          due: f.money(i.amount_due, i.currency),
          credit: f.money(-i.total, i.currency),
          kind: i.total < 0 ? 'credit' : i.status === 'paid' ? 'paid' : i.amount_due > 0 ? 'due' : 'none',
        }}
      />
    </p>
  );
}

/** "Credit note CN-… for … was issued; it is kept as credit on your account …" */
function IssuedCreditNote({ id }: { id: string }) {
  const f = useFormat();
  const note = useCreditNote(id);
  if (note.isError) return <ProblemAlert error={note.error} />;
  if (!note.data) return <Loading />;
  const n = note.data;
  return (
    <p>
      <FormattedMessage
        id="plans.change.creditNote"
        values={{
          number: n.number,
          total: f.money(n.total, n.currency),
          // Where its credit went: kept for the next invoices, or (in part) off the invoice it credits.
          kind: n.applied_to_invoice > 0 ? 'invoice' : 'balance',
          invoice: n.invoice_number ?? '—',
        }}
      />
    </p>
  );
}

/** A whole-number input with − and + buttons and its label. The value is kept as typed. */
export function Stepper({
  id,
  label,
  value,
  onChange,
  min,
  disabled,
  fewer,
  more,
  describedBy,
  invalid,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  min: number;
  disabled?: boolean;
  /** The − button's accessible name. */
  fewer: string;
  /** The + button's accessible name. */
  more: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const n = Number.parseInt(value, 10);
  const current = Number.isFinite(n) ? n : min;
  return (
    <div className="stepper-field">
      <label htmlFor={id} className="stepper-label">
        {label}
      </label>
      <div className="stepper">
        <button
          type="button"
          className="button stepper-button"
          aria-label={fewer}
          aria-controls={id}
          disabled={disabled || current <= min}
          onClick={() => onChange(String(Math.max(min, current - 1)))}
        >
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          step={1}
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="button stepper-button"
          aria-label={more}
          aria-controls={id}
          disabled={disabled}
          onClick={() => onChange(String(Math.max(min, current + 1)))}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}

/** The three pages need a live subscription: without one, the way to subscribe. */
export function NoSubscription() {
  return (
    <Card title={<FormattedMessage id="plans.none.title" />}>
      <p>
        <FormattedMessage id="plans.none.text" />
      </p>
      <div className="actions">
        <Link href="/subscribe" className="button button-primary">
          <FormattedMessage id="nav.subscribe" />
        </Link>
      </div>
    </Card>
  );
}
