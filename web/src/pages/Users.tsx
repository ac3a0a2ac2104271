import { useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { QuotaMeter } from '../components/Meter.tsx';
import { Alert, Card, Loading, PageHeader, ProblemAlert, useWhoToAsk } from '../components/ui.tsx';
import { useUsers } from '../lib/data.ts';
import { usePortal } from '../lib/portal.tsx';
import { UserAddForm } from './UserAddForm.tsx';
import { UserRow } from './UserRow.tsx';
import { useSeats } from './userSeats.ts';
import './Users.css';

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
        <UserAddForm
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
