import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Auth } from '../../tenants/tenants.ts';
import type { Actor } from '../actor.ts';
import type { Change } from '../changes.ts';
import { toDate } from '../clock/clock.ts';
import type { AppContext } from '../context.ts';
import { retryingTransaction } from '../db/retry.ts';
import { TenantScope } from '../db/tenant-scope.ts';
import { AllotError } from '../errors.ts';

export interface Answer {
  status: number;
  body: unknown;
  /**
   * Top-level fields of the body shown in this answer only (a new secret key): an idempotent replay
   * answers them as null, since no secret is stored readable, not even in the idempotency table.
   */
  shownOnce?: readonly string[];
}

function storedBody(answer: Answer): unknown {
  if (!answer.shownOnce?.length) return answer.body ?? null;
  const body = { ...(answer.body as Record<string, unknown>) };
  for (const field of answer.shownOnce) body[field] = null;
  return body;
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const created = (body: unknown): Answer => ({ status: 201, body });

/** What a write's action is given: a tenant scope bound to the write's one transaction. */
export interface WriteContext {
  readonly scope: TenantScope;
  readonly auth: Auth;
  readonly actor: Actor;
  readonly app: AppContext;
}

/** A scope for reads: the request's tenant, outside any transaction. */
export function readScope(app: AppContext, request: FastifyRequest): TenantScope {
  return new TenantScope(request.auth.tenantId, app.db.kysely);
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** An Idempotency-Key header is 1 to 255 printable ASCII characters. */
export function assertIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AllotError(
      'validation_failed',
      'Idempotency-Key must be 1 to 255 printable ASCII characters.',
      [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
    );
  }
}

/** Keys being processed in this process; the advisory lock covers the other processes. */
const inFlight = new Set<string>();

/**
 * The write pipeline: one transaction holding the action's writes, what it records (history, events)
 * and, with an `Idempotency-Key`, the stored answer, so a replay is exactly the first answer and a
 * crash leaves either everything or nothing.
 */
export async function runWrite(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  action: (w: WriteContext) => Promise<Answer>,
  /** What the write changes, for in-process caches: anything, or only usage counted. */
  change: Change = 'any',
): Promise<void> {
  const auth = request.auth;
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    const answer = await retryingTransaction(() =>
      app.db.kysely
        .transaction()
        .execute((trx) =>
          action({ scope: new TenantScope(auth.tenantId, trx), auth, actor: request.actor, app }),
        ),
    );
    app.changes.notify(auth.tenantId, change);
    await reply.status(answer.status).send(answer.body);
    return;
  }
  assertIdempotencyKey(key);
  const slot = `${auth.tenantId}:${key}`;
  if (inFlight.has(slot)) throw inUse();
  inFlight.add(slot);
  try {
    const requestHash = createHash('sha256')
      // The actor is part of the request: another user replaying a key gets 422, never someone else's answer.
      .update(
        `${request.actor.type}:${request.actor.id}\n${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`,
      )
      .digest('hex');
    const result = await retryingTransaction(() =>
      app.db.kysely.transaction().execute(async (trx) => {
        const scope = new TenantScope(auth.tenantId, trx);
        const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(hashtextextended(${slot}, 0)) as locked`.execute(trx);
        if (!rows[0]?.locked) throw inUse();
        const previous = await scope
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'status_code', 'response_body'])
          .where('key', '=', key)
          .executeTakeFirst();
        if (previous) {
          if (previous.request_hash !== requestHash) {
            throw new AllotError(
              'idempotency_key_reused',
              'This Idempotency-Key was used with another request; use a new key for a new request.',
              [{ field: 'Idempotency-Key', message: 'was used with another request' }],
            );
          }
          return { answer: { status: previous.status_code, body: previous.response_body }, replayed: true };
        }
        const answer = await action({ scope, auth, actor: request.actor, app });
        await scope
          .insertInto('idempotency_keys', {
            key,
            request_hash: requestHash,
            status_code: answer.status,
            response_body: JSON.stringify(storedBody(answer)),
            created_at: toDate(app.clock.now()),
          })
          .execute();
        return { answer, replayed: false };
      }),
    );
    if (!result.replayed) app.changes.notify(auth.tenantId, change);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    await reply.status(result.answer.status).send(result.answer.body);
  } finally {
    inFlight.delete(slot);
  }
}

const inUse = () =>
  new AllotError(
    'idempotency_key_in_use',
    'A request with this Idempotency-Key is still being processed; retry later.',
  );
