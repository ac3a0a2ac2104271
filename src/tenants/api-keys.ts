/**
 * A tenant's API keys: secret keys (`sk_…`, the vendor's servers) and publishable keys (`pk_…`, a
 * web page: pricing tables and quotes only, from the origins listed on the key). Listed, created and
 * revoked by the vendor. A secret key is shown once and kept as a hash; a publishable key is public
 * by design and kept readable, so the vendor can copy it again.
 */

import type { Selectable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { ApiKeyKind, ApiKeysTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors } from '../platform/errors.ts';
import { LOOPBACK_HOSTS } from '../platform/http/loopback.ts';
import { newId } from '../platform/ids.ts';
import { generatePublishableKey, generateSecretKey, hashKey } from './keys.ts';

export const MAX_ORIGINS = 20;

/**
 * The origins a publishable key may be used from: each exactly an origin (scheme, host, port; no
 * path), https except on the loopback interface (a developer's machine). Pure.
 */
export function validateOrigins(input: unknown, field = 'allowed_origins'): string[] {
  const problems = new FieldErrors();
  if (!Array.isArray(input) || input.length === 0) {
    problems.add(field, 'lists at least one origin, e.g. https://www.example.com');
    problems.throwIfAny('A publishable key needs the origins of the pages that use it.');
  }
  const list = input as unknown[];
  if (list.length > MAX_ORIGINS) problems.add(field, `lists at most ${MAX_ORIGINS} origins`);
  const out: string[] = [];
  for (const [i, value] of list.entries()) {
    const at = `${field}[${i}]`;
    const problem = originProblem(value);
    if (problem) problems.add(at, problem);
    else if (!out.includes(value as string)) out.push(value as string);
  }
  problems.throwIfAny('The origins are not valid.');
  return out;
}

function originProblem(value: unknown): string | null {
  const example = 'is an origin such as https://www.example.com';
  if (typeof value !== 'string') return example;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return example;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is an http(s) origin';
  if (url.origin !== value) return `is an origin alone, without path or trailing slash: ${url.origin}`;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return 'uses https (http only for localhost)';
  return null;
}

type KeyRow = Selectable<ApiKeysTable>;

export function viewKey(row: KeyRow, inUse: string | null) {
  return {
    id: row.id,
    object: 'api_key' as const,
    type: row.kind,
    name: row.name,
    /** A publishable key in full; for a secret key only its end, to tell keys apart. */
    publishable_key: row.kind === 'publishable' ? row.token : null,
    last4: row.last4,
    allowed_origins: row.allowed_origins,
    in_use: row.id === inUse,
    created_at: toRfc3339(row.created_at),
    revoked_at: row.revoked_at ? toRfc3339(row.revoked_at) : null,
    expires_at: row.expires_at ? toRfc3339(row.expires_at) : null,
  };
}
export type KeyView = ReturnType<typeof viewKey>;

export function requireKeyAdmin(actor: Actor): void {
  if (actor.type !== 'key')
    throw new AllotError(
      'forbidden',
      "Only the vendor's secret key manages keys, never a user of an account.",
    );
}

export async function listKeys(scope: TenantScope, inUse: string): Promise<KeyView[]> {
  const rows = await scope.selectFrom('api_keys').selectAll().orderBy('id', 'desc').execute();
  return rows.map((r) => viewKey(r, inUse));
}

export interface NewKeyInput {
  type: ApiKeyKind;
  name?: string | undefined;
  allowed_origins?: unknown;
}

export async function createApiKey(
  scope: TenantScope,
  actor: Actor & { type: 'key' },
  input: NewKeyInput,
  now: Temporal.Instant,
): Promise<{ view: KeyView; secret: string | null }> {
  const publishable = input.type === 'publishable';
  if (!publishable && input.allowed_origins !== undefined)
    throw new AllotError('validation_failed', 'A secret key is never used from a browser.', [
      { field: 'allowed_origins', message: 'is for publishable keys only' },
    ]);
  const origins = publishable ? validateOrigins(input.allowed_origins) : [];
  const token = publishable ? generatePublishableKey() : generateSecretKey();
  const row: KeyRow = {
    tenant_id: scope.tenantId,
    id: newId('apiKey'),
    key_hash: hashKey(token),
    last4: token.slice(-4),
    kind: input.type,
    name: input.name ?? null,
    token: publishable ? token : null,
    allowed_origins: origins,
    created_at: toDate(now),
    revoked_at: null,
    expires_at: null,
  };
  const { tenant_id: _t, ...values } = row;
  await scope.insertInto('api_keys', { ...values, allowed_origins: jsonb(origins) }).execute();
  const view = viewKey(row, actor.id);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'api_key.created',
    subject: { type: 'api_key', id: row.id },
    accountId: null,
    before: null,
    after: view,
  });
  return { view, secret: publishable ? null : token };
}

