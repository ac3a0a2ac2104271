import { sql } from 'kysely';
import { viewEvent } from '../events/events.ts';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { webhookDeliveries } from '../platform/metrics.ts';
import { decide, type Outcome } from './policy.ts';
import { send } from './send.ts';

/** Deliveries claimed per pass, and how many of them are in flight at once. */
export const CLAIM = 100;
const PARALLEL = 16;
/** A claimed delivery is hidden from other runners this long: more than an attempt and its recording take. */
const LEASE_MS = 60_000;

interface Claimed {
  id: string;
  endpoint_id: string;
  event_id: string;
  attempt: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  manual: boolean;
  type: string | null;
  account_id: string | null;
  occurred_at: Date | null;
  data: unknown;
}

/**
 * Claims due deliveries of enabled endpoints (FOR UPDATE SKIP LOCKED, then a lease), so runners in
 * several processes never send the same one at once; no transaction is held while a receiver answers.
 */
async function claim(ctx: AppContext, tenantId: string): Promise<Claimed[]> {
  const now = ctx.clock.now();
  const { rows } = await sql<Claimed>`
    with due as (
      select d.id from webhook_deliveries d
        join webhook_endpoints w on w.tenant_id = d.tenant_id and w.id = d.endpoint_id
       where d.tenant_id = ${tenantId} and d.status = 'pending' and d.next_attempt_at <= ${toDate(now)}
         and w.status = 'enabled'
       order by d.next_attempt_at, d.event_id
       limit ${CLAIM}
       for update of d skip locked),
    claimed as (
      update webhook_deliveries d set next_attempt_at = ${toDate(now.add({ milliseconds: LEASE_MS }))}
        from due where d.tenant_id = ${tenantId} and d.id = due.id
      returning d.id, d.endpoint_id, d.event_id, d.attempt, d.manual)
    select c.id, c.endpoint_id, c.event_id, c.attempt, c.manual, w.url, w.secret, w.previous_secret,
           w.previous_secret_expires_at,
           e.type, e.account_id, e.occurred_at, e.data
      from claimed c
      join webhook_endpoints w on w.tenant_id = ${tenantId} and w.id = c.endpoint_id
      left join events e on e.tenant_id = ${tenantId} and e.id = c.event_id
     order by c.event_id`.execute(ctx.db.kysely);
  return rows;
}

/** Sends due deliveries and records each attempt; answers how many it claimed. */
export async function deliverDue(ctx: AppContext, tenantId: string): Promise<number> {
  const claimed = await claim(ctx, tenantId);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) await attempt(ctx, tenantId, claimed[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
  return claimed.length;
}

async function attempt(ctx: AppContext, tenantId: string, d: Claimed): Promise<void> {
  const at = ctx.clock.now();
  let outcome: Outcome & { durationMs: number };
  if (d.type === null || d.occurred_at === null) {
    // The event was removed from the outbox after it was fanned out: there is nothing left to send.
    outcome = { statusCode: null, error: 'The event no longer exists.', retryAfterMs: null, durationMs: 0 };
  } else {
    const event = viewEvent({
      tenant_id: tenantId,
      id: d.event_id,
      type: d.type,
      account_id: d.account_id,
      occurred_at: d.occurred_at,
      data: d.data,
    });
    // A rotated-out secret signs beside the new one until it expires, so receivers can switch at leisure.
    const previous =
      d.previous_secret !== null &&
      d.previous_secret_expires_at !== null &&
      d.previous_secret_expires_at.getTime() > at.epochMilliseconds
        ? [d.previous_secret]
        : [];
    outcome = await send(
      { url: d.url, secrets: [d.secret, ...previous], id: d.event_id, payload: JSON.stringify(event) },
      at,
      ctx.config.webhookNetworks,
      ctx.config.webhookTimeoutMs,
    );
  }
  webhookDeliveries.inc({
    outcome:
      outcome.statusCode === null
        ? 'error'
        : outcome.statusCode >= 200 && outcome.statusCode < 300
          ? 'delivered'
          : 'failed',
  });
  try {
    await record(ctx, tenantId, d, outcome, d.type === null);
  } catch (err) {
    // The lease runs out and the delivery is tried again: at least once, never lost.
    ctx.log.error({ err, tenant: tenantId, delivery: d.id }, 'recording a webhook attempt failed');
  }
}

/** Writes the attempt to the log and the delivery's new state, and disables the endpoint when due. */
async function record(
  ctx: AppContext,
  tenantId: string,
  d: Claimed,
  outcome: Outcome & { durationMs: number },
  eventGone: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  await new TenantScope(tenantId, ctx.db.kysely).transaction(async (scope) => {
    // Locked so attempts of one endpoint that end together see each other's disabling.
    const endpoint = await scope
      .selectFrom('webhook_endpoints')
      .select('status')
      .where('id', '=', d.endpoint_id)
      .forUpdate()
      .executeTakeFirst();
    if (!endpoint) return; // deleted meanwhile, with its deliveries
    const number = d.attempt + 1;
    const decision = eventGone
      ? { status: 'failed' as const, nextAttemptAt: null, disable: null }
      : decide(outcome, number, endpoint.status, now, d.manual);
    await scope
      .updateTable('webhook_deliveries')
      .set({
        attempt: number,
        status: decision.status,
        next_attempt_at: decision.nextAttemptAt ? toDate(decision.nextAttemptAt) : null,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        manual: false,
        ...(decision.status === 'succeeded' ? { delivered_at: toDate(now) } : {}),
      })
      .where('id', '=', d.id)
      .execute();
    await scope
      .insertInto('webhook_attempts', {
        delivery_id: d.id,
        attempt: number,
        at: toDate(now),
        status_code: outcome.statusCode,
        duration_ms: outcome.durationMs,
        error: outcome.error,
        trigger: d.manual ? 'manual' : 'scheduled',
      })
      .execute();
    if (decision.disable) {
      await disableEndpoint(scope, d.endpoint_id, decision.disable, now);
      ctx.log.warn(
        { tenant: tenantId, endpoint: d.endpoint_id, reason: decision.disable },
        'webhook endpoint disabled',
      );
    }
  });
}

/** Stops an endpoint: it receives nothing more, and what was still waiting for it is failed. */
export async function disableEndpoint(
  scope: TenantScope,
  endpointId: string,
  reason: string,
  now: Temporal.Instant,
): Promise<void> {
  await scope
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: reason, updated_at: toDate(now) })
    .where('id', '=', endpointId)
    .where('status', '=', 'enabled')
    .execute();
  await scope
    .updateTable('webhook_deliveries')
    .set({
      status: 'failed',
      next_attempt_at: null,
      manual: false,
      last_error: `The endpoint was disabled: ${reason}`,
    })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
}
