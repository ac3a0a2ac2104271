import { FormattedMessage, useIntl } from 'react-intl';
import type { Entitlement } from '../lib/api.ts';

/**
 * One quota: used of limit as a meter, coloured by its state (ok, warning, exhausted), and where the
 * period stands, so "70 % used with 40 % of the month gone" reads at a glance.
 */
export function QuotaMeter({
  entitlement,
  name,
  elapsed,
}: {
  entitlement: Entitlement;
  name: string;
  elapsed: number | null;
}) {
  const intl = useIntl();
  const limit = entitlement.limit ?? 0;
  const used = entitlement.used ?? 0;
  const ratio = limit > 0 ? Math.min(1, used / limit) : used > 0 ? 1 : 0;
  const state = entitlement.state ?? 'ok';
  const id = `meter-${entitlement.feature}`;
  return (
    <div className={`meter meter-${state}`}>
      <div className="meter-head">
        <span id={`${id}-label`} className="meter-name">
          {name}
        </span>
        <span className="meter-figures">
          <FormattedMessage id="overview.usedOf" values={{ used, limit }} />
        </span>
      </div>
      <meter
        className="visually-hidden"
        aria-labelledby={`${id}-label`}
        min={0}
        max={Math.max(limit, 1)}
        value={Math.min(used, limit)}
        aria-valuetext={intl.formatMessage({ id: 'overview.usedOf' }, { used, limit })}
      />
      <div className="meter-track" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
        {elapsed !== null ? (
          <div className="meter-pace" style={{ left: `${(elapsed * 100).toFixed(1)}%` }} />
        ) : null}
      </div>
      <div className="meter-foot">
        <span className={`state state-${state}`}>
          <FormattedMessage id={`overview.state.${state}`} />
        </span>
        {elapsed !== null && elapsed >= 0.05 && limit > 0 && used > 0 ? (
          <span className="muted small">
            <FormattedMessage
              id="overview.pace"
              values={{
                elapsed: Math.round(elapsed * 100),
                projected: elapsed > 0.05 ? Math.round(used / elapsed) : used,
                limit,
              }}
            />
          </span>
        ) : null}
      </div>
    </div>
  );
}
