/**
 * Publishable keys at the door: what a `pk_…` key may reach (routes that say `config.publishable`,
 * nothing else), from where (the origins listed on the key, answered with CORS headers for them
 * alone) and how often (a limit per key and address, answered `429 rate_limited` with Retry-After).
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { AllotError } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers a publishable key (default: secret keys only). */
    publishable?: boolean;
  }
}

/** Where publishable routes live: preflights for these paths are answered for any origin. */
const PUBLISHABLE_PATHS = /^\/v1\/pricing_tables(\/|\?|$)/;

export const isPreflight = (request: FastifyRequest) =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

/**
 * A publishable key reaches only the routes made for it, and from a browser only on the pages of
 * the origins listed on it. A request without an Origin is not a browser's (a server's, a script's):
 * it is allowed, as the key is public anyway, and rate-limited all the same. Allot's own origin is
 * always allowed (its demo page).
 */
export function authorizePublishable(ctx: AppContext, request: FastifyRequest): void {
  if (!request.routeOptions.config.publishable) {
    throw new AllotError(
      'forbidden',
      'A publishable key reads pricing tables and asks for quotes, nothing else; use a secret key on your server.',
    );
  }
  const origin = request.headers.origin;
  if (
    origin !== undefined &&
    !request.auth.allowedOrigins.includes(origin) &&
    !isOwnOrigin(ctx, request, origin)
  ) {
    throw new AllotError('forbidden', `This publishable key is not allowed from ${origin}.`, [
      { field: 'Origin', message: 'is not one of the origins listed on the key' },
    ]);
  }
}

/** Allot's own pages (the `/embed/demo` page) are on its own origin, listed or not. */
function isOwnOrigin(ctx: AppContext, request: FastifyRequest, origin: string): boolean {
  if (origin === `${request.protocol}://${request.host}`) return true;
  return ctx.config.publicUrl !== undefined && new URL(ctx.config.publicUrl).origin === origin;
}

const forBrowsers = new WeakSet<object>();

/**
 * Marks a module whose routes publishable keys reach (`config.publishable`): it is registered behind
 * the publishable door, and only it. The other routes, the check path among them, pay nothing for CORS.
 */
export function servesPublishableKeys<T extends object>(module: T): T {
  forBrowsers.add(module);
  return module;
}

export const isForBrowsers = (module: object) => forBrowsers.has(module);

/**
 * CORS and rate limits for publishable keys, in the scope of the modules that serve them, inside /v1
 * (after authentication). Preflights of every /v1 path come here (the OPTIONS route is this scope's).
 */
export async function publishableDoor(v1: FastifyInstance, ctx: AppContext): Promise<void> {
  await v1.register(cors, {
    hook: 'preHandler',
    delegator: (request, callback) => {
      const auth = (request as FastifyRequest).auth as FastifyRequest['auth'] | undefined;
      const forPublishable = auth?.kind === 'publishable';
      // A preflight carries no key: it may ask about publishable paths from anywhere; the request
      // itself is then refused unless its origin is listed on its key (and gets no CORS headers).
      const preflightOfPublishable = !auth && PUBLISHABLE_PATHS.test(request.url ?? '');
      callback(null, {
        origin: forPublishable ? [...auth.allowedOrigins] : preflightOfPublishable,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
        exposedHeaders: [
          'Request-Id',
          'Retry-After',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
        ],
        maxAge: 600,
        credentials: false,
      });
    },
  });
  // A refusal on a publishable path (no such table, a key revoked or not allowed from this origin, too
  // many requests) carries no data: the page may read why, so the element can say it in one line.
  v1.addHook('onSend', async (request, reply, payload) => {
    const origin = request.headers.origin;
    if (
      reply.statusCode >= 400 &&
      origin !== undefined &&
      PUBLISHABLE_PATHS.test(request.url) &&
      !reply.hasHeader('access-control-allow-origin')
    ) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-expose-headers', 'Retry-After');
      reply.header('vary', 'Origin');
    }
    return payload;
  });
  await v1.register(rateLimit, {
    hook: 'preHandler',
    max: ctx.config.publishableRateLimit,
    timeWindow: 60_000,
    // Secret keys and portal sessions are limited elsewhere (or not yet); a browser's key is limited here.
    allowList: (request) => request.auth?.kind !== 'publishable',
    keyGenerator: (request) => `${request.auth.keyId}|${request.ip}`,
    errorResponseBuilder: (_request, context) => {
      const error = new AllotError(
        'rate_limited',
        `Too many requests with this publishable key from this address; retry in ${context.after}.`,
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });
}
