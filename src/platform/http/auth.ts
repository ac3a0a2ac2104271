import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Auth, authenticate } from '../../tenants/tenants.ts';
import type { TenantChanges } from '../changes.ts';
import type { Clock } from '../clock/clock.ts';
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
  /** The cached keys of each tenant, so a tenant's write forgets its own keys without a scan. */
  readonly #byTenant = new Map<string, Set<string>>();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    changes?: TenantChanges,
  ) {
    // A committed write of a tenant (a key revoked among them) drops its cached keys: this process's
    // writes, and on PostgreSQL the other processes' too (the change feed).
    changes?.subscribe(
      (tenantId) => {
        const keys = this.#byTenant.get(tenantId);
        if (!keys) return;
        for (const key of keys) this.#cache.delete(key);
        this.#byTenant.delete(tenantId);
      },
      { skipUsage: true, all: () => this.forget() },
    );
  }

  /** The key of `Authorization: Bearer …` as sent, if there is one. */
  static presented(request: FastifyRequest): string | undefined {
    const header = request.headers.authorization;
    return (header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null)?.[1];
  }

  /** What this process verified of the request's key a moment ago, without a database read. */
  cached(request: FastifyRequest): Auth | undefined {
    const key = KeyAuthenticator.presented(request);
    const hit = key === undefined ? undefined : this.#cache.get(key);
    return hit && hit.until > this.clock.now().epochMilliseconds ? hit.auth : undefined;
  }

  async authenticate(request: FastifyRequest): Promise<Auth> {
    const key = KeyAuthenticator.presented(request);
    if (!key) {
      throw new AllotError(
        'unauthenticated',
        'Send your key as `Authorization: Bearer sk_…` (or a publishable `pk_…` for pricing tables).',
      );
    }
    const hit = this.cached(request);
    if (hit) return hit;
    const now = this.clock.now().epochMilliseconds;
    const auth = await authenticate(this.db, key, this.clock.now());
    if (!auth) throw new AllotError('unauthenticated', 'This key is not valid (or was revoked, or expired).');
    if (this.#cache.size >= CACHE_MAX) this.forget();
    // A rolled key is not answered from the cache past its expiry.
    this.#cache.set(key, {
      auth,
      until: Math.min(now + CACHE_TTL_MS, auth.expiresAt ?? Number.POSITIVE_INFINITY),
    });
    const keys = this.#byTenant.get(auth.tenantId) ?? new Set<string>();
    keys.add(key);
    this.#byTenant.set(auth.tenantId, keys);
    return auth;
  }

  forget(): void {
    this.#cache.clear();
    this.#byTenant.clear();
  }
}
