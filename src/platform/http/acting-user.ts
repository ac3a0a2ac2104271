import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import type { TenantScope } from '../db/tenant-scope.ts';
import { idOr } from '../db/where.ts';
import { AllotError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

const HEADER = 'allot-acting-user';

/** The request's actor: the key, or the user named by `Allot-Acting-User` (by id or external_id). */
export async function resolveActor(request: FastifyRequest, scope: TenantScope): Promise<Actor> {
  const raw = request.headers[HEADER];
  const ref = Array.isArray(raw) ? raw[0] : raw;
  const keyActor: Actor = { type: 'key', id: request.auth.keyId };
  if (ref === undefined || ref === '') return keyActor;
  const user = await scope
    .selectFrom('users')
    .select(['id', 'email', 'account_id', 'roles', 'status'])
    .where(idOr('external_id', ref))
    .executeTakeFirst();
  if (!user) {
    throw new AllotError('validation_failed', `Allot-Acting-User names no user: ${ref}.`, [
      { field: 'Allot-Acting-User', message: 'names no user of this tenant' },
    ]);
  }
  if (user.status !== 'active')
    throw new AllotError('forbidden', `User ${user.id} is deactivated and cannot act.`);
  return {
    type: 'user',
    id: user.id,
    email: user.email,
    account_id: user.account_id,
    roles: user.roles,
    key_id: request.auth.keyId,
  };
}
