import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accountClock, getAccount } from '../accounts/accounts.ts';
import { toRfc3339 } from '../platform/clock/clock.ts';
import { AllotError } from '../platform/errors.ts';
import { components } from '../platform/http/components.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { clearSessionCookie } from './auth.ts';
import {
  createPortalSession,
  endPortalSession,
  IDLE_SECONDS,
  LINK_TTL_SECONDS,
  PORTAL_PAGES,
  viewLiveSession,
} from './sessions.ts';

const tags = ['Portal'];

const PortalSessionCreate = Type.Object(
  {
    account: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The account the portal opens on (id or external_id).',
    }),
    user: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'The user who signs in (id or external_id): a user of the account or of an account above it.',
    }),
    locale: Type.Optional(
      Type.String({ description: 'en, fr or de; default the account’s', examples: ['fr'] }),
    ),
    return_url: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Where “Back to the application” and logout lead.' }),
    ),
    page: Type.Optional(
      Type.String({ description: `The page to land on: ${PORTAL_PAGES.join(', ')}`, examples: ['plans'] }),
    ),
  },
  { additionalProperties: false },
);

const PortalSession = Type.Object({
  id: Type.String(),
  object: Type.Literal('portal_session'),
  account: Type.String(),
  user: Type.String(),
  url: Type.String({ description: `Good once, for ${LINK_TTL_SECONDS / 60} minutes.` }),
  expires_at: Type.String({ format: 'date-time', description: 'When the link stops working.' }),
});

const CurrentSession = Type.Object({
  id: Type.String(),
  object: Type.Literal('portal_session'),
  account: Type.String(),
  user: Type.Object({
    id: Type.String(),
    name: Type.String(),
    email: Type.String(),
    account: Type.String(),
    roles: Type.Array(Type.String()),
  }),
  locale: Type.String(),
  return_url: Type.Union([Type.String(), Type.Null()]),
  csrf_token: Type.String({ description: 'Echo it in `Allot-CSRF-Token` on every write from the portal.' }),
  expires_at: Type.String({ format: 'date-time' }),
  idle_expires_at: Type.String({ format: 'date-time' }),
  now: Type.String({
    format: 'date-time',
    description:
      'The time by the account’s clock (a test clock’s, if it is on one): windows and trial days count from it.',
  }),
});

/** The base of portal links: ALLOT_PUBLIC_URL, else the address this request reached. */
function baseUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

components({ PortalSessionCreate, PortalSession, CurrentPortalSession: CurrentSession });

export const portalRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/portal_sessions',
    {
      schema: {
        tags,
        operationId: 'createPortalSession',
        summary: 'Open the portal for a user',
        description:
          'Answers a link for one of your customers’ users. Redirect the user’s browser to `url`: its one-time token becomes an HttpOnly session cookie, and the portal then acts as that user, with its roles, over its account and the accounts below it.',
        body: PortalSessionCreate,
        response: { 201: PortalSession, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(
          await createPortalSession(
            w.scope,
            w.actor,
            req.body,
            ctx.clock,
            baseUrl(ctx.config.publicUrl, req),
          ),
        ),
      ),
  );

  app.get(
    '/portal_sessions/current',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getCurrentPortalSession',
        summary: 'The portal session of this request',
        description:
          'For the portal’s pages: who is signed in, in which language, and the CSRF token for writes.',
        response: { 200: CurrentSession, ...commonErrors },
      },
    },
    async (req) => {
      const session = req.portalSession;
      if (!session) throw new AllotError('forbidden', 'Only a portal session has a current session.');
      const scope = readScope(ctx, req);
      const account = await getAccount(scope, session.accountId);
      const now = (await accountClock(scope, account, ctx.clock)).now();
      return {
        ...viewLiveSession(session, ctx.clock.now().add({ seconds: IDLE_SECONDS })),
        now: toRfc3339(now),
      };
    },
  );

  app.delete(
    '/portal_sessions/current',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'deleteCurrentPortalSession',
        summary: 'Sign out of the portal',
        description: 'Ends the session of this request and clears its cookie.',
        response: {
          200: Type.Object({ return_url: Type.Union([Type.String(), Type.Null()]) }),
          ...commonErrors,
        },
      },
    },
    async (req, reply) => {
      const session = req.portalSession;
      if (!session) throw new AllotError('forbidden', 'Only a portal session can sign out.');
      await endPortalSession(readScope(ctx, req), session.id, ctx.clock.now());
      clearSessionCookie(ctx, req, reply);
      return { return_url: session.returnUrl };
    },
  );

  app.delete(
    '/portal_sessions/:id',
    {
      schema: {
        tags,
        operationId: 'deletePortalSession',
        summary: 'End a portal session',
        description: 'The vendor signs a user out, e.g. when the user leaves the vendor’s application.',
        params: IdParam,
        response: { 200: Type.Object({ id: Type.String(), ended: Type.Boolean() }), ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => {
        if (w.actor.type === 'user')
          throw new AllotError('forbidden', 'Portal sessions are ended by the vendor.');
        return ok({
          id: req.params.id,
          ended: await endPortalSession(w.scope, req.params.id, ctx.clock.now()),
        });
      }),
  );
};
