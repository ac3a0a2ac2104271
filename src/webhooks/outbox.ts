import { type Kysely, sql } from 'kysely';
import { fromUUIDBytes, getType, type TypeId, toUUIDBytes } from 'typeid-js';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { deliveryId } from './ids.ts';

/** Deliveries created per endpoint and pass: bounded work per transaction. */
export const FANOUT_BATCH = 1000;

/**
 * Event ids are minted when the event is written, and its transaction commits a moment later; an event
 * can therefore become visible after one with a higher id was read (a slow write, or another process's
 * clock running behind). Each pass re-reads this much of the outbox below the cursor and adds what it
 * missed — the unique (endpoint, event) key keeps that from delivering anything twice.
 */
export const LOOKBACK_MS = 5 * 60_000;

/** The lowest id of `id`'s kind minted `ms` before it ('' when that is before the epoch). */
export function idBefore(id: string, ms: number): string {
  if (id === '') return '';
  // A TypeID is a UUIDv7: its first 48 bits are the Unix time in milliseconds, and the text sorts as they do.
  const bytes = toUUIDBytes(id as TypeId<string>);
  let at = 0;
  for (let i = 0; i < 6; i++) at = at * 256 + bytes[i]!;
  at -= ms;
  if (at <= 0) return '';
  const floor = new Uint8Array(16);
  for (let i = 5; i >= 0; i--) {
    floor[i] = at % 256;
    at = Math.floor(at / 256);
  }
  return fromUUIDBytes(getType(id as TypeId<string>), floor);
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Fans new events out into one delivery row per matching enabled endpoint, in event order, and moves
 * each endpoint's cursor. Set-based: one read of the outbox for all endpoints, one insert, one update,
 * in one transaction so the cursor never runs ahead of the rows it stands for.
 * Answers how many deliveries it created and whether an endpoint has more waiting.
 */
export async function fanOut(
  db: Kysely<Database>,
  tenantId: string,
  now: Temporal.Instant,
): Promise<{ created: number; more: boolean }> {
  return new TenantScope(tenantId, db).transaction(async (scope) => {
    // Key-share: a concurrent delete waits for this pass, status changes (disabling) do not.
    const endpoints = await scope
      .selectFrom('webhook_endpoints')
      .select(['id', 'first_event_after', 'last_event_id'])
      .where('status', '=', 'enabled')
      .forKeyShare()
      .execute();
    if (endpoints.length === 0) return { created: 0, more: false };
    // The outbox's end now. Events below it that commit later are found by the next passes' lookback.
    const newest = await scope
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const upTo = newest?.id;
    if (!upTo) return { created: 0, more: false };
    const ids = endpoints.map((e) => e.id);
    const from = endpoints.map((e) => later(e.first_event_after, idBefore(e.last_event_id, LOOKBACK_MS)));
    const { rows } = await sql<{ endpoint_id: string; event_id: string }>`
      select s.endpoint_id, e.id as event_id
        from unnest(${ids}::text[], ${from}::text[]) as s(endpoint_id, scan_from)
        join webhook_endpoints w on w.tenant_id = ${tenantId} and w.id = s.endpoint_id
        cross join lateral (
          select ev.id from events ev
           where ev.tenant_id = ${tenantId} and ev.id > s.scan_from and ev.id <= ${upTo}
             and (cardinality(w.events) = 0 or ev.type = any(w.events))
             and not exists (
               select 1 from webhook_deliveries d
                where d.tenant_id = ${tenantId} and d.endpoint_id = w.id and d.event_id = ev.id)
           order by ev.id
           limit ${FANOUT_BATCH}) e
       order by s.endpoint_id, e.id`.execute(scope.raw);
    if (rows.length > 0) {
      const at = toDate(now).toISOString();
      await sql`
        insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, attempt, status, next_attempt_at,
                                        created_at)
        select ${tenantId}, u.id, u.endpoint_id, u.event_id, 0, 'pending', ${at}::timestamptz, ${at}::timestamptz
          from unnest(${rows.map(() => deliveryId())}::text[], ${rows.map((r) => r.endpoint_id)}::text[],
                      ${rows.map((r) => r.event_id)}::text[]) as u(id, endpoint_id, event_id)
        on conflict (tenant_id, endpoint_id, event_id) do nothing`.execute(scope.raw);
    }
    // A full batch may have stopped short of the end: the cursor goes as far as the batch reached.
    const counts = new Map<string, { n: number; last: string }>();
    for (const r of rows) {
      const c = counts.get(r.endpoint_id) ?? { n: 0, last: '' };
      counts.set(r.endpoint_id, { n: c.n + 1, last: r.event_id });
    }
    const full = (id: string) => (counts.get(id)?.n ?? 0) >= FANOUT_BATCH;
    const cursors = ids.map((id) => (full(id) ? counts.get(id)!.last : upTo));
    await sql`
      update webhook_endpoints w set last_event_id = v.cursor
        from unnest(${ids}::text[], ${cursors}::text[]) as v(id, cursor)
       where w.tenant_id = ${tenantId} and w.id = v.id and v.cursor > w.last_event_id`.execute(scope.raw);
    return { created: rows.length, more: ids.some(full) };
  });
}
