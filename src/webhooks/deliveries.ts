import type { Selectable } from 'kysely';
import { toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookDeliveryStatus } from './schema.ts';

const time = (d: Date | null) => (d ? toRfc3339(d) : null);

function viewAttempt(row: Selectable<WebhookAttemptsTable>) {
  return {
    attempt: row.attempt,
    at: toRfc3339(row.at),
    status_code: row.status_code,
    duration_ms: row.duration_ms,
    error: row.error,
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
  if (page.data.length === 0) return { data: [], has_more: page.has_more };
  const ids = page.data.map((d) => d.id);
  const [attempts, events] = await Promise.all([
    scope
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', ids)
      .orderBy('delivery_id')
      .orderBy('attempt')
      .execute(),
    scope
      .selectFrom('events')
      .select(['id', 'type'])
      .where(
        'id',
        'in',
        page.data.map((d) => d.event_id),
      )
      .execute(),
  ]);
  const typeOf = new Map(events.map((e) => [e.id, e.type]));
  const byDelivery = new Map<string, Selectable<WebhookAttemptsTable>[]>();
  for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
  return {
    data: page.data.map((d) => viewDelivery(d, typeOf.get(d.event_id) ?? null, byDelivery.get(d.id) ?? [])),
    has_more: page.has_more,
  };
}
