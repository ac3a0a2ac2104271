import { issueInvoice } from '../billing/invoices.ts';
import type { LineDraft } from '../domain/invoice.ts';
import { anchorDateOf } from '../domain/periods.ts';
import { proratedAmount, prorationDays } from '../domain/proration.ts';
import { Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { newId } from '../platform/ids.ts';
import { periodOf, priceOf } from '../subscriptions/charges.ts';
import type { SubscriptionRow } from '../subscriptions/terms.ts';
import { termsOf } from '../subscriptions/terms.ts';
import { draftFor } from '../subscriptions/validate.ts';
import { seatCapacities, usedSeats } from './seats.ts';

interface AccountNode {
  id: string;
  name: string;
  parent_id: string | null;
  bill_to_parent: boolean;
  tax_rate_bps: number;
  billing_basis: unknown;
}

/**
 * Who pays an account's charges: itself, or — with `bill_to_parent` — its parent (and so on up), so a
 * reseller gets its customers' and sites' charges on its own invoice, each line naming whose it is.
 */
export async function payersOf(scope: TenantScope, accountIds: readonly string[]) {
  const nodes = new Map<string, AccountNode>();
  let missing = [...new Set(accountIds)];
  while (missing.length > 0) {
    const rows = await scope
      .selectFrom('accounts')
      .select(['id', 'name', 'parent_id', 'bill_to_parent', 'tax_rate_bps', 'billing_basis'])
      .where('id', 'in', missing)
      .execute();
    for (const r of rows) nodes.set(r.id, r);
    missing = [
      ...new Set(
        rows
          .filter((r) => r.bill_to_parent && r.parent_id && !nodes.has(r.parent_id))
          .map((r) => r.parent_id!),
      ),
    ];
  }
  const out = new Map<string, { payer: AccountNode; account: AccountNode; label: string | null }>();
  for (const id of accountIds) {
    let node = nodes.get(id)!;
    const names: string[] = [];
    while (node.bill_to_parent && node.parent_id && nodes.has(node.parent_id)) {
      names.unshift(node.name);
      node = nodes.get(node.parent_id)!;
    }
    out.set(id, { payer: node, account: nodes.get(id)!, label: names.length ? names.join(' — ') : null });
  }
  return out;
}

/** Lines on a payer's invoice for someone else's charges say whose they are. */
export function named(lines: LineDraft[], label: string | null): LineDraft[] {
  return label ? lines.map((l) => ({ ...l, description: `${label} — ${l.description}` })) : lines;
}

/** The billing basis in force on a date: the last entry from on or before it (used when there is none). */
export function basisOn(
  history: readonly { from: string; basis: 'used' | 'allocated' }[],
  date: string,
): 'used' | 'allocated' {
  let basis: 'used' | 'allocated' = 'used';
  for (const h of history) if (h.from <= date) basis = h.basis;
  return basis;
}

export interface SeatShare {
  accountId: string;
  label: string;
  seats: number;
}

/**
 * For a per-seat subscription of an account with a billing basis (a reseller's customer): its seats
 * this period, per site — allocated or used as the basis in force on the period's first day says.
 * Null when the account bills its quantity as bought.
 */
export async function seatShares(
  scope: TenantScope,
  row: SubscriptionRow,
  periodStart: string,
  seatFeature: string,
): Promise<SeatShare[] | null> {
  const account = await scope
    .selectFrom('accounts')
    .select(['id', 'name', 'billing_basis'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const history = account.billing_basis as { from: string; basis: 'used' | 'allocated' }[];
  if (history.length === 0) return null;
  const basis = basisOn(history, periodStart);
  const shares: SeatShare[] = [];
  // Labels are relative to the customer, whose name the payer's invoice already gives.
  let frontier = [{ id: account.id, label: '' }];
  while (frontier.length > 0) {
    const next: { id: string; label: string }[] = [];
    for (const node of frontier) {
      const capacity = (await seatCapacities(scope, node.id)).get(seatFeature);
      const seats =
        basis === 'allocated'
          ? capacity?.source === 'allocation'
            ? (capacity.capacity ?? 0)
            : 0
          : await usedSeats(scope, node.id, capacity?.module ?? null);
      if (seats > 0) shares.push({ accountId: node.id, label: node.label, seats });
      // Seats allocated to an account are its sites' too: they draw from it, not again from the top.
      if (basis === 'allocated' && capacity?.source === 'allocation') continue;
      const children = await scope
        .selectFrom('accounts')
        .select(['id', 'name'])
        .where('parent_id', '=', node.id)
        .orderBy('id')
        .execute();
      next.push(
        ...children.map((c) => ({ id: c.id, label: node.label ? `${node.label} — ${c.name}` : c.name })),
      );
    }
    frontier = next;
  }
  return shares;
}

/**
 * Seats allocated mid-cycle to a site of a customer billed on allocated seats are charged at once,
 * prorated to the end of the customer's period, on the payer's invoice; decreases wait for the next
 * cycle (the renewal counts the allocation then in force).
 */
export async function chargeAllocationIncrease(
  scope: TenantScope,
  accountId: string,
  delta: number,
  now: Temporal.Instant,
) {
  if (delta <= 0) return;
  let cursor: string | null = accountId;
  while (cursor) {
    const acct:
      | { id: string; parent_id: string | null; billing_basis: unknown; timezone: string }
      | undefined = await scope
      .selectFrom('accounts')
      .select(['id', 'parent_id', 'billing_basis', 'timezone'])
      .where('id', '=', cursor)
      .executeTakeFirst();
    if (!acct) return;
    const history = acct.billing_basis as { from: string; basis: 'used' | 'allocated' }[];
    if (history.length > 0) {
      const subs = await scope
        .selectFrom('subscriptions')
        .selectAll()
        .where('account_id', '=', acct.id)
        .where('status', '=', 'active')
        .orderBy('id')
        .execute();
      for (const sub of subs) {
        const terms = await termsOf(scope, sub, []);
        const price = priceOf(terms.plan, sub.billing_period, sub.currency);
        if (!price?.per_seat) continue;
        const today = anchorDateOf(now, sub.timezone).toString();
        if (basisOn(history, today) !== 'allocated') return;
        const period = periodOf(sub.anchor_date, sub.billing_period, sub.period_index, sub.timezone);
        if (today >= period.endDate) return;
        const days = prorationDays(
          Temporal.PlainDate.from(period.startDate),
          Temporal.PlainDate.from(period.endDate),
          Temporal.PlainDate.from(today),
        );
        const site = await scope
          .selectFrom('accounts')
          .select('name')
          .where('id', '=', accountId)
          .executeTakeFirstOrThrow();
        const line: LineDraft = {
          line_key: `${sub.id}:allocation:${accountId}:${newId('event').slice(4)}`,
          kind: 'seat',
          description: `${site.name}: ${delta} more × ${terms.plan.name}, ${days.remainingDays} of ${days.periodDays} days`,
          subscription_id: sub.id,
          period_start: today,
          period_end: period.endDate,
          quantity: delta,
          unit_amount: price.amount,
          amount: proratedAmount(price.amount, delta, days),
        };
        await issueInvoice(
          scope,
          await draftFor(scope, sub, 'subscription_update', [line], {
            start: period.startDate,
            end: period.endDate,
          }),
          now,
        );
        return;
      }
      return;
    }
    cursor = acct.parent_id;
  }
}
