/**
 * What was already invoiced or credited, as the billing function subtracts it: line keys, and a
 * subscription's lines with their quantities, taxes and invoice status. A credit note's line counts
 * as the invoice arithmetic signs it (what it credits is negative). Reads of this module's own tables.
 */
import type { InvoicedLine } from '../domain/billing.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';

/**
 * Keys of the given lines already on an invoice or a credit note (void invoices included: voiding
 * forgives, it does not re-bill).
 */
export async function invoicedKeys(scope: TenantScope, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const chunk = keys.slice(i, i + 10_000);
    const [onInvoices, onNotes] = await Promise.all([
      scope.selectFrom('invoice_lines').select('line_key').where('line_key', 'in', chunk).execute(),
      scope.selectFrom('credit_note_lines').select('line_key').where('line_key', 'in', chunk).execute(),
    ]);
    for (const r of [...onInvoices, ...onNotes]) found.add(r.line_key);
  }
  return found;
}

/**
 * What a subscription has been invoiced, by line key, for the billing function to subtract: every
 * line of it (void ones too), optionally only those of periods from a date on.
 */
export async function invoicedLinesOf(
  scope: TenantScope,
  subscriptionId: string,
  sincePeriod?: string,
): Promise<Map<string, InvoicedLine>> {
  return (await invoicedLinesOfMany(scope, [subscriptionId], sincePeriod)).get(subscriptionId)!;
}

/** `invoicedLinesOf` for many subscriptions at once (from a period start date on, when given). */
export async function invoicedLinesOfMany(
  scope: TenantScope,
  subscriptionIds: readonly string[],
  sincePeriod?: string,
): Promise<Map<string, Map<string, InvoicedLine>>> {
  const out = new Map<string, Map<string, InvoicedLine>>(subscriptionIds.map((id) => [id, new Map()]));
  if (subscriptionIds.length === 0) return out;
  const rows = await scope
    .selectFrom('invoice_lines')
    .innerJoin('invoices', (j) =>
      j
        .onRef('invoices.tenant_id', '=', 'invoice_lines.tenant_id')
        .onRef('invoices.id', '=', 'invoice_lines.invoice_id'),
    )
    .select([
      'invoice_lines.subscription_id',
      'invoice_lines.line_key',
      'invoice_lines.kind',
      'invoice_lines.quantity',
      'invoice_lines.amount',
      'invoice_lines.tax',
      'invoices.status',
    ])
    .where(anyOf('invoice_lines.subscription_id', subscriptionIds))
    .$if(sincePeriod !== undefined, (q) => q.where('invoice_lines.period_start', '>=', sincePeriod!))
    .execute();
  for (const r of rows)
    out.get(r.subscription_id!)?.set(r.line_key, {
      kind: r.kind,
      quantity: Number(r.quantity),
      amount: Number(r.amount),
      tax: Number(r.tax),
      status: r.status,
    });
  const credited = await scope
    .selectFrom('credit_note_lines')
    .select(['subscription_id', 'line_key', 'kind', 'quantity', 'amount', 'tax'])
    .where(anyOf('subscription_id', subscriptionIds))
    .$if(sincePeriod !== undefined, (q) => q.where('period_start', '>=', sincePeriod!))
    .execute();
  const neg = (n: number) => (n === 0 ? 0 : -n);
  for (const r of credited)
    out.get(r.subscription_id!)?.set(r.line_key, {
      kind: r.kind,
      quantity: Number(r.quantity),
      amount: neg(Number(r.amount)),
      tax: neg(Number(r.tax)),
      // A credit note is never voided: what it credits stands.
      status: 'paid',
    });
  return out;
}

/**
 * The invoice a subscription's credit credits: the one holding a refunded line (`…:refund` credits
 * the line it names), else the latest invoice, not void, with lines of the subscription's period
 * from `periodStart` on; null when there is none.
 */
export async function creditedInvoiceOf(
  scope: TenantScope,
  subscriptionId: string,
  periodStart: string | null,
  creditKeys: readonly string[],
): Promise<string | null> {
  const refunded = creditKeys.filter((k) => k.endsWith(':refund')).map((k) => k.slice(0, -':refund'.length));
  const base = () =>
    scope
      .selectFrom('invoice_lines')
      .innerJoin('invoices', (j) =>
        j
          .onRef('invoices.tenant_id', '=', 'invoice_lines.tenant_id')
          .onRef('invoices.id', '=', 'invoice_lines.invoice_id'),
      )
      .select('invoices.id')
      .where('invoice_lines.subscription_id', '=', subscriptionId)
      .where('invoices.status', '!=', 'void')
      .orderBy('invoices.number', 'desc')
      .limit(1);
  if (refunded.length > 0) {
    const row = await base().where('invoice_lines.line_key', 'in', refunded).executeTakeFirst();
    if (row) return row.id;
  }
  const row = await base()
    .$if(periodStart !== null, (q) => q.where('invoice_lines.period_start', '>=', periodStart!))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Open invoices of a subscription holding lines of a period from `periodStart` on. */
export async function openInvoicesOf(scope: TenantScope, subscriptionId: string, periodStart: string) {
  const rows = await scope
    .selectFrom('invoice_lines')
    .innerJoin('invoices', (j) =>
      j
        .onRef('invoices.tenant_id', '=', 'invoice_lines.tenant_id')
        .onRef('invoices.id', '=', 'invoice_lines.invoice_id'),
    )
    .select('invoices.id')
    .distinct()
    .where('invoice_lines.subscription_id', '=', subscriptionId)
    .where('invoice_lines.period_start', '>=', periodStart)
    .where('invoice_lines.kind', '!=', 'credit')
    .where('invoices.status', '=', 'open')
    .orderBy('invoices.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether anything was ever invoiced to the account (drafts, voided and paid invoices included). */
export async function hasInvoices(scope: TenantScope, accountId: string): Promise<boolean> {
  const row = await scope
    .selectFrom('invoices')
    .select('id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}
