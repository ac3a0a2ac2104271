/**
 * `allot invoices export --from --to`: every invoice and credit note issued in a date range, one CSV
 * row each, for an accountant. The issue date is the one printed on the document (the day in the
 * account's time zone); the due date is the issue date plus the tenant's payment terms, as the PDF
 * prints it. Amounts come twice: in minor units as the API gives them, and as decimal strings made
 * from those integers (no floating point on the way). A credit note's amounts are positive, as printed
 * on it: what it credits.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { minorUnitsOf } from '../domain/currencies.ts';
import { toDecimalString } from '../domain/money.ts';
import { Temporal } from '../platform/clock/clock.ts';
import { type Api, connect, everyItem, targetOf, withApiOptions } from './api.ts';
import { UsageError } from './errors.ts';

export const CSV_COLUMNS = [
  'number',
  'kind',
  'issue_date',
  'due_date',
  'status',
  'account_id',
  'account_external_id',
  'account_name',
  'currency',
  'subtotal_minor',
  'tax_minor',
  'total_minor',
  'amount_due_minor',
  'subtotal',
  'tax',
  'total',
  'amount_due',
  'credited_invoice',
  'id',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number>;

/** What the export reads of an invoice or a credit note. */
interface Document {
  id: string | null;
  number: string | null;
  sequence: number | null;
  account: string;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  issued_at: string;
  status?: string;
  amount_due?: number;
  invoice_number?: string | null;
}

interface AccountInfo {
  id: string;
  external_id: string | null;
  name: string;
  timezone: string;
}

function dateOption(text: string, option: string): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new UsageError(`${option} is a date, e.g. 2026-01-31; got ${text}`);
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    throw new UsageError(`${option} is not a day of the calendar: ${text}`);
  }
}

const decimal = (amount: number, currency: string) => toDecimalString(amount, minorUnitsOf(currency));

/** The rows of the documents issued from `from` to `to`, both days included, by issue date then number. */
export async function invoiceRows(
  api: Api,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): Promise<Row[]> {
  const { payment_terms_days: terms } = await api.tenant.get();
  const accounts = new Map<string, Promise<AccountInfo>>();
  const accountOf = (id: string) => {
    let a = accounts.get(id);
    if (!a) {
      a = api.client.accounts.get(id) as Promise<AccountInfo>;
      accounts.set(id, a);
    }
    return a;
  };
  const out: { row: Row; day: Temporal.PlainDate; order: number }[] = [];
  const add = async (doc: Document, kind: 'invoice' | 'credit_note') => {
    const account = await accountOf(doc.account);
    const day = Temporal.Instant.from(doc.issued_at).toZonedDateTimeISO(account.timezone).toPlainDate();
    if (Temporal.PlainDate.compare(day, from) < 0 || Temporal.PlainDate.compare(day, to) > 0) return;
    const due = kind === 'invoice' ? (doc.amount_due ?? doc.total) : null;
    out.push({
      day,
      order: (kind === 'invoice' ? 0 : 1e12) + (doc.sequence ?? 0),
      row: {
        number: doc.number ?? '',
        kind,
        issue_date: day.toString(),
        due_date: kind === 'invoice' ? day.add({ days: terms }).toString() : '',
        status: kind === 'invoice' ? (doc.status ?? '') : 'issued',
        account_id: account.id,
        account_external_id: account.external_id ?? '',
        account_name: account.name,
        currency: doc.currency,
        subtotal_minor: doc.subtotal,
        tax_minor: doc.tax,
        total_minor: doc.total,
        amount_due_minor: due ?? '',
        subtotal: decimal(doc.subtotal, doc.currency),
        tax: decimal(doc.tax, doc.currency),
        total: decimal(doc.total, doc.currency),
        amount_due: due === null ? '' : decimal(due, doc.currency),
        credited_invoice: doc.invoice_number ?? '',
        id: doc.id ?? '',
      },
    });
  };
  for await (const invoice of everyItem((p) => api.client.invoices.list(p)))
    await add(invoice as Document, 'invoice');
  for await (const note of everyItem((p) => api.client.creditNotes.list(p)))
    await add(note as Document, 'credit_note');
  out.sort((a, b) => Temporal.PlainDate.compare(a.day, b.day) || a.order - b.order);
  return out.map((o) => o.row);
}

export function registerInvoices(program: Command): void {
  const invoices = withApiOptions(program.command('invoices').description('Invoices of a running Allot.'));
  invoices
    .command('export')
    .description(
      'Write the invoices and credit notes issued from one day to another (both included) as CSV, one row each.',
    )
    .requiredOption('--from <date>', 'the first issue date, e.g. 2026-01-01')
    .requiredOption('--to <date>', 'the last issue date, e.g. 2026-03-31')
    .option('-o, --output <file>', 'where to write (default: stdout)')
    .option('--bom', 'begin with a UTF-8 byte order mark (for spreadsheets that need one to read accents)')
    .action(async (opts: { from: string; to: string; output?: string; bom?: boolean }, command: Command) => {
      const from = dateOption(opts.from, '--from');
      const to = dateOption(opts.to, '--to');
      if (Temporal.PlainDate.compare(to, from) < 0) throw new UsageError('--to is before --from.');
      const api = connect(targetOf(command));
      const rows = await invoiceRows(api, from, to);
      const csv = stringify(rows, { header: true, columns: [...CSV_COLUMNS], bom: opts.bom ?? false });
      if (opts.output) await writeFile(opts.output, csv);
      else process.stdout.write(csv);
      const n = (kind: string) => rows.filter((r) => r.kind === kind).length;
      const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
      process.stderr.write(
        `${plural(n('invoice'), 'invoice')} and ${plural(n('credit_note'), 'credit note')} issued ${from} to ${to}${opts.output ? `, written to ${opts.output}` : ''}.\n`,
      );
    });
}
