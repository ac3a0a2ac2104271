import type { Kysely } from 'kysely';
import { refusedByServer, retryingTransaction } from '../platform/db/retry.ts';
import type { Database } from '../platform/db/schema.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { consumeBatchSize, consumeDecisions } from '../platform/metrics.ts';
import { countLocked, type Outcome } from './consume-locked.ts';
import { countQuietly } from './consume-quiet.ts';
import { counterKey, rememberUsage } from './counters.ts';
import type { PreparedUsage, UsageAnswer } from './usage.ts';

interface Pending extends PreparedUsage {
  resolve(answer: UsageAnswer): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Pending[];
  flushing: number;
  scheduled: boolean;
}

/** Consumes merged into one batch at most. */
const BATCH = 1_000;
/**
 * Batches a tenant may have in the database at once from this process. One: the next batch gathers
 * while this one commits, and a commit (a WAL flush) costs the same for 1 consume as for 1,000. Two or
 * four measured slower on one hot account and on 10,000 accounts alike (`npm run bench entitlements`).
 */
const FLUSHES = 1;

/**
 * Group commit for consume. A tenant's concurrent consumes queue here, whatever their account, and
 * are decided a batch at a time, always in the database, so several processes stay exact:
 *
 * - consumes that carry no idempotency key and stay clear of every warning threshold and of the limit
 *   are counted by one conditional UPDATE per batch (consume-quiet.ts): a hot account pays one
 *   statement for many requests, and holds its row lock only for that statement;
 * - the rest take the locked path (consume-locked.ts): one transaction of set-based statements that
 *   claims keys, locks the counters in order, decides in arrival order and writes the warnings.
 */
export class ConsumeBatcher {
  readonly #queues = new Map<string, Queue>();
  /** Consumes counted by each path since start: for tests and benchmarks. */
  readonly counted = { quiet: 0, locked: 0, batches: 0 };

  constructor(private readonly db: Kysely<Database>) {}

  submit(tenantId: string, usage: PreparedUsage): Promise<UsageAnswer> {
    let queue = this.#queues.get(tenantId);
    if (!queue) {
      queue = { waiting: [], flushing: 0, scheduled: false };
      this.#queues.set(tenantId, queue);
    }
    const q = queue;
    const promise = new Promise<UsageAnswer>((resolve, reject) =>
      q.waiting.push({ ...usage, resolve, reject }),
    );
    // The batch starts once this turn of the event loop has read every request that arrived with
    // this one. PGlite runs a statement on this thread, so a batch started at once would hold one
    // consume and keep the next requests unread until it finished.
    if (!q.scheduled) {
      q.scheduled = true;
      setImmediate(() => {
        q.scheduled = false;
        this.#pump(tenantId, q);
      });
    }
    return promise;
  }

  #pump(tenantId: string, q: Queue): void {
    while (q.flushing < FLUSHES && q.waiting.length > 0) {
      const batch = q.waiting.splice(0, BATCH);
      q.flushing++;
      void this.#run(tenantId, batch).finally(() => {
        q.flushing--;
        if (q.waiting.length > 0) this.#pump(tenantId, q);
        else if (q.flushing === 0 && !q.scheduled) this.#queues.delete(tenantId);
      });
    }
  }

  async #run(tenantId: string, batch: Pending[]): Promise<void> {
    const outcomes: (Outcome | undefined)[] = new Array(batch.length);
    this.counted.batches++;
    consumeBatchSize.observe(batch.length);
    try {
      let quiet = new Map<number, UsageAnswer>();
      try {
        quiet = await countQuietly(this.db, tenantId, batch);
      } catch (error) {
        // The database refused the statement (a lost deadlock, a cancelled wait, input it could not
        // take), so it counted nothing: the locked path decides these consumes instead. Any other
        // failure (a dropped connection, a server shutting down) may have come after the commit, and
        // fails the batch rather than risk counting twice.
        if (!refusedByServer(error)) throw error;
      }
      for (const [i, answer] of quiet) outcomes[i] = { ok: true, answer };
      this.counted.quiet += quiet.size;
      const rest = batch.flatMap((_, i) => (outcomes[i] ? [] : [i]));
      if (rest.length > 0) {
        const decided = await this.#decideLocked(
          tenantId,
          rest.map((i) => batch[i]!),
        );
        for (const [j, i] of rest.entries()) outcomes[i] = decided[j];
        this.counted.locked += rest.length;
      }
    } catch (error) {
      for (const [i, p] of batch.entries()) if (!outcomes[i]) p.reject(error);
      return;
    }
    for (const [i, p] of batch.entries()) {
      const o = outcomes[i]!;
      consumeDecisions.inc({ decision: decisionOf(o) });
      if (o.ok) {
        if (!o.answer.replayed)
          rememberUsage(tenantId, counterKey(p.snapshot.accountId, p.grant), o.answer.used);
        p.resolve(o.answer);
      } else p.reject(o.error);
    }
  }

  /**
   * The locked path for a batch. When the database refuses the batch's transaction (rolled back, so
   * nothing was counted), it is decided again in halves, down to the one consume at fault: a consume's
   * bad input fails that consume, never the ones batched with it.
   */
  async #decideLocked(tenantId: string, items: PreparedUsage[]): Promise<Outcome[]> {
    try {
      return await this.#lockedWithRetry(tenantId, items);
    } catch (error) {
      if (!refusedByServer(error)) throw error;
      if (items.length === 1) return [{ ok: false, error }];
      const half = Math.ceil(items.length / 2);
      const first = await this.#decideLocked(tenantId, items.slice(0, half));
      return [...first, ...(await this.#decideLocked(tenantId, items.slice(half)))];
    }
  }

  /** The locked path's transaction, run again if it lost a deadlock or a serialization race. */
  #lockedWithRetry(tenantId: string, batch: PreparedUsage[]): Promise<Outcome[]> {
    return retryingTransaction(() =>
      this.db.transaction().execute((trx) => countLocked(new TenantScope(tenantId, trx), batch)),
    );
  }
}

const decisionOf = (o: Outcome) =>
  o.ok
    ? o.answer.replayed
      ? 'replayed'
      : 'allowed'
    : (o.error as { code?: string }).code === 'quota_exceeded'
      ? 'refused'
      : 'error';

const batchers = new WeakMap<Kysely<Database>, ConsumeBatcher>();

/** The process's batcher for a database. */
export function batcherFor(db: Kysely<Database>): ConsumeBatcher {
  let b = batchers.get(db);
  if (!b) {
    b = new ConsumeBatcher(db);
    batchers.set(db, b);
  }
  return b;
}
