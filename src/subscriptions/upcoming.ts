/**
 * The upcoming invoice: what the subscription's next period end will bill, computed by the very step
 * the renewal job runs (`stepOf`) — the new period in advance on the terms and seats then in force
 * (a reseller's customer: its seats per site by the billing basis of the new period's first day),
 * the ended period's consumption — and written nowhere.
 */
import { creditBalanceOf } from '../billing/credit.ts';
import { invoicedKeys, invoicedLinesOf } from '../billing/invoiced.ts';
import { previewInvoice } from '../billing/invoices.ts';
import { localizeDrafts } from '../billing/line-names.ts';
import { draftFor, payerOf } from '../billing/payers.ts';
import { featureKinds } from '../catalog/catalog.ts';
import { notYetInvoiced } from '../domain/invoice.ts';
import { countedWindows } from '../entitlements/counted.ts';
import type { Actor } from '../platform/actor.ts';
import { fromDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { peaksOf } from '../seats/ledger.ts';
import { billsConsumption } from './bill.ts';
import { currentValues, loadTimeline, toPhase } from './phases.ts';
import { endedPeriod, stepOf } from './renewal-step.ts';
import { loadSubscription } from './view.ts';

export async function upcomingInvoice(scope: TenantScope, actor: Actor, id: string) {
  const { row } = await loadSubscription(scope, actor, id, 'read', false);
  if (row.status !== 'active')
    throw new AllotError(
      'invalid_state',
      row.status === 'trialing'
        ? 'A trial bills nothing until it is activated; preview the activation instead (POST /v1/subscriptions/preview).'
        : `A ${row.status} subscription has no upcoming invoice.`,
    );
  const phase = await toPhase(scope, currentValues(row));
  const consumes = billsConsumption(phase);
  const step = await stepOf(scope, row, phase, {
    kinds: await featureKinds(scope),
    payer: await payerOf(scope, row.account_id),
    windows: (await countedWindows(scope, [row.account_id])).get(row.account_id) ?? [],
    peaks: consumes ? (await peaksOf(scope, [row.account_id])).get(row.account_id) : undefined,
    invoiced: consumes ? await invoicedLinesOf(scope, row.id) : undefined,
    timeline: consumes ? await loadTimeline(scope, row.id) : undefined,
  });
  const lines = notYetInvoiced(
    step.lines,
    await invoicedKeys(
      scope,
      step.lines.map((l) => l.line_key),
    ),
  );
  const billed = step.period ?? endedPeriod(row);
  const at = step.period ? step.period.start : fromDate(row.current_period_end);
  const payer = await payerOf(scope, row.account_id);
  const draft = draftFor(
    payer,
    row,
    step.period ? 'subscription_cycle' : 'subscription_end',
    lines,
    { start: billed.startDate, end: billed.endDate },
    at,
  );
  const [worded] = await localizeDrafts(scope, [draft]);
  return previewInvoice(worded!, await creditBalanceOf(scope, draft.accountId), at);
}
