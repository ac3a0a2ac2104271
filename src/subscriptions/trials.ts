import { sql } from 'kysely';
import { deactivateUsersOf } from '../accounts/users.ts';
import { localDate } from '../domain/timeline.ts';
import { emitEvents, type NewEvent } from '../events/events.ts';
import { recordHistoryMany } from '../history/history.ts';
import { BILLING_ACTOR } from '../platform/actor.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { currentValues, insertPhases } from './phases.ts';
import type { SubscriptionRow } from './terms.ts';

/** Trials warn this many days before they end (`subscription.trial_will_end`). */
export const TRIAL_WARNING_DAYS = 3;

/** The subscriptions of one test clock, or of the wall clock (no test clock). */
export const clockFilter = (clockId: string | null) =>
  clockId === null ? sql`test_clock_id is null` : sql`test_clock_id = ${clockId}`;

export async function warnTrials(scope: TenantScope, clockId: string | null, now: Temporal.Instant) {
  const { rows } = await sql<{ id: string; account_id: string; trial_end: Date; timezone: string }>`
    update subscriptions set trial_will_end_sent = true
     where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing' and not trial_will_end_sent
       and trial_end - make_interval(days => ${TRIAL_WARNING_DAYS}) <= ${toDate(now)}
    returning id, account_id, trial_end, timezone`.execute(scope.raw);
  await emitEvents(
    scope,
    rows.map((r) => ({
      type: 'subscription.trial_will_end' as const,
      accountId: r.account_id,
      at: now,
      data: {
        subscription: r.id,
        trial_end: toRfc3339(new Date(r.trial_end)),
        // The trial ends at the first instant of the day after its last day, as people read it.
        trial_last_day: localDate(fromDate(new Date(r.trial_end)), r.timezone)
          .subtract({ days: 1 })
          .toString(),
      },
    })),
  );
  return rows.length;
}

/** Trials that ended unconverted expire, and their accounts' users are deactivated (S12). */
export async function expireTrials(scope: TenantScope, clockId: string | null, now: Temporal.Instant) {
  // The timeline's next phase, in the same statement that makes it current.
  const { rows } = await sql<SubscriptionRow>`
    update subscriptions set status = 'expired', ended_at = trial_end, updated_at = ${toDate(now)},
      phase_seq = phase_seq + 1, phase_action = 'expired', phase_effective_at = trial_end
     where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing' and trial_end <= ${toDate(now)}
    returning *`.execute(scope.raw);
  if (rows.length === 0) return 0;
  await insertPhases(
    scope,
    rows.map((r) => ({ ...currentValues(r), subscriptionId: r.id })),
    now,
  );
  const accounts = [...new Set(rows.map((r) => r.account_id))];
  // An account with another live subscription keeps its users.
  const live = await scope
    .selectFrom('subscriptions')
    .select('account_id')
    .where('account_id', 'in', accounts)
    .where('status', 'in', ['active', 'trialing'])
    .execute();
  const liveSet = new Set(live.map((l) => l.account_id));
  const users = await deactivateUsersOf(
    scope,
    accounts.filter((a) => !liveSet.has(a)),
    now,
  );
  const events: NewEvent[] = [
    ...rows.map((r) => ({
      type: 'subscription.expired' as const,
      accountId: r.account_id,
      at: now,
      data: { subscription: r.id, trial_end: toRfc3339(new Date(r.trial_end!)) },
    })),
    ...users.map((u) => ({
      type: 'user.deactivated' as const,
      accountId: u.account_id,
      at: now,
      data: { user: u.id, reason: 'trial_expired' as const },
    })),
  ];
  await emitEvents(scope, events);
  await recordHistoryMany(scope, [
    ...rows.map((r) => ({
      at: now,
      actor: BILLING_ACTOR,
      action: 'subscription.expired',
      subject: { type: 'subscription', id: r.id },
      accountId: r.account_id,
      before: { status: 'trialing' },
      after: { status: 'expired' },
    })),
    ...users.map((u) => ({
      at: now,
      actor: BILLING_ACTOR,
      action: 'user.deactivated',
      subject: { type: 'user', id: u.id },
      accountId: u.account_id,
      before: { status: 'active' },
      after: { status: 'deactivated', reason: 'trial_expired' },
    })),
  ]);
  return rows.length;
}
