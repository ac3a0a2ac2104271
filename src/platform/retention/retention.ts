import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Temporal, toDate } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import type { JobKind } from '../jobs/runner.ts';

/**
 * How long Allot keeps what it only needs for a while — the one place that says so. History, events
 * and invoices are kept for good and are not listed.
 */
export const RETENTION: readonly {
  what: string;
  table: 'idempotency_keys' | 'usage_keys' | 'webhook_deliveries' | 'portal_sessions';
  /** Which of the table's rows the rule covers. */
  rows: RawBuilder<unknown>;
  keep: Temporal.DurationLike;
}[] = [
  // API.md: an Idempotency-Key is kept at least 24 h.
  { what: 'Idempotency-Key answers', table: 'idempotency_keys', rows: sql`true`, keep: { hours: 24 } },
  {
    what: 'consume and release idempotency keys',
    table: 'usage_keys',
    rows: sql`key not like 'event:%'`,
    keep: { hours: 24 },
  },
  // Usage counts only in the current period, at most a year: an id is remembered for longer than that.
  { what: 'usage event ids', table: 'usage_keys', rows: sql`key like 'event:%'`, keep: { hours: 400 * 24 } },
  // The delivery log of finished deliveries (their attempts go with them); pending ones are kept.
  {
    what: 'finished webhook deliveries',
    table: 'webhook_deliveries',
    rows: sql`status <> 'pending'`,
    keep: { hours: 30 * 24 },
  },
  // A portal session ends 12 hours after its link at the latest; its opening stays in the account's history.
  { what: 'portal sessions', table: 'portal_sessions', rows: sql`true`, keep: { hours: 30 * 24 } },
];

/** Rows deleted per statement: short transactions, never a long lock. */
const CHUNK = 5_000;

/** Deletes a tenant's rows past their keeping time; answers how many per rule. */
export async function purgeExpired(
  db: Kysely<Database>,
  tenantId: string,
  now: Temporal.Instant,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const rule of RETENTION) {
    const before = toDate(now.subtract(rule.keep));
    let total = 0;
    for (;;) {
      const { numAffectedRows } = await sql`
        delete from ${sql.table(rule.table)} where ctid = any(array(
          select ctid from ${sql.table(rule.table)}
          where tenant_id = ${tenantId} and created_at < ${before} and ${rule.rows}
          limit ${CHUNK}))`.execute(db);
      const n = Number(numAffectedRows ?? 0);
      total += n;
      if (n < CHUNK) break;
    }
    counts[rule.what] = total;
  }
  return counts;
}

/** Hourly, per tenant, on the job runner. */
export const retentionJob: JobKind = {
  kind: 'retention',
  perTenant: ['system'],
  async run(ctx, tenantId) {
    const counts = await purgeExpired(ctx.db.kysely, tenantId, ctx.clock.now());
    if (Object.values(counts).some((n) => n > 0)) ctx.log.info({ tenant: tenantId, counts }, 'retention');
    return 3_600_000;
  },
};
