import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { EVENT_DATA } from '../../events/payloads.ts';
import { COOKIE, CSRF_HEADER } from '../../portal/auth.ts';
import type { Config } from '../config.ts';
import { AllotError, ERROR_STATUS, type ErrorCode } from '../errors.ts';
import { takesRequiredFields } from './input.ts';
import { problemOf } from './problem.ts';
import { ProblemSchema } from './schemas.ts';

/**
 * The OpenAPI document, made precise for clients and generators: every operation named, the shapes
 * named once as components (`Account`, `Invoice`, `Problem`…), errors as problem+json with the codes
 * each status carries, the headers and cookies the API reads, the webhook events and their payloads.
 */

/** POSTs that read: they change nothing, so they take no Idempotency-Key. */
const READ_POSTS = new Set([
  'previewSubscription',
  'previewSubscriptionChange',
  'previewAllocations',
  'quotePricingTable',
  'checkEntitlement',
]);

/** Conflicts an operation can answer, beyond `conflict`, `invalid_state` and `idempotency_key_in_use`. */
const CONFLICTS: Partial<Record<string, ErrorCode[]>> = {
  consumeEntitlement: ['quota_exceeded'],
  createUsageEvents: ['quota_exceeded'],
  createUser: ['seats_exhausted'],
  updateUser: ['seats_exhausted'],
  setAllocations: ['seats_exhausted'],
  syncSeats: ['seats_exhausted'],
  cancelSubscription: ['cancellation_window_closed'],
  createSubscription: ['billing_period_mismatch', 'seats_exhausted'],
  changeSubscription: ['billing_period_mismatch', 'seats_exhausted'],
  createAccount: ['billing_period_mismatch'],
};

const EXAMPLE_DETAIL: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The request is not valid. currency: must match pattern "^[A-Z]{3}$"',
  unauthenticated: 'No valid secret key: send Authorization: Bearer sk_…',
  forbidden: 'This user may not change this account.',
  not_found: 'No account acct_01jd8x5n6qf3r9v2w4y7z0a1b2.',
  conflict: 'An account with this external_id exists already.',
  idempotency_key_reused: 'This Idempotency-Key was used with another request.',
  service_unavailable: 'The database does not answer; retry in a moment.',
};

const ref = (kind: 'schemas' | 'parameters' | 'headers', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});
const codes = (list: readonly string[]) => list.map((c) => `\`${c}\``).join(', ');

export function swaggerOptions(config: Config): FastifyDynamicSwaggerOptions {
  const server = config.publicUrl ?? `http://127.0.0.1:${config.port || 4000}`;
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Allot API',
        version: '1',
        description:
          'Subscriptions, quotas, seats and billing. Authenticate with `Authorization: Bearer sk_…`. ' +
          'Errors are `application/problem+json` (RFC 9457) with a stable `code` and, for invalid input, ' +
          '`errors[]` naming each field. Lists are newest first, paginated with `limit` and `starting_after`. ' +
          'Every answer carries a `Request-Id` header; give it when you ask for help.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: server, description: 'This Allot server' }],
      tags: [
        { name: 'Health', description: 'Liveness and readiness, for load balancers and orchestrators.' },
        {
          name: 'Tenants',
          description: 'A tenant is one vendor: its settings and legal details, printed on its invoices.',
        },
        { name: 'Keys', description: 'Secret keys for your servers, publishable keys for your web pages.' },
        {
          name: 'Catalog',
          description:
            'Features, plans and add-on packs, versioned: a subscription keeps the terms it bought.',
        },
        { name: 'Pricing tables', description: 'What a pricing page shows, and quotes for a choice on it.' },
        { name: 'Accounts', description: 'Partners, customers and sites: who subscribes and who pays.' },
        { name: 'Users', description: 'An account’s people: roles, and the seats they take.' },
        { name: 'Seats', description: 'Seats a parent allocates, and how many are used, per seat feature.' },
        {
          name: 'Subscriptions',
          description:
            'Plans on accounts: trials, changes prorated by the day, the cancellation window, renewals.',
        },
        {
          name: 'Entitlements',
          description: 'May this account do this? Checks, consumption and usage events.',
        },
        {
          name: 'Invoices',
          description:
            'Issued from the subscription’s timeline, numbered without gaps, as PDF and EN 16931 XML.',
        },
        {
          name: 'Credit notes',
          description: 'What a downgrade, a cancellation in the window or a void credits.',
        },
        { name: 'Billing', description: 'Running due billing work on demand.' },
        { name: 'Events', description: 'Everything that happened, as webhooks deliver it.' },
        {
          name: 'Webhooks',
          description:
            'Endpoints that receive the events, signed per Standard Webhooks, and their delivery logs.',
        },
        {
          name: 'Webhook events',
          description: 'What Allot POSTs to your endpoints, one operation per event type.',
        },
        {
          name: 'Notifications',
          description: 'E-mails to account managers: quota warnings, seats running out, trials ending.',
        },
        { name: 'History', description: 'Who did what and when, before and after: append-only.' },
        { name: 'Portal', description: 'Sessions for the customers’ self-service portal.' },
        {
          name: 'Test clocks',
          description: 'Time that you move, for accounts bound to it: renewals and trials run as it passes.',
        },
      ],
      components: {
        securitySchemes: {
          secretKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A secret key, `sk_…`: your servers only.',
          },
          publishableKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A publishable key, `pk_…`, for web pages: pricing tables and quotes only, from the origins listed on it.',
          },
          portalSession: {
            type: 'apiKey',
            in: 'cookie',
            name: COOKIE.secure,
            description: `The portal's session cookie (\`${COOKIE.plain}\` on plain-HTTP loopback), set by opening a portal link. Writes also carry the session's \`${CSRF_HEADER}\` header.`,
          },
        },
      },
      security: [{ secretKey: [] }],
    },
    // OpenAPI 3.1 is JSON Schema: `const` stays `const`, as in the schemas the events section uses.
    convertConstToEnum: false,
    transform: ({ schema, url, route }) => ({ schema: operation(schema, route) as typeof schema, url }),
    transformObject: (documentObject) =>
      finish((documentObject as unknown as { openapiObject: Document }).openapiObject),
  };
}

