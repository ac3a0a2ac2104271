import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { Lines } from '../components/Lines.tsx';
import { QuotaMeter } from '../components/Meter.tsx';
import { Alert, Badge, Card, Loading, PageHeader, ProblemAlert, useWhoToAsk } from '../components/ui.tsx';
import {
  allot,
  type Entitlement,
  isApiError,
  type Role,
  type Subscription,
  type User,
  type UserCreate,
} from '../lib/api.ts';
import { useEntitlements, useFeatures, usePlans, useUsers, useWrite } from '../lib/data.ts';
import { moduleName, useFormat } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import './Users.css';

/** One seat type of the account: the entitlement, its feature's name and the module it counts (null: everyone). */
interface Seat {
  entitlement: Entitlement;
  name: string;
  module: string | null;
}

/**
 * What frees a seat of a full seat type, for the reader: a licence (per-licence plan, a manager buys it),
 * a pack (seats not sold per licence), asking a manager (a member), or nothing to do (extra users are
 * let in and counted at the end of the period).
 */
type Remedy = 'licence' | 'pack' | 'ask' | 'billed';
interface FullSeat extends Seat {
  remedy: Remedy;
}

function useSeats() {
  const portal = usePortal();
  const entitlements = useEntitlements();
  const features = useFeatures();
  const plans = usePlans();
  const s = portal.subscription;
  const plan = s ? plans.data?.data.find((p) => p.id === s.plan) : undefined;
  const price =
    s && plan
      ? plan.prices.find((p) => p.billing_period === s.billing_period && p.currency === s.currency)
      : undefined;
  const perSeat = price?.per_seat ?? false;
  const seats: Seat[] = (entitlements.data ?? [])
    .filter((e) => e.kind === 'seat' && e.enabled)
    .map((e) => {
      const feature = features.data?.data.find((f) => f.key === e.feature);
      return { entitlement: e, name: feature?.name ?? e.feature, module: feature?.module ?? null };
    });
  const remedyOf = (seat: Seat): Remedy =>
    seat.entitlement.overage === 'bill'
      ? 'billed'
      : !portal.canManage
        ? 'ask'
        : perSeat && s
          ? 'licence'
          : 'pack';
  /** The seat types with no free seat that a new active user holding these modules would take. */
  const fullFor = (modules: readonly string[]): FullSeat[] =>
    seats
      .filter((seat) => {
        const e = seat.entitlement;
        if (e.limit === null || e.used < e.limit || e.overage === 'allow') return false;
        return seat.module === null || modules.includes(seat.module);
      })
      .map((seat) => ({ ...seat, remedy: remedyOf(seat) }));
  return {
    loading: !entitlements.data || !features.data || !plans.data,
    seats,
    plan,
    price,
    perSeat,
    fullFor,
    remedyOf,
  };
}

/** A licence is bought first when a full seat type is sold per licence and nothing else blocks the user. */
const needsLicence = (full: readonly FullSeat[]) =>
  full.some((f) => f.remedy === 'licence') &&
  full.every((f) => f.remedy === 'licence' || f.remedy === 'billed');

/** The account's users and seats (S8): add users, deactivate and reactivate them. */
export function Users() {
  const users = useUsers();
  const list = users.data?.data ?? [];
  const active = list.filter((u) => u.status === 'active').length;
  return (
    <>
      <PageHeader title={<FormattedMessage id="users.title" />}>
        {users.data ? (
          <p className="muted">
            <FormattedMessage id="users.count" values={{ active, deactivated: list.length - active }} />
          </p>
        ) : null}
      </PageHeader>
      <Seats />
      <UserList />
    </>
  );
}

