import type { Selectable } from 'kysely';
import { queueEmails } from '../notifications/emails.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { EventsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import type { EventData, EventType } from './payloads.ts';

export type { EventType } from './payloads.ts';

/** An event to record: its `data` is checked against its type's schema (payloads.ts) at compile time. */
export type NewEvent = {
  [T in EventType]: {
    type: T;
    accountId: string | null;
    /** When it happened, on the account's clock. */
    at: Temporal.Instant;
    data: EventData<T>;
  };
}[EventType];

/**
 * Records domain events in the write's transaction (a transactional outbox): an event exists if and only
 * if the change that caused it committed. Deliveries (webhooks, e-mail, the portal feed) read from here.
 */
export async function emitEvents(scope: TenantScope, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!scope.inTransaction) throw new Error('events must be emitted inside the write transaction');
  const rows = events.map((e) => ({
    id: newId('event'),
    type: e.type,
    account_id: e.accountId,
    occurred_at: toDate(e.at),
    data: JSON.stringify(e.data),
  }));
  await scope.bulkInsert(
    'events',
    { id: 'text', type: 'text', account_id: 'text', occurred_at: 'timestamptz', data: 'jsonb' },
    rows,
  );
  await queueEmails(scope, rows);
}

export function viewEvent(row: Selectable<EventsTable>) {
  return {
    id: row.id,
    object: 'event' as const,
    type: row.type,
    account: row.account_id,
    created_at: toRfc3339(row.occurred_at),
    data: row.data as Record<string, unknown>,
  };
}

export async function listEvents(
  scope: TenantScope,
  params: ListParams & { type?: string; account?: string },
) {
  let q = scope.selectFrom('events').selectAll();
  if (params.type) q = q.where('type', '=', params.type);
  if (params.account) q = q.where('account_id', '=', params.account);
  const page = await listPage(q, 'id', params);
  return { data: page.data.map(viewEvent), has_more: page.has_more };
}
