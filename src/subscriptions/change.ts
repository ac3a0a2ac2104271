import { accountClock } from '../accounts/accounts.ts';
import { issueInvoice, viewInvoice } from '../billing/invoices.ts';
import { invoiceTotals } from '../domain/invoice.ts';
import { anchorDateOf } from '../domain/periods.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, type Temporal, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { changeLines, periodOf, type SubscriptionTerms } from './charges.ts';
import {
  type AddonRequest,
  checkPlanPrice,
  checkQuantity,
  draftFor,
  findPlan,
  resolveAddons,
} from './validate.ts';
import { loadSubscription, viewSubscription } from './view.ts';

export interface ChangeInput {
  plan?: string;
  quantity?: number;
  addons?: AddonRequest[];
}

/**
 * A change of plan, quantity or add-ons, now: the new terms and the invoice lines they call for
 * (credit for the unused days of the old, charge for the remaining days of the new). Pure of writes.
 */
async function planChange(
  scope: TenantScope,
  loaded: Awaited<ReturnType<typeof loadSubscription>>,
  input: ChangeInput,
  wall: Clock,
) {
  const { row, account, terms } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing') {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only an active or trialing one can change.`,
    );
  }
  const now = (await accountClock(scope, account, wall)).now();
  const plan = input.plan ? await findPlan(scope, input.plan) : terms.plan;
  // Changing plan takes its current version; staying keeps the version bought (grandfathering).
  const samePlan = plan.id === terms.plan.id;
  const nextPlan = samePlan ? terms.plan : plan;
  const price = checkPlanPrice(nextPlan, row.billing_period, row.currency);
  checkQuantity(price.per_seat, input.quantity);
  const quantity = price.per_seat ? (input.quantity ?? row.quantity) : 1;
  const base = {
    id: row.id,
    billingPeriod: row.billing_period,
    currency: row.currency,
    quantity,
    plan: nextPlan,
  };
  const addons = input.addons ? await resolveAddons(scope, input.addons, base, terms.addons) : terms.addons;
  const after: SubscriptionTerms = { ...base, addons };
  const scheduled = (row.scheduled_changes as { billing_period?: 'month' | 'year' }).billing_period;
  if (scheduled) assertRenewable(after, scheduled);
  const today = anchorDateOf(now, row.timezone).toString();
  const period = periodOf(row.anchor_date, row.billing_period, row.period_index, row.timezone);
  if (row.status === 'active' && today >= period.endDate) {
    throw new AllotError(
      'invalid_state',
      `The period ended on ${period.endDate} and its renewal is being processed; retry in a moment.`,
    );
  }
  const lines =
    row.status === 'active'
      ? changeLines(
          terms,
          after,
          { start: period.startDate, end: period.endDate },
          today,
          `change-${newId('event').slice(4)}`,
        )
      : [];
  return { now, after, lines, period };
}

export async function previewChange(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', false);
  const { lines, now } = await planChange(scope, loaded, input, wall);
  const balance = Number(
    (
      await scope
        .selectFrom('accounts')
        .select('credit_balance')
        .where('id', '=', loaded.account.id)
        .executeTakeFirstOrThrow()
    ).credit_balance,
  );
  const totals = invoiceTotals(lines, loaded.account.tax_rate_bps, balance);
  const preview = viewInvoice(
    {
      tenant_id: scope.tenantId,
      id: 'preview',
      number: 0,
      account_id: loaded.account.id,
      subscription_id: id,
      reason: 'subscription_update',
      status: 'draft',
      currency: loaded.row.currency,
      tax_rate_bps: loaded.account.tax_rate_bps,
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
      credit_applied: totals.credit_applied,
      amount_due: totals.amount_due,
      period_start: null,
      period_end: null,
      issued_at: toDate(now),
      paid_at: null,
      voided_at: null,
      created_at: toDate(now),
    },
    lines.map((l, position) => ({
      ...l,
      tenant_id: scope.tenantId,
      invoice_id: 'preview',
      position,
      tax: totals.lineTaxes[position]!,
    })),
  );
  return { ...preview, id: null, number: null, sequence: null };
}

