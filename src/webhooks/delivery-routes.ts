import { Type } from 'typebox';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { ok, readScope, runWrite } from '../platform/http/write.ts';
import { Delivery, DeliveryStatus, tags } from './api-schemas.ts';
import { listDeliveries, retryDelivery } from './deliveries.ts';
import { assertVendor, getEndpoint } from './endpoints.ts';

/** An endpoint's delivery log, and sending one of its deliveries again. Vendor only. */
export const deliveryRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/webhook_endpoints/:id/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's delivery log",
        description: 'One delivery per event sent to the endpoint, newest first, with every attempt made.',
        params: IdParam,
        querystring: Type.Object(
          { ...LIST_QUERY, status: Type.Optional(DeliveryStatus) },
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

  app.post(
    '/webhook_endpoints/:id/deliveries/:delivery_id/retry',
    {
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Retry a webhook delivery',
        description:
          'Sends a failed or succeeded delivery again, now: it goes back to `pending`, due at once, and its ' +
          'log keeps every attempt, the new one marked `trigger: "manual"`. That is one attempt: if it ' +
          'fails, the delivery is `failed` again, without a new retry schedule and without counting ' +
          'towards disabling the endpoint (unless the receiver answers 410 Gone). The receiver gets the ' +
          'same `webhook-id` as before, so it can tell a repeat. A pending delivery is already on its ' +
          'way, and a disabled endpoint is sent nothing: both are refused with 409 `invalid_state`.',
        params: Type.Object({
          id: IdParam.properties.id,
          delivery_id: Type.String({ minLength: 1, maxLength: 64 }),
        }),
        response: { 200: Delivery, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await retryDelivery(w.scope, w.actor, req.params.id, req.params.delivery_id, ctx.clock.now())),
      ),
  );
};
