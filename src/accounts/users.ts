import { type Selectable, sql } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { Role, UsersTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { accountChain, accountClock, authorizedAccount } from './accounts.ts';
import { assertMayAct, assertVendorFields, mayAct } from './rules.ts';

export type UserRow = Selectable<UsersTable>;

export function viewUser(row: UserRow) {
  return {
    id: row.id,
    object: 'user' as const,
    account: row.account_id,
    email: row.email,
    name: row.name,
    external_id: row.external_id,
    roles: row.roles,
    modules: row.modules,
    status: row.status,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export interface UserInput {
  email: string;
  name: string;
  external_id?: string | null;
  roles?: Role[];
  modules?: string[];
  status?: 'active' | 'deactivated';
}

/** Handing out any role above member is the owner's (or the vendor's) to do. */
function assertMayGrant(actor: Actor, chain: readonly string[], roles: readonly Role[]) {
  if (roles.some((r) => r !== 'member') && !mayAct(actor, chain, 'grant_roles')) {
    throw new AllotError('forbidden', 'Only an owner may give the owner or subscription_manager role.');
  }
}

async function uniqueUser(
  scope: TenantScope,
  accountId: string,
  email: string,
  externalId: string | null | undefined,
  self?: string,
) {
  const sameEmail = await scope
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (sameEmail && sameEmail.id !== self) {
    throw new AllotError('validation_failed', `${email} is already a user of this account.`, [
      { field: 'email', message: `is already used by ${sameEmail.id}` },
    ]);
  }
  if (externalId) {
    const sameExternal = await scope
      .selectFrom('users')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (sameExternal && sameExternal.id !== self) {
      throw new AllotError('validation_failed', `external_id ${externalId} is taken.`, [
        { field: 'external_id', message: `is already used by ${sameExternal.id}` },
      ]);
    }
  }
}

export async function getUser(scope: TenantScope, accountId: string, ref: string): Promise<UserRow> {
  const row = await scope
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where(idOr('external_id', ref))
    .executeTakeFirst();
  if (!row) throw notFound('user', ref);
  return row;
}

export async function createUser(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  input: UserInput,
  wall: Clock,
) {
  const account = await authorizedAccount(scope, actor, accountRef, 'add_users');
  const now = (await accountClock(scope, account, wall)).now();
  assertVendorFields(actor, input, ['external_id']);
  const roles = [...new Set<Role>(input.roles ?? ['member'])];
  assertMayGrant(actor, await accountChain(scope, account), roles);
  await uniqueUser(scope, account.id, input.email, input.external_id);
  const row: UserRow = {
    tenant_id: scope.tenantId,
    id: newId('user'),
    account_id: account.id,
    email: input.email,
    name: input.name,
    external_id: input.external_id ?? null,
    roles,
    modules: [...new Set(input.modules ?? [])],
    status: input.status ?? 'active',
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  const { tenant_id: _t, ...values } = row;
  await scope.insertInto('users', values).execute();
  const view = viewUser(row);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'user.created',
    subject: { type: 'user', id: row.id },
    accountId: account.id,
    before: null,
    after: view,
  });
  return view;
}

export async function updateUser(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  userRef: string,
  patch: Partial<UserInput>,
  wall: Clock,
) {
  const account = await authorizedAccount(scope, actor, accountRef, 'add_users');
  const now = (await accountClock(scope, account, wall)).now();
  const current = await getUser(scope, account.id, userRef);
  assertVendorFields(actor, patch, ['external_id']);
  // A member may rename itself; anything else about a user is for its managers.
  const selfRename =
    actor.type === 'user' && actor.id === current.id && Object.keys(patch).every((k) => k === 'name');
  if (!selfRename) assertMayAct(actor, await accountChain(scope, account), 'manage_users');
  if (patch.roles !== undefined) {
    const roles = [...new Set(patch.roles)];
    const changed = roles.sort().join() !== [...current.roles].sort().join();
    if (changed && !mayAct(actor, await accountChain(scope, account), 'grant_roles')) {
      throw new AllotError('forbidden', "Only an owner may change a user's roles.");
    }
  }
  await uniqueUser(scope, account.id, patch.email ?? current.email, patch.external_id, current.id);
  const next: UserRow = {
    ...current,
    ...(patch.email !== undefined ? { email: patch.email } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.external_id !== undefined ? { external_id: patch.external_id } : {}),
    ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
    ...(patch.modules !== undefined ? { modules: [...new Set(patch.modules)] } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    updated_at: toDate(now),
  };
  const { tenant_id: _t, id: _i, created_at: _c, account_id: _a, ...values } = next;
  await scope.updateTable('users').set(values).where('id', '=', current.id).execute();
  const after = viewUser(next);
  const action =
    patch.status && patch.status !== current.status
      ? patch.status === 'active'
        ? 'user.reactivated'
        : 'user.deactivated'
      : 'user.updated';
  await recordHistory(scope, {
    at: now,
    actor,
    action,
    subject: { type: 'user', id: current.id },
    accountId: account.id,
    before: viewUser(current),
    after,
  });
  return after;
}

export async function deleteUser(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  userRef: string,
  wall: Clock,
) {
  const account = await authorizedAccount(scope, actor, accountRef, 'manage_users');
  const now = (await accountClock(scope, account, wall)).now();
  const current = await getUser(scope, account.id, userRef);
  if (current.roles.includes('owner') && !mayAct(actor, await accountChain(scope, account), 'grant_roles')) {
    throw new AllotError('forbidden', 'Only an owner may remove an owner.');
  }
  await scope.deleteFrom('users').where('id', '=', current.id).execute();
  const before = viewUser(current);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'user.deleted',
    subject: { type: 'user', id: current.id },
    accountId: account.id,
    before,
    after: null,
  });
  return { ...before, deleted: true };
}

export async function listUsers(
  scope: TenantScope,
  actor: Actor,
  accountRef: string,
  params: ListParams & { status?: string },
) {
  const account = await authorizedAccount(scope, actor, accountRef, 'read');
  let q = scope.selectFrom('users').selectAll().where('account_id', '=', account.id);
  if (params.status) q = q.where('status', '=', params.status as UserRow['status']);
  const page = await listPage(q, 'id', params);
  return { data: page.data.map(viewUser), has_more: page.has_more };
}

/**
 * Active users of each account holding a module (null: every active user), in one read: what seats
 * count. Accounts without any are 0.
 */
export async function countActiveUsers(
  scope: TenantScope,
  accountIds: readonly string[],
  module: string | null,
): Promise<Map<string, number>> {
  const out = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return out;
  const { rows } = await sql<{ account_id: string; n: number }>`
    select account_id, count(*)::int as n from users
    where tenant_id = ${scope.tenantId} and account_id = any(${[...new Set(accountIds)]}::text[])
      and status = 'active' and (${module}::text is null or ${module}::text = any(modules))
    group by account_id`.execute(scope.raw);
  for (const r of rows) out.set(r.account_id, Number(r.n));
  return out;
}

/**
 * Deactivates every active user of the accounts (a trial ended unconverted, S12); returns who was.
 * They can be reactivated once the account subscribes.
 */
export async function deactivateUsersOf(
  scope: TenantScope,
  accountIds: readonly string[],
  at: Temporal.Instant,
) {
  if (accountIds.length === 0) return [];
  return scope
    .updateTable('users')
    .set({ status: 'deactivated', updated_at: toDate(at) })
    .where('account_id', 'in', accountIds)
    .where('status', '=', 'active')
    .returning(['id', 'account_id', 'email'])
    .execute();
}
