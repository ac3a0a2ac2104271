import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { accountChain, accountClock, getAccount } from '../accounts/accounts.ts';
import { LOCALES } from '../accounts/rules.ts';
import { getUser } from '../accounts/users.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { Database, PortalSessionsTable, Role } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { generateToken, hashKey } from '../tenants/keys.ts';

/**
 * Portal sessions. The vendor asks for a link for one of its users; the link's token is good once,
 * for a few minutes, and is traded for a session whose secret lives only in an HttpOnly cookie.
 * A session ends when idle too long, at an absolute limit, at logout, or when its user is
 * deactivated. Sessions live by the wall clock: they are not an account's billing, so test clocks
 * do not move them.
 */

export const PORTAL_PAGES = [
  'overview',
  'plans',
  'licences',
  'packs',
  'users',
  'invoices',
  'history',
  'subscribe',
  'customers',
] as const;
export type PortalPage = (typeof PORTAL_PAGES)[number];

export const LINK_TTL_SECONDS = 5 * 60;
export const IDLE_SECONDS = 30 * 60;
export const ABSOLUTE_SECONDS = 12 * 60 * 60;
/** How often a live session records that it was seen: once a minute is enough for a 30-minute idle limit. */
const TOUCH_SECONDS = 60;

export type PortalSessionRow = Selectable<PortalSessionsTable>;

export interface PortalSessionInput {
  account: string;
  user: string;
  locale?: string;
  return_url?: string;
  page?: string;
}

