import { Type } from 'typebox';
import type { Actor } from '../platform/actor.ts';
import { AllotError } from '../platform/errors.ts';
import { components } from '../platform/http/components.ts';
import { LIST_QUERY, listPage, listSchema } from '../platform/http/pagination.ts';
import { Body, commonErrors, IdParam, Timestamp } from '../platform/http/schemas.ts';
import type { AppServer, RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { advanceTestClock, createTestClock, getTestClock, viewTestClock } from './test-clocks.ts';

const TestClock = Type.Object({
  id: Type.String({ examples: ['clock_01jd8x5n6qf3r9v2w4y7z0a1b2'] }),
  object: Type.Literal('test_clock'),
  name: Type.Union([Type.String(), Type.Null()]),
  frozen_time: Timestamp('The time accounts bound to this clock live at.'),
  created_at: Timestamp(),
});

const tags = ['Test clocks'];

/** Test clocks move time for billing: the vendor's tool, never a customer's. */
function vendor(actor: Actor): Actor {
  if (actor.type === 'user') throw new AllotError('forbidden', 'Test clocks are for the vendor.');
  return actor;
}

components({ TestClock });

export const testClockRoutes: RouteModule = (app: AppServer, ctx) => {
  app.post(
    '/test_clocks',
    {
      schema: {
        tags,
        operationId: 'createTestClock',
        summary: 'Create a test clock',
        description: 'Accounts bound to it live at its frozen time, which moves only when advanced.',
        body: Body({
          frozen_time: Timestamp('Where the clock starts, e.g. 2026-01-31T09:00:00Z'),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 201: TestClock, ...commonErrors },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) =>
        created(await createTestClock(w.scope, vendor(w.actor), request.body, ctx.clock.now())),
      ),
  );

  app.post(
    '/test_clocks/:id/advance',
    {
      schema: {
        tags,
        operationId: 'advanceTestClock',
        summary: 'Advance a test clock',
        description:
          'Moves the clock forward (never back) and runs every renewal, trial end, quota reset and invoice due on the way, in time order.',
        params: IdParam,
        body: Body({ frozen_time: Timestamp('The new time; after the current one.') }),
        response: { 200: TestClock, ...commonErrors },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) =>
        ok(
          await advanceTestClock(
            w.scope,
            vendor(w.actor),
            ctx.dueWork,
            request.params.id,
            request.body.frozen_time,
            ctx.clock.now(),
          ),
        ),
      ),
  );

  app.get(
    '/test_clocks/:id',
    {
      schema: {
        tags,
        operationId: 'getTestClock',
        summary: 'Get a test clock',
        description: 'Its `frozen_time`: the time accounts bound to it live at.',
        params: IdParam,
        response: { 200: TestClock, ...commonErrors },
      },
    },
    async (request) => viewTestClock(await getTestClock(readScope(ctx, request), request.params.id)),
  );

  app.get(
    '/test_clocks',
    {
      schema: {
        tags,
        operationId: 'listTestClocks',
        summary: 'List test clocks',
        description: 'Newest first, paginated with `starting_after`.',
        querystring: Type.Object(LIST_QUERY, { additionalProperties: false }),
        response: { 200: listSchema(TestClock), ...commonErrors },
      },
    },
    async (request) => {
      const page = await listPage(
        readScope(ctx, request).selectFrom('test_clocks').selectAll(),
        'id',
        request.query,
      );
      return { data: page.data.map(viewTestClock), has_more: page.has_more };
    },
  );
};