type Json = Record<string, unknown>;
interface Document extends Json {
  paths: Record<string, Record<string, Json>>;
  components: Json & { schemas?: Record<string, unknown> };
  webhooks?: Json;
}

/** One route's schema: TypeBox's `~` keys removed, who may call it. */
function operation(schema: unknown, route: RouteOptions): unknown {
  if (!schema) return schema;
  const s = stripTilde(schema) as Json;
  const config = (route.config ?? {}) as { portal?: boolean; publishable?: boolean };
  if (s.security === undefined && (config.portal || config.publishable)) {
    s.security = [
      { secretKey: [] },
      ...(config.portal ? [{ portalSession: [] }] : []),
      ...(config.publishable ? [{ publishableKey: [] }] : []),
    ];
  }
  return s;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function finish(doc: Document): Document {
  const schemas: Record<string, unknown> = { ...(doc.components.schemas ?? {}) };
  schemas.Problem = { ...(stripTilde(ProblemSchema) as Json), title: 'Problem' };
  for (const [type, data] of Object.entries(EVENT_DATA))
    schemas[eventName(type)] = eventSchema(type, data, schemas);
  schemas.Event = {
    title: 'Event',
    description: 'Any event: what `GET /v1/events` lists and webhooks deliver, told apart by `type`.',
    oneOf: Object.keys(EVENT_DATA).map((t) => ref('schemas', eventName(t))),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(Object.keys(EVENT_DATA).map((t) => [t, ref('schemas', eventName(t)).$ref])),
    },
  };
  const parameters = {
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    },
    ActingUser: {
      name: 'Allot-Acting-User',
      in: 'header',
      required: false,
      description:
        'With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor.',
      schema: { type: 'string', maxLength: 200 },
    },
  };
  const headers = {
    RequestId: {
      description:
        'The request’s id, in the server’s logs too: the caller’s `Request-Id` when given, else `req_…`.',
      schema: { type: 'string' },
    },
  };
  const responses: Record<string, Json> = {};
  for (const item of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (METHODS.has(method)) describeOperation(method, op, responses);
    }
  }
  // The list answers events as they were stored; the document says what each type carries now.
  const events = doc.paths['/v1/events']?.get as
    | { responses: Record<string, { content: Record<string, { schema: Json }> }> }
    | undefined;
  const page = events?.responses['200']?.content['application/json']?.schema as
    | { properties: { data: Json } }
    | undefined;
  if (page) page.properties.data = { type: 'array', items: ref('schemas', 'Event') };
  const out: Document = {
    ...doc,
    paths: hoist(doc.paths, schemas) as Document['paths'],
    webhooks: webhooks(),
    components: {
      ...doc.components,
      schemas: sortKeys(schemas),
      responses: sortKeys(responses),
      parameters,
      headers,
    },
  };
  return out;
}

/** Problem answers shared by operations, by status (409's codes differ by operation: it stays inline). */
const SHARED_PROBLEMS: Partial<Record<number, string>> = {
  400: 'ValidationFailed',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  422: 'IdempotencyKeyReused',
  503: 'ServiceUnavailable',
};

