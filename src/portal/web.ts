import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { AllotError } from '../platform/errors.ts';
import { sendProblem } from '../platform/http/problem.ts';
import { setSessionCookie } from './auth.ts';
import { securePages } from './page-security.ts';
import { pagePath, startPortalSession } from './sessions.ts';

/**
 * A choice a pricing table hands to the portal (`?plan=pro&billing_period=year&currency=USD&quantity=7`),
 * carried to the page the link opens; anything else in the query is dropped.
 */
function choiceQuery(query: unknown): string {
  const q = (query ?? {}) as Record<string, unknown>;
  const out = new URLSearchParams();
  const keep = (name: string, pattern: RegExp) => {
    const v = q[name];
    if (typeof v === 'string' && pattern.test(v)) out.set(name, v);
  };
  keep('plan', /^[A-Za-z0-9_-]{1,64}$/);
  keep('billing_period', /^(month|year)$/);
  keep('currency', /^[A-Z]{3}$/);
  keep('quantity', /^[1-9][0-9]{0,4}$/);
  const text = out.toString();
  return text ? `?${text}` : '';
}

/**
 * The portal's pages: the React build in `web/dist`, served under `/portal/`. Every page address
 * answers the same index (the app routes in the browser), so a reload or a shared link works.
 * The one server-side page is `/portal/start/{token}`, which trades a link's token for the cookie.
 */
export async function portalWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = ctx.config.portalDir;
  const built = existsSync(join(root, 'index.html'));
  const index = built ? readFileSync(join(root, 'index.html'), 'utf8') : '';

  await app.register(async (portal) => {
    await securePages(portal, { frameAncestors: ctx.config.portalFrameAncestors, referrer: 'no-referrer' });

    portal.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/portal/', 302));
    portal.get('/portal', { schema: { hide: true } }, (_req, reply) => reply.redirect('/portal/', 302));

    portal.get<{ Params: { token: string } }>(
      '/portal/start/:token',
      { schema: { hide: true } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        const started = await startPortalSession(ctx.db.kysely, req.params.token, ctx.clock.now());
        if (!started) {
          // The page explains; the token in the address is spent or was never good.
          return reply.redirect('/portal/signed-out?reason=link', 303);
        }
        setSessionCookie(ctx, req, reply, started.secret);
        return reply.redirect(pagePath(started.session.page) + choiceQuery(req.query), 303);
      },
    );

    if (!built) {
      portal.get('/portal/*', { schema: { hide: true } }, (_req, reply) =>
        sendProblem(
          reply,
          new AllotError(
            'service_unavailable',
            `The portal is not built in ${root}: run \`npm run build\` (npm ci does it).`,
          ),
        ),
      );
      return;
    }

    await portal.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/portal/assets/',
      // Vite names assets by their content hash: a name never changes meaning.
      immutable: true,
      maxAge: '365d',
      index: false,
    });
    portal.get('/portal/*', { schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index),
    );
  });
}
