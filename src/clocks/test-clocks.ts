import type { Selectable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, fixedClock, fromDate, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { DueWorkRegistry } from '../platform/clock/due-work.ts';
import type { TestClocksTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';

export interface TestClockView {
  id: string;
  object: 'test_clock';
  name: string | null;
  frozen_time: string;
  created_at: string;
}

export function viewTestClock(row: Selectable<TestClocksTable>): TestClockView {
  return {
    id: row.id,
    object: 'test_clock',
    name: row.name,
    frozen_time: toRfc3339(row.frozen_time),
    created_at: toRfc3339(row.created_at),
  };
}

export async function createTestClock(
  scope: TenantScope,
  actor: Actor,
  input: { frozen_time: string; name?: string | undefined },
  now: Temporal.Instant,
): Promise<TestClockView> {
  const row = {
    id: newId('testClock'),
    name: input.name ?? null,
    frozen_time: toDate(parseInstant(input.frozen_time, 'frozen_time')),
    created_at: toDate(now),
  };
  await scope.insertInto('test_clocks', row).execute();
  const view = viewTestClock({ ...row, tenant_id: scope.tenantId });
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'test_clock.created',
    subject: { type: 'test_clock', id: row.id },
    accountId: null,
    before: null,
    after: view,
  });
  return view;
}

export async function getTestClock(scope: TenantScope, id: string, forUpdate = false) {
  let q = scope.selectFrom('test_clocks').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('test clock', id);
  return row;
}

/** The clock an account lives by: its test clock's frozen time, or the wall clock. */
export async function clockOf(scope: TenantScope, testClockId: string | null, wall: Clock): Promise<Clock> {
  if (testClockId === null) return wall;
  const row = await getTestClock(scope, testClockId);
  return fixedClock(fromDate(row.frozen_time));
}

/**
 * Moves a test clock forward to `to`, stopping at every instant at which work falls due on the way
 * (a renewal, then the quota reset it causes, then a trial end…) so each runs at its own time, in order.
 */
export async function advanceTestClock(
  scope: TenantScope,
  actor: Actor,
  dueWork: DueWorkRegistry,
  id: string,
  toText: string,
  now: Temporal.Instant,
): Promise<TestClockView> {
  const row = await getTestClock(scope, id, true);
  const to = parseInstant(toText, 'frozen_time');
  let current = fromDate(row.frozen_time);
  if (Temporal.Instant.compare(to, current) <= 0) {
    throw new AllotError(
      'validation_failed',
      `A test clock only moves forward; it is at ${toRfc3339(current)}.`,
      [{ field: 'frozen_time', message: `must be after the clock's time ${toRfc3339(current)}` }],
    );
  }
  for (;;) {
    const next = await dueWork.nextDueAt(scope, id, current, to);
    const at = next ?? to;
    await scope
      .updateTable('test_clocks')
      .set({ frozen_time: toDate(at) })
      .where('id', '=', id)
      .execute();
    await dueWork.runDue(scope, id, at);
    current = at;
    if (next === null || Temporal.Instant.compare(at, to) >= 0) break;
  }
  const before = viewTestClock(row);
  const after = viewTestClock({ ...row, frozen_time: toDate(to) });
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'test_clock.advanced',
    subject: { type: 'test_clock', id },
    accountId: null,
    before,
    after,
  });
  return after;
}

export function parseInstant(text: string, field: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw new AllotError('validation_failed', `${field} must be an RFC 3339 time with an offset.`, [
      { field, message: 'must be an RFC 3339 time with an offset, e.g. 2026-01-31T09:00:00Z' },
    ]);
  }
}