/** Key `id`, locked for the rest of the write (two revokes or rolls of one key run one after the other). */
async function lockKey(scope: TenantScope, id: string): Promise<KeyRow> {
  const row = await scope
    .selectFrom('api_keys')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AllotError('not_found', `No key ${id}.`);
  return row;
}

/**
 * Revokes a key at once (this process forgets it when the write commits; other processes within
 * their key cache's lifetime). Revoking a revoked key answers it as it is. The last active secret
 * key is kept: revoking it would lock the vendor out.
 */
export async function revokeApiKey(
  scope: TenantScope,
  actor: Actor & { type: 'key' },
  id: string,
  now: Temporal.Instant,
): Promise<KeyView> {
  const row = await lockKey(scope, id);
  if (row.revoked_at) return viewKey(row, actor.id);
  if (row.kind === 'secret') {
    const others = await scope
      .selectFrom('api_keys')
      .select('id')
      .where('kind', '=', 'secret')
      .where('revoked_at', 'is', null)
      .where('id', '!=', id)
      .limit(1)
      .execute();
    if (others.length === 0)
      throw new AllotError('invalid_state', 'This is the last active secret key; create another one first.');
  }
  await scope
    .updateTable('api_keys')
    .set({ revoked_at: toDate(now) })
    .where('id', '=', id)
    .execute();
  const after = { ...row, revoked_at: toDate(now) };
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'api_key.revoked',
    subject: { type: 'api_key', id },
    accountId: null,
    before: viewKey(row, actor.id),
    after: viewKey(after, actor.id),
  });
  return viewKey(after, actor.id);
}

/** The longest a rolled key may keep working beside its replacement: a week. */
export const MAX_ROLL_SECONDS = 7 * 24 * 3600;

/**
 * Rolls a key: a new key of the same type, name and origins now, and the old one working for
 * `expiresIn` seconds more (0: it stops at once), so that the new one can be deployed meanwhile —
 * Stripe's "roll key". The answer is the new key (its secret shown once) and the old one as it is now.
 */
export async function rollApiKey(
  scope: TenantScope,
  actor: Actor & { type: 'key' },
  id: string,
  expiresIn: number,
  now: Temporal.Instant,
): Promise<{ view: KeyView; secret: string | null; rolled: KeyView }> {
  const row = await lockKey(scope, id);
  if (row.revoked_at)
    throw new AllotError('invalid_state', `Key ${id} is revoked; create a new key instead.`);
  const expiresAt = now.add({ seconds: expiresIn });
  const current = row.expires_at;
  if (current && new Date(current).getTime() <= now.epochMilliseconds)
    throw new AllotError('invalid_state', `Key ${id} has expired; create a new key instead.`);
  const made = await createApiKey(
    scope,
    actor,
    {
      type: row.kind,
      ...(row.name ? { name: row.name } : {}),
      ...(row.kind === 'publishable' ? { allowed_origins: row.allowed_origins } : {}),
    },
    now,
  );
  // Never later than an expiry it already had (a key rolled twice keeps the nearer end).
  const end =
    current && new Date(current).getTime() < expiresAt.epochMilliseconds
      ? new Date(current)
      : toDate(expiresAt);
  await scope.updateTable('api_keys').set({ expires_at: end }).where('id', '=', id).execute();
  const after: KeyRow = { ...row, expires_at: end };
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'api_key.rolled',
    subject: { type: 'api_key', id },
    accountId: null,
    before: viewKey(row, actor.id),
    after: { ...viewKey(after, actor.id), replaced_by: made.view.id },
  });
  return { ...made, rolled: viewKey(after, actor.id) };
}
