import { Type } from 'typebox';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { Body, commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import {
  Endpoint,
  EndpointStatus,
  EndpointWithSecret,
  eventFilters,
  SecretInput,
  tags,
  Url,
} from './api-schemas.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import {
  assertVendor,
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
  viewEndpoint,
} from './endpoints.ts';
import { ALL_EVENTS } from './event-types.ts';
import { MAX_ROTATION_OVERLAP_HOURS, ROTATION_OVERLAP_HOURS } from './secrets.ts';

/** Endpoints, and the log of what was sent to them. Vendor only: a customer's user is refused. */
export const webhookRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/webhook_endpoints',
    {
      schema: {
        tags,
        operationId: 'createWebhookEndpoint',
        summary: 'Create a webhook endpoint',
        description:
          'Events from now on are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, ' +
          '`webhook-timestamp`, `webhook-signature`) with `secret` — yours, or a generated one — shown only ' +
          'in this answer. A failed delivery is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and ' +
          '10 h (longer when the answer has a Retry-After); the endpoint is disabled on 410 Gone or when a ' +
          'delivery runs out of tries.',
        body: Body({
          url: Url,
          events: Type.Optional(eventFilters('Event types to deliver (default every type).', [ALL_EVENTS])),
          secret: Type.Optional(SecretInput),
        }),
        response: { 201: EndpointWithSecret, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(
          await createEndpoint(w.scope, w.actor, req.body, ctx.clock.now(), ctx.config.webhookNetworks),
        ),
      ),
  );

  app.get(
    '/webhook_endpoints',
    {
      schema: {
        tags,
        operationId: 'listWebhookEndpoints',
        summary: 'List webhook endpoints',
        description: 'Newest first, paginated with `starting_after`; secrets are not shown.',
        querystring: Type.Object(LIST_QUERY, { additionalProperties: false }),
        response: { 200: listSchema(Endpoint), ...commonErrors },
      },
    },
    async (req) => {
      assertVendor(req.actor);
      return listEndpoints(readScope(ctx, req), req.query, ctx.clock.now());
    },
  );

  app.get(
    '/webhook_endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'getWebhookEndpoint',
        summary: 'Get a webhook endpoint',
        description: 'Its URL, events, status (and why it was disabled); the secret is not shown.',
        params: IdParam,
        response: { 200: Endpoint, ...commonErrors },
      },
    },
    async (req) => {
      assertVendor(req.actor);
      return viewEndpoint(await getEndpoint(readScope(ctx, req), req.params.id), ctx.clock.now());
    },
  );

  app.post(
    '/webhook_endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhookEndpoint',
        summary: 'Update a webhook endpoint',
        description:
          'Changes what is given. New `events` apply to events not yet queued for the endpoint. ' +
          '`status: "disabled"` stops it: nothing more is sent, and deliveries still waiting are failed ' +
          '(as when Allot disables it). `status: "enabled"` clears `disabled_reason` and starts it again ' +
          'from now: events that happened while it was disabled are not sent to it (as Stripe does); a ' +
          'failed delivery can be sent again with its `retry`.',
        params: IdParam,
        body: Body({
          url: Type.Optional(Url),
          events: Type.Optional(eventFilters('Event types to deliver from now on; `["*"]` for every type.')),
          status: Type.Optional(EndpointStatus),
        }),
        response: { 200: Endpoint, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(
          await updateEndpoint(
            w.scope,
            w.actor,
            req.params.id,
            req.body,
            ctx.clock.now(),
            ctx.config.webhookNetworks,
          ),
        ),
      ),
  );

  app.post(
    '/webhook_endpoints/:id/rotate_secret',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookEndpointSecret',
        summary: "Rotate a webhook endpoint's signing secret",
        description:
          'Generates a new secret, shown only in this answer. Until `expire_previous_in_hours` have passed ' +
          '(default 24, 0 ends it now) every delivery carries two signatures in `webhook-signature` ' +
          '(`v1,<with the new> v1,<with the old>`), so receivers can switch to the new secret at their own ' +
          'pace; then only the new one. Rotating again within that time ends the older secret at once. ' +
          'The body may be left out.',
        params: IdParam,
        body: Body({
          expire_previous_in_hours: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: MAX_ROTATION_OVERLAP_HOURS,
              default: ROTATION_OVERLAP_HOURS,
              description: 'How long the replaced secret keeps signing, in hours.',
            }),
          ),
        }),
        response: { 200: EndpointWithSecret, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => {
        const hours = req.body.expire_previous_in_hours ?? ROTATION_OVERLAP_HOURS;
        return ok(await rotateSecret(w.scope, w.actor, req.params.id, hours, ctx.clock.now()));
      }),
  );

  app.delete(
    '/webhook_endpoints/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWebhookEndpoint',
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

  deliveryRoutes(app, ctx);
};
