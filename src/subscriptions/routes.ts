import { Type } from 'typebox';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { Body, commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { changeSubscription, previewChange, scheduleBillingPeriod, setAutoRenew } from './change.ts';
import { createSubscription } from './create.ts';
import { activateSubscription, cancelSubscription } from './lifecycle.ts';
import { Invoice, Subscription, SubscriptionChange, SubscriptionCreate } from './schemas.ts';
import { getSubscription, listSubscriptions } from './view.ts';

const tags = ['Subscriptions'];
const answer = { 200: Subscription, ...commonErrors };

export const subscriptionRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribe an account to a plan',
        description:
          'Active at once with its first invoice, or trialing when `trial` is true (no invoice until activation).',
        body: SubscriptionCreate,
        response: { 201: Subscription, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await createSubscription(w.scope, w.actor, req.body, ctx.clock)),
      ),
  );
  app.get(
    '/subscriptions',
    {
      schema: {
        tags,
        summary: 'List subscriptions',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            account: Type.Optional(Type.String({ maxLength: 200 })),
            status: Type.Optional(
              Type.Union([
                Type.Literal('trialing'),
                Type.Literal('active'),
                Type.Literal('canceled'),
                Type.Literal('expired'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Subscription), ...commonErrors },
      },
    },
    async (req) => listSubscriptions(readScope(ctx, req), req.actor, req.query),
  );
  app.get(
    '/subscriptions/:id',
    { schema: { tags, summary: 'Get a subscription', params: IdParam, response: answer } },
    async (req) => getSubscription(readScope(ctx, req), req.actor, req.params.id),
  );
  app.patch(
    '/subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'Switch auto-renewal on or off',
        params: IdParam,
        body: Body({ auto_renew: Type.Boolean() }),
        response: answer,
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await setAutoRenew(w.scope, w.actor, req.params.id, req.body.auto_renew, ctx.clock)),
      ),
  );
  app.post(
    '/subscriptions/:id/preview',
    {
      schema: {
        tags,
        summary: 'Preview a change',
        description: 'The exact invoice `/change` would issue now, with the same body. Nothing is saved.',
        params: IdParam,
        body: SubscriptionChange,
        response: { 200: Invoice, ...commonErrors },
      },
    },
    async (req) => previewChange(readScope(ctx, req), req.actor, req.params.id, req.body, ctx.clock),
  );
  app.post(
    '/subscriptions/:id/change',
    {
      schema: {
        tags,
        summary: 'Change plan, quantity or add-ons now',
        description:
          'Prorated by days: a credit for the unused days of the old terms and a charge for the remaining days of the new ones, invoiced at once. A plan without a price for the billing period answers 409 billing_period_mismatch.',
        params: IdParam,
        body: SubscriptionChange,
        response: answer,
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await changeSubscription(w.scope, w.actor, req.params.id, req.body, ctx.clock)),
      ),
  );
  app.post(
    '/subscriptions/:id/billing_period',
    {
      schema: {
        tags,
        summary: 'Change the billing period at the next cycle',
        params: IdParam,
        body: Body({ billing_period: Type.Union([Type.Literal('month'), Type.Literal('year')]) }),
        response: answer,
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await scheduleBillingPeriod(w.scope, w.actor, req.params.id, req.body.billing_period, ctx.clock)),
      ),
  );
  app.post(
    '/subscriptions/:id/activate',
    { schema: { tags, summary: 'End the trial now and start paying', params: IdParam, response: answer } },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await activateSubscription(w.scope, w.actor, req.params.id, ctx.clock)),
      ),
  );
  app.post(
    '/subscriptions/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel inside the cancellation window',
        description:
          "Inside the plan's window (72 h from the purchase by default): canceled now, fully credited. After it: 409 cancellation_window_closed.",
        params: IdParam,
        response: answer,
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await cancelSubscription(w.scope, w.actor, req.params.id, ctx.clock)),
      ),
  );
};
