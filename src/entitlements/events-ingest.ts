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
  let fresh: number[] = keys.map((_, i) => i);
  if (Number(claim.numAffectedRows ?? 0) < keys.length) {
    const { rows } = await sql<{ key: string }>`
      select key from usage_keys
      where tenant_id = ${scope.tenantId} and key = any(${keys}::text[]) and xmin = pg_current_xact_id()::xid`.execute(
      scope.raw,
    );
    const mine = new Set(rows.map((r) => r.key));
    fresh = fresh.filter((i) => mine.has(keys[i]!));
  }
  // A blocking limit refuses the events that would pass it, one by one in batch order, under the
  // counters' locks (taken in the one order): nothing is counted for them, and their ids are freed.
  const refused: Refusal[] = [];
  const openedHere = new Set<number>();
  const blocking = counters
    .map((t, c) => ({ ...t, c: c + 1 }))
    .filter((t) => t.grant.overage === 'block' && t.grant.limit !== null)
    .filter((t) => fresh.some((i) => eventCounter[i] === t.c));
  if (blocking.length > 0) {
    const { used, opened } = await lockCounters(scope, blocking);
    for (const c of opened) openedHere.add(c);
    const kept: number[] = [];
    for (const i of fresh) {
      const c = eventCounter[i]!;
      const t = counters[c - 1]!;
      const now = used.get(c);
      if (now === undefined) {
        kept.push(i);
        continue;
      }
      if (now + quantities[i]! <= t.grant.limit!) {
        used.set(c, now + quantities[i]!);
        kept.push(i);
        continue;
      }
      refused.push({ key: keys[i]!, feature: t.grant.feature, limit: t.grant.limit!, used: now });
    }
    if (refused.length > 0) {
      await sql`delete from usage_keys where tenant_id = ${scope.tenantId} and key = any(${refused.map((r) => r.key)}::text[])`.execute(
        scope.raw,
      );
    }
    fresh = kept;
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
      const c = counterIndex.get(`${r.account_id}\u0000${r.feature}`)!;
      if ((r.opened || openedHere.has(c)) && t.grant.reset === 'month')
        await announceMonthlyReset(scope, t.snapshot, t.grant);
      await announce(scope, t.snapshot, t.grant, Number(r.used) - t.sum, Number(r.used), Number(r.warned));
    }
  }
  const accepted = fresh.length;
  // Each refused event by its place in the batch (the first of its id, when an id repeats).
  const firstIndex = new Map<string, number>();
  for (const [i, e] of events.entries())
    if (!firstIndex.has(`event:${e.id}`)) firstIndex.set(`event:${e.id}`, i);
  return {
    accepted,
    duplicates: events.length - accepted - refused.length,
    refused: refused.map((r) => {
      const index = firstIndex.get(r.key)!;
      return {
        index,
        id: events[index]!.id,
        code: 'quota_exceeded' as const,
        feature: r.feature,
        limit: r.limit,
        used: r.used,
      };
    }),
  };
}

interface Refusal {
  key: string;
  feature: string;
  limit: number;
  used: number;
}

/**
 * Opens (if need be) and locks the counters, in the order every path locks them: each one's usage by
 * its number in the batch, and the numbers of those it opened.
 */
async function lockCounters(
  scope: TenantScope,
  list: readonly { snapshot: Snapshot; grant: Entitled; c: number }[],
): Promise<{ used: Map<number, number>; opened: number[] }> {
  const sorted = [...list].sort((x, y) =>
    compareCounters(counterOf(x.snapshot.accountId, x.grant), counterOf(y.snapshot.accountId, y.grant)),
  );
  const inserted = await sql<{ account_id: string; feature: string; window_start: Date }>`
    insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
    select ${scope.tenantId}, a, f, ws, we, 0
    from unnest(${sorted.map((t) => t.snapshot.accountId)}::text[], ${sorted.map((t) => t.grant.feature)}::text[],
                ${sorted.map((t) => t.grant.window.start.toString())}::timestamptz[],
                ${sorted.map((t) => t.grant.window.end?.toString() ?? null)}::timestamptz[]) with ordinality as u(a, f, ws, we, n)
    order by n
    on conflict do nothing
    returning account_id, feature, window_start`.execute(scope.raw);
  const { rows } = await sql<{ account_id: string; feature: string; window_start: Date; used: string }>`
    select c.account_id, c.feature, c.window_start, c.used from usage_counters c
    join unnest(${sorted.map((t) => t.snapshot.accountId)}::text[], ${sorted.map((t) => t.grant.feature)}::text[],
                ${sorted.map((t) => t.grant.window.start.toString())}::timestamptz[]) as v(a, f, ws)
      on c.account_id = v.a and c.feature = v.f and c.window_start = v.ws
    where c.tenant_id = ${scope.tenantId}
    order by c.account_id collate "C", c.feature collate "C", c.window_start
    for update of c`.execute(scope.raw);
  const numberOf = (r: { account_id: string; feature: string; window_start: Date }) =>
    sorted.find(
      (x) =>
        x.snapshot.accountId === r.account_id &&
        x.grant.feature === r.feature &&
        x.grant.window.start.epochMilliseconds === new Date(r.window_start).getTime(),
    )?.c;
  const used = new Map<number, number>();
  for (const r of rows) {
    const c = numberOf(r);
    if (c !== undefined) used.set(c, Number(r.used));
  }
  return { used, opened: inserted.rows.flatMap((r) => numberOf(r) ?? []) };
}
