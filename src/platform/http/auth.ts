import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Auth, authenticate } from '../../tenants/tenants.ts';
import type { Database } from '../db/schema.ts';
import { AllotError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
}

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Resolves `Authorization: Bearer sk_…` to a tenant. Answers are cached for a short while so the
 * entitlement check path does not pay a database round trip per request for its key.
 */
export class KeyAuthenticator {
  readonly #cache = new Map<string, { auth: Auth; until: number }>();
  constructor(private readonly db: Kysely<Database>) {}

  async authenticate(request: FastifyRequest): Promise<Auth> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new AllotError('unauthenticated', 'Send your secret key as `Authorization: Bearer sk_…`.');
    }
    const key = match[1];
    const hit = this.#cache.get(key);
    const t = performance.now();
    if (hit && hit.until > t) return hit.auth;
    const auth = await authenticate(this.db, key);
    if (!auth) throw new AllotError('unauthenticated', 'This secret key is not valid.');
    if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
    this.#cache.set(key, { auth, until: t + CACHE_TTL_MS });
    return auth;
  }

  forget(): void {
    this.#cache.clear();
  }
}
