import { FormattedMessage } from 'react-intl';
import { QuotaMeter } from '../components/Meter.tsx';
import { Card } from '../components/ui.tsx';
import type { Entitlement } from '../lib/api.ts';
import { useEntitlements } from '../lib/data.ts';
import { useFormat } from '../lib/format.ts';
import type { Seats } from './customerRows.ts';
import { Unlimited, useFeatureName } from './customersLabels.tsx';
import './Customers.css';

/** A meter of used over allocated, as the overview's quota meters show it. */
function asEntitlement(feature: string, s: Seats): Entitlement {
  const limit = s.allocated;
  const state =
    limit === null ? 'ok' : s.used >= limit ? 'exhausted' : s.used >= limit * 0.8 ? 'warning' : 'ok';
  return {
    allowed: true,
    feature,
    kind: 'seat',
    limit,
    used: s.used,
    remaining: limit === null ? null : Math.max(0, limit - s.used),
    state,
    enabled: true,
    period_start: null,
    period_end: null,
    overage: 'block',
    warn_at: [80, 100],
  };
}

/** Per seat feature: allocated to all customers, used, free, and what the partner has not handed out yet. */
export function CustomersTotals({ features, totals }: { features: string[]; totals: Map<string, Seats> }) {
  const f = useFormat();
  const name = useFeatureName();
  const own = useEntitlements();
  return (
    <Card title={<FormattedMessage id="customers.totals.title" />}>
      <p className="muted small">
        <FormattedMessage id="customers.totals.help" />
      </p>
      <div className="customers-totals">
        {features.map((feature) => {
          const t = totals.get(feature)!;
          const held = own.data?.find((e) => e.feature === feature && e.kind === 'seat')?.limit ?? null;
          return (
            <div key={feature} className="customers-total">
              {t.allocated === null ? (
                <p className="meter-name">{name(feature)}</p>
              ) : (
                <QuotaMeter entitlement={asEntitlement(feature, t)} name={name(feature)} elapsed={null} />
              )}
              <dl className="facts customers-facts">
                <div>
                  <dt>
                    <FormattedMessage id="customers.allocated" />
                  </dt>
                  <dd>{t.allocated === null ? <Unlimited /> : f.number(t.allocated)}</dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="customers.used" />
                  </dt>
                  <dd>{f.number(t.used)}</dd>
                </div>
                <div>
                  <dt>
                    <FormattedMessage id="customers.free" />
                  </dt>
                  <dd>{t.allocated === null ? '—' : f.number(Math.max(0, t.allocated - t.used))}</dd>
                </div>
                {held !== null && t.allocated !== null ? (
                  <div>
                    <dt>
                      <FormattedMessage id="customers.unallocated" />
                    </dt>
                    <dd>
                      {f.number(Math.max(0, held - t.allocated))}{' '}
                      <span className="muted small customers-of">
                        <FormattedMessage id="customers.unallocatedOf" values={{ limit: held }} />
                      </span>
                    </dd>
                  </div>
                ) : null}
              </dl>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
