import { sql } from 'kysely';
import { type Clock, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { FieldErrors } from '../platform/errors.ts';
import { announceMonthlyReset } from './consume-locked.ts';
import { compareCounters, counterOf } from './counters.ts';
import { type Entitled, loadSnapshots, type Snapshot } from './snapshot.ts';
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
  const snapshots = await loadSnapshots(
    scope,
    events.map((e) => e.account),
    wall,
  );
  const grants: Entitled[] = [];
  for (const [i, e] of events.entries()) {
    const snapshot = snapshots.get(e.account);
    if (!snapshot) {
      errors.add(`events[${i}].account`, 'names no account');
      continue;
    }
    const g = snapshot.grants.get(e.feature);
    if (!snapshot.kinds.has(e.feature)) errors.add(`events[${i}].feature`, 'names no feature of the catalog');
    else if (!g || g.kind === 'boolean' || g.kind === 'seat')
      errors.add(
        `events[${i}].feature`,
        g?.kind === 'seat'
          ? 'is a seat feature: seats are taken by adding users'
          : (snapshot.blocked ?? 'is not a metered feature of the account'),
      );
    else {
      grants[i] = g;
      const late =
        e.timestamp === undefined ? null : timingOf(Temporal.Instant.from(e.timestamp), snapshot, g);
      if (late) errors.add(`events[${i}].timestamp`, late);
    }
  }
  errors.throwIfAny('The batch was not accepted.');

  // Each distinct event with the counter (account, feature, window) it adds to; an id twice in the
  // batch is one event.
  const counters: { snapshot: Snapshot; grant: Entitled }[] = [];
  const counterIndex = new Map<string, number>();
  const keys: string[] = [];
  const eventCounter: number[] = [];
  const quantities: number[] = [];
  const seen = new Set<string>();
  for (const [i, e] of events.entries()) {
    const key = `event:${e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const snapshot = snapshots.get(e.account)!;
    const g = grants[i]!;
    const name = `${snapshot.accountId}\u0000${g.feature}`;
    let c = counterIndex.get(name);
    if (c === undefined) {
      c = counters.push({ snapshot, grant: g });
      counterIndex.set(name, c);
    }
    keys.push(key);
    eventCounter.push(c);
    quantities.push(e.quantity);
  }

  // Claim the ids: a seen id claims nothing. Usually every id is new, and the count says so; after a
  // retry, the rows this transaction wrote (its xmin) tell the new ones from the rest.
  const now = toDate(wall.now());
  const claim = await sql`
    insert into usage_keys (tenant_id, key, created_at)
    select ${scope.tenantId}, k, ${now} from unnest(${[...keys].sort()}::text[]) as k
    on conflict do nothing`.execute(scope.raw);
  let fresh: readonly number[] = keys.map((_, i) => i);
  if (Number(claim.numAffectedRows ?? 0) < keys.length) {
    const { rows } = await sql<{ key: string }>`
      select key from usage_keys
      where tenant_id = ${scope.tenantId} and key = any(${keys}::text[]) and xmin = pg_current_xact_id()::xid`.execute(
      scope.raw,
    );
    const mine = new Set(rows.map((r) => r.key));
    fresh = fresh.filter((i) => mine.has(keys[i]!));
  }
  const sums = new Array<number>(counters.length + 1).fill(0);
  for (const i of fresh) sums[eventCounter[i]!]! += quantities[i]!;
  const withSums = counters.map((t, c) => ({ ...t, sum: sums[c + 1]! }));
  // Opened and locked in the order consumes lock counters (see compareCounters): no deadlock with them.
  const touched = withSums
    .filter((t) => t.sum > 0)
    .sort((x, y) =>
      compareCounters(counterOf(x.snapshot.accountId, x.grant), counterOf(y.snapshot.accountId, y.grant)),
    );
  if (touched.length > 0) {
    const { rows } = await sql<{
      account_id: string;
      feature: string;
      used: number;
      warned: number;
      opened: boolean;
    }>`
      insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
      select ${scope.tenantId}, a, f, ws, we, q
      from unnest(${touched.map((t) => t.snapshot.accountId)}::text[], ${touched.map((t) => t.grant.feature)}::text[],
                  ${touched.map((t) => t.grant.window.start.toString())}::timestamptz[],
                  ${touched.map((t) => t.grant.window.end?.toString() ?? null)}::timestamptz[],
                  ${touched.map((t) => t.sum)}::bigint[]) with ordinality as u(a, f, ws, we, q, n)
      order by n
      on conflict (tenant_id, account_id, feature, window_start) do update set used = usage_counters.used + excluded.used
      returning account_id, feature, used, warned, (xmax = 0) as opened`.execute(scope.raw);
    for (const r of rows) {
      const t = withSums[counterIndex.get(`${r.account_id}\u0000${r.feature}`)! - 1]!;
      // A month's counter opened inside a longer period announces the month's reset, as a consume's does.
      if (r.opened && t.grant.reset === 'month') await announceMonthlyReset(scope, t.snapshot, t.grant);
      await announce(scope, t.snapshot, t.grant, Number(r.used) - t.sum, Number(r.used), Number(r.warned));
    }
  }
  const accepted = fresh.length;
  return { accepted, duplicates: events.length - accepted };
}
