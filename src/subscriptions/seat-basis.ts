/**
 * A reseller's customer billed on its seats (S7): an account with a billing basis, on a per-seat
 * price, is billed each period for the seats of each of its accounts (itself and its sites) —
 * allocated or used, as the basis in force on the period's first day says — rather than for a
 * quantity bought. Allocation increases on the allocated basis are charged at once, prorated;
 * decreases wait for the next cycle.
 */
import { type AccountRow, ancestorChains } from '../accounts/accounts.ts';
import { featureKinds, seatModules } from '../catalog/catalog.ts';
import { planVersion } from '../catalog/versions.ts';
import { localDate, scheduleBounds } from '../domain/timeline.ts';
import type { Actor } from '../platform/actor.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import type { StoredShare } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { type BasisEntry, basisOn, seatShares } from '../seats/ledger.ts';
import { billNow } from './bill.ts';
import { appendPhase, loadTimeline } from './phases.ts';
import { type PlanVersion, priceOf, type SubscriptionRow } from './terms.ts';
import { finishUpdate } from './updates.ts';

const historyOf = (account: Pick<AccountRow, 'billing_basis'>) => account.billing_basis as BasisEntry[];

/**
 * The seats per account a subscription of `account` to `plan` bills for a period starting on `date`,
 * or null when it bills its quantity (no billing basis, or a flat price).
 */
export async function sharesFor(
  scope: TenantScope,
  account: Pick<AccountRow, 'id' | 'billing_basis'>,
  plan: PlanVersion,
  billingPeriod: string,
  currency: string,
  date: string,
): Promise<StoredShare[] | null> {
  const history = historyOf(account);
  if (history.length === 0 || !priceOf(plan, billingPeriod, currency)?.per_seat) return null;
  const kinds = await featureKinds(scope);
  const feature = plan.entitlements.find((e) => kinds.get(e.feature) === 'seat')?.feature;
  if (!feature) return null;
  const module = (await seatModules(scope)).get(feature) ?? null;
  return seatShares(scope, account.id, feature, module, basisOn(history, date));
}

/** The quantity a share list bills (at least one seat, as a per-seat subscription has). */
export const quantityOf = (shares: readonly StoredShare[]) =>
  Math.max(
    1,
    shares.reduce((n, s) => n + s.seats, 0),
  );

/** Two share lists bill the same seats (whatever their order, or their keys' order as jsonb returns them). */
export const sameShares = (a: readonly StoredShare[] | null, b: readonly StoredShare[] | null) => {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  const seats = new Map(a.map((s) => [s.account, s]));
  return b.every((s) => {
    const o = seats.get(s.account);
    return o !== undefined && o.seats === s.seats && o.label === s.label;
  });
};

/**
 * After an allocation changed below a customer billed on allocated seats: the seats now billed per
 * account (an increase now; a decrease keeps the period's higher count until the next cycle) become
 * the subscription's next phase, and the increase is invoiced at once, prorated to the period's end.
 */
export async function applyAllocationChange(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  now: Temporal.Instant,
): Promise<void> {
  const chain = (await ancestorChains(scope, [accountId])).get(accountId) ?? [];
  const customer = chain.find((a) => historyOf(a).length > 0);
  if (!customer) return;
  const subs = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', customer.id)
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const sub of subs) await raiseBilledSeats(scope, actor, customer, sub, now);
}

async function raiseBilledSeats(
  scope: TenantScope,
  actor: Actor,
  customer: AccountRow,
  sub: SubscriptionRow,
  now: Temporal.Instant,
) {
  const phases = await loadTimeline(scope, sub.id);
  const current = phases.at(-1)!;
  const today = localDate(now, current.timeZone).toString();
  if (current.shares === null || basisOn(historyOf(customer), today) !== 'allocated') return;
  if (now.epochMilliseconds >= sub.current_period_end.getTime()) return; // its renewal bills it
  const plan = await planVersion(scope, sub.plan_id, sub.plan_version);
  const fresh = (await sharesFor(scope, customer, plan, sub.billing_period, sub.currency, today)) ?? [];
  // Each account is billed the more of what the period billed it and what it holds now.
  const billed = new Map(current.shares.map((s) => [s.account, s]));
  const next: StoredShare[] = [];
  for (const s of fresh) {
    const was = billed.get(s.account);
    next.push(was && was.seats > s.seats ? was : s);
    billed.delete(s.account);
  }
  next.push(...billed.values());
  if (sameShares(current.shares, next)) return;
  await appendPhase(
    scope,
    sub,
    { action: 'allocation', effectiveAt: now, shares: next, quantity: quantityOf(next) },
    now,
  );
  const b = scheduleBounds(current.anchor, current.billingPeriod, sub.period_index, current.timeZone);
  await billNow(scope, sub, await loadTimeline(scope, sub.id), {
    reason: 'subscription_update',
    from: now,
    at: now,
    period: { start: b.startDate.toString(), end: b.endDate.toString() },
  });
  await finishUpdate(scope, actor, sub, now, 'subscription.seats_changed');
}
