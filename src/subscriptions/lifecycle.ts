import { accountClock } from '../accounts/accounts.ts';
import { issueInvoice, voidInvoice } from '../billing/invoices.ts';
import type { LineDraft } from '../domain/invoice.ts';
import { anchorDateOf } from '../domain/periods.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { finishUpdate } from './change.ts';
import { oneOffLines, periodChargeLines, periodOf } from './charges.ts';
import { draftFor } from './validate.ts';
import { loadSubscription } from './view.ts';

export async function activateSubscription(scope: TenantScope, actor: Actor, id: string, wall: Clock) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { row, terms, account } = loaded;
  if (row.status !== 'trialing' && !(row.status === 'expired' && row.trial_end)) {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only a trial can be activated.`,
    );
  }
  const now = (await accountClock(scope, account, wall)).now();
  const today = anchorDateOf(now, row.timezone).toString();
  const period = periodOf(today, row.billing_period, 0, row.timezone);
  await scope
    .updateTable('subscriptions')
    .set({
      status: 'active',
      anchor_date: today,
      period_index: 0,
      current_period_start: toDate(period.start),
      current_period_end: toDate(period.end),
      purchased_at: toDate(now),
      cancellable_until: toDate(now.add({ hours: terms.plan.cancellation_window_hours })),
      ended_at: null,
      updated_at: toDate(now),
    })
    .where('id', '=', row.id)
    .execute();
  const lines = [
    ...periodChargeLines(terms, period.startDate, period.endDate),
    ...oneOffLines(terms, terms.addons, 'start', today),
  ];
  const invoice = await issueInvoice(
    scope,
    await draftFor(scope, row, 'subscription_create', lines, {
      start: period.startDate,
      end: period.endDate,
    }),
    now,
  );
  const view = await finishUpdate(scope, actor, loaded, now, 'subscription.activated');
  return { ...view, latest_invoice: invoice.id };
}

/**
 * Cancels now, inside the plan's cancellation window counted from the purchase instant, crediting in
 * full what was charged for the current period; after the window: cancellation_window_closed.
 * A trial may be cancelled at any time (nothing was charged).
 */
export async function cancelSubscription(scope: TenantScope, actor: Actor, id: string, wall: Clock) {
  const loaded = await loadSubscription(scope, actor, id, 'manage_subscriptions', true);
  const { row, account } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is already ${row.status}.`);
  const now = (await accountClock(scope, account, wall)).now();
  let invoice = null;
  if (row.status === 'active') {
    if (
      Temporal.Instant.compare(now, Temporal.Instant.fromEpochMilliseconds(row.cancellable_until.getTime())) >
      0
    ) {
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
    const period = periodOf(row.anchor_date, row.billing_period, row.period_index, row.timezone);
    const charged = await scope
      .selectFrom('invoice_lines')
      .innerJoin('invoices', (j) =>
        j
          .onRef('invoices.tenant_id', '=', 'invoice_lines.tenant_id')
          .onRef('invoices.id', '=', 'invoice_lines.invoice_id'),
      )
      .select([
        'invoice_lines.invoice_id',
        'invoices.status',
        'invoice_lines.tax',
        'invoice_lines.line_key',
        'invoice_lines.description',
        'invoice_lines.quantity',
        'invoice_lines.unit_amount',
        'invoice_lines.amount',
        'invoice_lines.period_start',
        'invoice_lines.period_end',
      ])
      .where('invoice_lines.subscription_id', '=', row.id)
      .where('invoices.status', '!=', 'void')
      .where('invoice_lines.kind', '!=', 'credit')
      .where('invoice_lines.period_start', '>=', period.startDate)
      .execute();
    // What was not paid is voided (nothing is owed); what was paid is credited, with the tax charged.
    for (const invoiceId of new Set(charged.filter((c) => c.status === 'open').map((c) => c.invoice_id))) {
      await voidInvoice(scope, actor, invoiceId, now);
    }
    const lines: LineDraft[] = charged
      .filter((c) => c.status === 'paid')
      .map((c) => ({
        line_key: `${c.line_key}:cancel-credit`,
        tax: -Number(c.tax) || 0,
        kind: 'credit',
        description: `Credit: ${c.description} (cancelled within the cancellation window)`,
        subscription_id: row.id,
        period_start: c.period_start,
        period_end: c.period_end,
        quantity: Number(c.quantity),
        unit_amount: -Number(c.unit_amount) || 0,
        amount: -Number(c.amount) || 0,
      }));
    if (lines.length)
      invoice = await issueInvoice(
        scope,
        await draftFor(scope, row, 'cancellation', lines, { start: period.startDate, end: period.endDate }),
        now,
      );
  }
  await scope
    .updateTable('subscriptions')
    .set({ status: 'canceled', ended_at: toDate(now), auto_renew: false, updated_at: toDate(now) })
    .where('id', '=', row.id)
    .execute();
  const view = await finishUpdate(
    scope,
    actor,
    loaded,
    now,
    'subscription.canceled',
    'subscription.canceled',
  );
  return { ...view, latest_invoice: invoice?.id ?? null };
}
