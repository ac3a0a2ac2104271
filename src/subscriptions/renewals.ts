import { sql } from 'kysely';
import { invoicedKeys, invoicedLinesOfMany } from '../billing/invoiced.ts';
import type { InvoiceDraft } from '../billing/invoices.ts';
import { issueDocuments } from '../billing/issue.ts';
import { draftFor, payersOf } from '../billing/payers.ts';
import { featureKinds } from '../catalog/catalog.ts';
import type { InvoicedLine } from '../domain/billing.ts';
import { notYetInvoiced } from '../domain/invoice.ts';
import { dateText, instantOf, localDate, type Phase } from '../domain/timeline.ts';
import { countedWindows } from '../entitlements/counted.ts';
import { emitEvents, type NewEvent } from '../events/events.ts';
import { type HistoryEntry, recordHistoryMany } from '../history/history.ts';
import { BILLING_ACTOR } from '../platform/actor.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { DueWorkHandler } from '../platform/clock/due-work.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { peaksOf } from '../seats/ledger.ts';
import { billsConsumption } from './bill.ts';
import { currentValues, insertPhases, loadTimelines, projectionOf, toPhase } from './phases.ts';
import { endedPeriod, quotaResets, type Step, stepOf } from './renewal-step.ts';
import type { SubscriptionRow } from './terms.ts';
import { clockFilter, expireTrials, TRIAL_WARNING_DAYS, warnTrials } from './trials.ts';

/** Subscriptions renewed per transaction: big enough for set-based statements, small enough to keep locks short. */
export const RENEWAL_CHUNK = 5_000;
const RENEWAL_WORKERS = 2;

/**
 * The timeline's due work: at each period end, the renewal (or, with auto-renew off, the end) of the
 * subscriptions due, trial expiries and `trial_will_end` warnings. Set-based and chunked; every chunk
 * locks its subscriptions (FOR UPDATE SKIP LOCKED), so two runners never take the same one, and line
 * keys make billing a period twice impossible even if they did. What each renewal bills comes from
 * the billing function, as every other invoice does.
 */
export const subscriptionDueWork: DueWorkHandler = {
  name: 'subscriptions',

  async nextDueAt(scope, clockId, after, until) {
    const a = toDate(after);
    const u = toDate(until);
    const { rows } = await sql<{ at: Date | null }>`
      select min(at) as at from (
        select min(current_period_end) as at from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'active'
           and current_period_end > ${a} and current_period_end <= ${u}
        union all
        select min(trial_end) from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing'
           and trial_end > ${a} and trial_end <= ${u}
        union all
        select min(trial_end - make_interval(days => ${TRIAL_WARNING_DAYS})) from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing' and not trial_will_end_sent
           and trial_end - make_interval(days => ${TRIAL_WARNING_DAYS}) > ${a}
           and trial_end - make_interval(days => ${TRIAL_WARNING_DAYS}) <= ${u}
      ) due`.execute(scope.raw);
    const at = rows[0]?.at;
    return at ? fromDate(new Date(at)) : null;
  },

  async runDue(scope, clockId, now) {
    const counts = {
      trial_warnings: 0,
      trials_expired: 0,
      renewed: 0,
      ended: 0,
      invoices: 0,
      credit_notes: 0,
      failed: 0,
    };
    const failed = new Set<string>();
    await scope.transaction(async (tx) => {
      counts.trial_warnings = await warnTrials(tx, clockId, now);
      counts.trials_expired = await expireTrials(tx, clockId, now);
    });
    // Outside a caller's transaction, chunks run on RENEWAL_WORKERS connections at once: SKIP LOCKED
    // hands each its own subscriptions, and the database works while this process computes the next.
    const worker = async () => {
      for (;;) {
        const done = await scope.transaction((tx) => renewChunk(tx, clockId, now, failed));
        counts.renewed += done.renewed;
        counts.ended += done.ended;
        counts.invoices += done.invoices;
        counts.credit_notes += done.credit_notes;
        counts.failed += done.failed;
        if (done.taken < RENEWAL_CHUNK) break;
      }
    };
    await Promise.all(Array.from({ length: scope.inTransaction ? 1 : RENEWAL_WORKERS }, worker));
    return counts;
  },
};

