import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Alert } from '../components/ui.tsx';
import { type AllocationPreview, isApiError } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';

/** What the allocation editor (CustomerAllocation.tsx) says when the partner holds too few seats, and when it is done. */

/** 409 seats_exhausted: how many seats the partner holds and how many the change would hand out. */
export function Exhausted({ error }: { error: unknown }) {
  if (!isApiError(error) || error.code !== 'seats_exhausted') return null;
  const held = typeof error.allocated === 'number' ? error.allocated : null;
  const wanted = typeof error.used === 'number' ? error.used : null;
  if (held === null || wanted === null) return null;
  return (
    <p className="customer-invalid">
      <FormattedMessage id="customer.alloc.exhausted" values={{ held, wanted, over: wanted - held }} />
    </p>
  );
}

export function Done({
  site,
  result,
  preview,
  payerName,
  featureName,
  onClose,
}: {
  site: string;
  result: { feature: string; allocated: number | null }[];
  preview: AllocationPreview | null;
  payerName: (account: string) => string | null;
  featureName: (key: string) => string;
  onClose: () => void;
}) {
  const intl = useIntl();
  const f = useFormat();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  const invoice = preview?.invoices[0];
  return (
    <div ref={ref} tabIndex={-1} className="customer-done">
      <Alert tone="success" title={<FormattedMessage id="customer.alloc.doneTitle" />}>
        <p>
          <FormattedMessage
            id="customer.alloc.done"
            values={{
              site,
              seats: intl.formatList(
                result.map((s) =>
                  intl.formatMessage(
                    { id: 'customer.alloc.doneItem' },
                    { n: s.allocated ?? 0, feature: featureName(s.feature) },
                  ),
                ),
              ),
            }}
          />
        </p>
        <p>
          {invoice ? (
            <FormattedMessage
              id="customer.alloc.doneInvoice"
              values={{
                amount: f.money(invoice.total, invoice.currency),
                payer: payerName(invoice.account) ?? '',
                known: payerName(invoice.account) ? 'yes' : 'no',
              }}
            />
          ) : (
            <FormattedMessage id="customer.alloc.doneNoInvoice" />
          )}
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={onClose}>
            <FormattedMessage id="action.close" />
          </button>
        </div>
      </Alert>
    </div>
  );
}
