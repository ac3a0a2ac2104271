import { sql } from 'kysely';
import { type Clock, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { type Entitled, loadSnapshot, type Snapshot } from './snapshot.ts';
import { announce } from './usage.ts';

export interface UsageEvent {
  id: string;
  account: string;
  feature: string;
  quantity: number;
  timestamp?: string;
}

/** How far ahead of the account's clock an event's timestamp may be (clocks drift). */
const SKEW = Temporal.Duration.from({ minutes: 5 });

/**
 * Usage counts in the window it happened in, and only the current window is open: the last one was
 * invoiced at the renewal that closed it. An event from before the current window, or from the future,
 * is refused rather than counted in the wrong period. Returns why, or null.
 */
function timingOf(at: Temporal.Instant, snapshot: Snapshot, g: Entitled): string | null {
  if (Temporal.Instant.compare(at, snapshot.now.add(SKEW)) > 0)
    return `is in the future: the account's time is ${toRfc3339(snapshot.now)}`;
  if (Temporal.Instant.compare(at, g.window.start) < 0)
    return `falls before the current period, which began ${toRfc3339(g.window.start)}; usage of a closed period is not counted`;
  return null;
}

/**
 * Batched usage (metering): validated as a whole first, then de-duplicated by event id and counted
 * set-based — one statement claims the new ids, one adds each (account, feature, window) total.
 * Metered usage has already happened, so it is counted whatever the limit; warnings still follow.
 */
export async function ingestUsageEvents(scope: TenantScope, events: readonly UsageEvent[], wall: Clock) {
  const errors = new FieldErrors();
  const snapshots = new Map<string, Snapshot>();
  for (const ref of new Set(events.map((e) => e.account))) {
    try {
      snapshots.set(ref, await loadSnapshot(scope, ref, wall));
    } catch (error) {
      if (!(error instanceof AllotError)) throw error;
    }
  }
  const grants: Entitled[] = [];
  for (const [i, e] of events.entries()) {
    const snapshot = snapshots.get(e.account);
    if (!snapshot) {
      errors.add(`events[${i}].account`, 'names no account');
      continue;
    }
    const g = snapshot.grants.get(e.feature);
    if (!snapshot.kinds.has(e.feature)) errors.add(`events[${i}].feature`, 'names no feature of the catalog');
    else if (!g || g.kind === 'boolean')
      errors.add(`events[${i}].feature`, snapshot.blocked ?? 'is not a metered feature of the account');
    else {
      grants[i] = g;
      const late =
        e.timestamp === undefined ? null : timingOf(Temporal.Instant.from(e.timestamp), snapshot, g);
      if (late) errors.add(`events[${i}].timestamp`, late);
    }
  }
  errors.throwIfAny('The batch was not accepted.');

  const now = toDate(wall.now());
  const { rows: claimed } = await sql<{ key: string }>`
    insert into usage_keys (tenant_id, key, created_at)
    select ${scope.tenantId}, k, ${now} from unnest(${events.map((e) => `event:${e.id}`)}::text[]) as k
    on conflict do nothing returning key`.execute(scope.raw);
  const fresh = new Set(claimed.map((c) => c.key));
  const totals = new Map<string, { snapshot: Snapshot; grant: Entitled; sum: number }>();
  let accepted = 0;
  for (const [i, e] of events.entries()) {
    if (!fresh.delete(`event:${e.id}`)) continue; // seen before, or twice in this batch
    accepted++;
    const snapshot = snapshots.get(e.account)!;
    const g = grants[i]!;
    const k = `${snapshot.accountId}\u0000${g.feature}`;
    const t = totals.get(k) ?? { snapshot, grant: g, sum: 0 };
    t.sum += e.quantity;
    totals.set(k, t);
  }
  const list = [...totals.values()];
  if (list.length > 0) {
    const { rows } = await sql<{ account_id: string; feature: string; used: number; warned: number }>`
      insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
      select ${scope.tenantId}, a, f, ws, we, q
      from unnest(${list.map((t) => t.snapshot.accountId)}::text[], ${list.map((t) => t.grant.feature)}::text[],
                  ${list.map((t) => t.grant.window.start.toString())}::timestamptz[],
                  ${list.map((t) => t.grant.window.end?.toString() ?? null)}::timestamptz[],
                  ${list.map((t) => t.sum)}::bigint[]) as u(a, f, ws, we, q)
      on conflict (tenant_id, account_id, feature, window_start) do update set used = usage_counters.used + excluded.used
      returning account_id, feature, used, warned`.execute(scope.raw);
    for (const r of rows) {
      const t = totals.get(`${r.account_id}\u0000${r.feature}`)!;
      await announce(scope, t.snapshot, t.grant, Number(r.used) - t.sum, Number(r.used), Number(r.warned));
    }
  }
  return { accepted, duplicates: events.length - accepted };
}