/** Used of limit per seat type (an account-wide one, or one per module). */
function Seats() {
  const { subscription, canManage } = usePortal();
  const { loading, seats, perSeat } = useSeats();
  if (loading) return <Loading />;
  const limited = seats.filter((s) => s.entitlement.limit !== null);
  if (!limited.length) return null;
  const billed = limited.some((s) => s.entitlement.overage === 'bill');
  const byLicence = perSeat && subscription && limited.some((s) => s.entitlement.overage === 'block');
  return (
    <Card title={<FormattedMessage id="users.seats" />}>
      <p className="muted small">
        <FormattedMessage id="users.seatsHelp" />
      </p>
      <div className="meters">
        {limited.map((s) => (
          <QuotaMeter key={s.entitlement.feature} entitlement={s.entitlement} name={s.name} elapsed={null} />
        ))}
      </div>
      {byLicence ? (
        <p className="muted small users-seats-note">
          <FormattedMessage id="users.seats.licences" values={{ n: subscription.quantity }} />{' '}
          {canManage ? (
            <Link href="/licences">
              <FormattedMessage id="users.seats.licencesLink" />
            </Link>
          ) : null}
        </p>
      ) : null}
      {billed ? (
        <p className="muted small users-seats-note">
          <FormattedMessage id="users.seats.billed" />{' '}
          <Link href="/packs">
            <FormattedMessage id="users.packsLink" />
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

function UserList() {
  const intl = useIntl();
  const portal = usePortal();
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  if (users.isError) {
    return (
      <Card>
        <ProblemAlert error={users.error} />
      </Card>
    );
  }
  if (!users.data) return <Loading />;
  const list = [...users.data.data].sort(
    (a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || a.name.localeCompare(b.name),
  );
  const showModules = list.some((u) => u.modules.length > 0);
  const close = (message: string | null) => {
    setAdding(false);
    setDone(message);
    addButton.current?.focus();
  };
  return (
    <>
      <Card
        title={<FormattedMessage id="users.list" />}
        actions={
          adding ? null : (
            <button
              ref={addButton}
              type="button"
              className="button button-primary"
              onClick={() => {
                setDone(null);
                setAdding(true);
              }}
            >
              <FormattedMessage id="users.add" />
            </button>
          )
        }
      >
        {done ? <Alert tone="success">{done}</Alert> : null}
        <div className="table-wrap">
          <table className="users-table">
            <caption className="visually-hidden">
              <FormattedMessage id="users.list" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="users.col.name" />
                </th>
                <th scope="col">
                  <FormattedMessage id="users.col.roles" />
                </th>
                {showModules ? (
                  <th scope="col">
                    <FormattedMessage id="users.col.modules" />
                  </th>
                ) : null}
                <th scope="col">
                  <FormattedMessage id="users.col.status" />
                </th>
                {portal.canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">
                      <FormattedMessage id="users.col.actions" />
                    </span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  showModules={showModules}
                  columns={3 + (showModules ? 1 : 0) + (portal.canManage ? 1 : 0)}
                  labels={{
                    name: intl.formatMessage({ id: 'users.col.name' }),
                    roles: intl.formatMessage({ id: 'users.col.roles' }),
                    modules: intl.formatMessage({ id: 'users.col.modules' }),
                    status: intl.formatMessage({ id: 'users.col.status' }),
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
        {portal.canManage ? null : <MemberNote />}
      </Card>
      {adding ? (
        <AddUser
          onDone={(name) => close(intl.formatMessage({ id: 'users.added' }, { name }))}
          onCancel={() => close(null)}
        />
      ) : null}
    </>
  );
}

function MemberNote() {
  const who = useWhoToAsk();
  return (
    <p className="readonly-note">
      <FormattedMessage id="users.memberNote" values={{ who }} />
    </p>
  );
}

function UserRow({
  user,
  showModules,
  columns,
  labels,
}: {
  user: User;
  showModules: boolean;
  columns: number;
  labels: Record<'name' | 'roles' | 'modules' | 'status', string>;
}) {
  const intl = useIntl();
  const portal = usePortal();
  const { fullFor } = useSeats();
  const client = useQueryClient();
  const [step, setStep] = useState<'idle' | 'deactivate' | 'licence'>('idle');
  const [result, setResult] = useState<string | null>(null);
  const write = useWrite(async (input: { status: User['status']; buyLicence: boolean }) => {
    const s = portal.subscription;
    if (input.buyLicence && s) await allot().subscriptions.change(s.id, { quantity: s.quantity + 1 });
    return allot().users.update(portal.account.id, user.id, { status: input.status });
  });
  const self = user.id === portal.session.user.id;
  const active = user.status === 'active';
  const run = (status: User['status'], buyLicence = false) =>
    write.mutate(
      { status, buyLicence },
      {
        onSuccess: (u) => {
          setStep('idle');
          setResult(
            intl.formatMessage(
              { id: u.status === 'active' ? 'users.reactivated' : 'users.deactivated' },
              { name: u.name },
            ),
          );
        },
        // A licence bought before a refused reactivation is real: read everything again.
        onError: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' }),
      },
    );
  const reactivate = () => {
    setResult(null);
    write.reset();
    if (portal.canManage && needsLicence(fullFor(user.modules))) setStep('licence');
    else run('active');
  };
  const buyer = !portal.session.user.roles.includes('subscription_manager');
  const expanded = step !== 'idle' || write.error || result;
  return (
    <>
      <tr className={active ? undefined : 'users-inactive'}>
        <td data-label={labels.name}>
          <span className="users-name">{user.name}</span>
          {self ? (
            <span className="muted small">
              {' '}
              <FormattedMessage id="users.you" />
            </span>
          ) : null}
          <span className="users-email muted small">{user.email}</span>
        </td>
        <td data-label={labels.roles}>
          {user.roles.map((r) => intl.formatMessage({ id: `role.${r}` })).join(', ')}
        </td>
        {showModules ? (
          <td data-label={labels.modules}>
            {user.modules.length ? (
              <ul className="chips">
                {user.modules.map((m) => (
                  <li key={m}>{moduleName(m)}</li>
                ))}
              </ul>
            ) : (
              <span className="muted">
                <FormattedMessage id="users.noModules" />
              </span>
            )}
          </td>
        ) : null}
        <td data-label={labels.status}>
          <Badge tone={active ? 'ok' : 'neutral'}>
            <FormattedMessage id={`users.status.${user.status}`} />
          </Badge>
        </td>
        {portal.canManage ? (
          <td className="users-actions">
            {self || step !== 'idle' ? null : active ? (
              <button
                type="button"
                className="button"
                aria-label={intl.formatMessage({ id: 'users.deactivateLabel' }, { name: user.name })}
                onClick={() => {
                  setResult(null);
                  write.reset();
                  setStep('deactivate');
                }}
              >
                <FormattedMessage id="users.deactivate" />
              </button>
            ) : (
              <button
                type="button"
                className="button"
                disabled={write.isPending}
                aria-label={intl.formatMessage({ id: 'users.reactivateLabel' }, { name: user.name })}
                onClick={reactivate}
              >
                <FormattedMessage id="users.reactivate" />
              </button>
            )}
          </td>
        ) : null}
      </tr>
      {expanded ? (
        <tr className="users-followup">
          <td colSpan={columns}>
            {step === 'deactivate' ? (
              <div className="confirm">
                <p>
                  <FormattedMessage id="users.confirmDeactivate" values={{ name: user.name }} />
                </p>
                <div className="actions">
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={write.isPending}
                    onClick={() => run('deactivated')}
                  >
                    <FormattedMessage id="users.deactivateYes" values={{ name: user.name }} />
                  </button>
                  <button type="button" className="button" onClick={() => setStep('idle')}>
                    <FormattedMessage id="action.cancel" />
                  </button>
                </div>
              </div>
            ) : null}
            {step === 'licence' && portal.subscription ? (
              <LicencePreview
                subscription={portal.subscription}
                name={user.name}
                buyer={buyer}
                pending={write.isPending}
                onConfirm={() => run('active', buyer)}
                onCancel={() => setStep('idle')}
              />
            ) : null}
            {result ? <Alert tone="success">{result}</Alert> : null}
            <WriteError error={write.error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The server's refusal: a full seat type gets its own words (who can add one, or where seats are sold). */
function WriteError({ error, onLicence }: { error: unknown; onLicence?: () => void }) {
  const { seats, remedyOf } = useSeats();
  if (!error) return null;
  if (isApiError(error) && error.code === 'seats_exhausted') {
    const key = typeof error.feature === 'string' ? error.feature : '';
    const seat = seats.find((s) => s.entitlement.feature === key);
    const limit = typeof error.allocated === 'number' ? error.allocated : (seat?.entitlement.limit ?? 0);
    const used = typeof error.used === 'number' ? error.used : (seat?.entitlement.used ?? limit);
    const remedy = seat ? remedyOf(seat) : 'ask';
    return (
      <SeatNotice
        tone="danger"
        seats={[{ name: seat?.name ?? key, limit, used }]}
        remedy={remedy === 'billed' ? 'ask' : remedy}
        onLicence={onLicence}
      />
    );
  }
  return <ProblemAlert error={error} />;
}

/** What full seat types mean for the reader, and what to do about them (one notice per remedy). */
function SeatNotice({
  seats,
  remedy,
  tone,
  onLicence,
}: {
  seats: { name: string; limit: number; used: number }[];
  remedy: Remedy;
  tone: 'warning' | 'danger' | 'info';
  onLicence?: () => void;
}) {
  const intl = useIntl();
  const who = useWhoToAsk();
  const billed = remedy === 'billed' ? 'yes' : 'no';
  const one = seats.length === 1 ? seats[0] : undefined;
  const title = one
    ? intl.formatMessage(
        { id: 'users.full.title' },
        { feature: one.name, used: one.used, limit: one.limit, billed },
      )
    : intl.formatMessage(
        { id: 'users.full.titleMany' },
        {
          billed,
          features: intl.formatList(
            seats.map((s) =>
              intl.formatMessage(
                { id: 'users.full.item' },
                { feature: s.name, used: s.used, limit: s.limit },
              ),
            ),
          ),
        },
      );
  return (
    <Alert tone={tone} title={title}>
      <p>
        <FormattedMessage id={`users.full.${remedy}`} values={{ who }} />
      </p>
      {remedy === 'pack' || remedy === 'billed' ? (
        <p>
          <Link href="/packs">
            <FormattedMessage id="users.packsLink" />
          </Link>
        </p>
      ) : null}
      {remedy === 'licence' && onLicence ? (
        <div className="actions">
          <button type="button" className="button" onClick={onLicence}>
            <FormattedMessage id="users.licence.see" />
          </button>
        </div>
      ) : null}
    </Alert>
  );
}

/** What one more licence costs now, from the server's preview, before a manager confirms. */
function LicencePreview({
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

function AddUser({ onDone, onCancel }: { onDone(name: string): void; onCancel(): void }) {
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
