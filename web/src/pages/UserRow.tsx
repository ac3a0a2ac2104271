import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert, Badge } from '../components/ui.tsx';
import { allot, type User } from '../lib/api.ts';
import { useWrite } from '../lib/data.ts';
import { moduleName } from '../lib/format.ts';
import { usePortal } from '../lib/portal.tsx';
import { WriteError } from './SeatNotice.tsx';
import { LicencePreview } from './UserAddForm.tsx';
import { needsLicence, useSeats } from './userSeats.ts';
import './Users.css';

export function UserRow({
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
