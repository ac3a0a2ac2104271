import { Type } from 'typebox';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { Body, commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { changeSubscription, previewChange, scheduleBillingPeriod, setAutoRenew } from './change.ts';
import { createSubscription, previewCreate } from './create.ts';
import { activateSubscription, cancelSubscription } from './lifecycle.ts';
import { timelineRows, viewPhase } from './phases.ts';
import { Invoice, Subscription, SubscriptionChange, SubscriptionCreate } from './schemas.ts';
import { upcomingInvoice } from './upcoming.ts';
import { getSubscription, listSubscriptions, loadSubscription } from './view.ts';

const tags = ['Subscriptions'];
const answer = { 200: Subscription, ...commonErrors };

export const subscriptionRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/subscriptions',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'createSubscription',
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
  app.post(
    '/subscriptions/preview',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'previewSubscription',
        summary: 'Preview a new subscription: its first invoice, nothing saved',
        description:
          'The body of `POST /v1/subscriptions`. Answers the first invoice it would produce (lines, subtotal, tax, total, period; S13: totals as licences, period and currency change), with the payer’s tax rate and credit as they stand. Works for an account with no subscription yet; for a trial, the invoice its activation at the trial’s end would issue; for an account already trialing on the plan, what activating now would bill. Open to any user of the account.',
        body: SubscriptionCreate,
        response: { 200: Invoice, ...commonErrors },
      },
    },
    async (req) => previewCreate(readScope(ctx, req), req.actor, req.body, ctx.clock),
  );
  app.get(
    '/subscriptions/:id/timeline',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getSubscriptionTimeline',
        summary: "The subscription's timeline",
        description:
          'Its phases, oldest first: what it was from each instant on (plan version, quantity, add-ons, billing period, status, seats per account) and the action that began each. Append-only; the subscription is its last phase. Invoices are computed from it.',
        params: IdParam,
        response: {
          200: Type.Object({
            object: Type.Literal('list'),
            data: Type.Array(
              Type.Object({
                object: Type.Literal('subscription_phase'),
                seq: Type.Integer(),
                action: Type.String(),
                effective_at: Type.String({ format: 'date-time' }),
                status: Type.String(),
                plan: Type.String(),
                plan_version: Type.Integer(),
                billing_period: Type.String(),
                currency: Type.String(),
                quantity: Type.Integer(),
                addons: Type.Array(
                  Type.Object({ addon: Type.String(), version: Type.Integer(), quantity: Type.Integer() }),
                ),
                anchor_date: Type.String(),
                timezone: Type.String(),
                seats: Type.Union([
                  Type.Array(Type.Object({ account: Type.String(), seats: Type.Integer() })),
                  Type.Null(),
                ]),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const { row } = await loadSubscription(scope, req.actor, req.params.id, 'read', false);
      return { object: 'list' as const, data: (await timelineRows(scope, row.id)).map(viewPhase) };
    },
  );
  app.get(
    '/subscriptions/:id/upcoming_invoice',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getUpcomingInvoice',
        summary: 'The upcoming invoice',
        description:
          'What the next period end will bill, as the renewal computes it: the new period on the terms and seats then in force (for a reseller’s customer, seats per site by the billing basis of the new period’s first day) and the ended period’s consumption. Nothing is saved; an active subscription only.',
        params: IdParam,
        response: { 200: Invoice, ...commonErrors },
      },
    },
    async (req) => upcomingInvoice(readScope(ctx, req), req.actor, req.params.id),
  );
  app.get(
    '/subscriptions',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listSubscriptions',
        summary: 'List subscriptions',
        description: 'Newest first, paginated with `starting_after`; filter by account or status.',
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
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getSubscription',
        summary: 'Get a subscription',
        description:
          'With its plan, period, trial, add-ons, cancellation window and its latest invoice and credit note.',
        params: IdParam,
        response: answer,
      },
    },
    async (req) => getSubscription(readScope(ctx, req), req.actor, req.params.id),
  );
  app.patch(
    '/subscriptions/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'updateSubscription',
        summary: 'Switch auto-renewal on or off',
        description:
          '`auto_renew: false` ends the subscription at the end of its period (`subscription.canceled`); true again before then keeps it.',
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
      config: { portal: true },
      schema: {
        tags,
        operationId: 'previewSubscriptionChange',
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
      config: { portal: true },
      schema: {
        tags,
        operationId: 'changeSubscription',
        summary: 'Change plan, quantity or add-ons now',
        description:
          'Prorated by days for the days left, invoiced at once: seats or packs added or removed are one line each (`+1 × Gold, 9 of 30 days`); another plan is a credit for the old plan’s unused days and a charge for the new one’s. `addons` is the whole list after the change; left out, the packs stay — except those whose module the new plan lacks, which end, credited for their unused days (listing one is refused). A plan without a price for the billing period answers 409 billing_period_mismatch.',
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
      config: { portal: true },
      schema: {
        tags,
        operationId: 'changeBillingPeriod',
        summary: 'Change the billing period at the next cycle',
        description:
          'Monthly to yearly or back, from the next cycle: nothing is prorated now; the upcoming invoice shows the new period.',
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
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'activateSubscription',
        summary: 'End the trial now and start paying',
        description:
          'With no body the trial’s terms are kept. The body may choose, as the customer subscribes: the licences, the billing period, the add-ons and — for an account with nothing invoiced yet — the currency, which becomes the account’s. `POST /v1/subscriptions/preview` with the same terms shows what it bills.',
        params: IdParam,
        body: Type.Object(
          {
            billing_period: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('year')])),
            currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', examples: ['USD'] })),
            quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
            addons: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    addon: Type.String({ minLength: 1 }),
                    quantity: Type.Optional(Type.Integer({ minimum: 1 })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 100 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: answer,
      },
      // Activation is an action: clients post it with no body (the trial's own terms).
      preValidation: async (req) => {
        if (req.body === undefined) req.body = {};
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await activateSubscription(w.scope, w.actor, req.params.id, ctx.clock, req.body)),
      ),
  );
  app.post(
    '/subscriptions/:id/cancel',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'cancelSubscription',
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
