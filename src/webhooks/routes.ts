import { Type } from 'typebox';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { Body, commonErrors, IdParam, Timestamp } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { listDeliveries } from './deliveries.ts';
import {
  assertVendor,
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  viewEndpoint,
} from './endpoints.ts';
import { ALL_EVENTS, EVENT_TYPES } from './event-types.ts';

const tags = ['Webhooks'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const EventFilter = Type.Union([Type.Literal(ALL_EVENTS), ...EVENT_TYPES.map((t) => Type.Literal(t))], {
  description: 'An event type, or `*` for every type.',
});

const Endpoint = Type.Object({
  id: Type.String({ examples: ['we_01jd8x5n6qf3r9v2w4y7z0a1b2'] }),
  object: Type.Literal('webhook_endpoint'),
  url: Type.String(),
  events: Type.Array(Type.String(), { examples: [['invoice.issued', 'invoice.paid']] }),
  status: Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]),
  disabled_reason: Nullable(Type.String()),
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

const Attempt = Type.Object({
  attempt: Type.Integer(),
  at: Timestamp(),
  status_code: Nullable(Type.Integer()),
  duration_ms: Type.Integer(),
  error: Nullable(Type.String()),
});

const Delivery = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_delivery'),
  endpoint: Type.String(),
  event: Type.String({ description: 'The event id, sent as `webhook-id`.' }),
  event_type: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Timestamp()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: Timestamp(),
  delivered_at: Nullable(Timestamp()),
  attempts: Type.Array(Attempt),
});

/** Endpoints, and the log of what was sent to them. Vendor only: a customer's user is refused. */
export const webhookRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/webhook_endpoints',
    {
      schema: {
        tags,
        summary: 'Create a webhook endpoint',
        description:
          'Events from now on are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, ' +
          '`webhook-timestamp`, `webhook-signature`) with `secret`, shown only in this answer. A failed ' +
          'delivery is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (longer when the ' +
          'answer has a Retry-After); the endpoint is disabled on 410 Gone or when a delivery runs out of tries.',
        body: Body({
          url: Type.String({
            format: 'uri',
            pattern: '^[hH][tT][tT][pP][sS]?://',
            maxLength: 2048,
            description: 'An http(s) URL.',
            examples: ['https://example.com/allot/webhooks'],
          }),
          events: Type.Optional(
            Type.Array(EventFilter, {
              minItems: 1,
              maxItems: 100,
              uniqueItems: true,
              default: [ALL_EVENTS],
              description: 'Event types to deliver (default every type).',
            }),
          ),
        }),
        response: { 201: Type.Object({ ...Endpoint.properties, secret: Type.String() }), ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await createEndpoint(w.scope, w.actor, req.body, ctx.clock.now())),
      ),
  );

  app.get(
    '/webhook_endpoints',
    {
      schema: {
        tags,
        summary: 'List webhook endpoints',
        querystring: Type.Object(LIST_QUERY, { additionalProperties: false }),
        response: { 200: listSchema(Endpoint), ...commonErrors },
      },
    },
    async (req) => {
      assertVendor(req.actor);
      return listEndpoints(readScope(ctx, req), req.query);
    },
  );

  app.get(
    '/webhook_endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Get a webhook endpoint',
        params: IdParam,
        response: { 200: Endpoint, ...commonErrors },
      },
    },
    async (req) => {
      assertVendor(req.actor);
      return viewEndpoint(await getEndpoint(readScope(ctx, req), req.params.id));
    },
  );

  app.delete(
    '/webhook_endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook endpoint',
        description: 'Nothing more is sent to it; its delivery log goes with it.',
        params: IdParam,
        response: {
          200: Type.Object({ ...Endpoint.properties, deleted: Type.Literal(true) }),
          ...commonErrors,
        },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await deleteEndpoint(w.scope, w.actor, req.params.id, ctx.clock.now())),
      ),
  );

  app.get(
    '/webhook_endpoints/:id/deliveries',
    {
      schema: {
        tags,
        summary: "An endpoint's delivery log",
        description: 'One delivery per event sent to the endpoint, newest first, with every attempt made.',
        params: IdParam,
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Delivery), ...commonErrors },
      },
    },
    async (req) => {
      assertVendor(req.actor);
      const scope = readScope(ctx, req);
      const endpoint = await getEndpoint(scope, req.params.id);
      return listDeliveries(scope, endpoint.id, req.query);
    },
  );
};
