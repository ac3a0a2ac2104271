import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { AllotError } from '../platform/errors.ts';
import { type LiveSession, resolvePortalSession } from './sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers a portal session (default: vendor keys only). */
    portal?: boolean;
  }
  interface FastifyRequest {
    /** Set when the request came with a portal session's cookie. */
    portalSession?: LiveSession;
  }
}

/** Over https the cookie takes the `__Host-` prefix: Secure, Path=/, no Domain, set by this host only. */
export const COOKIE = { secure: '__Host-allot_portal', plain: 'allot_portal' } as const;
export const CSRF_HEADER = 'allot-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSecure(ctx: AppContext, request: FastifyRequest): boolean {
  return request.protocol === 'https' || (ctx.config.publicUrl ?? '').startsWith('https:');
}

export function sessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[COOKIE.secure] ?? request.cookies[COOKIE.plain];
}

/**
 * Lax by default: the vendor's link is a top-level navigation from its own site, which must carry the
 * cookie on the redirect; cross-site subrequests and form posts do not. A portal embedded in the
 * vendor's application (ALLOT_PORTAL_FRAME_ANCESTORS, over https) lives in a cross-site frame, where
 * only a SameSite=None cookie is sent: partitioned (CHIPS) to that embedding site, and writes still
 * need the portal's Origin and the CSRF token.
 */
function cookieOptions(ctx: AppContext, request: FastifyRequest) {
  const secure = isSecure(ctx, request);
  const embedded = secure && ctx.config.portalFrameAncestors.length > 0;
  return {
    name: secure ? COOKIE.secure : COOKIE.plain,
    options: {
      path: '/',
      httpOnly: true,
      secure,
      sameSite: embedded ? ('none' as const) : ('lax' as const),
      ...(embedded ? { partitioned: true } : {}),
    },
  };
}

export function setSessionCookie(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
) {
  const { name, options } = cookieOptions(ctx, request);
  reply.setCookie(name, secret, options);
}

export function clearSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { name, options } = cookieOptions(ctx, request);
  reply.clearCookie(name, options);
}

/** The origins a cookie write may come from: Allot's public address, or the one the request reached. */
function allowedOrigins(ctx: AppContext, request: FastifyRequest): string[] {
  const own = `${request.protocol}://${request.host}`;
  return ctx.config.publicUrl ? [new URL(ctx.config.publicUrl).origin, own] : [own];
}

/**
 * Authenticates a request that carries the portal's cookie and no key. The session acts as its user;
 * a route must say it serves the portal (`config.portal`), so a new vendor endpoint is closed to
 * sessions until someone decides otherwise. Writes must come from Allot's own origin and echo the
 * session's CSRF token.
 */
export async function authenticatePortal(ctx: AppContext, request: FastifyRequest): Promise<boolean> {
  if (request.headers.authorization !== undefined) return false;
  const secret = sessionCookie(request);
  if (secret === undefined) return false;
  const session = await resolvePortalSession(ctx.db.kysely, secret, ctx.clock.now());
  if (!session) {
    throw new AllotError(
      'unauthenticated',
      'The portal session has ended. Open the portal again from the application.',
    );
  }
  if (!request.routeOptions.config.portal) {
    throw new AllotError(
      'forbidden',
      'This endpoint is for the vendor’s secret key, not for a portal session.',
    );
  }
  if (request.headers['allot-acting-user'] !== undefined) {
    throw new AllotError(
      'forbidden',
      'A portal session acts as its own user; Allot-Acting-User is for keys.',
    );
  }
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    if (!origin || !allowedOrigins(ctx, request).includes(origin)) {
      throw new AllotError('forbidden', 'A portal write must come from the portal’s own origin.', [
        { field: 'Origin', message: 'is not the portal’s origin' },
      ]);
    }
    if (request.headers[CSRF_HEADER] !== session.csrf) {
      throw new AllotError('forbidden', 'A portal write must carry the session’s Allot-CSRF-Token.', [
        { field: 'Allot-CSRF-Token', message: 'is missing or not this session’s' },
      ]);
    }
  }
  request.portalSession = session;
  request.auth = {
    tenantId: session.tenantId,
    keyId: session.id,
    isBootstrap: false,
    kind: 'portal',
    allowedOrigins: [],
  };
  request.actor = {
    type: 'user',
    id: session.user.id,
    email: session.user.email,
    account_id: session.user.account_id,
    roles: session.user.roles,
    key_id: session.id,
    via: 'portal',
  };
  return true;
}
