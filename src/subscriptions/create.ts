import { accountClock, authorizedAccount } from '../accounts/accounts.ts';
import { issueInvoice } from '../billing/invoices.ts';
import { anchorDateOf } from '../domain/periods.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { oneOffLines, periodChargeLines, periodOf, type SubscriptionTerms } from './charges.ts';
import type { SubscriptionRow } from './terms.ts';
import {
  type AddonRequest,
  checkPlanPrice,
  checkQuantity,
  draftFor,
  findPlan,
  resolveAddons,
} from './validate.ts';
import { viewSubscription } from './view.ts';

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

export async function createSubscription(scope: TenantScope, actor: Actor, input: CreateInput, wall: Clock) {
  const account = await authorizedAccount(scope, actor, input.account, 'manage_subscriptions');
  const now = (await accountClock(scope, account, wall)).now();
  const plan = await findPlan(scope, input.plan);
  const billingPeriod = input.billing_period ?? account.billing_period;
  const currency = input.currency ?? account.currency;
  if (currency !== account.currency) {
    throw new AllotError('validation_failed', `Invoices of ${account.name} are in ${account.currency}.`, [
      { field: 'currency', message: `must be the account's currency, ${account.currency}` },
    ]);
  }
  const price = checkPlanPrice(plan, billingPeriod, currency);
  checkQuantity(price.per_seat, input.quantity);
  const quantity = input.quantity ?? 1;
  const base = { id: newId('subscription'), billingPeriod, currency, quantity, plan };
  const addons = await resolveAddons(scope, input.addons ?? [], base, []);
  const terms: SubscriptionTerms = { ...base, addons };
  if (input.trial) {
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
  if (input.trial && plan.trial_days === 0) {
    throw new AllotError('validation_failed', `${plan.name} has no trial.`, [
      { field: 'trial', message: 'the plan has no trial days' },
    ]);
  }

  const today = anchorDateOf(now, account.timezone);
  const trialing = input.trial === true;
  const trialEnd = today
    .add({ days: plan.trial_days })
    .toZonedDateTime({ timeZone: account.timezone })
    .toInstant();
  const period = periodOf(today.toString(), billingPeriod, 0, account.timezone);
  const row: SubscriptionRow = {
    tenant_id: scope.tenantId,
    id: base.id,
    account_id: account.id,
    plan_id: plan.id,
    plan_version: plan.version,
    billing_period: billingPeriod,
    currency,
    quantity,
    status: trialing ? 'trialing' : 'active',
    auto_renew: input.auto_renew ?? true,
    anchor_date: today.toString(),
    period_index: 0,
    timezone: account.timezone,
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
  const { tenant_id: _t, ...values } = row;
  await scope.insertInto('subscriptions', { ...values, scheduled_changes: '{}' }).execute();
  const addonRows = addons.map((a) => ({
    subscription_id: row.id,
    addon_id: a.addon.id,
    addon_version: a.addon.version,
    quantity: a.quantity,
    added_at: toDate(now),
  }));
  if (addonRows.length) await scope.insertInto('subscription_addons', addonRows).execute();
  const storedAddons = addonRows.map((a) => ({ ...a, tenant_id: scope.tenantId }));

  let invoice = null;
  if (!trialing) {
    const lines = [
      ...periodChargeLines(terms, period.startDate, period.endDate),
      ...oneOffLines(terms, addons, 'start', today.toString()),
    ];
    invoice = await issueInvoice(
      scope,
      await draftFor(scope, row, 'subscription_create', lines, {
        start: period.startDate,
        end: period.endDate,
      }),
      now,
    );
  }
  const view = viewSubscription(row, storedAddons, terms);
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
  return { ...view, latest_invoice: invoice?.id ?? null };
}