export async function changeSubscription(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { now, after, lines, period } = await planChange(scope, loaded, input, wall);
  const { row } = loaded;
  const before = viewSubscription(row, loaded.addons, loaded.terms);
  await scope
    .updateTable('subscriptions')
    .set({
      plan_id: after.plan.id,
      plan_version: after.plan.version,
      quantity: after.quantity,
      updated_at: toDate(now),
    })
    .where('id', '=', row.id)
    .execute();
  if (input.addons) {
    await scope.deleteFrom('subscription_addons').where('subscription_id', '=', row.id).execute();
    const rows = after.addons.map((a) => ({
      subscription_id: row.id,
      addon_id: a.addon.id,
      addon_version: a.addon.version,
      quantity: a.quantity,
      added_at: loaded.addons.find((x) => x.addon_id === a.addon.id)?.added_at ?? toDate(now),
    }));
    if (rows.length) await scope.insertInto('subscription_addons', rows).execute();
  }
  const invoice = lines.length
    ? await issueInvoice(
        scope,
        await draftFor(scope, row, 'subscription_update', lines, {
          start: period.startDate,
          end: period.endDate,
        }),
        now,
      )
    : null;
  const fresh = await loadSubscription(scope, actor, id, 'manage_subscriptions', false);
  const view = viewSubscription(fresh.row, fresh.addons, fresh.terms);
  await emitEvents(scope, [
    {
      type: 'subscription.updated',
      accountId: row.account_id,
      at: now,
      data: { subscription: view, previous: before },
    },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'subscription.changed',
    subject: { type: 'subscription', id: row.id },
    accountId: row.account_id,
    before,
    after: view,
  });
  return { ...view, latest_invoice: invoice?.id ?? null };
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
  if (row.status !== 'active' && row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is ${row.status}.`);
  assertRenewable(terms, billingPeriod);
  const now = (await accountClock(scope, loaded.account, wall)).now();
  const scheduled = billingPeriod === row.billing_period ? {} : { billing_period: billingPeriod };
  await scope
    .updateTable('subscriptions')
    .set({ scheduled_changes: JSON.stringify(scheduled), updated_at: toDate(now) })
    .where('id', '=', row.id)
    .execute();
  return finishUpdate(scope, actor, loaded, now, 'subscription.billing_period_scheduled');
}

export async function setAutoRenew(
  scope: TenantScope,
  actor: Actor,
  id: string,
  autoRenew: boolean,
  wall: Clock,
) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  if (loaded.row.status !== 'active' && loaded.row.status !== 'trialing')
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
    loaded,
    now,
    autoRenew ? 'subscription.auto_renew_on' : 'subscription.auto_renew_off',
  );
}

export async function finishUpdate(
  scope: TenantScope,
  actor: Actor,
  loaded: Awaited<ReturnType<typeof loadSubscription>>,
  now: Temporal.Instant,
  action: string,
  type: 'subscription.updated' | 'subscription.canceled' = 'subscription.updated',
) {
  const before = viewSubscription(loaded.row, loaded.addons, loaded.terms);
  const fresh = await loadSubscription(scope, actor, loaded.row.id, 'read', false);
  const after = viewSubscription(fresh.row, fresh.addons, fresh.terms);
  await emitEvents(scope, [
    { type, accountId: loaded.row.account_id, at: now, data: { subscription: after, previous: before } },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action,
    subject: { type: 'subscription', id: loaded.row.id },
    accountId: loaded.row.account_id,
    before,
    after,
  });
  return after;
}

/** Ends a trial now (or converts an expired one): the first period starts today and is invoiced at once. */

/**
 * The terms must be billable on `billingPeriod` at the next renewal: the plan and every recurring
 * add-on need a price for it, or the renewal could not be invoiced.
 */
function assertRenewable(terms: SubscriptionTerms, billingPeriod: 'month' | 'year') {
  checkPlanPrice(terms.plan, billingPeriod, terms.currency, 'billing_period');
  for (const a of terms.addons) {
    const prices = a.addon.prices.filter((p) => p.currency === terms.currency);
    if (
      prices.some((p) => p.billing_period !== 'once') &&
      !prices.some((p) => p.billing_period === billingPeriod)
    ) {
      throw new AllotError(
        'billing_period_mismatch',
        `${a.addon.name} has no ${billingPeriod} price in ${terms.currency}.`,
        [{ field: 'billing_period', message: `the add-on ${a.addon.key} has no ${billingPeriod} price` }],
      );
    }
  }
}
