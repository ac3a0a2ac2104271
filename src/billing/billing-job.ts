import type { DueWorkCounts } from '../platform/clock/due-work.ts';
import type { AppContext } from '../platform/context.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import type { JobKind } from '../platform/jobs/runner.ts';

/**
 * Runs every handler's due work for one tenant's accounts on the wall clock (test-clock accounts move
 * only with their clock). Safe to call from several processes at once: handlers lock what they take.
 */
export async function runBilling(ctx: AppContext, tenantId: string): Promise<DueWorkCounts> {
  const counts = await ctx.dueWork.runDue(new TenantScope(tenantId, ctx.db.kysely), null, ctx.clock.now());
  if (Object.values(counts).some((n) => n > 0)) ctx.changes.notify(tenantId);
  return counts;
}

/** The periodic billing job: one per tenant, every minute, on the durable queue. */
export const billingJob: JobKind = {
  kind: 'billing',
  perTenant: ['system'],
  async run(ctx, tenantId) {
    const counts = await runBilling(ctx, tenantId);
    if (Object.values(counts).some((n) => n > 0)) ctx.log.info({ tenant: tenantId, counts }, 'billing run');
    return 60_000;
  },
};
