import { FormattedMessage } from 'react-intl';
import type { Invoice } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';

/**
 * An invoice's or a preview's lines, each with what it is for and, when prorated, its day count
 * ("20 of 30 days"), then the totals and what is due now.
 */
export function Lines({ invoice, caption }: { invoice: Invoice; caption?: string }) {
  const f = useFormat();
  const money = (n: number) => f.money(n, invoice.currency);
  if (invoice.lines.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="lines.none" />
      </p>
    );
  }
  return (
    <table className="lines">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">
            <FormattedMessage id="lines.description" />
          </th>
          <th scope="col" className="num">
            <FormattedMessage id="lines.quantity" />
          </th>
          <th scope="col" className="num">
            <FormattedMessage id="lines.amount" />
          </th>
        </tr>
      </thead>
      <tbody>
        {invoice.lines.map((line, i) => (
          // Lines have no id of their own; their order is the invoice's.
          // biome-ignore lint/suspicious/noArrayIndexKey: positions are stable within an invoice
          <tr key={i} className={line.amount < 0 ? 'credit' : undefined}>
            <td>
              <span className="line-text">{line.description}</span>
              {line.proration ? (
                <span className="line-days">
                  <FormattedMessage
                    id="lines.days"
                    values={{ days: line.proration.days, period: line.proration.period_days }}
                  />
                </span>
              ) : null}
              {line.period_start && line.period_end ? (
                <span className="line-period">
                  {f.shortDay(line.period_start)} – {f.shortDay(f.lastDay(line.period_end))}
                </span>
              ) : null}
            </td>
            <td className="num">{f.number(line.quantity)}</td>
            <td className="num">{money(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            <FormattedMessage id="lines.subtotal" />
          </th>
          <td className="num">{money(invoice.subtotal)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={2}>
            <FormattedMessage id="lines.tax" values={{ rate: invoice.tax_rate_bps / 10000 }} />
          </th>
          <td className="num">{money(invoice.tax)}</td>
        </tr>
        <tr className="total">
          <th scope="row" colSpan={2}>
            <FormattedMessage id="lines.total" />
          </th>
          <td className="num">{money(invoice.total)}</td>
        </tr>
        {invoice.credit_applied ? (
          <tr>
            <th scope="row" colSpan={2}>
              <FormattedMessage id="lines.credit" />
            </th>
            <td className="num">{money(-invoice.credit_applied)}</td>
          </tr>
        ) : null}
        <tr className="due">
          <th scope="row" colSpan={2}>
            <FormattedMessage id="lines.due" />
          </th>
          <td className="num">{money(invoice.amount_due)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
