import { sql } from 'kysely';
import { emitEvents } from '../events/events.ts';
import { fixedClock, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { compareCounters, counterKey, counterName, counterOf, counterOfRow } from './counters.ts';
import { type Entitled, fingerprints, loadSnapshot, type Snapshot } from './snapshot.ts';
import type { PreparedUsage, UsageAnswer } from './usage.ts';
import { announce, answerFor, exceeded, keyReused } from './usage.ts';

export type Outcome = { ok: true; answer: UsageAnswer } | { ok: false; error: unknown };

/** One (account, feature, window) counter a batch touches. */
interface Counter {
  accountId: string;
  snapshot: Snapshot;
  grant: Entitled;
  start: Date;
  end: Date | null;
  before: number;
  used: number;
  warned: number;
}

/**
 * Group commit's general path, in the caller's transaction: prove the cached terms current, claim
 * idempotency keys, open and lock the counters (in one order, so processes never deadlock), decide the
 * consumes in arrival order while they fit under each ceiling, write the new totals and the warnings
 * they cause. A fixed number of set-based statements, however many consumes and accounts.
 */
export async function countLocked(scope: TenantScope, batch: PreparedUsage[]): Promise<Outcome[]> {
  const tenantId = scope.tenantId;
  const outcomes: (Outcome | undefined)[] = await proveTerms(scope, batch);
  const live = batch.filter((_, i) => outcomes[i] === undefined);
  const now = toDate(batch[0]!.receivedAt);

  // Idempotency keys: claimed together, in one order; a key already answered replays its answer.
  const keys = [...new Set(live.flatMap((p) => (p.key ? [p.key] : [])))].sort();
  const fresh = new Set<string>();
  const prior = new Map<string, { answer: UsageAnswer; hash: string | null }>();
  if (keys.length > 0) {
    const { rows } = await sql<{ key: string }>`
      insert into usage_keys (tenant_id, key, created_at)
      select ${tenantId}, k, ${now} from unnest(${keys}::text[]) as k
      on conflict do nothing returning key`.execute(scope.raw);
    for (const r of rows) fresh.add(r.key);
    const old = keys.filter((k) => !fresh.has(k));
    if (old.length > 0) {
      const found = await sql<{ key: string; answer: UsageAnswer; request_hash: string | null }>`
        select key, answer, request_hash from usage_keys where tenant_id = ${tenantId} and key = any(${old}::text[])`.execute(
        scope.raw,
      );
      for (const r of found.rows) prior.set(r.key, { answer: r.answer, hash: r.request_hash });
    }
  }

  const counters = await lockCounters(scope, live);
  const counterFor = (p: PreparedUsage) => counters.get(counterKey(p.snapshot.accountId, p.grant))!;

  // Decide in arrival order, each under its counter's lock.
  const answered = new Map<string, { answer: UsageAnswer; hash: string | null }>();
  for (const [i, p] of batch.entries()) {
    if (outcomes[i]) continue;
    const first = p.key ? (prior.get(p.key) ?? answered.get(p.key)) : undefined;
    if (first) {
      outcomes[i] =
        first.hash !== p.requestHash
          ? { ok: false, error: keyReused(p.keyField) }
          : { ok: true, answer: { ...first.answer, replayed: true } };
      continue;
    }
    const c = counterFor(p);
    const ceiling = p.grant.overage === 'block' && p.grant.limit !== null ? p.grant.limit : null;
    if (ceiling !== null && c.used + p.quantity > ceiling) {
      outcomes[i] = { ok: false, error: exceeded(p.grant, c.used) };
      continue;
    }
    c.used += p.quantity;
    const answer = answerFor(p.grant, c.used, true);
    if (p.key) answered.set(p.key, { answer, hash: p.requestHash });
    outcomes[i] = { ok: true, answer };
  }

  const changed = [...counters.values()].filter((c) => c.used !== c.before);
  if (changed.length > 0) {
    await sql`
      update usage_counters as c set used = v.used
      from unnest(${changed.map((c) => c.accountId)}::text[], ${changed.map((c) => c.grant.feature)}::text[],
                  ${changed.map((c) => c.start)}::timestamptz[], ${changed.map((c) => c.used)}::bigint[]) as v(a, f, ws, used)
      where c.tenant_id = ${tenantId} and c.account_id = v.a and c.feature = v.f and c.window_start = v.ws`.execute(
      scope.raw,
    );
    for (const c of changed) await announce(scope, c.snapshot, c.grant, c.before, c.used, c.warned);
  }
  if (answered.size > 0) {
    const ks = [...answered.keys()];
    await sql`
      update usage_keys as k set answer = v.answer::jsonb, request_hash = v.hash
      from unnest(${ks}::text[], ${ks.map((k) => JSON.stringify(answered.get(k)!.answer))}::text[],
                  ${ks.map((k) => answered.get(k)!.hash)}::text[]) as v(key, answer, hash)
      where k.tenant_id = ${tenantId} and k.key = v.key`.execute(scope.raw);
  }
  // A refused consume with a key leaves no trace: a retry is decided afresh.
  const unanswered = [...fresh].filter((k) => !answered.has(k));
  if (unanswered.length > 0) {
    await sql`delete from usage_keys where tenant_id = ${tenantId} and key = any(${unanswered}::text[])`.execute(
      scope.raw,
    );
  }
  return outcomes as Outcome[];
}

/**
 * The requests decided on cached terms: one read for the whole batch proves them current, or the
 * accounts whose subscriptions changed meanwhile (perhaps in another process) take their current terms.
 * Returns the outcome of each request that can no longer be counted at all.
 */
async function proveTerms(scope: TenantScope, batch: PreparedUsage[]): Promise<(Outcome | undefined)[]> {
  const accounts = [...new Set(batch.map((p) => p.snapshot.accountId))];
  const now = await fingerprints(scope, accounts);
  const outcomes: (Outcome | undefined)[] = [];
  const reloaded = new Map<string, Snapshot>();
  for (const [i, p] of batch.entries()) {
    if (now.get(p.snapshot.accountId) === p.snapshot.fingerprint) continue;
    let snapshot = reloaded.get(p.snapshot.accountId);
    if (!snapshot) {
      snapshot = await loadSnapshot(scope, p.snapshot.accountId, fixedClock(p.snapshot.now), 'verified');
      reloaded.set(p.snapshot.accountId, snapshot);
    }
    const fresh = snapshot.grants.get(p.grant.feature);
    if (!fresh || snapshot.blocked) {
      const reason = snapshot.blocked ?? 'not_in_plan';
      const error = new AllotError(
        'invalid_state',
        `The account may not use ${p.grant.feature}: ${reason}.`,
        [],
        { allowed: false, reason },
      );
      outcomes[i] = { ok: false, error };
      continue;
    }
    p.snapshot = snapshot;
    p.grant = fresh;
  }
  return outcomes;
}

/**
 * Opens the batch's counters that do not exist yet and locks them all, in one order (account, feature,
 * window): two batches, in this process or another, so never wait on each other in a cycle.
 */
async function lockCounters(scope: TenantScope, live: PreparedUsage[]): Promise<Map<string, Counter>> {
  const counters = new Map<string, Counter>();
  for (const p of live) {
    const k = counterKey(p.snapshot.accountId, p.grant);
    if (counters.has(k)) continue;
    counters.set(k, {
      accountId: p.snapshot.accountId,
      snapshot: p.snapshot,
      grant: p.grant,
      start: toDate(p.grant.window.start),
      end: p.grant.window.end ? toDate(p.grant.window.end) : null,
      before: 0,
      used: 0,
      warned: 0,
    });
  }
  if (counters.size === 0) return counters;
  // Opened and locked in the one order every path takes (see compareCounters).
  const list = [...counters.values()].sort((x, y) =>
    compareCounters(counterOf(x.accountId, x.grant), counterOf(y.accountId, y.grant)),
  );
  const columns = sql`unnest(${list.map((c) => c.accountId)}::text[], ${list.map((c) => c.grant.feature)}::text[],
    ${list.map((c) => c.start)}::timestamptz[], ${list.map((c) => c.end)}::timestamptz[]) as v(a, f, ws, we)`;
  const created = await sql<{ account_id: string; feature: string; window_start: Date }>`
    insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
    select ${scope.tenantId}, a, f, ws, we, 0 from ${columns}
    on conflict do nothing returning account_id, feature, window_start`.execute(scope.raw);
  const { rows } = await sql<{
    account_id: string;
    feature: string;
    window_start: Date;
    used: string;
    warned: number;
  }>`
    select c.account_id, c.feature, c.window_start, c.used, c.warned from usage_counters c
    join ${columns} on c.account_id = v.a and c.feature = v.f and c.window_start = v.ws
    where c.tenant_id = ${scope.tenantId}
    order by c.account_id collate "C", c.feature collate "C", c.window_start
    for update of c`.execute(scope.raw);
  for (const r of rows) {
    const c = counters.get(counterName(counterOfRow(r)))!;
    c.before = c.used = Number(r.used);
    c.warned = Number(r.warned);
  }
  // A monthly window inside an annual period has no renewal to announce its reset: the consume that
  // opens it does, in its own transaction.
  for (const r of created.rows) {
    const c = counters.get(counterName(counterOfRow(r)))!;
    if (c.grant.reset === 'month') await announceMonthlyReset(scope, c.snapshot, c.grant);
  }
  return counters;
}

/**
 * `quota.reset` for a month's counter opened inside a longer period: no renewal announces it. A month
 * that starts with the period (a monthly plan's, or an annual plan's first) is announced by the renewal.
 */
export async function announceMonthlyReset(
  scope: TenantScope,
  snapshot: Snapshot,
  g: Entitled,
): Promise<void> {
  if (g.window.start.equals(g.periodStart)) return;
  const previous = await scope
    .selectFrom('usage_counters')
    .select(['used'])
    .where('account_id', '=', snapshot.accountId)
    .where('feature', '=', g.feature)
    .where('window_start', '<', toDate(g.window.start))
    .orderBy('window_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!previous || Number(previous.used) === 0) return;
  await emitEvents(scope, [
    {
      type: 'quota.reset',
      accountId: snapshot.accountId,
      at: snapshot.now,
      data: {
        feature: g.feature,
        previous_used: Number(previous.used),
        period_start: toRfc3339(g.window.start),
        period_end: g.window.end ? toRfc3339(g.window.end) : null,
      },
    },
  ]);
}
