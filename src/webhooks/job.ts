import { performance } from 'node:perf_hooks';
import type { JobKind } from '../platform/jobs/runner.ts';
import { CLAIM, deliverDue } from './dispatch.ts';
import { fanOut } from './outbox.ts';

/** Next run when the outbox and the queue are drained, and when work was left over. */
const IDLE_MS = 5_000;
const BUSY_MS = 1_000;
/** A run keeps going while there is work, up to this long, so a backlog drains between runner ticks. */
const BUDGET_MS = 20_000;

/**
 * The webhook job, one per tenant: fans new outbox events out to deliveries, then sends what is due.
 * Everything it knows is in the database, so any process's runner may take the next run.
 */
export const webhookJob: JobKind = {
  kind: 'webhooks',
  perTenant: ['system'],
  async run(ctx, tenantId) {
    // The budget is about this process's time, not the domain's: measured on the monotonic clock.
    const started = performance.now();
    for (;;) {
      const fanned = await fanOut(ctx.db.kysely, tenantId, ctx.clock.now());
      const sent = await deliverDue(ctx, tenantId);
      if (!fanned.more && sent < CLAIM) return IDLE_MS;
      if (performance.now() - started > BUDGET_MS) return BUSY_MS;
    }
  },
};
