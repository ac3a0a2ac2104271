import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, invalid, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { ALL_EVENTS } from './event-types.ts';
import type { WebhookEndpointsTable } from './schema.ts';

export interface EndpointInput {
  url: string;
  events?: string[] | undefined;
}

/** Webhook configuration is the vendor's: a customer's user must not see or redirect its events. */
export function assertVendor(actor: Actor): void {
  if (actor.type === 'user') throw new AllotError('forbidden', 'Webhook endpoints are for the vendor.');
}

export function viewEndpoint(row: Selectable<WebhookEndpointsTable>) {
  return {
    id: row.id,
    object: 'webhook_endpoint' as const,
    url: row.url,
    events: row.events.length === 0 ? [ALL_EVENTS] : row.events,
    status: row.status,
    disabled_reason: row.disabled_reason,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export type EndpointView = ReturnType<typeof viewEndpoint>;

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('url', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('url', 'must be http or https');
  // fetch refuses URLs carrying credentials; say so now rather than fail every delivery later.
  if (url.username || url.password) throw invalid('url', 'must not contain a user name or password');
  return url.toString();
}

/** The answer to create: the only time the signing secret is shown. */
export async function createEndpoint(
  scope: TenantScope,
  actor: Actor,
  input: EndpointInput,
  now: Temporal.Instant,
): Promise<EndpointView & { secret: string }> {
  assertVendor(actor);
  const url = checkUrl(input.url);
  const types = input.events ?? [ALL_EVENTS];
  const events = types.includes(ALL_EVENTS) ? [] : [...new Set(types)].sort();
  // The endpoint receives what happens from now on: the newest event so far marks where its feed starts.
  const newest = await scope
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const start = newest?.id ?? '';
  const row = {
    id: newId('webhookEndpoint'),
    url,
    events,
    secret: newSecret(),
    status: 'enabled' as const,
    disabled_reason: null,
    first_event_after: start,
    last_event_id: start,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  await scope.insertInto('webhook_endpoints', row).execute();
  const view = viewEndpoint({ ...row, tenant_id: scope.tenantId });
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

export async function listEndpoints(scope: TenantScope, params: ListParams) {
  const page = await listPage(scope.selectFrom('webhook_endpoints').selectAll(), 'id', params);
  return { data: page.data.map(viewEndpoint), has_more: page.has_more };
}

/** Deletes the endpoint with its deliveries and their log (the foreign keys cascade). */
export async function deleteEndpoint(
  scope: TenantScope,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<EndpointView & { deleted: true }> {
  assertVendor(actor);
  const before = viewEndpoint(await getEndpoint(scope, id));
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
