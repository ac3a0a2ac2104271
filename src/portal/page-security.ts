import type { FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { securityHeaders } from '../platform/http/security-headers.ts';

/**
 * The headers of Allot's own pages (the portal, the embed demo): a Content-Security-Policy with no
 * inline script or style and nothing from elsewhere, `frame-ancestors` for who may frame them.
 */
export function pageSecurity(options: {
  frameAncestors: readonly string[];
  referrer: 'no-referrer' | 'strict-origin-when-cross-origin';
  /** The page's resources may be loaded by other sites (the pricing table's script). */
  sharedResources?: boolean;
}): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...options.frameAncestors],
      },
    },
    // frame-ancestors decides who may frame a page; X-Frame-Options would forbid what it allows.
    frameguard: false,
    referrerPolicy: { policy: options.referrer },
    crossOriginEmbedderPolicy: false,
    ...(options.sharedResources ? { crossOriginResourcePolicy: { policy: 'cross-origin' as const } } : {}),
    hsts: false,
  };
}

/**
 * Registers a page scope's headers. The API's headers (server.ts) forbid every frame with
 * X-Frame-Options; a page decides by its CSP's `frame-ancestors` instead, so that header goes.
 */
export async function securePages(scope: FastifyInstance, options: Parameters<typeof pageSecurity>[0]) {
  securityHeaders(scope, pageSecurity(options), ['x-frame-options']);
}
