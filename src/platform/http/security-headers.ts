import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet chooses for these options, worked out once. None of the options Allot
 * uses depends on the request (no nonces), so the headers are the same for every answer: computing
 * them per request, as @fastify/helmet does (it builds helmet's middleware anew each time), cost a
 * third of the entitlement check's time.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Sends these headers on every answer of the scope (and of its children, registered after), over
 * those of a parent scope. `without` names a parent's headers this scope's answers must not carry.
 */
export function securityHeaders(
  scope: FastifyInstance,
  options: HelmetOptions,
  without: readonly string[] = [],
): void {
  const headers = helmetHeaders(options);
  scope.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    for (const name of without) reply.removeHeader(name);
    done();
  });
}
