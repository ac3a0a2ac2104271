import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Lines } from '../components/Lines.tsx';
import { Card, Loading, ProblemAlert } from '../components/ui.tsx';
import { allot, isApiError, type Role, type Subscription, type UserCreate } from '../lib/api.ts';
import { useWrite } from '../lib/data.ts';
import { moduleName, useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { SeatNotice, WriteError } from './SeatNotice.tsx';
import { needsLicence, useSeats } from './userSeats.ts';
import './Users.css';

/** What one more licence costs now, from the server's preview, before a manager confirms. */
export function LicencePreview({
  subscription: s,
  name,
  buyer,
  pending,
  onConfirm,
  onCancel,
  error,
}: {
  subscription: Subscription;
  name: string;
  /** The reader buys the licence itself (an owner); a subscription manager's add raises it on the server. */
  buyer: boolean;
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** The add's refusal, shown where the reader confirmed. */
  error?: unknown;
}) {
  const intl = useIntl();
  const f = useFormat();
  const { price } = useSeats();
  const quantity = s.quantity + 1;
  const preview = useQuery({
    queryKey: ['preview', s.id, 'quantity', quantity],
    queryFn: () => allot().subscriptions.preview(s.id, { quantity }),
    staleTime: 0,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="users-licence">
      <h3 ref={heading} tabIndex={-1}>
        <FormattedMessage id="users.licence.title" />
      </h3>
      {preview.isError ? <ProblemAlert error={preview.error} /> : null}
      {preview.data ? (
        <>
          <p className="users-licence-due">
            <FormattedMessage
              id="users.licence.text"
              values={{ name, amount: f.money(preview.data.amount_due, preview.data.currency) }}
            />
          </p>
          {price ? (
            <p className="muted small">
              <FormattedMessage
                id="users.licence.after"
                values={{
                  n: quantity,
                  price: f.money(price.amount, price.currency),
                  period: s.billing_period,
                }}
              />
            </p>
          ) : null}
          {s.status === 'trialing' && s.trial_end ? (
            <p className="muted small">
              <FormattedMessage id="users.licence.trial" values={{ date: f.date(s.trial_end) }} />
            </p>
          ) : null}
          <div className="table-wrap">
            <Lines invoice={preview.data} caption={intl.formatMessage({ id: 'lines.caption' })} />
          </div>
          {buyer ? (
            <p className="muted small">
              <FormattedMessage id="users.licence.ownerNote" values={{ name }} />
            </p>
          ) : null}
        </>
      ) : preview.isPending ? (
        <Loading />
      ) : null}
      {error ? <WriteError error={error} /> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!preview.data || pending}
          onClick={onConfirm}
        >
          <FormattedMessage id="action.confirm" />
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          <FormattedMessage id="action.cancel" />
        </button>
      </div>
    </div>
  );
}

const ROLES: Role[] = ['member', 'subscription_manager', 'owner'];

export function UserAddForm({ onDone, onCancel }: { onDone(name: string): void; onCancel(): void }) {
  const intl = useIntl();
  const portal = usePortal();
  const client = useQueryClient();
  const { plan, fullFor, seats } = useSeats();
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [modules, setModules] = useState<string[]>([]);
  const [step, setStep] = useState<'form' | 'licence'>('form');
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  const write = useWrite(async (input: { body: UserCreate; buyLicence: boolean }) => {
    const s = portal.subscription;
    if (input.buyLicence && s) await allot().subscriptions.change(s.id, { quantity: s.quantity + 1 });
    return allot().users.create(portal.account.id, input.body);
  });
  const roles = portal.isOwner ? ROLES : (['member'] as Role[]);
  const full = fullFor(modules);
  const licence = portal.canManage && needsLicence(full);
  // A subscription manager's add raises the licence count on the server; an owner buys it first.
  const buyer = !portal.session.user.roles.includes('subscription_manager');
  const body: UserCreate = { name: name.trim(), email: email.trim(), roles: [role], modules };
  const create = (buyLicence: boolean) =>
    write.mutate(
      { body, buyLicence },
      {
        onSuccess: (u) => onDone(u.name),
        onError: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' }),
      },
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.reset();
    if (licence) setStep('licence');
    else create(false);
  };
  const seatOf = (m: string) => seats.find((s) => s.module === m && s.entitlement.limit !== null);
  return (
    <Card title={<FormattedMessage id="users.add" />} className="users-add">
      {step === 'licence' && portal.subscription ? (
        <LicencePreview
          subscription={portal.subscription}
          name={body.name}
          buyer={buyer}
          pending={write.isPending}
          onConfirm={() => create(buyer)}
          onCancel={() => {
            write.reset();
            setStep('form');
          }}
          error={write.error}
        />
      ) : (
        <form onSubmit={submit} className="users-form">
          <div className="users-fields">
            <label className="field" htmlFor={`${id}-name`}>
              <FormattedMessage id="users.form.name" />
              <input
                ref={nameInput}
                id={`${id}-name`}
                type="text"
                required
                maxLength={200}
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <label className="field" htmlFor={`${id}-email`}>
              <FormattedMessage id="users.form.email" />
              <input
                id={`${id}-email`}
                type="email"
                required
                maxLength={320}
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
          </div>
          <fieldset>
            <legend>
              <FormattedMessage id="users.form.role" />
            </legend>
            <div className="users-choices">
              {roles.map((r) => (
                <label key={r} className="users-choice">
                  <input
                    type="radio"
                    name={`${id}-role`}
                    value={r}
                    checked={role === r}
                    onChange={() => setRole(r)}
                  />
                  <span>
                    <span className="users-choice-name">
                      <FormattedMessage id={`role.${r}`} />
                    </span>
                    <span className="muted small users-choice-help">
                      <FormattedMessage id={`users.form.roleHelp.${r}`} />
                    </span>
                  </span>
                </label>
              ))}
            </div>
            {portal.isOwner ? null : (
              <p className="muted small">
                <FormattedMessage id="users.form.rolesOwnerOnly" />
              </p>
            )}
          </fieldset>
          {plan?.modules.length ? (
            <fieldset>
              <legend>
                <FormattedMessage id="users.form.modules" />
              </legend>
              <p className="muted small">
                <FormattedMessage id="users.form.modulesHelp" />
              </p>
              <div className="users-choices">
                {plan.modules.map((m) => {
                  const seat = seatOf(m);
                  return (
                    <label key={m} className="users-choice">
                      <input
                        type="checkbox"
                        checked={modules.includes(m)}
                        onChange={(e) =>
                          setModules((was) => (e.target.checked ? [...was, m] : was.filter((x) => x !== m)))
                        }
                      />
                      <span>
                        <span className="users-choice-name">{moduleName(m)}</span>
                        {seat ? (
                          <span className="muted small users-choice-help">
                            <FormattedMessage
                              id="users.form.moduleSeats"
                              values={{
                                used: seat.entitlement.used,
                                limit: seat.entitlement.limit ?? 0,
                              }}
                            />
                          </span>
                        ) : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ) : null}
          {(['ask', 'pack', 'licence', 'billed'] as const).map((remedy) => {
            const group = full.filter(
              (f) =>
                f.remedy === remedy &&
                !(isApiError(write.error) && write.error.feature === f.entitlement.feature),
            );
            return group.length ? (
              <SeatNotice
                key={remedy}
                remedy={remedy}
                tone={remedy === 'billed' ? 'info' : 'warning'}
                seats={group.map((f) => ({
                  name: f.name,
                  limit: f.entitlement.limit ?? 0,
                  used: f.entitlement.used,
                }))}
              />
            ) : null;
          })}
          <WriteError
            error={write.error}
            onLicence={portal.canManage && portal.subscription ? () => setStep('licence') : undefined}
          />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={write.isPending}>
              <FormattedMessage id={licence ? 'users.form.continue' : 'users.form.submit'} />
            </button>
            <button type="button" className="button" onClick={onCancel}>
              <FormattedMessage id="action.cancel" />
            </button>
          </div>
          <p className="visually-hidden" aria-live="polite">
            {write.isPending ? intl.formatMessage({ id: 'app.loading' }) : ''}
          </p>
        </form>
      )}
    </Card>
  );
}
