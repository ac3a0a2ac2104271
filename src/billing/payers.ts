/**
 * Who pays an account's charges: itself, or — with `bill_to_parent` — its parent (and so on up), so a
 * reseller gets its customers' and sites' charges on its own invoice, at its tax rate and from its
 * credit, each line naming whose it is.
 */
import { type AccountRow, ancestorChains } from '../accounts/accounts.ts';
import type { LineDraft } from '../domain/invoice.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import type { InvoiceDraft } from './invoices.ts';

export interface Payer {
  /** The account whose invoice the charges go on. */
  payer: AccountRow;
  /** The account the charges are for. */
  account: AccountRow;
  /** Whose charges these are, on the payer's invoice ("Boulangeries Martin — Lyon"), or null for its own. */
  label: string | null;
}

/** The payer of each account, in one read of the accounts and their ancestors. */
export async function payersOf(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, Payer>> {
  const chains = await ancestorChains(scope, accountIds);
  const out = new Map<string, Payer>();
  for (const id of accountIds) {
    const chain = chains.get(id);
    if (!chain) continue;
    let i = 0;
    const names: string[] = [];
    while (chain[i]!.bill_to_parent && i + 1 < chain.length) {
      names.unshift(chain[i]!.name);
      i++;
    }
    out.set(id, { payer: chain[i]!, account: chain[0]!, label: names.length ? names.join(' — ') : null });
  }
  return out;
}

export async function payerOf(scope: TenantScope, accountId: string): Promise<Payer> {
  return (await payersOf(scope, [accountId])).get(accountId)!;
}

/** Lines on a payer's invoice for someone else's charges say whose they are. */
export function named<L extends LineDraft>(lines: readonly L[], label: string | null): L[] {
  return label
    ? lines.map((l) => ({
        ...l,
        description: `${label} — ${l.description}`,
        ...(l.text ? { text: { t: 'payer' as const, label, of: l.text } } : {}),
      }))
    : [...lines];
}

/** The invoice of a subscription's lines, for its payer: the payer's account, tax rate and naming. */
export function draftFor(
  payer: Payer,
  subscription: { id: string; currency: string },
  reason: InvoiceDraft['reason'],
  lines: readonly LineDraft[],
  period: { start: string | null; end: string | null },
  issuedAt?: InvoiceDraft['issuedAt'],
): InvoiceDraft {
  return {
    accountId: payer.payer.id,
    subscriptionId: subscription.id,
    reason,
    currency: subscription.currency,
    taxRateBps: payer.payer.tax_rate_bps,
    periodStart: period.start,
    periodEnd: period.end,
    lines: named(lines, payer.label),
    locale: payer.payer.locale,
    ...(issuedAt ? { issuedAt } : {}),
  };
}
