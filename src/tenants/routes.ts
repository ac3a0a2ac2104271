import { Type } from 'typebox';
import { recordHistory } from '../history/history.ts';
import { toRfc3339 } from '../platform/clock/clock.ts';
import { AllotError } from '../platform/errors.ts';
import { Body, commonErrors, PostalAddressSchema, Timestamp, VatNumber } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { type SettingsPatch, tenantSettings, updateTenantSettings } from './settings.ts';
import { createTenant } from './tenants.ts';

const tags = ['Tenants'];

export const tenantRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/tenants',
    {
      schema: {
        tags,
        operationId: 'createTenant',
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

  const settingsFields = {
    legal_name: Type.Union([
      Type.String({ minLength: 1, maxLength: 200, examples: ['Orbit Software SAS'] }),
      Type.Null(),
    ]),
    address: Type.Union([PostalAddressSchema, Type.Null()]),
    vat_number: Type.Union([VatNumber, Type.Null()]),
    registration_number: Type.Union([
      Type.String({ minLength: 1, maxLength: 100, examples: ['RCS Lyon 812 345 678'] }),
      Type.Null(),
    ]),
    email: Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()]),
    phone: Type.Union([
      Type.String({
        pattern: '^\\+?[0-9 ()./-]{5,30}$',
        examples: ['+49 89 1234567'],
        description: 'Printed on invoices; XRechnung requires it (BT-42).',
      }),
      Type.Null(),
    ]),
    payment_terms_days: Type.Integer({
      minimum: 0,
      maximum: 365,
      description: 'Days from issue to due date.',
    }),
    portal_url: Type.Union([
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: 2000,
        description:
          'Your page that opens the portal for a signed-in user; e-mails link to it with `?page=`.',
      }),
      Type.Null(),
    ]),
    bank: Type.Union([
      Type.Object(
        {
          account_holder: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          iban: Type.String({
            pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
            examples: ['FR7630006000011234567890189'],
          }),
          bic: Type.Optional(
            Type.Union([Type.String({ pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' }), Type.Null()]),
          ),
          bank_name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  };
  const TenantSchema = Type.Object({
    id: Type.String(),
    object: Type.Literal('tenant'),
    name: Type.String(),
    ...settingsFields,
    created_at: Timestamp(),
  });

  app.get(
    '/tenant',
    {
      schema: {
        tags,
        operationId: 'getTenant',
        summary: 'The tenant of the key in use, with its settings',
        description:
          'Its legal details (printed on invoices and carried in their e-invoice XML), payment terms, bank details and portal page.',
        response: { 200: TenantSchema, ...commonErrors },
      },
    },
    async (request) => tenantSettings(readScope(ctx, request)),
  );

  app.patch(
    '/tenant',
    {
      schema: {
        tags,
        operationId: 'updateTenant',
        summary: 'Change the tenant’s settings',
        description:
          'The given fields replace the current ones (objects whole). Invoices issued later print them; earlier PDFs print them too, as invoices are rendered when read.',
        body: Body({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          ...Object.fromEntries(Object.entries(settingsFields).map(([k, v]) => [k, Type.Optional(v)])),
        } as Record<string, ReturnType<typeof Type.Optional>>),
        response: { 200: TenantSchema, ...commonErrors },
      },
    },
    (request, reply) =>
      runWrite(ctx, request, reply, async (w) =>
        ok(await updateTenantSettings(w.scope, w.actor, request.body as SettingsPatch, ctx.clock.now())),
      ),
  );
};
