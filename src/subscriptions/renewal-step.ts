/**
 * One subscription at its period end, decided and not written: the phase that begins there (if any)
 * and the lines the timeline owes at that instant, from the billing function. The renewal job runs
 * these a chunk at a time and writes them set-based.
 */
import type { Payer } from '../billing/payers.ts';
import type { FeatureKind } from '../catalog/model.ts';
import { planVersion } from '../catalog/versions.ts';
import { type InvoicedLine, linesOwed, type OwedLine, type PeriodUsage } from '../domain/billing.ts';
import { dateText, instantOf, localDate, type Phase, plainDate, scheduleBounds } from '../domain/timeline.ts';
import type { CountedWindow } from '../entitlements/counted.ts';
import type { NewEvent } from '../events/events.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { usedSeats } from '../seats/ledger.ts';
import { billedSeatFeatures, billsConsumption, periodUsage } from './bill.ts';
import { currentValues, type PhaseValues, toPhase } from './phases.ts';
import { quantityOf, sameShares, sharesFor } from './seat-basis.ts';
import type { SubscriptionRow } from './terms.ts';

/** One subscription at its period end: what it becomes and what it owes. */
export interface Step {
  row: SubscriptionRow;
  /** The phase appended at the period end (an end, a new billing period, new seats), or null. */
  next: (PhaseValues & { seq: number }) | null;
  /** The period that starts (none for an end). */
  period: {
    index: number;
    start: Temporal.Instant;
    end: Temporal.Instant;
    startDate: string;
    endDate: string;
    startIso: string;
    endIso: string;
  } | null;
  lines: OwedLine[];
}

const EMPTY: ReadonlyMap<string, InvoicedLine> = new Map();

export const endedPeriod = (row: SubscriptionRow) => ({
  startDate: dateText(localDate(instantOf(row.current_period_start.getTime()), row.timezone)),
  endDate: dateText(localDate(instantOf(row.current_period_end.getTime()), row.timezone)),
});

export interface StepInputs {
  kinds: ReadonlyMap<string, FeatureKind>;
  payer: Payer;
  windows: readonly CountedWindow[];
  peaks: ReadonlyMap<string, ReadonlyMap<number, number>> | undefined;
  invoiced: ReadonlyMap<string, InvoicedLine> | undefined;
  /** The whole timeline, for terms that bill consumption (top-ups of the period before need it). */
  timeline: readonly Phase[] | undefined;
}

/**
 * A subscription at its period end: the phase that begins there, if any (an end with auto-renew off;
 * a scheduled billing period; a reseller's customer's seats for the new period), and the lines the
 * timeline owes at that instant — the new period in advance, the ended period's consumption, and any
 * usage of the period before that was counted after it was invoiced.
 */
export async function stepOf(
  scope: TenantScope,
  row: SubscriptionRow,
  phase: Phase,
  inputs: StepInputs,
): Promise<Step> {
  const at = instantOf(row.current_period_end.getTime());
  const values = currentValues(row);
  const endDate = dateText(localDate(at, row.timezone));
  let next: (PhaseValues & { seq: number }) | null = null;
  let period: Step['period'] = null;
  if (!row.auto_renew) {
    next = { ...values, seq: values.seq + 1, action: 'ended', status: 'canceled', effectiveAt: at };
  } else {
    const scheduled = (row.scheduled_changes as { billing_period?: 'month' | 'year' }).billing_period;
    const billingPeriod = scheduled ?? row.billing_period;
    const anchorDate = scheduled ? endDate : row.anchor_date;
    const index = scheduled ? 0 : row.period_index + 1;
    const b = scheduleBounds(plainDate(anchorDate), billingPeriod, index, row.timezone);
    period = {
      index,
      start: b.start,
      end: b.end,
      startDate: b.startText,
      endDate: b.endText,
      startIso: b.startIso,
      endIso: b.endIso,
    };
    // A reseller's customer: its seats this period, per account, by the basis in force on its first day.
    const billedOnSeats = (inputs.payer.account.billing_basis as unknown[]).length > 0;
    const shares = !billedOnSeats
      ? null
      : await sharesFor(
          scope,
          inputs.payer.account,
          await planVersion(scope, row.plan_id, row.plan_version),
          billingPeriod,
          row.currency,
          period.startDate,
        );
    const newShares = shares !== null && !sameShares(values.shares, shares);
    if (scheduled || newShares) {
      next = {
        ...values,
        seq: values.seq + 1,
        action: scheduled ? 'billing_period' : 'renewed',
        effectiveAt: at,
        billingPeriod,
        anchorDate,
        ...(shares ? { shares, quantity: quantityOf(shares) } : {}),
      };
    }
  }
  // The current phase suffices for what the period end owes; consumption's top-ups of the period
  // before need the phase in force then, so terms that bill consumption take the whole timeline.
  const known = billsConsumption(phase) && inputs.timeline?.length ? inputs.timeline : [phase];
  const phases = next ? [...known, await toPhase(scope, next)] : known;
  const consumes = billsConsumption(phase);
  let usage: Map<string, PeriodUsage> | undefined;
  if (consumes) {
    usage = new Map();
    const k = row.period_index;
    const nowUsed = new Map<string, number>();
    for (const [feature, module] of await billedSeatFeatures(scope, phase, inputs.kinds))
      nowUsed.set(feature, await usedSeats(scope, row.account_id, module));
    const ended = { start: row.current_period_start.getTime(), end: row.current_period_end.getTime() };
    usage.set(endedPeriod(row).startDate, periodUsage(inputs.windows, inputs.peaks, ended, nowUsed));
    if (k > 0) {
      // The period before: usage counted after its invoice (a consume in flight at its end) is billed now.
      const before = scheduleBounds(phase.anchor, phase.billingPeriod, k - 1, phase.timeZone);
      usage.set(
        before.startDate.toString(),
        periodUsage(inputs.windows, inputs.peaks, {
          start: before.start.epochMilliseconds,
          end: before.end.epochMilliseconds,
        }),
      );
    }
  }
  const lines = linesOwed({
    subscriptionId: row.id,
    phases,
    kinds: inputs.kinds,
    invoiced: consumes ? (inputs.invoiced ?? EMPTY) : EMPTY,
    // With every invoiced line at hand, from the period's start (for the top-ups owed there);
    // otherwise only what the period end owes, checked by key afterwards.
    from: consumes ? instantOf(row.current_period_start.getTime()) : at,
    at,
    ...(usage ? { usage } : {}),
  });
  return { row, next, period, lines };
}

/**
 * `quota.reset` for each quota that counted usage in its last window of the period that just ended:
 * the new period's window starts empty (usage is counted per window, so the reset itself is the new
 * window).
 */
export function quotaResets(
  renewing: readonly Step[],
  windows: ReadonlyMap<string, readonly CountedWindow[]>,
): NewEvent[] {
  const events: NewEvent[] = [];
  for (const s of renewing) {
    const start = s.row.current_period_start.getTime();
    const end = s.row.current_period_end.getTime();
    for (const w of windows.get(s.row.account_id) ?? []) {
      if (w.end !== end || w.start < start || w.used === 0) continue;
      events.push({
        type: 'quota.reset',
        accountId: s.row.account_id,
        at: s.period!.start,
        data: {
          feature: w.feature,
          previous_used: w.used,
          period_start: s.period!.startIso,
          period_end: s.period!.endIso,
        },
      });
    }
  }
  return events;
}
