import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { components } from '../platform/http/components.ts';
import { Body, commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { assertIdempotencyKey, ok, readScope, runWrite } from '../platform/http/write.ts';
import { ingestUsageEvents } from './events-ingest.ts';
import { batcherFor } from './group-commit.ts';
import { checkUsage, listEntitlements, prepareConsume, releaseUsage } from './usage.ts';

const tags = ['Entitlements'];
/** A quantity is a whole number of items: at least 1, at most a billion in one call. */
const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1 });

const UsageBody = Body({
  account: Type.String({ minLength: 1, maxLength: 200, description: 'Account id or external_id.' }),
  feature: Type.String({ minLength: 1, maxLength: 64, description: 'Feature key.', examples: ['tickets'] }),
  quantity: Type.Optional(Quantity),
  idempotency_key: Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'The same key counts once.' }),
  ),
});

const Answer = Type.Object({
  allowed: Type.Boolean(),
  feature: Type.String(),
  kind: Type.String(),
  limit: Type.Union([Type.Integer(), Type.Null()]),
  used: Type.Integer(),
  remaining: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('exhausted')]),
  enabled: Type.Boolean(),
  period_start: Type.Union([Type.String(), Type.Null()]),
  period_end: Type.Union([Type.String(), Type.Null()]),
  overage: Type.Union([Type.Literal('block'), Type.Literal('bill'), Type.Literal('allow')]),
  warn_at: Type.Array(Type.Integer()),
  reason: Type.Optional(
    Type.String({ examples: ['no_active_subscription', 'not_in_plan', 'quota_exceeded', 'disabled'] }),
  ),
  replayed: Type.Optional(Type.Boolean()),
});

components({ UsageInput: UsageBody, CheckAnswer: Answer });

export const entitlementRoutes: RouteModule = (app, ctx) => {
  const vendorOnly = (actor: { type: string }) => {
    if (actor.type === 'user')
      throw new AllotError('forbidden', 'Usage is reported by the vendor’s application, not by a user.');
  };
  /** A write of the vendor's that counts usage and changes nothing else (the terms caches stay). */
  const countUsage = (
    req: FastifyRequest,
    reply: FastifyReply,
    count: (scope: TenantScope) => Promise<unknown>,
  ) =>
    runWrite(
      ctx,
      req,
      reply,
      async (w) => {
        vendorOnly(w.actor);
        return ok(await count(w.scope));
      },
      'usage',
    );

  app.get(
    '/accounts/:id/entitlements',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listEntitlements',
        summary: "An account's entitlements",
        description:
          'Its plans’ and packs’ grants, with usage in the current window (period, month or forever) and a state.',
        params: IdParam,
        response: { 200: Type.Object({ data: Type.Array(Answer) }), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = await authorizedAccount(scope, req.actor, req.params.id, 'read');
      return { data: await listEntitlements(scope, account.id, ctx.clock) };
    },
  );

  app.post(
    '/entitlements/check',
    {
      schema: {
        tags,
        operationId: 'checkEntitlement',
        summary: 'May the account use this feature (quantity more)?',
        description: 'Never changes usage. A boolean feature answers whether it is enabled.',
        body: Body({
          account: UsageBody.properties.account,
          feature: UsageBody.properties.feature,
          quantity: Type.Optional(Quantity),
        }),
        response: { 200: Answer, ...commonErrors },
      },
    },
    async (req) => {
      vendorOnly(req.actor);
      return checkUsage(readScope(ctx, req), req.body, ctx.clock);
    },
  );

  app.post(
    '/entitlements/consume',
    {
      schema: {
        tags,
        operationId: 'consumeEntitlement',
        summary: 'Count usage',
        description:
          'Atomic: over a blocking limit the answer is 409 quota_exceeded (with limit and used) and nothing is counted; `bill` and `allow` count past the limit.',
        body: UsageBody,
        response: { 200: Answer, ...commonErrors },
      },
    },
    // Not through runWrite: consumes are merged into shared transactions (group commit), and the
    // Idempotency-Key header, like the body's idempotency_key, is a usage key kept in that transaction:
    // the same key for the same consume replays its answer, for another one is refused (422).
    async (req) => {
      vendorOnly(req.actor);
      const header = req.headers['idempotency-key'];
      const headerKey = Array.isArray(header) ? header[0] : header;
      const bodyKey = req.body.idempotency_key;
      if (headerKey !== undefined && bodyKey !== undefined && headerKey !== bodyKey) {
        throw new AllotError('validation_failed', 'Two different idempotency keys were given.', [
          { field: 'Idempotency-Key', message: 'differs from the body’s idempotency_key' },
        ]);
      }
      if (headerKey !== undefined) assertIdempotencyKey(headerKey);
      const key = bodyKey ?? headerKey;
      const input = { ...req.body, ...(key ? { idempotency_key: key } : {}) };
      const keyField = bodyKey ? 'idempotency_key' : 'Idempotency-Key';
      const next = await prepareConsume(readScope(ctx, req), input, ctx.clock, keyField);
      return 'replay' in next ? next.replay : batcherFor(ctx.db.kysely).submit(req.auth.tenantId, next);
    },
  );

  app.post(
    '/entitlements/release',
    {
      schema: {
        tags,
        operationId: 'releaseEntitlement',
        summary: 'Give back counter usage (an item was deleted)',
        description:
          'For `counter` features (things that exist): gives back usage when an item is deleted, never below zero.',
        body: UsageBody,
        response: { 200: Answer, ...commonErrors },
      },
    },
    (req, reply) => countUsage(req, reply, (scope) => releaseUsage(scope, req.body, ctx.clock)),
  );

  app.post(
    '/usage_events',
    {
      schema: {
        tags,
        operationId: 'createUsageEvents',
        summary: 'Report usage in batches',
        description:
          'Up to 1,000 events; an event id already seen is a duplicate and counts nothing. Events that would take a blocking quota past its limit are refused one by one, in batch order, and listed in `refused` (nothing counted for them; their ids stay free for a retry); billed and allowed overage count.',
        body: Body({
          events: Type.Array(
            Body({
              id: Type.String({ minLength: 1, maxLength: 255 }),
              account: Type.String({ minLength: 1, maxLength: 200 }),
              feature: Type.String({ minLength: 1, maxLength: 64 }),
              quantity: Quantity,
              timestamp: Type.Optional(
                Type.String({
                  format: 'date-time',
                  description:
                    'When it happened (RFC 3339; now if left out): within the current period, at most 5 minutes ahead of the account’s clock.',
                }),
              ),
            }),
            { minItems: 1, maxItems: 1000 },
          ),
        }),
        response: {
          200: Type.Object({
            object: Type.Literal('usage_batch'),
            accepted: Type.Integer(),
            duplicates: Type.Integer(),
            refused: Type.Array(
              Type.Object({
                index: Type.Integer({ description: 'Its place in `events`.' }),
                id: Type.String(),
                code: Type.Literal('quota_exceeded'),
                feature: Type.String(),
                limit: Type.Integer(),
                used: Type.Integer({ description: 'The counter when this event came to be counted.' }),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    (req, reply) =>
      countUsage(req, reply, async (scope) => ({
        object: 'usage_batch' as const,
        ...(await ingestUsageEvents(scope, req.body.events, ctx.clock)),
      })),
  );
};
