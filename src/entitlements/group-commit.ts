import { type Kysely, sql } from 'kysely';
import { emitEvents } from '../events/events.ts';
import { fixedClock, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { type Entitled, fingerprint, loadSnapshot, type Snapshot } from './snapshot.ts';
import type { PreparedUsage, UsageAnswer } from './usage.ts';
import { announce, answerFor, exceeded } from './usage.ts';

interface Pending extends PreparedUsage {
  resolve(answer: UsageAnswer): void;
  reject(error: unknown): void;
}

interface Lane {
  queue: Pending[];
  running: boolean;
}

/** Consumes merged into one transaction at most. */
const BATCH = 512;

/**
 * Group commit for consume. Concurrent consumes of one counter (account, feature, window) queue in a
 * lane; whoever finds the lane idle drains it, one transaction per batch: lock the counter row, accept
 * the queued consumes in arrival order while they fit under the ceiling, add their total in one
 * statement, commit. A hot account so pays one row lock per batch, not per request, and stays exact
 * across processes: each batch decides under the row lock, in the database.
 */
export class ConsumeBatcher {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onCommit: (tenantId: string) => void,
  ) {}

  submit(tenantId: string, usage: PreparedUsage): Promise<UsageAnswer> {
    const g = usage.grant;
    const laneKey = `${tenantId}|${usage.snapshot.accountId}|${g.feature}|${g.window.start.epochMilliseconds}`;
    let lane = this.#lanes.get(laneKey);
    if (!lane) {
      lane = { queue: [], running: false };
      this.#lanes.set(laneKey, lane);
    }
    const promise = new Promise<UsageAnswer>((resolve, reject) =>
      lane.queue.push({ ...usage, resolve, reject }),
    );
    if (!lane.running) void this.#drain(tenantId, laneKey, lane);
    return promise;
  }

  async #drain(tenantId: string, laneKey: string, lane: Lane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0) {
        const batch = lane.queue.splice(0, BATCH);
        try {
          const outcomes = await this.#flush(tenantId, batch);
          this.onCommit(tenantId);
          for (const [i, p] of batch.entries()) {
            const o = outcomes[i]!;
            if (o.ok) p.resolve(o.answer);
            else p.reject(o.error);
          }
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      lane.running = false;
      if (lane.queue.length === 0) this.#lanes.delete(laneKey);
      else void this.#drain(tenantId, laneKey, lane);
    }
  }

  #flush(tenantId: string, batch: Pending[]) {
    return this.db.transaction().execute(async (trx) => {
      const scope = new TenantScope(tenantId, trx);
      const first = batch[0]!;
      let { snapshot } = first;
      let g = first.grant;
      // The requests decided on cached terms: one read per batch proves them current, or the batch
      // takes the account's current terms (a plan changed meanwhile, perhaps in another process).
      if ((await fingerprint(scope, snapshot.accountId)) !== snapshot.fingerprint) {
        snapshot = await loadSnapshot(scope, snapshot.accountId, fixedClock(snapshot.now), 'verified');
        const fresh = snapshot.grants.get(g.feature);
        if (!fresh || snapshot.blocked) {
          const reason = snapshot.blocked ?? 'not_in_plan';
          const error = new AllotError(
            'invalid_state',
            `The account may not use ${g.feature}: ${reason}.`,
            [],
            { allowed: false, reason },
          );
          return batch.map(() => ({ ok: false as const, error }));
        }
        g = fresh;
        for (const p of batch) p.grant = fresh;
      }
      const windowStart = toDate(g.window.start);
      const now = toDate(snapshot.now);

      // Idempotency keys: claimed together; a key already answered replays its answer.
      const keys = [...new Set(batch.flatMap((p) => (p.key ? [p.key] : [])))];
      const fresh = new Set<string>();
      const replays = new Map<string, UsageAnswer>();
      if (keys.length > 0) {
        const { rows } = await sql<{ key: string }>`
          insert into usage_keys (tenant_id, key, created_at)
          select ${tenantId}, k, ${now} from unnest(${keys}::text[]) as k
          on conflict do nothing returning key`.execute(trx);
        for (const r of rows) fresh.add(r.key);
        const old = keys.filter((k) => !fresh.has(k));
        if (old.length > 0) {
          const prior = await scope
            .selectFrom('usage_keys')
            .select(['key', 'answer'])
            .where('key', 'in', old)
            .execute();
          for (const r of prior) replays.set(r.key, { ...(r.answer as UsageAnswer), replayed: true });
        }
      }

      const created = await sql`
        insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
        values (${tenantId}, ${snapshot.accountId}, ${g.feature}, ${windowStart}, ${g.window.end ? toDate(g.window.end) : null}, 0)
        on conflict do nothing returning used`.execute(trx);
      // A monthly window inside an annual period has no renewal to announce its reset: the consume
      // that opens it does, in its own transaction.
      if (created.rows.length > 0 && g.reset === 'month') await announceMonthlyReset(scope, snapshot, g);
      const { rows } = await sql<{ used: number; warned: number }>`
        select used, warned from usage_counters
        where tenant_id = ${tenantId} and account_id = ${snapshot.accountId} and feature = ${g.feature} and window_start = ${windowStart}
        for update`.execute(trx);
      const before = Number(rows[0]!.used);
      let used = before;
      const answered = new Map<string, UsageAnswer>();
      const outcomes = batch.map((p): { ok: true; answer: UsageAnswer } | { ok: false; error: unknown } => {
        if (p.key && replays.has(p.key)) return { ok: true, answer: replays.get(p.key)! };
        if (p.key && answered.has(p.key))
          return { ok: true, answer: { ...answered.get(p.key)!, replayed: true } };
        const ceiling = p.grant.overage === 'block' && p.grant.limit !== null ? p.grant.limit : null;
        if (ceiling !== null && used + p.quantity > ceiling)
          return { ok: false, error: exceeded(p.grant, used) };
        used += p.quantity;
        const answer = answerFor(p.grant, used, true);
        if (p.key) answered.set(p.key, answer);
        return { ok: true, answer };
      });
      if (used !== before) {
        await sql`
          update usage_counters set used = ${used}
          where tenant_id = ${tenantId} and account_id = ${snapshot.accountId} and feature = ${g.feature} and window_start = ${windowStart}`.execute(
          trx,
        );
        await announce(scope, snapshot, g, before, used, Number(rows[0]!.warned));
      }
      if (answered.size > 0) {
        const ks = [...answered.keys()];
        await sql`
          update usage_keys as k set answer = v.answer::jsonb
          from (select unnest(${ks}::text[]) as key, unnest(${ks.map((k) => JSON.stringify(answered.get(k)))}::text[]) as answer) as v
          where k.tenant_id = ${tenantId} and k.key = v.key`.execute(trx);
      }
      // A refused consume with a key leaves no trace: a retry is decided afresh.
      const refusedKeys = batch.flatMap((p, i) =>
        p.key && !outcomes[i]!.ok && fresh.has(p.key) && !answered.has(p.key) ? [p.key] : [],
      );
      if (refusedKeys.length > 0) {
        await sql`delete from usage_keys where tenant_id = ${tenantId} and key = any(${refusedKeys}::text[])`.execute(
          trx,
        );
      }
      return outcomes;
    });
  }
}

const batchers = new WeakMap<Kysely<Database>, ConsumeBatcher>();

/** The process's batcher for a database. */
export function batcherFor(db: Kysely<Database>, onCommit: (tenantId: string) => void): ConsumeBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new ConsumeBatcher(db, onCommit);
    batchers.set(db, b);
  }
  return b;
}

async function announceMonthlyReset(scope: TenantScope, snapshot: Snapshot, g: Entitled): Promise<void> {
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
