import { type AccountRow, accountClock, adoptCurrency, authorizedAccount } from '../accounts/accounts.ts';
import { localDate, scheduleBounds } from '../domain/timeline.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, Temporal, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { billNow, latestDocuments, previewBill } from './bill.ts';
import { chooseCurrency } from './currency.ts';
import { insertPhases, type PhaseValues, projectionOf, toPhase } from './phases.ts';
import { quantityOf, sharesFor } from './seat-basis.ts';
import { assertSeatsFit } from './seat-floor.ts';
import { type SubscriptionRow, storedAddons } from './terms.ts';
import { type AddonRequest, checkPlanPrice, checkQuantity, findPlan, resolveAddons } from './validate.ts';
import { viewOf } from './view.ts';

export interface CreateInput {
  account: string;
  plan: string;
  billing_period?: 'month' | 'year';
  currency?: string;
  quantity?: number;
  trial?: boolean;
  auto_renew?: boolean;
  addons?: AddonRequest[];
}

/**
 * A new subscription, decided and not written: its row and its first phase. Load and decide, in one
 * place for the create and its preview.
 */
async function planCreate(
  scope: TenantScope,
  actor: Actor,
  input: CreateInput,
  wall: Clock,
  purpose: 'create' | 'preview',
) {
  const account = await authorizedAccount(
    scope,
    actor,
    input.account,
    purpose === 'create' ? 'manage_subscriptions' : 'read',
  );
  const now = (await accountClock(scope, account, wall)).now();
  const plan = await findPlan(scope, input.plan);
  const billingPeriod = input.billing_period ?? account.billing_period;
  const live = await scope
    .selectFrom('subscriptions')
    .select(['id', 'status'])
    .where('account_id', '=', account.id)
    .where('plan_id', '=', plan.id)
    .where('status', 'in', ['active', 'trialing'])
    .executeTakeFirst();
  // A trialing account's preview is what activating it would bill; a second live one is refused.
  if (live && !(purpose === 'preview' && live.status === 'trialing')) {
    throw new AllotError(
      'invalid_state',
      `${account.name} already has a live subscription to ${plan.name} (${live.id}); change that one instead.`,
      [{ field: 'plan', message: `the account already subscribes to ${plan.key} (${live.id})` }],
      { subscription: live.id },
    );
  }
  const currency = await chooseCurrency(scope, account, input.currency, live?.id);
  const price = checkPlanPrice(plan, billingPeriod, currency);
  checkQuantity(price.per_seat, input.quantity);
  const addons = await resolveAddons(scope, input.addons ?? [], { plan, billingPeriod, currency }, []);
  // Previewing a trial's activation: fewer licences than its users is refused as the activation would be.
  if (live?.status === 'trialing') {
    const quantity = input.quantity ?? 1;
    await assertSeatsFit(
      scope,
      account.id,
      live.id,
      { id: live.id, billingPeriod, currency, quantity, plan, addons },
      'quantity',
    );
  }
  const trialing = input.trial === true && !live;
  if (trialing) await assertTrialAllowed(scope, account, plan);

  const today = localDate(now, account.timezone);
  const trialEndDate = today.add({ days: plan.trial_days });
  const trialEnd = trialEndDate.toZonedDateTime({ timeZone: account.timezone }).toInstant();
  const period = scheduleBounds(today, billingPeriod, 0, account.timezone);
  const shares = await sharesFor(scope, account, plan, billingPeriod, currency, today.toString());
  const phase: PhaseValues & { seq: number } = {
    seq: 0,
    action: 'created',
    effectiveAt: now,
    status: trialing ? 'trialing' : 'active',
    planId: plan.id,
    planVersion: plan.version,
    billingPeriod,
    currency,
    quantity: shares ? quantityOf(shares) : (input.quantity ?? 1),
    addons: storedAddons(addons),
    anchorDate: today.toString(),
    timezone: account.timezone,
    shares,
  };
  const row: SubscriptionRow = {
    tenant_id: scope.tenantId,
    id: newId('subscription'),
    account_id: account.id,
    ...projectionOf(phase),
    addons: phase.addons as never,
    shares: phase.shares as never,
    auto_renew: input.auto_renew ?? true,
    period_index: 0,
    current_period_start: toDate(period.start),
    current_period_end: toDate(trialing ? trialEnd : period.end),
    purchased_at: toDate(now),
    cancellable_until: toDate(now.add({ hours: plan.cancellation_window_hours })),
    trial_end: trialing ? toDate(trialEnd) : null,
    trial_will_end_sent: false,
    scheduled_changes: {} as never,
    test_clock_id: account.test_clock_id,
    ended_at: null,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  return { account, plan, now, phase, row, trialing, period, trialEnd, trialEndDate };
}

async function assertTrialAllowed(
  scope: TenantScope,
  account: AccountRow,
  plan: { name: string; trial_days: number },
) {
  if (plan.trial_days === 0) {
    throw new AllotError('validation_failed', `${plan.name} has no trial.`, [
      { field: 'trial', message: 'the plan has no trial days' },
    ]);
  }
  const before = await scope
    .selectFrom('subscriptions')
    .select('id')
    .where('account_id', '=', account.id)
    .where('trial_end', 'is not', null)
    .executeTakeFirst();
  if (before) {
    throw new AllotError('validation_failed', `${account.name} already had a free trial (${before.id}).`, [
      { field: 'trial', message: 'the account already had a trial' },
    ]);
  }
}

export async function createSubscription(scope: TenantScope, actor: Actor, input: CreateInput, wall: Clock) {
  const { account, now, phase, row, trialing, period } = await planCreate(
    scope,
    actor,
    input,
    wall,
    'create',
  );
  if (phase.currency !== account.currency) await adoptCurrency(scope, actor, account, phase.currency, now);
  const { tenant_id: _t, ...values } = row;
  await scope
    .insertInto('subscriptions', {
      ...values,
      addons: JSON.stringify(phase.addons),
      shares: phase.shares === null ? null : JSON.stringify(phase.shares),
      scheduled_changes: '{}',
    })
    .execute();
  await insertPhases(scope, [{ ...phase, subscriptionId: row.id }], now);
  const billed = trialing
    ? { invoice: null, credit_note: null }
    : await billNow(scope, row, [await toPhase(scope, phase)], {
        reason: 'subscription_create',
        from: now,
        at: now,
        period: { start: period.startDate.toString(), end: period.endDate.toString() },
      });
  const view = await viewOf(scope, row);
  await emitEvents(scope, [
    { type: 'subscription.created', accountId: account.id, at: now, data: { subscription: view } },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'subscription.created',
    subject: { type: 'subscription', id: row.id },
    accountId: account.id,
    before: null,
    after: view,
  });
  return { ...view, ...latestDocuments(billed) };
}

/**
 * POST /v1/subscriptions/preview: the first invoice a subscription would produce (S13), saving
 * nothing — at once for a paid start (or for an account trialing on the plan: what activating now
 * bills), at the trial's end for a trial.
 */
export async function previewCreate(scope: TenantScope, actor: Actor, input: CreateInput, wall: Clock) {
  const planned = await planCreate(scope, actor, input, wall, 'preview');
  const { phase, row } = planned;
  const start = planned.trialing
    ? {
        at: planned.trialEnd,
        phase: {
          ...phase,
          action: 'activated' as const,
          status: 'active' as const,
          effectiveAt: planned.trialEnd,
          anchorDate: planned.trialEndDate.toString(),
        },
      }
    : { at: planned.now, phase: { ...phase, status: 'active' as const } };
  const period = scheduleBounds(
    Temporal.PlainDate.from(start.phase.anchorDate),
    phase.billingPeriod,
    0,
    phase.timezone,
  );
  const preview = await previewBill(scope, row, [await toPhase(scope, start.phase)], {
    reason: 'subscription_create',
    from: start.at,
    at: start.at,
    period: { start: period.startDate.toString(), end: period.endDate.toString() },
    issuedAt: start.at,
  });
  return { ...preview, subscription: null };
}
