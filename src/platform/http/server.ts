import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { Type } from 'typebox';
import { authenticatePortal } from '../../portal/auth.ts';
import { embedWeb } from '../../portal/embed.ts';
import { portalWeb } from '../../portal/web.ts';
import {
  authorizePublishable,
  isForBrowsers,
  isPreflight,
  publishableDoor,
} from '../../tenants/publishable.ts';
import type { AppContext } from '../context.ts';
import { TenantScope } from '../db/tenant-scope.ts';
import { AllotError } from '../errors.ts';
import { httpDuration, registry } from '../metrics.ts';
import { resolveActor } from './acting-user.ts';
import { KeyAuthenticator } from './auth.ts';
import { guardInput, validatorCompiler } from './input.ts';
import { swaggerOptions } from './openapi.ts';
import { clientErrorHandler, errorHandler, frameworkErrors, sendProblem } from './problem.ts';
import { rateLimits } from './rate-limits.ts';
import { ProblemSchema } from './schemas.ts';
import { securityHeaders } from './security-headers.ts';

export type AppServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A module's routes: registered inside the authenticated /v1 scope. */
export type RouteModule = (app: AppServer, ctx: AppContext) => void;

export async function buildServer(ctx: AppContext, modules: RouteModule[]): Promise<AppServer> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 5 * 1024 * 1024,
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
    // The answers' serializer knows the formats the validators check (input.ts).
    serializerOpts: { ajv: { formats: { country: true } } },
    // A caller's Request-Id (or X-Request-Id) is kept when it is a sane token, else one is made:
    // it is in every log line of the request and echoed on its answer.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['request-id'] ?? req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : `req_${randomUUID()}`;
    },
    // Request lines are for debugging; at info they would double the log volume of the check path.
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Request spans first, so that every route and hook registered after is in them.
  if (ctx.tracing) await app.register(ctx.tracing.plugin);

  app.setValidatorCompiler(validatorCompiler());
  guardInput(app as unknown as FastifyInstance);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    httpDuration.observe(
      {
        method: request.method,
        // The route's pattern (`/v1/accounts/:id`), never the path: a label per id would grow unbounded.
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      new AllotError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );

  await app.register(cookie);
  // The API's answers (JSON, PDF, XML) are data, never pages: nothing in them runs, loads or frames.
  // The portal's, the embed's and the reference's own scopes set their own policies over this one.
  securityHeaders(app as unknown as FastifyInstance, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // HSTS belongs to whoever terminates TLS; Allot sends it only when it is told it is served over https.
    hsts: ctx.config.publicUrl?.startsWith('https://') ? { maxAge: 15_552_000 } : false,
  });
  await app.register(swagger, swaggerOptions(ctx.config));
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null },
    // The reference's own policy (its scripts by hash), without upgrade-insecure-requests, which would
    // break it on a plain-http address.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header.replace(/\s*upgrade-insecure-requests;?/, '').replace(' validator.swagger.io', ''),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const Health = Type.Object({ status: Type.Literal('ok'), database: Type.String(), time: Type.String() });
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['Health'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        description:
          'Always 200 while the process runs, whether or not the database answers (a restart would not help): use `/v1/health/ready` to route traffic.',
        security: [],
        // 400: like any route, for a body that is not JSON.
        response: { 200: Health, 400: ProblemSchema },
      },
    },
    async () => ({ status: 'ok' as const, database: ctx.db.kind, time: ctx.clock.now().toString() }),
  );
  app.get(
    '/v1/health/ready',
    {
      schema: {
        tags: ['Health'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers',
        description: '503 `service_unavailable` while the database does not answer within two seconds.',
        security: [],
        response: { 200: Health, 400: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (_request, reply) => {
      try {
        await withTimeout(ctx.db.kysely.selectNoFrom((eb) => eb.lit(1).as('one')).execute(), 2000);
      } catch (error) {
        ctx.log.warn({ err: error }, 'not ready: the database does not answer');
        return sendProblem(
          reply,
          new AllotError('service_unavailable', 'The database does not answer; retry in a moment.'),
        );
      }
      return { status: 'ok' as const, database: ctx.db.kind, time: ctx.clock.now().toString() };
    },
  );
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );

  const keys = new KeyAuthenticator(ctx.db.kysely, ctx.clock, ctx.changes);
  await app.register(
    async (v1) => {
      const failures = await rateLimits(v1, ctx);
      v1.addHook('onRequest', async (request, reply) => {
        // What a key or a session reads is for it alone: no cache (a browser's, a proxy's) keeps it,
        // unless the route says otherwise.
        reply.header('cache-control', 'no-store');
        // A CORS preflight carries no credentials; publishableDoor answers it.
        if (isPreflight(request)) return;
        // A key this process verified a moment ago is no guess: it is not counted against its address.
        const known = keys.cached(request);
        if (known) request.auth = known;
        else {
          await failures.check(request, reply);
          try {
            if (await authenticatePortal(ctx, request)) return;
            request.auth = await keys.authenticate(request);
          } catch (error) {
            if (error instanceof AllotError && error.code === 'unauthenticated')
              await failures.failed(request);
            throw error;
          }
        }
        if (request.auth.kind === 'publishable') {
          authorizePublishable(ctx, request);
          request.actor = { type: 'key', id: request.auth.keyId };
          return;
        }
        request.actor = await resolveActor(request, new TenantScope(request.auth.tenantId, ctx.db.kysely));
      });
      // Each module in a scope of its own, in order (the reference lists them so): the publishable
      // door's hooks are only in the scopes of the modules that serve publishable keys.
      for (const register of modules) {
        await v1.register(async (scope) => {
          if (isForBrowsers(register)) await publishableDoor(scope, ctx);
          register(scope as AppServer, ctx);
        });
      }
    },
    { prefix: '/v1' },
  );
  await portalWeb(app, ctx);
  await embedWeb(app, ctx);

  return app;
}

/** A request id a caller may choose: a short token, nothing a log line could be forged with. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
