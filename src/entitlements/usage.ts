import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { consumeRule, type QuotaState, stateOf, thresholdsCrossed } from '../domain/entitlements.ts';
import { emitEvents, type NewEvent } from '../events/events.ts';
import { type Clock, fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { usedSeats } from '../seats/ledger.ts';
import { cachedUsedIn } from './counters.ts';
import { type Entitled, loadSnapshot, type Snapshot } from './snapshot.ts';

export interface UsageRequest {
  account: string;
  feature: string;
  quantity?: number;
  idempotency_key?: string;
}

export interface UsageAnswer {
  allowed: boolean;
  feature: string;
  kind: string;
  limit: number | null;
  used: number;
  remaining: number | null;
  state: QuotaState;
  enabled: boolean;
  period_start: string | null;
  period_end: string | null;
  /** What happens past the limit: refused (block), counted and billed (bill) or counted (allow). */
  overage: 'block' | 'bill' | 'allow';
  warn_at: number[];
  reason?: string;
  /** The first answer to this idempotency key, given again: counted once. */
  replayed?: boolean;
}

function grantOf(snapshot: Snapshot, feature: string): Entitled | null {
  if (!snapshot.kinds.has(feature)) {
    throw new AllotError('validation_failed', `feature names no feature: ${feature}.`, [
      { field: 'feature', message: 'names no feature of the catalog' },
    ]);
  }
  return snapshot.grants.get(feature) ?? null;
}

/** A window's bounds as text, once per computed snapshot rather than once per answer (the check path). */
const texts = new WeakMap<Temporal.Instant, string>();
function rfc3339(at: Temporal.Instant): string {
  let text = texts.get(at);
  if (text === undefined) {
    text = toRfc3339(at);
    texts.set(at, text);
  }
  return text;
}

export function answerFor(g: Entitled, used: number, allowed: boolean, reason?: string): UsageAnswer {
  const remaining = g.limit === null ? null : Math.max(g.limit - used, 0);
  return {
    allowed,
    feature: g.feature,
    kind: g.kind,
    limit: g.kind === 'boolean' ? null : g.limit,
    used,
    remaining: g.kind === 'boolean' ? null : remaining,
    state: g.kind === 'boolean' ? 'ok' : stateOf(g, used),
    enabled: g.enabled,
    period_start: g.kind === 'quota' ? rfc3339(g.window.start) : null,
    period_end: g.kind === 'quota' && g.window.end ? rfc3339(g.window.end) : null,
    overage: g.overage,
    warn_at: g.warn_at,
    ...(reason ? { reason } : {}),
  };
}

function notAllowed(feature: string, kind: string, reason: string): UsageAnswer {
  return {
    allowed: false,
    feature,
    kind,
    limit: 0,
    used: 0,
    remaining: 0,
    state: 'exhausted',
    enabled: false,
    period_start: null,
    period_end: null,
    overage: 'block',
    warn_at: [],
    reason,
  };
}

/** May the account use `quantity` more of the feature? Never changes usage. */
export async function checkUsage(scope: TenantScope, input: UsageRequest, wall: Clock): Promise<UsageAnswer> {
  const snapshot = await loadSnapshot(scope, input.account, wall, 'cached');
  const kind = snapshot.kinds.get(input.feature);
  const g = grantOf(snapshot, input.feature);
  if (snapshot.blocked) return notAllowed(input.feature, kind!, snapshot.blocked);
  if (!g) return notAllowed(input.feature, kind!, 'not_in_plan');
  const used =
    g.kind === 'boolean'
      ? 0
      : g.kind === 'seat'
        ? await usedSeats(scope, snapshot.accountId, g.module)
        : await cachedUsedIn(scope, snapshot.accountId, g);
  const rule = consumeRule(g, used, input.quantity ?? 1);
  return answerFor(g, used, rule.allowed, rule.reason);
}

/**
 * Counts usage, atomically: one statement adds the quantity and, under a blocking limit, does so only
 * if the counter stays within it — so no concurrency, and no number of processes, can overshoot. With
 * an idempotency key the first answer is kept in the same transaction and given again to a retry.
 */
export interface PreparedUsage {
  snapshot: Snapshot;
  grant: Entitled;
  quantity: number;
  /** The usage key (`consume:…` or `release:…`), when the caller gave one. */
  key: string | null;
  /** What the key is used for (account, feature, quantity): a key reused for another is refused. */
  requestHash: string | null;
  /** Where the key came from, to name it in an error: the body's `idempotency_key` or the header. */
  keyField: string;
  /** When the request came, by the system clock (not a test clock): what a key is dated, for retention. */
  receivedAt: Temporal.Instant;
}

export function keyReused(field: string): AllotError {
  return new AllotError(
    'idempotency_key_reused',
    'This idempotency key was used for another request; use a new key for a new request.',
    [{ field, message: 'was used with another account, feature or quantity' }],
  );
}

/** Validates a consume or release against the account's current terms; writes nothing. */
export async function prepareUsage(
  scope: TenantScope,
  input: UsageRequest,
  wall: Clock,
  direction: 1 | -1,
  mode: 'cached' | 'verified' | 'fresh' = 'verified',
  keyField = 'idempotency_key',
): Promise<PreparedUsage> {
  const quantity = input.quantity ?? 1;
  const snapshot = await loadSnapshot(scope, input.account, wall, mode);
  try {
    const g = usableGrant(snapshot, input.feature, direction);
    return {
      snapshot,
      grant: g,
      quantity,
      ...usageKeyOf(input, direction),
      keyField,
      receivedAt: wall.now(),
    };
  } catch (error) {
    // A refusal is never decided on cached terms: the plan may have granted the feature a moment ago.
    if (mode === 'fresh' || !(error instanceof AllotError)) throw error;
    return prepareUsage(scope, input, wall, direction, 'fresh', keyField);
  }
}

/**
 * A consume's first step, before the batch decides it: a key already answered replays its answer;
 * otherwise the consume is prepared on cached terms, which the batch proves current before it counts.
 */
export async function prepareConsume(
  scope: TenantScope,
  input: UsageRequest,
  wall: Clock,
  keyField: string,
): Promise<PreparedUsage | { replay: UsageAnswer }> {
  const replay = await replayOf(scope, input, 1, keyField);
  if (replay) return { replay };
  return prepareUsage(scope, input, wall, 1, 'cached', keyField);
}

/** The grant a consume (1) or release (-1) of `feature` counts on, or why there is none. */
function usableGrant(snapshot: Snapshot, feature: string, direction: 1 | -1): Entitled {
  const kind = snapshot.kinds.get(feature);
  const g = grantOf(snapshot, feature);
  if (kind === 'boolean') {
    throw new AllotError('validation_failed', 'A boolean feature is checked, not consumed.', [
      { field: 'feature', message: 'is a boolean feature; use check' },
    ]);
  }
  if (kind === 'seat') {
    throw new AllotError(
      'validation_failed',
      'Seats are taken by adding users (POST /v1/accounts/{id}/users), not consumed.',
      [{ field: 'feature', message: 'is a seat feature; add a user to take a seat' }],
    );
  }
  if (direction === -1 && kind !== 'counter') {
    throw new AllotError('validation_failed', 'Only counters are released (an item was deleted).', [
      { field: 'feature', message: `is a ${kind} feature, not a counter` },
    ]);
  }
  if (snapshot.blocked || !g) {
    const reason = snapshot.blocked ?? 'not_in_plan';
    throw new AllotError('invalid_state', `The account may not use ${feature}: ${reason}.`, [], {
      allowed: false,
      reason,
    });
  }
  return g;
}

/**
 * The usage key of a request and what it asks (its account as named, feature and quantity). Consume
 * and release keep apart: a release never replays a consume's answer.
 */
function usageKeyOf(
  input: UsageRequest,
  direction: 1 | -1,
): { key: string | null; requestHash: string | null } {
  if (!input.idempotency_key) return { key: null, requestHash: null };
  const verb = direction === 1 ? 'consume' : 'release';
  return {
    key: `${verb}:${input.idempotency_key}`,
    requestHash: createHash('sha256')
      .update(`${verb}\n${input.account}\n${input.feature}\n${input.quantity ?? 1}`)
      .digest('base64url'),
  };
}

/**
 * The first answer to the request's usage key, when it has one: given again before anything is
 * decided anew, so a retry after a lost answer replays it even if the account's terms have changed
 * since. The same key for another request is refused (422).
 */
async function replayOf(
  scope: TenantScope,
  input: UsageRequest,
  direction: 1 | -1,
  keyField: string,
): Promise<UsageAnswer | null> {
  const { key, requestHash } = usageKeyOf(input, direction);
  if (!key) return null;
  const prior = await scope
    .selectFrom('usage_keys')
    .select(['answer', 'request_hash'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!prior || prior.answer === null) return null;
  if (prior.request_hash !== requestHash) throw keyReused(keyField);
  return { ...(prior.answer as UsageAnswer), replayed: true };
}

/** Gives back counter usage (an item was deleted), in the caller's transaction. */
export async function releaseUsage(
  scope: TenantScope,
  input: UsageRequest,
  wall: Clock,
): Promise<UsageAnswer> {
  const replay = await replayOf(scope, input, -1, 'idempotency_key');
  if (replay) return replay;
  const {
    snapshot,
    grant: g,
    quantity,
    key,
    requestHash,
    keyField,
    receivedAt,
  } = await prepareUsage(scope, input, wall, -1);
  if (key) {
    const claimed = await sql<{ key: string }>`
      insert into usage_keys (tenant_id, key, request_hash, created_at)
      values (${scope.tenantId}, ${key}, ${requestHash}, ${toDate(receivedAt)})
      on conflict do nothing returning key`.execute(scope.raw);
    if (claimed.rows.length === 0) {
      const prior = await scope
        .selectFrom('usage_keys')
        .select(['answer', 'request_hash'])
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash) throw keyReused(keyField);
      return { ...(prior.answer as UsageAnswer), replayed: true };
    }
  }
  const { rows } = await sql<{ used: number }>`
    update usage_counters set used = greatest(used - ${quantity}, 0)
    where tenant_id = ${scope.tenantId} and account_id = ${snapshot.accountId} and feature = ${g.feature}
      and window_start = ${toDate(g.window.start)}
    returning used`.execute(scope.raw);
  const answer = answerFor(g, Number(rows[0]?.used ?? 0), true);
  if (key)
    await scope
      .updateTable('usage_keys')
      .set({ answer: JSON.stringify(answer) })
      .where('key', '=', key)
      .execute();
  return answer;
}

export function exceeded(g: Entitled, used: number): AllotError {
  return new AllotError(
    'quota_exceeded',
    `The ${g.feature} quota is used up (${used} of ${g.limit}); nothing was counted.`,
    [],
    {
      feature: g.feature,
      limit: g.limit,
      used,
      remaining: Math.max((g.limit ?? 0) - used, 0),
      period_end: g.window.end ? toRfc3339(g.window.end) : null,
    },
  );
}

/** quota.warning at each threshold crossed (once per window), quota.exhausted on reaching the limit. */
export async function announce(
  scope: TenantScope,
  snapshot: Snapshot,
  g: Entitled,
  before: number,
  after: number,
  warned: number,
) {
  const crossed = thresholdsCrossed(g, before, after).filter((w) => w > warned);
  const events: NewEvent[] = crossed.map((w) => ({
    type: 'quota.warning',
    accountId: snapshot.accountId,
    at: snapshot.now,
    data: {
      feature: g.feature,
      threshold: w,
      overage: g.overage,
      limit: g.limit,
      used: after,
      period_end: g.window.end ? toRfc3339(g.window.end) : null,
    },
  }));
  if (g.limit !== null && before < g.limit && after >= g.limit) {
    events.push({
      type: 'quota.exhausted',
      accountId: snapshot.accountId,
      at: snapshot.now,
      data: {
        feature: g.feature,
        limit: g.limit,
        used: after,
        overage: g.overage,
        period_end: g.window.end ? toRfc3339(g.window.end) : null,
      },
    });
  }
  if (crossed.length > 0) {
    await sql`update usage_counters set warned = greatest(warned, ${Math.max(...crossed)})
      where tenant_id = ${scope.tenantId} and account_id = ${snapshot.accountId} and feature = ${g.feature} and window_start = ${toDate(g.window.start)}`.execute(
      scope.raw,
    );
  }
  await emitEvents(scope, events);
}

/** GET /v1/accounts/{id}/entitlements: every granted feature with its usage in its current window. */
export async function listEntitlements(
  scope: TenantScope,
  accountRef: string,
  wall: Clock,
): Promise<UsageAnswer[]> {
  const snapshot = await loadSnapshot(scope, accountRef, wall);
  if (snapshot.blocked) return [];
  const counters = await scope
    .selectFrom('usage_counters')
    .select(['feature', 'window_start', 'used'])
    .where('account_id', '=', snapshot.accountId)
    .execute();
  const out: UsageAnswer[] = [];
  for (const g of snapshot.grants.values()) {
    const c = counters.find(
      (r) => r.feature === g.feature && fromDate(r.window_start).equals(g.window.start),
    );
    const used =
      g.kind === 'seat' ? await usedSeats(scope, snapshot.accountId, g.module) : Number(c?.used ?? 0);
    out.push(answerFor(g, used, consumeRule(g, used, 1).allowed));
  }
  return out.sort((a, b) => a.feature.localeCompare(b.feature));
}
