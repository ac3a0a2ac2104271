import { accountClock, subtreeIds } from '../accounts/accounts.ts';
import { localDate } from '../domain/timeline.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, fromDate, toDate } from '../platform/clock/clock.ts';
import type { StoredAddon } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { billNow, latestDocuments, previewBill } from './bill.ts';
import { appendPhase, currentValues, loadTimeline, type PhaseValues, toPhase } from './phases.ts';
import { assertSeatsFit } from './seat-floor.ts';
import { storedAddons } from './terms.ts';
import { finishUpdate } from './updates.ts';
import {
  type AddonRequest,
  assertRenewable,
  checkPlanPrice,
  checkQuantity,
  findPlan,
  fitsPlan,
  resolveAddons,
} from './validate.ts';
import { type LoadedSubscription, loadSubscription, viewSubscription } from './view.ts';

export interface ChangeInput {
  plan?: string;
  quantity?: number;
  addons?: AddonRequest[];
}

const live = (status: string) => status === 'active' || status === 'trialing';

/**
 * A change of plan, quantity or add-ons, now, decided and not written: the next phase and the
 * timeline with it, which the billing function prorates. A pack whose module the new plan lacks
 * ends with the change (credited for its unused days), unless the request lists it (refused).
 */
async function planChange(scope: TenantScope, loaded: LoadedSubscription, input: ChangeInput, wall: Clock) {
  const { row, account, terms } = loaded;
  if (!live(row.status)) {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only an active or trialing one can change.`,
    );
  }
  const now = (await accountClock(scope, account, wall)).now();
  if (row.status === 'trialing' && row.trial_end && now.epochMilliseconds >= row.trial_end.getTime()) {
    throw new AllotError(
      'invalid_state',
      `The trial ended at ${row.trial_end.toISOString()}; activate the subscription to change it.`,
    );
  }
  const chosen = input.plan ? await findPlan(scope, input.plan) : terms.plan;
  // Changing plan takes its current version; staying keeps the version bought (grandfathering).
  const plan = chosen.id === terms.plan.id ? terms.plan : chosen;
  const price = checkPlanPrice(plan, row.billing_period, row.currency);
  checkQuantity(price.per_seat, input.quantity);
  if (row.shares !== null && input.quantity !== undefined) {
    throw new AllotError('validation_failed', 'This subscription is billed on the seats of its accounts.', [
      { field: 'quantity', message: 'is the seats allocated or used per account; change the allocations' },
    ]);
  }
  const quantity = row.shares !== null ? row.quantity : price.per_seat ? (input.quantity ?? row.quantity) : 1;
  const addons = input.addons
    ? await resolveAddons(
        scope,
        input.addons,
        { plan, billingPeriod: row.billing_period, currency: row.currency },
        terms.addons,
      )
    : terms.addons.filter((a) => fitsPlan(a.addon, plan));
  if (quantity < row.quantity || plan.id !== terms.plan.id || input.addons) {
    await assertSeatsFit(
      scope,
      account.id,
      row.id,
      { ...terms, plan, quantity, addons },
      input.quantity !== undefined ? 'quantity' : input.plan ? 'plan' : 'addons',
    );
  }
  const scheduled = (row.scheduled_changes as { billing_period?: 'month' | 'year' }).billing_period;
  if (scheduled) assertRenewable({ plan, currency: row.currency, addons }, scheduled);
  if (row.status === 'active' && now.epochMilliseconds >= row.current_period_end.getTime()) {
    throw new AllotError(
      'invalid_state',
      `The period ended at ${row.current_period_end.toISOString()} and its renewal is being processed; retry in a moment.`,
    );
  }
  const change: Partial<PhaseValues> & Pick<PhaseValues, 'action' | 'effectiveAt'> = {
    action: 'changed',
    effectiveAt: now,
    planId: plan.id,
    planVersion: plan.version,
    quantity,
    addons: storedAddons(addons),
  };
  const current = currentValues(row);
  const unchanged =
    current.planId === plan.id &&
    current.planVersion === plan.version &&
    current.quantity === quantity &&
    sameAddons(current.addons, change.addons ?? []);
  const phases = [
    ...(await loadTimeline(scope, row.id)),
    ...(unchanged ? [] : [await toPhase(scope, { ...current, ...change, seq: row.phase_seq + 1 })]),
  ];
  const period = {
    start: localDate(fromDate(row.current_period_start), row.timezone).toString(),
    end: localDate(fromDate(row.current_period_end), row.timezone).toString(),
  };
  return { now, change, phases, period, unchanged };
}

const sameAddons = (a: readonly StoredAddon[], b: readonly StoredAddon[]) =>
  a.length === b.length &&
  a.every((x) => b.some((y) => y.addon === x.addon && y.version === x.version && y.quantity === x.quantity));

export async function previewChange(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', false);
  const { now, phases, period } = await planChange(scope, loaded, input, wall);
  return previewBill(scope, loaded.row, phases, {
    reason: 'subscription_update',
    from: now,
    at: now,
    period,
  });
}

export async function changeSubscription(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { now, change, phases, period, unchanged } = await planChange(scope, loaded, input, wall);
  const { row } = loaded;
  // Nothing to change: nothing is written, recorded or billed.
  if (unchanged)
    return { ...viewSubscription(row, loaded.terms), latest_invoice: null, latest_credit_note: null };
  await appendPhase(scope, row, change, now);
  const billed = await billNow(scope, row, phases, {
    reason: 'subscription_update',
    from: now,
    at: now,
    period,
  });
  const view = await finishUpdate(scope, actor, row, now, 'subscription.changed');
  return { ...view, ...latestDocuments(billed) };
}

/** A new billing period (S10), from the next cycle: the price of that period applies from the renewal on. */
export async function scheduleBillingPeriod(
  scope: TenantScope,
  actor: Actor,
  id: string,
  billingPeriod: 'month' | 'year',
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { row, terms } = loaded;
  if (!live(row.status)) throw new AllotError('invalid_state', `The subscription is ${row.status}.`);
  assertRenewable(terms, billingPeriod);
  const now = (await accountClock(scope, loaded.account, wall)).now();
  const scheduled = billingPeriod === row.billing_period ? {} : { billing_period: billingPeriod };
  await scope
    .updateTable('subscriptions')
    .set({ scheduled_changes: JSON.stringify(scheduled), updated_at: toDate(now) })
    .where('id', '=', row.id)
    .execute();
  return finishUpdate(scope, actor, row, now, 'subscription.billing_period_scheduled');
}

/**
 * A customer's billing cycle edited on the account (S10, as the reseller's console does it):
 * every live subscription of the account and of the accounts below it switches at its next cycle.
 * Returns the subscriptions scheduled.
 */
export async function scheduleAccountBillingPeriod(
  scope: TenantScope,
  actor: Actor,
  accountId: string,
  billingPeriod: 'month' | 'year',
  wall: Clock,
) {
  const ids = await subtreeIds(scope, accountId);
  const subs = await scope
    .selectFrom('subscriptions')
    .select('id')
    .where('account_id', 'in', ids)
    .where('status', 'in', ['active', 'trialing'])
    .orderBy('id')
    .execute();
  const out = [];
  for (const s of subs) out.push(await scheduleBillingPeriod(scope, actor, s.id, billingPeriod, wall));
  return out;
}

export async function setAutoRenew(
  scope: TenantScope,
  actor: Actor,
  id: string,
  autoRenew: boolean,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  if (!live(loaded.row.status))
    throw new AllotError('invalid_state', `The subscription is ${loaded.row.status}.`);
  const now = (await accountClock(scope, loaded.account, wall)).now();
  await scope
    .updateTable('subscriptions')
    .set({ auto_renew: autoRenew, updated_at: toDate(now) })
    .where('id', '=', loaded.row.id)
    .execute();
  return finishUpdate(
    scope,
    actor,
    loaded.row,
    now,
    autoRenew ? 'subscription.auto_renew_on' : 'subscription.auto_renew_off',
  );
}
