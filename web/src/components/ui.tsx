import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../lib/api.ts';
import { useUsers } from '../lib/data.ts';

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-header-aside">{children}</div> : null}
    </header>
  );
}

export function Card({
  title,
  children,
  className,
  actions,
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
}) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title || actions ? (
        <div className="card-head">
          {title ? <h2>{title}</h2> : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      <FormattedMessage id="app.loading" />
    </p>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'ok' | 'warning' | 'danger' | 'neutral' | 'info';
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Alert({
  tone,
  title,
  children,
}: {
  tone: 'info' | 'warning' | 'danger' | 'success';
  title?: ReactNode;
  children: ReactNode;
}) {
  // Errors interrupt (alert); the rest is announced politely (status).
  return (
    <div className={`alert alert-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}

/** The names of the account's users who may change subscriptions, for "ask …" messages. */
export function useManagers(): string[] {
  const users = useUsers();
  return (users.data?.data ?? [])
    .filter(
      (u) => u.status === 'active' && u.roles.some((r) => r === 'owner' || r === 'subscription_manager'),
    )
    .map((u) => u.name);
}

/** Who to ask, in the reader's language ("Camille or Antoine"), or 'none'. */
export function useWhoToAsk(): string {
  const intl = useIntl();
  const managers = useManagers();
  return managers.length ? intl.formatList(managers, { type: 'disjunction' }) : 'none';
}

/** An API error in the reader's language: known codes get their own words, the server's detail follows. */
export function ProblemAlert({ error }: { error: unknown }) {
  const intl = useIntl();
  const who = useWhoToAsk();
  if (!error) return null;
  let text: string;
  let detail: string | null = null;
  if (isApiError(error)) {
    const known = `error.${error.code}`;
    if (error.code === 'forbidden') text = intl.formatMessage({ id: 'error.forbidden' }, { who });
    else if (
      error.code === 'invalid_state' &&
      typeof error.used === 'number' &&
      typeof error.seats === 'number'
    )
      text = intl.formatMessage({ id: 'error.seatsInUse' }, { used: error.used, seats: error.seats });
    else if (intl.messages[known]) text = intl.formatMessage({ id: known });
    else text = error.detail || error.title;
    if (text !== error.detail) detail = error.detail;
    if (error.errors.length) detail = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  } else {
    text = intl.formatMessage({ id: 'error.network' });
  }
  return (
    <Alert tone="danger" title={<FormattedMessage id="error.title" />}>
      <p>{text}</p>
      {detail ? <p className="muted small">{detail}</p> : null}
    </Alert>
  );
}

export function ReadOnlyNote() {
  const who = useWhoToAsk();
  return (
    <p className="readonly-note">
      <FormattedMessage id="readonly.note" values={{ who }} />
    </p>
  );
}

/** Confirm and Cancel under a question: what every two-step change ends with. */
export function ConfirmButtons({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <div className="actions">
      <button type="button" className="button button-primary" disabled={pending} onClick={onConfirm}>
        <FormattedMessage id="action.confirm" />
      </button>
      <button type="button" className="button" disabled={pending} onClick={onCancel}>
        <FormattedMessage id="action.cancel" />
      </button>
    </div>
  );
}
