import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import { components } from '../platform/http/components.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { ok, readScope, runWrite } from '../platform/http/write.ts';
import { Invoice } from '../subscriptions/schemas.ts';
import { allocationOverview, previewAllocations, putAllocations, syncSeats } from './allocations.ts';
import { seatsWithSites } from './capacity.ts';

const tags = ['Seats'];
const Seat = Type.Object({
  feature: Type.String(),
  allocated: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Seats the account has (null: unlimited).',
  }),
  used: Type.Integer(),
  source: Type.Union([Type.Literal('allocation'), Type.Literal('subscription')]),
});
const Seats = Type.Object({ data: Type.Array(Seat) });
const Synced = Type.Object({
  data: Type.Array(Seat),
  sites: Type.Array(Type.Object({ account: Type.String(), name: Type.String(), seats: Type.Array(Seat) }), {
    description: 'Each account below, with its own seats and their exact use.',
  }),
});

components({ SeatAllocation: Seat });

export const seatRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/accounts/:id/allocations',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getAllocations',
        summary: "An account's seats: allocated (or held) and used, per seat feature",
        description:
          'For each seat feature: the seats the account holds (from its plan or from its parent’s allocation) and how many are used.',
        params: IdParam,
        response: { 200: Seats, ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = await authorizedAccount(scope, req.actor, req.params.id, 'read');
      return { data: await seatsWithSites(scope, account.id) };
    },
  );
  app.put(
    '/accounts/:id/allocations',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'setAllocations',
        summary: 'Set the seats a parent gives this customer or site',
        description:
          'For subscription managers of the parent (or above). A parent cannot hand out more seats than it holds when its own are limited.',
        params: IdParam,
        body: Type.Array(
          Type.Object(
            {
              feature: Type.String({ minLength: 1, maxLength: 64 }),
              allocated: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            },
            { additionalProperties: false },
          ),
          { maxItems: 100 },
        ),
        response: { 200: Seats, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok({ data: await putAllocations(w.scope, w.actor, req.params.id, req.body, ctx.clock) }),
      ),
  );
  app.post(
    '/accounts/:id/allocations/preview',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'previewAllocations',
        summary: 'Preview setting allocations: the seats after and what it would invoice, nothing saved',
        description:
          'The body of `PUT …/allocations`. Answers the account’s seats after the change and the invoices it would issue now (for a customer billed on allocated seats, the prorated increase on its payer’s invoice), computed by the same writes, rolled back. Refused as the write would be.',
        params: IdParam,
        body: Type.Array(
          Type.Object(
            {
              feature: Type.String({ minLength: 1, maxLength: 64 }),
              allocated: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            },
            { additionalProperties: false },
          ),
          { maxItems: 100 },
        ),
        response: {
          200: Type.Object({
            object: Type.Literal('allocation_preview'),
            data: Type.Array(Seat),
            invoices: Type.Array(Invoice),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => previewAllocations(readScope(ctx, req), req.actor, req.params.id, req.body, ctx.clock),
  );
  app.post(
    '/accounts/:id/seats/sync',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'syncSeats',
        summary: 'Recount used seats from the users',
        description: "The account's seats (with its sites') and, for each site, its own allocation and use.",
        params: IdParam,
        response: { 200: Synced, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(
          await syncSeats(w.scope, w.actor, req.params.id, ctx.clock).then((r) => ({
            data: r.seats,
            sites: r.sites,
          })),
        ),
      ),
  );
  app.get(
    '/accounts/:id/allocations/overview',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getAllocationOverview',
        summary: "For a partner: every descendant's allocated and used seats, with totals",
        description:
          'For a partner or a customer with sites: each descendant’s allocated and used seats per feature, and the totals against what the account holds.',
        params: IdParam,
        response: {
          200: Type.Object({
            object: Type.Literal('allocation_overview'),
            account: Type.String(),
            accounts: Type.Array(
              Type.Object({
                account: Type.String(),
                name: Type.String(),
                kind: Type.String(),
                parent_id: Type.Union([Type.String(), Type.Null()]),
                seats: Type.Array(Seat),
                subtotal: Type.Optional(
                  Type.Array(Seat, { description: "For a customer: its seats and its sites', summed." }),
                ),
              }),
            ),
            totals: Type.Array(
              Type.Object({ feature: Type.String(), allocated: Type.Integer(), used: Type.Integer() }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => allocationOverview(readScope(ctx, req), req.actor, req.params.id),
  );
};
