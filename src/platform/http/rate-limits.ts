import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AllotError } from '../errors.ts';

/**
 * Rate limits, answered `429 rate_limited` (problem+json) with `Retry-After` (@fastify/rate-limit):
 *
 * - requests per secret key (ALLOT_RATE_LIMIT, 1,000 a second: a guard against a runaway loop, not a
 *   quota) and per portal user (ALLOT_PORTAL_RATE_LIMIT), per minute, counted in this process or,
 *   with ALLOT_RATE_LIMIT_STORE=postgres, in the database shared by every process (a statement per
 *   request: for deployments that must hold the limit exactly across processes);
 * - failed authentications per address, per minute (ALLOT_AUTH_FAILURE_LIMIT), counted in the database
 *   on PostgreSQL (they are few, and a guesser must not get N× the attempts from N processes): past
 *   the limit, the address is refused before its key is even looked at, until the window ends. A key
 *   this process verified within its key cache's life (30 s) is no guess and is not held back: the
 *   check path reads no count, and a client behind the guesser's address goes on.
 *
 * Windows are fixed and read from the app's wall clock. Publishable keys are limited at their own door
 * (tenants/publishable.ts).
 */
const WINDOW_MS = 60_000;

interface Hits {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: Hits) => void;

/** Counts by fixed window: in a Map (one process) or in `rate_limit_hits` (every process). */
interface Counter {
  add(key: string, by: number, windowMs: number): Promise<Hits>;
}

function memoryCounter(clock: Clock): Counter {
  const windows = new Map<string, { start: number; hits: number }>();
  return {
    async add(key, by, windowMs) {
      const now = clock.now().epochMilliseconds;
      const start = now - (now % windowMs);
      let w = windows.get(key);
      if (!w || w.start !== start) {
        // A new window: forget the keys of windows that ended (the map stays the size of one window).
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.start < start) windows.delete(k);
        w = { start, hits: 0 };
        windows.set(key, w);
      }
      w.hits += by;
      return { current: w.hits, ttl: start + windowMs - now };
    },
  };
}

function databaseCounter(db: Kysely<Database>, clock: Clock): Counter {
  let added = 0;
  return {
    async add(key, by, windowMs) {
      const now = clock.now().epochMilliseconds;
      const start = now - (now % windowMs);
      const { rows } = await sql<{ hits: number }>`
        insert into rate_limit_hits (key, window_start, hits) values (${key}, ${start}, ${by})
        on conflict (key, window_start) do update set hits = rate_limit_hits.hits + ${by}
        returning hits`.execute(db);
      // Now and then, the windows that ended an hour ago go.
      if (++added % 1_000 === 0)
        await sql`delete from rate_limit_hits where window_start < ${start - 3_600_000}`.execute(db);
      return { current: Number(rows[0]!.hits), ttl: start + windowMs - now };
    },
  };
}

const FAILURE = 'auth-failure:';

/**
 * @fastify/rate-limit's store interface over the counters: the plugin keeps one store for its limiters
 * (the per-key limit and the failure limiter made from it), so the key's prefix chooses the counter.
 */
function storeOf(counterFor: (key: string) => Counter) {
  return class CounterStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      counterFor(key)
        .add(key, 1, timeWindow)
        .then((hits) => callback(null, hits), callback);
    }
    read(key: string, callback: Callback, timeWindow: number) {
      counterFor(key)
        .add(key, 0, timeWindow)
        .then((hits) => callback(null, hits), callback);
    }
    child() {
      return this;
    }
  };
}

const tooMany = (what: string, after: string) =>
  Object.assign(new AllotError('rate_limited', `Too many ${what}; retry in ${after}.`), { statusCode: 429 });

export interface AuthFailureLimit {
  /** Refuses an address that failed too often, before its key is looked at. */
  check(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a failed authentication of this address. */
  failed(request: FastifyRequest): Promise<void>;
}

/** Registers both limits in the /v1 scope; answers the failed-authentication limit for the auth hook. */
export async function rateLimits(v1: FastifyInstance, ctx: AppContext): Promise<AuthFailureLimit> {
  const { rateLimit: perKey, portalRateLimit: perUser, authFailureLimit, rateLimitStore } = ctx.config;
  const isPortal = (request: FastifyRequest) => request.auth?.kind === 'portal';
  const shared = databaseCounter(ctx.db.kysely, ctx.clock);
  const local = memoryCounter(ctx.clock);
  await v1.register(rateLimit, {
    hook: 'preHandler',
    max: (request) => (isPortal(request) ? perUser : perKey),
    timeWindow: WINDOW_MS,
    store: storeOf((key) =>
      key.startsWith(FAILURE)
        ? ctx.db.kind === 'postgres'
          ? shared
          : local
        : rateLimitStore === 'postgres'
          ? shared
          : local,
    ) as never,
    // Publishable keys have their own door; a request with no identity got no further than auth.
    allowList: (request) =>
      !request.auth || request.auth.kind === 'publishable' || (isPortal(request) ? perUser : perKey) === 0,
    keyGenerator: (request) =>
      isPortal(request) ? `user:${request.auth.tenantId}:${request.actor.id}` : `key:${request.auth.keyId}`,
    errorResponseBuilder: (request, context) =>
      tooMany(isPortal(request) ? 'requests from this portal user' : 'requests with this key', context.after),
  });
  const limiter = v1.createRateLimit({
    max: authFailureLimit > 0 ? authFailureLimit : Number.MAX_SAFE_INTEGER,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `${FAILURE}${request.ip}`,
    allowList: () => false,
  });
  return {
    async check(request, reply) {
      if (authFailureLimit <= 0) return;
      const status = await limiter(request, { increment: false });
      if (!status.isAllowed && status.remaining <= 0) {
        reply.header('retry-after', String(status.ttlInSeconds));
        throw tooMany('failed authentications from this address', `${status.ttlInSeconds} seconds`);
      }
    },
    async failed(request) {
      if (authFailureLimit > 0) await limiter(request);
    },
  };
}
