import type { Selectable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { assertVendor, lockEndpoint } from './endpoints.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookDeliveryStatus } from './schema.ts';

const time = (d: Date | null) => (d ? toRfc3339(d) : null);

function viewAttempt(row: Selectable<WebhookAttemptsTable>) {
  return {
    attempt: row.attempt,
    at: toRfc3339(row.at),
    status_code: row.status_code,
    duration_ms: row.duration_ms,
    error: row.error,
    trigger: row.trigger,
  };
}

function viewDelivery(
  row: Selectable<WebhookDeliveriesTable>,
  eventType: string | null,
  attempts: Selectable<WebhookAttemptsTable>[],
) {
  return {
    id: row.id,
    object: 'webhook_delivery' as const,
    endpoint: row.endpoint_id,
    event: row.event_id,
    event_type: eventType,
    status: row.status,
    attempt_count: row.attempt,
    next_attempt_at: row.status === 'pending' ? time(row.next_attempt_at) : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: toRfc3339(row.created_at),
    delivered_at: time(row.delivered_at),
    attempts: attempts.map(viewAttempt),
  };
}

/** The delivery log of one endpoint: its deliveries, newest first, each with every attempt made. */
export async function listDeliveries(
  scope: TenantScope,
  endpointId: string,
  params: ListParams & { status?: WebhookDeliveryStatus | undefined },
) {
  let q = scope.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
  if (params.status) q = q.where('status', '=', params.status);
  const page = await listPage(q, 'id', params);
  return { data: await withAttempts(scope, page.data), has_more: page.has_more };
}

/** Deliveries as the API shows them: with their event's type and every attempt made. */
async function withAttempts(scope: TenantScope, rows: Selectable<WebhookDeliveriesTable>[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((d) => d.id);
  // One after the other: this may run on a write's transaction, which is one connection.
  const attempts = await scope
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', ids)
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
  const eventIds = rows.map((d) => d.event_id);
  const events = await scope
    .selectFrom('events')
    .select(['id', 'type'])
    .where('id', 'in', eventIds)
    .execute();
  const typeOf = new Map(events.map((e) => [e.id, e.type]));
  const byDelivery = new Map<string, Selectable<WebhookAttemptsTable>[]>();
  for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
  return rows.map((d) => viewDelivery(d, typeOf.get(d.event_id) ?? null, byDelivery.get(d.id) ?? []));
}

/** What a retry changes, for the history (the attempt log is not repeated there). */
const state = (row: Selectable<WebhookDeliveriesTable>) => ({
  endpoint: row.endpoint_id,
  event: row.event_id,
  status: row.status,
  attempt_count: row.attempt,
  next_attempt_at: row.status === 'pending' ? time(row.next_attempt_at) : null,
  delivered_at: time(row.delivered_at),
});

/**
 * Sends a finished delivery again now, as one attempt (Svix's resend): it goes back to pending, due now,
 * keeping its log. A pending delivery is already on its way; a disabled endpoint is sent nothing.
 */
export async function retryDelivery(
  scope: TenantScope,
  actor: Actor,
  endpointId: string,
  deliveryId: string,
  now: Temporal.Instant,
) {
  assertVendor(actor);
  // Locked as the delivery job locks it to record an attempt: a concurrent disabling is seen, or waits.
  const endpoint = await lockEndpoint(scope, endpointId);
  const row = await scope
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('endpoint_id', '=', endpointId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('webhook delivery', deliveryId);
  if (endpoint.status === 'disabled') {
    throw new AllotError('invalid_state', `Webhook endpoint ${endpointId} is disabled; enable it to retry.`);
  }
  if (row.status === 'pending') {
    throw new AllotError('invalid_state', `Webhook delivery ${deliveryId} is pending: it will be sent.`);
  }
  const retried = await scope
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: toDate(now), manual: true, delivered_at: null })
    .where('id', '=', deliveryId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'webhook_delivery.retried',
    subject: { type: 'webhook_delivery', id: deliveryId },
    accountId: null,
    before: state(row),
    after: state(retried),
  });
  const [after] = await withAttempts(scope, [retried]);
  return after!;
}
