import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { Alert, ProblemAlert, useWhoToAsk } from '../components/ui.tsx';
import { isApiError } from '../lib/api.ts';
import { type Remedy, useSeats } from './userSeats.ts';

/** The server's refusal: a full seat type gets its own words (who can add one, or where seats are sold). */
export function WriteError({ error, onLicence }: { error: unknown; onLicence?: () => void }) {
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
export function SeatNotice({
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
