import { Type } from 'typebox';
import { recordHistory } from '../history/history.ts';
import { toRfc3339 } from '../platform/clock/clock.ts';
import { AllotError } from '../platform/errors.ts';
import { Body, commonErrors, Timestamp } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, runWrite } from '../platform/http/write.ts';
import { createTenant } from './tenants.ts';

const tags = ['Tenants'];

export const tenantRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/tenants',
    {
      schema: {
        tags,
        summary: 'Create a tenant',
        description:
          'With a key of the bootstrap tenant (the one made on the first start): a new, isolated tenant and its first secret key, shown only in this answer.',
        body: Body({ name: Type.String({ minLength: 1, maxLength: 200, examples: ['Acme Software'] }) }),
        response: {
          201: Type.Object({
            id: Type.String(),
            object: Type.Literal('tenant'),
            name: Type.String(),
            secret_key: Type.Union([Type.String(), Type.Null()], {
              description: 'Shown once; store it now. An idempotent replay answers null.',
            }),
            created_at: Timestamp(),
          }),
          ...commonErrors,
        },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) => {
        if (!w.auth.isBootstrap)
          throw new AllotError('forbidden', 'Only a key of the bootstrap tenant may create tenants.');
        // The new tenant lives outside the caller's scope; it shares the write's transaction only.
        const now = ctx.clock.now();
        const tenant = await createTenant(w.scope.raw, { name: request.body.name, now });
        const { secret_key: _secret, ...recorded } = tenant;
        await recordHistory(w.scope, {
          at: now,
          actor: w.actor,
          action: 'tenant.created',
          subject: { type: 'tenant', id: tenant.id },
          accountId: null,
          before: null,
          after: { ...recorded, created_at: toRfc3339(tenant.created_at) },
        });
        return {
          ...created({ ...tenant, object: 'tenant', created_at: toRfc3339(tenant.created_at) }),
          shownOnce: ['secret_key'],
        };
      }),
  );

  app.get(
    '/tenant',
    {
      schema: {
        tags,
        summary: 'The tenant of the key in use',
        response: {
          200: Type.Object({
            id: Type.String(),
            object: Type.Literal('tenant'),
            name: Type.String(),
            created_at: Timestamp(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const row = await ctx.db.kysely
        .selectFrom('tenants')
        .select(['id', 'name', 'created_at'])
        .where('id', '=', request.auth.tenantId)
        .executeTakeFirstOrThrow();
      return { ...row, object: 'tenant' as const, created_at: toRfc3339(row.created_at) };
    },
  );
};