async function renewChunk(
  scope: TenantScope,
  clockId: string | null,
  now: Temporal.Instant,
  failed: Set<string>,
) {
  const due = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where((eb) => (clockId === null ? eb('test_clock_id', 'is', null) : eb('test_clock_id', '=', clockId)))
    .where('status', '=', 'active')
    .where('current_period_end', '<=', toDate(now))
    .$if(failed.size > 0, (q) => q.where(sql<boolean>`not (id = any(${[...failed]}::text[]))`))
    // In the due index's order (tenant, clock, period end): ordered by the period end alone, the
    // planner cannot tell a clock that IS NULL from one equal to a value, and sorted every due
    // subscription for each chunk (1,000,000 renewals took 19× the time of 100,000).
    .orderBy('test_clock_id')
    .orderBy('current_period_end')
    .limit(RENEWAL_CHUNK)
    .forUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return { taken: 0, renewed: 0, ended: 0, invoices: 0, credit_notes: 0, failed: 0 };

  const accountIds = [...new Set(due.map((r) => r.account_id))];
  const [kinds, payers, windows] = [
    await featureKinds(scope),
    await payersOf(scope, accountIds),
    await countedWindows(scope, accountIds),
  ];
  const current = new Map<string, Phase>();
  for (const row of due) {
    try {
      current.set(row.id, await toPhase(scope, currentValues(row)));
    } catch (error) {
      skip(failed, row, error);
    }
  }
  // Only terms that bill consumption need the usage, and the top-ups of the period before.
  const consuming = due.filter((r) => current.has(r.id) && billsConsumption(current.get(r.id)!));
  const peaks = await peaksOf(scope, [...new Set(consuming.map((r) => r.account_id))]);
  // Their whole timelines (the phase in force at the end of the period before may be an earlier one),
  // and their invoiced lines from 13 months before the ending period (the period before it starts
  // at most a year earlier): all a top-up can clash with.
  const timelines = await loadTimelines(
    scope,
    consuming.map((r) => r.id),
  );
  const since = consuming
    .map((r) =>
      dateText(localDate(instantOf(r.current_period_start.getTime()), r.timezone).subtract({ months: 13 })),
    )
    .sort()[0];
  const invoiced = since
    ? await invoicedLinesOfMany(
        scope,
        consuming.map((r) => r.id),
        since,
      )
    : new Map<string, Map<string, InvoicedLine>>();
  const steps: Step[] = [];
  for (const row of due) {
    const phase = current.get(row.id);
    if (!phase) continue;
    try {
      steps.push(
        await stepOf(scope, row, phase, {
          kinds,
          payer: payers.get(row.account_id)!,
          windows: windows.get(row.account_id) ?? [],
          peaks: peaks.get(row.account_id),
          invoiced: invoiced.get(row.id),
          timeline: timelines.get(row.id),
        }),
      );
    } catch (error) {
      skip(failed, row, error);
    }
  }
  // What is invoiced already is subtracted by key, in one read (lines computed with the invoiced
  // ones at hand too: a line the unique index refuses would fail the whole chunk).
  const already = await invoicedKeys(
    scope,
    steps.flatMap((s) => s.lines.map((l) => l.line_key)),
  );
  const drafts: InvoiceDraft[] = [];
  for (const s of steps) {
    const lines = notYetInvoiced(s.lines, already);
    if (lines.length === 0) continue;
    const at = s.period ? s.period.start : fromDate(s.row.current_period_end);
    const billed = s.period ?? endedPeriod(s.row);
    drafts.push(
      draftFor(
        payers.get(s.row.account_id)!,
        s.row,
        s.period ? 'subscription_cycle' : 'subscription_end',
        lines,
        { start: billed.startDate, end: billed.endDate },
        // Each is issued at its own period boundary, as the timeline has it.
        at,
      ),
    );
  }

  const renewing = steps.filter((s) => s.period !== null);
  const ending = steps.filter((s) => s.period === null);
  await insertPhases(
    scope,
    steps.flatMap((s) => (s.next ? [{ ...s.next, subscriptionId: s.row.id }] : [])),
    now,
  );
  // Most renewals only move to the next period; those that begin a phase also take its terms.
  const moving = renewing.filter((s) => s.next === null);
  if (moving.length) {
    await sql`
      update subscriptions as s set
        period_index = v.idx, current_period_start = v.ps, current_period_end = v.pe,
        scheduled_changes = '{}'::jsonb, updated_at = ${toDate(now)}
      from (select unnest(${moving.map((s) => s.row.id)}::text[]) as id,
                   unnest(${moving.map((s) => s.period!.index)}::int[]) as idx,
                   unnest(${moving.map((s) => s.period!.startIso)}::timestamptz[]) as ps,
                   unnest(${moving.map((s) => s.period!.endIso)}::timestamptz[]) as pe) as v
      where s.tenant_id = ${scope.tenantId} and s.id = v.id`.execute(scope.raw);
  }
  for (const s of renewing.filter((r) => r.next !== null)) {
    await scope
      .updateTable('subscriptions')
      .set({
        ...projectionOf(s.next!),
        period_index: s.period!.index,
        current_period_start: toDate(s.period!.start),
        current_period_end: toDate(s.period!.end),
        scheduled_changes: '{}',
        updated_at: toDate(now),
      })
      .where('id', '=', s.row.id)
      .execute();
  }
  if (ending.length) {
    await sql`
      update subscriptions set status = 'canceled', ended_at = current_period_end, updated_at = ${toDate(now)},
        phase_seq = phase_seq + 1, phase_action = 'ended', phase_effective_at = current_period_end
      where tenant_id = ${scope.tenantId} and id = any(${ending.map((s) => s.row.id)}::text[])`.execute(
      scope.raw,
    );
  }
  const events: NewEvent[] = [
    ...quotaResets(renewing, windows),
    ...renewing.map((s) => ({
      type: 'subscription.renewed' as const,
      accountId: s.row.account_id,
      at: s.period!.start,
      data: {
        subscription: s.row.id,
        current_period_start: s.period!.startIso,
        current_period_end: s.period!.endIso,
        billing_period: s.next?.billingPeriod ?? s.row.billing_period,
      },
    })),
    ...ending.map((s) => ({
      type: 'subscription.canceled' as const,
      accountId: s.row.account_id,
      at: fromDate(s.row.current_period_end),
      data: {
        subscription: s.row.id,
        reason: 'auto_renew_off' as const,
        ended_at: toRfc3339(s.row.current_period_end),
      },
    })),
  ];
  await emitEvents(scope, events);
  // Renewals are the timeline running on, not anyone's action: they are in the events
  // (subscription.renewed), not the history. An ending is a change of state, so it is recorded.
  const history: HistoryEntry[] = ending.map((s) => ({
    at: fromDate(s.row.current_period_end),
    actor: BILLING_ACTOR,
    action: 'subscription.ended',
    subject: { type: 'subscription', id: s.row.id },
    accountId: s.row.account_id,
    before: { status: 'active', auto_renew: false },
    after: { status: 'canceled', ended_at: toRfc3339(s.row.current_period_end) },
  }));
  await recordHistoryMany(scope, history);
  // Last: issuing takes the tenant's invoice-number lock, held until this chunk commits.
  const issued = await issueDocuments(scope, drafts, now);
  return {
    taken: due.length,
    renewed: renewing.length,
    ended: ending.length,
    invoices: issued.invoices.length,
    credit_notes: issued.creditNotes.length,
    failed: due.length - steps.length,
  };
}

function skip(failed: Set<string>, row: SubscriptionRow, error: unknown) {
  // One subscription that cannot be billed (its terms lack a price) must not hold up the others: it
  // is left as it is, skipped for the rest of this run, and counted as failed.
  failed.add(row.id);
  void error;
}
