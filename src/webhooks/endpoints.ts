import type { Selectable, Updateable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, invalid, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { disableEndpoint } from './dispatch.ts';
import { ALL_EVENTS } from './event-types.ts';
import { hostRefusal, type WebhookNetworks } from './network.ts';
import type { WebhookEndpointStatus, WebhookEndpointsTable } from './schema.ts';
import { checkSecret, newSecret } from './secrets.ts';

export interface EndpointInput {
  url: string;
  events?: string[] | undefined;
  secret?: string | undefined;
}

export interface EndpointUpdate {
  url?: string | undefined;
  events?: string[] | undefined;
  status?: WebhookEndpointStatus | undefined;
}

/** Why an endpoint the vendor disabled is disabled. */
export const DISABLED_BY_VENDOR = 'Disabled through the API.';

/** Webhook configuration is the vendor's: a customer's user must not see or redirect its events. */
export function assertVendor(actor: Actor): void {
  if (actor.type === 'user') throw new AllotError('forbidden', 'Webhook endpoints are for the vendor.');
}

/** The endpoint as the API shows it (never its secrets); `now` tells whether a rotated-out secret still signs. */
export function viewEndpoint(row: Selectable<WebhookEndpointsTable>, now: Temporal.Instant) {
  const previousUntil = row.previous_secret_expires_at;
  return {
    id: row.id,
    object: 'webhook_endpoint' as const,
    url: row.url,
    events: row.events.length === 0 ? [ALL_EVENTS] : row.events,
    status: row.status,
    disabled_reason: row.disabled_reason,
    previous_secret_expires_at:
      previousUntil && previousUntil.getTime() > now.epochMilliseconds ? toRfc3339(previousUntil) : null,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export type EndpointView = ReturnType<typeof viewEndpoint>;

function checkUrl(text: string, networks: WebhookNetworks): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('url', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('url', 'must be http or https');
  // fetch refuses URLs carrying credentials; say so now rather than fail every delivery later.
  if (url.username || url.password) throw invalid('url', 'must not contain a user name or password');
  // What a literal address or localhost shows now; names are checked again at every connection.
  const refused = hostRefusal(url, networks);
  if (refused) throw invalid('url', refused);
  return url.toString();
}

/** Stored sorted and unique; every type (`*`) is stored as the empty list. */
function eventFilter(types: readonly string[]): string[] {
  return types.includes(ALL_EVENTS) ? [] : [...new Set(types)].sort();
}

/** The newest event so far ('' when there is none): where a feed starting now begins. */
async function newestEventId(scope: TenantScope): Promise<string> {
  const newest = await scope
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return newest?.id ?? '';
}

/** The answer to create: with rotate_secret's, the only time the signing secret is shown. */
export async function createEndpoint(
  scope: TenantScope,
  actor: Actor,
  input: EndpointInput,
  now: Temporal.Instant,
  networks: WebhookNetworks,
): Promise<EndpointView & { secret: string }> {
  assertVendor(actor);
  const url = checkUrl(input.url, networks);
  const events = eventFilter(input.events ?? [ALL_EVENTS]);
  const secret = input.secret === undefined ? newSecret() : checkSecret(input.secret);
  // The endpoint receives what happens from now on: the newest event so far marks where its feed starts.
  const start = await newestEventId(scope);
  const row = {
    id: newId('webhookEndpoint'),
    url,
    events,
    secret,
    previous_secret: null,
    previous_secret_expires_at: null,
    status: 'enabled' as const,
    disabled_reason: null,
    first_event_after: start,
    last_event_id: start,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  await scope.insertInto('webhook_endpoints', row).execute();
  const view = viewEndpoint({ ...row, tenant_id: scope.tenantId }, now);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'webhook_endpoint.created',
    subject: { type: 'webhook_endpoint', id: row.id },
    accountId: null,
    before: null,
    after: view,
  });
  return { ...view, secret: row.secret };
}

export async function getEndpoint(scope: TenantScope, id: string) {
  const row = await scope.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

export async function listEndpoints(scope: TenantScope, params: ListParams, now: Temporal.Instant) {
  const page = await listPage(scope.selectFrom('webhook_endpoints').selectAll(), 'id', params);
  return { data: page.data.map((row) => viewEndpoint(row, now)), has_more: page.has_more };
}

/** The endpoint, locked for a change (fan-out's key-share lock does not wait for it). */
export async function lockEndpoint(scope: TenantScope, id: string) {
  const row = await scope
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

/** Deletes the endpoint with its deliveries and their log (the foreign keys cascade). */
export async function deleteEndpoint(
  scope: TenantScope,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<EndpointView & { deleted: true }> {
  assertVendor(actor);
  const before = viewEndpoint(await getEndpoint(scope, id), now);
  await scope.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'webhook_endpoint.deleted',
    subject: { type: 'webhook_endpoint', id },
    accountId: null,
    before,
    after: null,
  });
  return { ...before, deleted: true };
}

/**
 * Changes the url, the event types or the status. Disabling fails what was waiting for the endpoint, as
 * an automatic disabling does. Re-enabling clears the reason and starts the feed again from now: events
 * that happened while it was disabled are not sent (as Stripe does); failed deliveries can be retried.
 */
export async function updateEndpoint(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: EndpointUpdate,
  now: Temporal.Instant,
  networks: WebhookNetworks,
): Promise<EndpointView> {
  assertVendor(actor);
  const row = await lockEndpoint(scope, id);
  const before = viewEndpoint(row, now);
  const set: Updateable<WebhookEndpointsTable> = {};
  if (input.url !== undefined) set.url = checkUrl(input.url, networks);
  if (input.events !== undefined) set.events = eventFilter(input.events);
  if (input.status === 'enabled' && row.status === 'disabled') {
    const start = await newestEventId(scope);
    set.status = 'enabled';
    set.disabled_reason = null;
    set.first_event_after = start;
    set.last_event_id = start > row.last_event_id ? start : row.last_event_id;
  }
  const changed = { ...row, ...set } as Selectable<WebhookEndpointsTable>;
  const disabling = input.status === 'disabled' && row.status === 'enabled';
  if (!disabling && JSON.stringify(viewEndpoint(changed, now)) === JSON.stringify(before)) return before;
  await scope
    .updateTable('webhook_endpoints')
    .set({ ...set, updated_at: toDate(now) })
    .where('id', '=', id)
    .execute();
  if (disabling) await disableEndpoint(scope, id, DISABLED_BY_VENDOR, now);
  const after = viewEndpoint(await getEndpoint(scope, id), now);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'webhook_endpoint.updated',
    subject: { type: 'webhook_endpoint', id },
    accountId: null,
    before,
    after,
  });
  return after;
}

/**
 * A new signing secret, shown in this answer only. The one it replaces keeps signing too (a second
 * `v1,` signature) for `expireHours`, so receivers can switch at their own pace; 0 drops it now.
 * A rotation within the overlap ends the older secret's: only the secret replaced last is kept.
 */
export async function rotateSecret(
  scope: TenantScope,
  actor: Actor,
  id: string,
  expireHours: number,
  now: Temporal.Instant,
): Promise<EndpointView & { secret: string }> {
  assertVendor(actor);
  const row = await lockEndpoint(scope, id);
  const secret = newSecret();
  const keep = expireHours > 0;
  await scope
    .updateTable('webhook_endpoints')
    .set({
      secret,
      previous_secret: keep ? row.secret : null,
      previous_secret_expires_at: keep ? toDate(now.add({ hours: expireHours })) : null,
      updated_at: toDate(now),
    })
    .where('id', '=', id)
    .execute();
  const after = viewEndpoint(await getEndpoint(scope, id), now);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'webhook_endpoint.secret_rotated',
    subject: { type: 'webhook_endpoint', id },
    accountId: null,
    before: viewEndpoint(row, now),
    after,
  });
  return { ...after, secret };
}
