import { Type } from 'typebox';
import type { Actor } from '../platform/actor.ts';
import { components } from '../platform/http/components.ts';
import { Body, commonErrors, IdParam, Timestamp } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import {
  createApiKey,
  listKeys,
  MAX_ORIGINS,
  MAX_ROLL_SECONDS,
  requireKeyAdmin,
  revokeApiKey,
  rollApiKey,
} from './api-keys.ts';

const tags = ['Keys'];

const KeySchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('api_key'),
  type: Type.Union([Type.Literal('secret'), Type.Literal('publishable')]),
  name: Type.Union([Type.String(), Type.Null()]),
  publishable_key: Type.Union([Type.String(), Type.Null()], {
    description: 'A publishable key in full (it is public); null for a secret key.',
  }),
  last4: Type.String(),
  allowed_origins: Type.Array(Type.String()),
  in_use: Type.Boolean({ description: 'The key this request was made with.' }),
  created_at: Timestamp(),
  revoked_at: Type.Union([Timestamp(), Type.Null()]),
  expires_at: Type.Union([Timestamp(), Type.Null()], {
    description: 'A rolled key works until then; null: until it is revoked.',
  }),
});

function keyActor(actor: Actor): Actor & { type: 'key' } {
  requireKeyAdmin(actor);
  return actor as Actor & { type: 'key' };
}

components({ ApiKey: KeySchema });

export const keyRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/keys',
    {
      schema: {
        tags,
        operationId: 'listKeys',
        summary: "The tenant's keys",
        description:
          'Secret and publishable keys, newest first, revoked ones included. No secret is ever shown again.',
        response: {
          200: Type.Object({ data: Type.Array(KeySchema), has_more: Type.Boolean() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      keyActor(request.actor);
      return { data: await listKeys(readScope(ctx, request), request.auth.keyId), has_more: false };
    },
  );

  app.post(
    '/keys',
    {
      schema: {
        tags,
        operationId: 'createKey',
        summary: 'Create a key',
        description:
          'A secret key (shown once, in this answer) or a publishable key for web pages, allowed from the listed origins only: it reads published pricing tables and asks for quotes, nothing else.',
        body: Body({
          type: Type.Union([Type.Literal('secret'), Type.Literal('publishable')]),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          allowed_origins: Type.Optional(
            Type.Array(Type.String({ maxLength: 300 }), {
              maxItems: MAX_ORIGINS,
              examples: [['https://www.example.com']],
            }),
          ),
        }),
        response: {
          201: Type.Intersect([
            KeySchema,
            Type.Object({
              secret_key: Type.Union([Type.String(), Type.Null()], {
                description:
                  'A new secret key, shown once; null for a publishable key and on an idempotent replay.',
              }),
            }),
          ]),
          ...commonErrors,
        },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) => {
        const r = await createApiKey(w.scope, keyActor(w.actor), request.body, ctx.clock.now());
        return { ...created({ ...r.view, secret_key: r.secret }), shownOnce: ['secret_key'] };
      }),
  );

  app.post(
    '/keys/:id/revoke',
    {
      schema: {
        tags,
        operationId: 'revokeKey',
        summary: 'Revoke a key',
        description:
          'The key stops working at once, on every process sharing the database. The last active secret key cannot be revoked.',
        params: IdParam,
        response: { 200: KeySchema, ...commonErrors },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) =>
        ok(await revokeApiKey(w.scope, keyActor(w.actor), request.params.id, ctx.clock.now())),
      ),
  );

  app.post(
    '/keys/:id/roll',
    {
      schema: {
        tags,
        operationId: 'rollKey',
        summary: 'Roll a key: a new one now, the old one until it expires',
        description:
          'Makes a key of the same type, name and origins (its secret shown once, in this answer) and lets the old one work for `expires_in` seconds more — 24 hours unless told, at most 7 days; 0 stops it at once — so the new key can be deployed first. `rolled` is the old key, with its `expires_at`.',
        params: IdParam,
        body: Body({
          expires_in: Type.Optional(
            Type.Integer({ minimum: 0, maximum: MAX_ROLL_SECONDS, default: 86_400, examples: [3600] }),
          ),
        }),
        response: {
          201: Type.Intersect([
            KeySchema,
            Type.Object({
              secret_key: Type.Union([Type.String(), Type.Null()], {
                description:
                  'The new secret key, shown once; null for a publishable key and on an idempotent replay.',
              }),
              rolled: KeySchema,
            }),
          ]),
          ...commonErrors,
        },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) => {
        const r = await rollApiKey(
          w.scope,
          keyActor(w.actor),
          request.params.id,
          request.body.expires_in ?? 86_400,
          ctx.clock.now(),
        );
        return {
          ...created({ ...r.view, secret_key: r.secret, rolled: r.rolled }),
          shownOnce: ['secret_key'],
        };
      }),
  );
};
