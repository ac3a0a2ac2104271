import { accountClock, adoptCurrency } from '../accounts/accounts.ts';
import { openInvoicesOf } from '../billing/invoiced.ts';
import { voidInvoice } from '../billing/invoices.ts';
import { localDate, scheduleBounds } from '../domain/timeline.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, fromDate, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { billNow, latestDocuments, usageOfPeriod } from './bill.ts';
import { chooseCurrency } from './currency.ts';
import { appendPhase, loadTimeline } from './phases.ts';
import { assertSeatsFit } from './seat-floor.ts';
import { storedAddons } from './terms.ts';
import { finishUpdate } from './updates.ts';
import { type AddonRequest, checkPlanPrice, checkQuantity, resolveAddons } from './validate.ts';
import { loadSubscription } from './view.ts';

/** What a trial becomes when it is activated: its own terms unless told otherwise (S13). */
export interface ActivateInput {
  billing_period?: 'month' | 'year';
  currency?: string;
  quantity?: number;
  addons?: AddonRequest[];
}

/**
 * Ends a trial now (or converts an expired one): a new schedule starts today, its first period
 * invoiced at once. An early activation ends the trial at the activation instant. The customer may
 * choose at that moment how many licences, which billing period and — nothing being invoiced yet —
 * which currency (OneDesk's subscribe page); the account then bills in it.
 */
export async function activateSubscription(
  scope: TenantScope,
  actor: Actor,
  id: string,
  wall: Clock,
  input: ActivateInput = {},
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { row, terms, account } = loaded;
  if (row.status !== 'trialing' && !(row.status === 'expired' && row.trial_end)) {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only a trial can be activated.`,
    );
  }
  const billingPeriod = input.billing_period ?? row.billing_period;
  const currency = await chooseCurrency(scope, account, input.currency ?? row.currency, row.id);
  const price = checkPlanPrice(terms.plan, billingPeriod, currency);
  checkQuantity(price.per_seat, input.quantity);
  if (row.shares !== null && input.quantity !== undefined) {
    throw new AllotError('validation_failed', 'The seats of a reseller’s customer are its allocations.', [
      { field: 'quantity', message: 'is the seats allocated or used per account; change the allocations' },
    ]);
  }
  const addons =
    input.addons !== undefined || currency !== row.currency || billingPeriod !== row.billing_period
      ? await resolveAddons(
          scope,
          input.addons ?? terms.addons.map((a) => ({ addon: a.addon.id, quantity: a.quantity })),
          { plan: terms.plan, billingPeriod, currency },
          terms.addons,
        )
      : terms.addons;
  const quantity = row.shares !== null ? row.quantity : price.per_seat ? (input.quantity ?? row.quantity) : 1;
  await assertSeatsFit(
    scope,
    account.id,
    row.id,
    { ...terms, billingPeriod, currency, quantity, addons },
    'quantity',
  );
  const now = (await accountClock(scope, account, wall)).now();
  if (currency !== account.currency) await adoptCurrency(scope, actor, account, currency, now);
  const today = localDate(now, row.timezone);
  const period = scheduleBounds(today, billingPeriod, 0, row.timezone);
  const trialEnd =
    row.status === 'trialing' && row.trial_end && now.epochMilliseconds < row.trial_end.getTime()
      ? toDate(now)
      : row.trial_end;
  await appendPhase(
    scope,
    row,
    {
      action: 'activated',
      effectiveAt: now,
      status: 'active',
      anchorDate: today.toString(),
      billingPeriod,
      currency,
      quantity,
      addons: storedAddons(addons),
    },
    now,
    {
      period_index: 0,
      current_period_start: toDate(period.start),
      current_period_end: toDate(period.end),
      purchased_at: toDate(now),
      cancellable_until: toDate(now.add({ hours: terms.plan.cancellation_window_hours })),
      trial_end: trialEnd,
      ended_at: null,
    },
  );
  const billed = await billNow(scope, { ...row, currency }, await loadTimeline(scope, row.id), {
    reason: 'subscription_create',
    from: now,
    at: now,
    period: { start: period.startDate.toString(), end: period.endDate.toString() },
  });
  const view = await finishUpdate(scope, actor, row, now, 'subscription.activated');
  return { ...view, ...latestDocuments(billed) };
}

/**
 * Cancels now, inside the plan's cancellation window counted from the purchase instant (S6): what
 * the period charged and was not paid is voided, what was paid is credited in full with its tax, and
 * what was consumed until now is billed. After the window: cancellation_window_closed. A trial may
 * be cancelled at any time (nothing was charged).
 */
export async function cancelSubscription(scope: TenantScope, actor: Actor, id: string, wall: Clock) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { row, account } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is already ${row.status}.`);
  const now = (await accountClock(scope, account, wall)).now();
  const active = row.status === 'active';
  if (active && Temporal.Instant.compare(now, fromDate(row.cancellable_until)) > 0) {
    throw new AllotError(
      'cancellation_window_closed',
      `The cancellation window closed at ${toRfc3339(row.cancellable_until)}; turn auto-renewal off to end the subscription at ${toRfc3339(row.current_period_end)}.`,
      [],
      {
        cancellable_until: toRfc3339(row.cancellable_until),
        current_period_end: toRfc3339(row.current_period_end),
      },
    );
  }
  if (active && now.epochMilliseconds >= row.current_period_end.getTime()) {
    throw new AllotError(
      'invalid_state',
      `The period ended at ${toRfc3339(row.current_period_end)} and its renewal is being processed; retry in a moment.`,
    );
  }
  const period = {
    start: fromDate(row.current_period_start),
    end: fromDate(row.current_period_end),
    startDate: localDate(fromDate(row.current_period_start), row.timezone).toString(),
    endDate: localDate(fromDate(row.current_period_end), row.timezone).toString(),
  };
  if (active) {
    // Nothing unpaid of the period is owed any more: voiding comes first, so the credit skips it.
    for (const invoiceId of await openInvoicesOf(scope, row.id, period.startDate))
      await voidInvoice(scope, actor, invoiceId, now, { reason: 'cancellation', evenIfCredited: true });
  }
  await appendPhase(scope, row, { action: 'canceled', effectiveAt: now, status: 'canceled' }, now, {
    ended_at: toDate(now),
    auto_renew: false,
  });
  let billed: { invoice: string | null; credit_note: string | null } = { invoice: null, credit_note: null };
  if (active) {
    const phases = await loadTimeline(scope, row.id);
    billed = await billNow(scope, row, phases, {
      reason: 'cancellation',
      from: now,
      at: now,
      period: { start: period.startDate, end: period.endDate },
      usage: await usageOfPeriod(scope, row.account_id, phases.at(-2)!, period),
    });
  }
  const view = await finishUpdate(scope, actor, row, now, 'subscription.canceled', 'subscription.canceled');
  return { ...view, ...latestDocuments(billed) };
}
