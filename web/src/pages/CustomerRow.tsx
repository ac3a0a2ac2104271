import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { Badge } from '../components/ui.tsx';
import { useFormat } from '../lib/format.ts';
import type { Row, Seats } from './customerRows.ts';
import { Unlimited } from './customersLabels.tsx';
import './Customers.css';

/** One customer's row: its name (a link to its page), each seat feature's figures, its sites, its cycle. */
export function CustomerRow({
  row: r,
  features,
  column,
}: {
  row: Row;
  features: string[];
  column(id: string, feature: string): string;
}) {
  const intl = useIntl();
  const f = useFormat();
  return (
    <tr>
      <th scope="row" className="customers-name">
        <Link href={`/customers/${r.id}`}>{r.name}</Link>
      </th>
      {features.map((feature) => {
        const s = r.seats.get(feature) ?? { allocated: 0, used: 0 };
        const full = s.allocated !== null && s.allocated > 0 && s.used >= s.allocated;
        return (
          <FeatureCells
            key={feature}
            seats={s}
            full={full}
            labels={{
              allocated: column('customers.col.allocated', feature),
              used: column('customers.col.used', feature),
              free: column('customers.col.free', feature),
            }}
          />
        );
      })}
      <td className="num customers-sites" data-label={intl.formatMessage({ id: 'customers.col.sites' })}>
        {f.number(r.sites)}
      </td>
      <td className="customers-cycle" data-label={intl.formatMessage({ id: 'customers.col.cycle' })}>
        {r.period ? <FormattedMessage id={`period.${r.period}`} /> : '—'}
        {r.scheduled ? (
          <span className="muted small customers-scheduled">
            <FormattedMessage
              id="customers.cycleFrom"
              values={{ period: r.scheduled.period, date: f.date(r.scheduled.at) }}
            />
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function FeatureCells({
  seats: s,
  full,
  labels,
}: {
  seats: Seats;
  full: boolean;
  labels: { allocated: string; used: string; free: string };
}) {
  const f = useFormat();
  return (
    <>
      <td className="num" data-label={labels.allocated}>
        {s.allocated === null ? <Unlimited /> : f.number(s.allocated)}
      </td>
      <td className="num" data-label={labels.used}>
        {f.number(s.used)}
      </td>
      <td className="num" data-label={labels.free}>
        {s.allocated === null ? '—' : f.number(Math.max(0, s.allocated - s.used))}
        {full ? (
          <>
            {' '}
            <Badge tone="warning">
              <FormattedMessage id="customers.full" />
            </Badge>
          </>
        ) : null}
      </td>
    </>
  );
}
