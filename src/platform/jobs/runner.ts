import { sql } from 'kysely';
import { toDate } from '../clock/clock.ts';
import type { AppContext } from '../context.ts';

/** A kind of job: one row per tenant and key, run when due, then rescheduled. */
export interface JobKind {
  kind: string;
  /** Runs the job; answers when it should run next (ms from now). */
  run(ctx: AppContext, tenantId: string, key: string): Promise<number>;
  /** Keys every tenant has a job under (periodic work), e.g. ['system'] for billing. */
  perTenant?: string[];
}

const LEASE_MS = 5 * 60_000;
const CLAIM = 10;
/** Retry delays after a failure: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 10 h. */
export const BACKOFF_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];

/**
 * A durable job queue in PostgreSQL. Rows are claimed with FOR UPDATE SKIP LOCKED and leased, so any
 * number of processes can run it: each job runs in one place at a time, and a crashed runner's lease
 * simply expires. Nothing is held in process memory between ticks.
 */
export class JobRunner {
  readonly #kinds = new Map<string, JobKind>();
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;

  constructor(private readonly ctx: AppContext) {}

  register(kind: JobKind): void {
    this.#kinds.set(kind.kind, kind);
  }

  /** Claims and runs what is due; answers how many jobs ran. */
  async runDue(): Promise<number> {
    const db = this.ctx.db.kysely;
    const now = this.ctx.clock.now();
    for (const k of this.#kinds.values()) {
      for (const key of k.perTenant ?? []) {
        await sql`insert into jobs (tenant_id, kind, key, run_at)
          select id, ${k.kind}, ${key}, ${toDate(now)} from tenants
          on conflict do nothing`.execute(db);
      }
    }
    const { rows } = await sql<{ tenant_id: string; kind: string; key: string; attempts: number }>`
      update jobs set locked_until = ${toDate(now.add({ milliseconds: LEASE_MS }))}
      where (tenant_id, kind, key) in (
        select tenant_id, kind, key from jobs
         where run_at <= ${toDate(now)} and (locked_until is null or locked_until < ${toDate(now)})
         order by run_at limit ${CLAIM} for update skip locked)
      returning tenant_id, kind, key, attempts`.execute(db);
    for (const job of rows) {
      const kind = this.#kinds.get(job.kind);
      const where = sql`tenant_id = ${job.tenant_id} and kind = ${job.kind} and key = ${job.key}`;
      try {
        if (!kind) throw new Error(`no runner for job kind ${job.kind}`);
        const nextMs = await kind.run(this.ctx, job.tenant_id, job.key);
        const at = this.ctx.clock.now().add({ milliseconds: nextMs });
        await sql`update jobs set run_at = ${toDate(at)}, locked_until = null, attempts = 0, last_error = null where ${where}`.execute(
          db,
        );
      } catch (error) {
        const delay = BACKOFF_MS[Math.min(job.attempts, BACKOFF_MS.length - 1)]!;
        this.ctx.log.error({ err: error, job }, 'job failed; retrying later');
        const at = this.ctx.clock.now().add({ milliseconds: delay });
        await sql`update jobs set run_at = ${toDate(at)}, locked_until = null, attempts = attempts + 1,
          last_error = ${String((error as Error).message ?? error)} where ${where}`.execute(db);
      }
    }
    return rows.length;
  }

  start(pollMs = 5_000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#tick) return;
      this.#tick = this.runDue()
        .catch((err) => this.ctx.log.error({ err }, 'job runner tick failed'))
        .then(() => undefined)
        .finally(() => {
          this.#tick = undefined;
        });
    }, pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }
}
