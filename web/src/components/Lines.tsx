import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Invoice } from '../lib/api.ts';
import { useFormat } from '../lib/format.ts';

/** What a table of lines needs of an invoice, a preview or a credit note. */
export interface LinedDocument {
  lines: Invoice['lines'];
  currency: string;
  subtotal: number;
  tax: number;
  tax_rate_bps: number;
}

/**
 * A document's lines, each with what it is for and, when prorated, its day count ("20 of 30 days"),
 * then the subtotal and the tax; the rows after those (what is due, where a credit went) are the
 * caller's, as `children`. `isCredit` marks the lines shown as credits: an invoice's negative ones, a
 * credit note's positive ones.
 */
export function LineTable({
  document: doc,
  caption,
  isCredit,
  children,
}: {
  document: LinedDocument;
  caption?: string | undefined;
  isCredit: (amount: number) => boolean;
  children: ReactNode;
}) {
  const f = useFormat();
  const money = (n: number) => f.money(n, doc.currency);
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
        {doc.lines.map((line, i) => (
          // Lines have no id of their own; their order is the document's.
          // biome-ignore lint/suspicious/noArrayIndexKey: positions are stable within a document
          <tr key={i} className={isCredit(line.amount) ? 'credit' : undefined}>
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
          <td className="num">{money(doc.subtotal)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={2}>
            <FormattedMessage id="lines.tax" values={{ rate: doc.tax_rate_bps / 10000 }} />
          </th>
          <td className="num">{money(doc.tax)}</td>
        </tr>
        {children}
      </tfoot>
    </table>
  );
}

/** One row of a table's totals: a label and an amount. */
export function TotalRow({
  label,
  amount,
  className,
}: {
  label: ReactNode;
  amount: string;
  className?: string;
}) {
  return (
    <tr className={className}>
      <th scope="row" colSpan={2}>
        {label}
      </th>
      <td className="num">{amount}</td>
    </tr>
  );
}

/** An invoice's or a preview's lines, its total, the credit used and what is due now. */
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
    <LineTable document={invoice} caption={caption} isCredit={(amount) => amount < 0}>
      <TotalRow
        className="total"
        label={<FormattedMessage id="lines.total" />}
        amount={money(invoice.total)}
      />
      {invoice.credit_applied ? (
        <TotalRow label={<FormattedMessage id="lines.credit" />} amount={money(-invoice.credit_applied)} />
      ) : null}
      <TotalRow
        className="due"
        label={<FormattedMessage id="lines.due" />}
        amount={money(invoice.amount_due)}
      />
    </LineTable>
  );
}