/** The address of the page a session lands on, below the portal's base. */
export function pagePath(page: string | null | undefined): string {
  return !page || page === 'overview' ? '/portal/' : `/portal/${page}`;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Creates a session for a user of the account (or of an account above it) and its one-time link. */
export async function createPortalSession(
  scope: TenantScope,
  actor: Actor,
  input: PortalSessionInput,
  wall: Clock,
  baseUrl: string,
  /** How long the link works; the start-up links of the demo live longer than the API's. */
  linkTtlSeconds = LINK_TTL_SECONDS,
) {
  if (actor.type === 'user') throw new AllotError('forbidden', 'Portal sessions are opened by the vendor.');
  const errors = new FieldErrors();
  if (input.locale !== undefined && !(LOCALES as readonly string[]).includes(input.locale))
    errors.add('locale', 'must be en, fr or de');
  if (input.page !== undefined && !(PORTAL_PAGES as readonly string[]).includes(input.page))
    errors.add('page', `must be one of ${PORTAL_PAGES.join(', ')}`);
  if (input.return_url !== undefined && !isWebUrl(input.return_url))
    errors.add('return_url', 'must be an absolute http or https URL');
  errors.throwIfAny();
  // The session lives by the wall clock (a browser's cookie does); its record in the account's
  // history by the account's clock, as every write of a clocked account.
  const now = wall.now();
  const account = await getAccount(scope, input.account);
  const chain = await accountChain(scope, account);
  const user = await findUserAbove(scope, chain, input.user);
  if (!user) {
    throw new AllotError(
      'validation_failed',
      `User ${input.user} is not a user of ${account.id} or of an account above it.`,
      [{ field: 'user', message: `is not a user of ${account.id} or of an account above it` }],
    );
  }
  if (user.status !== 'active') {
    throw new AllotError('validation_failed', `User ${user.id} is deactivated.`, [
      { field: 'user', message: 'is deactivated' },
    ]);
  }
  const token = generateToken('pst_');
  const linkExpires = now.add({ seconds: linkTtlSeconds });
  const row: Omit<PortalSessionRow, 'tenant_id'> = {
    id: newId('portalSession'),
    account_id: account.id,
    user_id: user.id,
    locale: input.locale ?? null,
    page: input.page ?? null,
    return_url: input.return_url ?? null,
    token_hash: hashKey(token),
    token_expires_at: toDate(linkExpires),
    secret_hash: null,
    started_at: null,
    last_seen_at: null,
    expires_at: toDate(now.add({ seconds: ABSOLUTE_SECONDS })),
    ended_at: null,
    created_by: actor.id,
    created_at: toDate(now),
  };
  await scope.insertInto('portal_sessions', row).execute();
  await recordHistory(scope, {
    accountId: account.id,
    actor,
    action: 'portal_session.created',
    subject: { type: 'portal_session', id: row.id },
    before: null,
    after: { user: user.id, page: row.page, locale: row.locale },
    at: (await accountClock(scope, account, wall)).now(),
  });
  return {
    id: row.id,
    object: 'portal_session' as const,
    account: account.id,
    user: user.id,
    url: `${baseUrl.replace(/\/+$/, '')}/portal/start/${token}`,
    expires_at: toRfc3339(linkExpires),
  };
}

async function findUserAbove(scope: TenantScope, chain: readonly string[], ref: string) {
  for (const accountId of chain) {
    try {
      return await getUser(scope, accountId, ref);
    } catch (error) {
      if (!(error instanceof AllotError && error.code === 'not_found')) throw error;
    }
  }
  return null;
}

/**
 * Trades a link's token for a session: the token is spent in the same statement that checks it, so
 * two tabs racing on one link get one session. Answers the cookie's secret, or null.
 */
export async function startPortalSession(
  db: Kysely<Database>,
  token: string,
  now: Temporal.Instant,
): Promise<{ secret: string; session: PortalSessionRow } | null> {
  if (!/^pst_[A-Za-z0-9]{40}$/.test(token)) return null;
  const secret = generateToken('pss_');
  const at = toDate(now);
  const session = await db
    .updateTable('portal_sessions')
    .set({ secret_hash: hashKey(secret), started_at: at, last_seen_at: at })
    .where('token_hash', '=', hashKey(token))
    .where('started_at', 'is', null)
    .where('ended_at', 'is', null)
    .where('token_expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
  return session ? { secret, session } : null;
}

export interface LiveSession {
  id: string;
  tenantId: string;
  accountId: string;
  locale: string | null;
  returnUrl: string | null;
  expiresAt: Date;
  /** The token a write from the cookie must echo in `Allot-CSRF-Token`. */
  csrf: string;
  user: { id: string; email: string; account_id: string; roles: Role[]; name: string; locale: string | null };
}

/** The token a session's writes echo: derived from what the server holds, unknown to other sites. */
function csrfOf(secretHash: string): string {
  return createHash('sha256').update(`${secretHash}:csrf`).digest('base64url');
}

/** The live session a cookie's secret names, with its user as it is now; null when over or unknown. */
export async function resolvePortalSession(
  db: Kysely<Database>,
  secret: string,
  now: Temporal.Instant,
): Promise<LiveSession | null> {
  if (!/^pss_[A-Za-z0-9]{40}$/.test(secret)) return null;
  const hash = hashKey(secret);
  const row = await db
    .selectFrom('portal_sessions as s')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'),
    )
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.tenant_id', '=', 'u.tenant_id').onRef('a.id', '=', 'u.account_id'),
    )
    .select([
      's.tenant_id',
      's.id',
      's.account_id',
      's.locale',
      's.return_url',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.roles',
      'u.status',
      'u.account_id as user_account_id',
      'a.locale as account_locale',
    ])
    .where('s.secret_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.ended_at !== null || row.status !== 'active') return null;
  const ms = now.epochMilliseconds;
  if (row.expires_at.getTime() <= ms) return null;
  const seen = row.last_seen_at?.getTime() ?? 0;
  if (seen + IDLE_SECONDS * 1000 <= ms) return null;
  if (seen + TOUCH_SECONDS * 1000 <= ms) {
    await db
      .updateTable('portal_sessions')
      .set({ last_seen_at: toDate(now) })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', row.id)
      .execute();
  }
  return {
    id: row.id,
    tenantId: row.tenant_id,
    accountId: row.account_id,
    locale: row.locale,
    returnUrl: row.return_url,
    expiresAt: row.expires_at,
    csrf: csrfOf(hash),
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      account_id: row.user_account_id,
      roles: row.roles,
      locale: row.account_locale,
    },
  };
}

/** Ends a session (logout, or the vendor revoking it): true when it was live, false when already over. */
export async function endPortalSession(
  scope: TenantScope,
  id: string,
  now: Temporal.Instant,
): Promise<boolean> {
  const row = await scope
    .selectFrom('portal_sessions')
    .select('ended_at')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('portal session', id);
  if (row.ended_at !== null) return false;
  await scope
    .updateTable('portal_sessions')
    .set({ ended_at: toDate(now) })
    .where('id', '=', id)
    .execute();
  return true;
}

/** What the portal's pages read about their own session. */
export function viewLiveSession(s: LiveSession, idleUntil: Temporal.Instant) {
  return {
    id: s.id,
    object: 'portal_session' as const,
    account: s.accountId,
    user: {
      id: s.user.id,
      name: s.user.name,
      email: s.user.email,
      account: s.user.account_id,
      roles: s.user.roles,
    },
    locale: s.locale ?? s.user.locale ?? 'en',
    return_url: s.returnUrl,
    csrf_token: s.csrf,
    expires_at: toRfc3339(s.expiresAt),
    idle_expires_at: toRfc3339(idleUntil),
  };
}