function describeOperation(method: string, op: Json, shared: Record<string, Json>): void {
  const id = String(op.operationId ?? '');
  const write = method !== 'get' && !READ_POSTS.has(id);
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const params = ((op.parameters as unknown[]) ?? []).slice();
  const open = Array.isArray(op.security) && op.security.length === 0;
  if (!open) params.push(ref('parameters', 'ActingUser'));
  if (write && !open) params.push(ref('parameters', 'IdempotencyKey'));
  if (params.length) op.parameters = params;
  // A body whose every field is optional may be left out (input.ts takes none as `{}`).
  const body = op.requestBody as
    | { required?: boolean; content?: Record<string, { schema?: Json }> }
    | undefined;
  const bodySchema = body?.content?.['application/json']?.schema;
  if (body && bodySchema && !takesRequiredFields(bodySchema)) body.required = false;
  for (const [status, response] of Object.entries(responses)) {
    const n = Number(status);
    if (n >= 400) {
      // Reads neither conflict nor replay.
      if (!write && (n === 409 || n === 422)) {
        delete responses[status];
        continue;
      }
      const name = SHARED_PROBLEMS[n];
      if (name) {
        shared[name] ??= problemResponse(n, id, write);
        responses[status] = { $ref: `#/components/responses/${name}` };
      } else responses[status] = problemResponse(n, id, write);
    } else {
      response.headers = { 'Request-Id': ref('headers', 'RequestId'), ...((response.headers as Json) ?? {}) };
      if (!response.description || response.description === 'Default Response')
        response.description = n === 204 ? 'Done; no content.' : 'The answer.';
    }
  }
}

function problemResponse(status: number, operationId: string, write: boolean): Json {
  let list = (Object.entries(ERROR_STATUS) as [ErrorCode, number][])
    .filter(([, s]) => s === status)
    .map(([c]) => c as string);
  if (status === 409) {
    list = [
      'conflict',
      'invalid_state',
      ...(CONFLICTS[operationId] ?? []),
      ...(write ? ['idempotency_key_in_use'] : []),
    ];
  }
  const first = list[0] as ErrorCode;
  const example = problemOf(
    new AllotError(
      first,
      EXAMPLE_DETAIL[first] ?? 'What went wrong, for a person to read.',
      first === 'validation_failed'
        ? [{ field: 'currency', message: 'must match pattern "^[A-Z]{3}$"' }]
        : [],
    ),
  );
  return {
    description: `Problem: ${codes(list)}.`,
    headers: { 'Request-Id': ref('headers', 'RequestId') },
    content: { 'application/problem+json': { schema: ref('schemas', 'Problem'), example } },
  };
}

const eventName = (type: string) =>
  `${type
    .split(/[._]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}Event`;

function eventSchema(type: string, data: TSchema, schemas: Record<string, unknown>): Json {
  const body = Type.Object(
    {
      id: Type.String({ examples: ['evt_01jd8x5n6qf3r9v2w4y7z0a1b2'] }),
      object: Type.Literal('event'),
      type: Type.Literal(type),
      account: Type.Union([Type.String(), Type.Null()], { description: 'The account it happened to.' }),
      created_at: Type.String({ format: 'date-time' }),
      data,
    },
    { description: `\`${type}\`: ${describe(data)}` },
  );
  const { properties, ...rest } = stripTilde(body) as Json;
  return { ...rest, properties: hoist(properties, schemas), title: eventName(type) };
}

/** The document's `webhooks`: what each event's POST to an endpoint carries, signed per Standard Webhooks. */
function webhooks(): Json {
  const signature = [
    ['webhook-id', 'The event’s id: the same on every retry, to drop duplicates.'],
    ['webhook-timestamp', 'Unix seconds when this attempt was signed; refuse old ones.'],
    [
      'webhook-signature',
      '`v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid).',
    ],
  ].map(([name, description]) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string' },
  }));
  return Object.fromEntries(
    Object.entries(EVENT_DATA).map(([type, data]) => [
      type,
      {
        post: {
          operationId: `on${eventName(type)}`,
          summary: type,
          description: `${describe(data)} Delivered to every enabled endpoint that listens to \`${type}\`, retried with backoff until it answers 2xx.`,
          tags: ['Webhook events'],
          security: [],
          parameters: signature,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('schemas', eventName(type)) } },
          },
          responses: {
            '200': {
              description:
                'Any 2xx acknowledges the event; another status, a timeout or no connection is retried.',
            },
            '410': { description: 'Gone: the endpoint is disabled and gets no more deliveries.' },
          },
        },
      },
    ]),
  );
}

/**
 * Schemas titled by `components()` move to `components.schemas` and are referenced where used. Two
 * different schemas with one name would make the document lie, so they stop the server's start.
 */
function hoist(value: unknown, schemas: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => hoist(v, schemas));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  // Examples are data, not schemas: a problem example's title is not a component's name.
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'example' || k === 'examples' ? v : hoist(v, schemas);
  const name = out.title;
  if (typeof name === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(name) && !('$ref' in out)) {
    const existing = schemas[name];
    if (existing === undefined) schemas[name] = out;
    else if (JSON.stringify(existing) !== JSON.stringify(out))
      throw new Error(
        `OpenAPI: two different schemas are named ${name}:\n${JSON.stringify(existing)}\n${JSON.stringify(out)}`,
      );
    return ref('schemas', name);
  }
  return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function stripTilde(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTilde);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('~')) out[k] = stripTilde(v);
  return out;
}

const describe = (schema: TSchema): string => (schema as { description?: string }).description ?? '';
