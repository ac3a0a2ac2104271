import { toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import type { Entitled } from './snapshot.ts';

/** A usage counter: an account's feature in one window (its start, epoch ms). */
export interface CounterRef {
  accountId: string;
  feature: string;
  start: number;
}

export const counterOf = (accountId: string, g: Entitled): CounterRef => ({
  accountId,
  feature: g.feature,
  start: g.window.start.epochMilliseconds,
});

/** The same counter, as a `usage_counters` row names it. */
export const counterOfRow = (r: { account_id: string; feature: string; window_start: Date }): CounterRef => ({
  accountId: r.account_id,
  feature: r.feature,
  start: new Date(r.window_start).getTime(),
});

/** A counter's name in this process. */
export const counterName = (c: CounterRef) => `${c.accountId}|${c.feature}|${c.start}`;

export const counterKey = (accountId: string, g: Entitled) => counterName(counterOf(accountId, g));

/**
 * The one order counters are opened and locked in, on every path (consumes, usage events): account,
 * feature (bytewise, as SQL's C collation sorts), window. Two transactions taking several counters so
 * never wait on each other in a cycle.
 */
export function compareCounters(a: CounterRef, b: CounterRef): number {
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  if (a.feature !== b.feature) return a.feature < b.feature ? -1 : 1;
  return a.start - b.start;
}

/**
 * Usage as the check path sees it: this process's last reading, for at most a second, forgotten
 * whenever a write commits here. A check may so lag another process's consumes by that second; a
 * consume never does — it is decided in the database.
 */
const USAGE_TTL_MS = 1_000;
const usageCache = new Map<string, Map<string, { used: number; until: number }>>();

export function forgetUsage(tenantId: string): void {
  usageCache.delete(tenantId);
}

export function forgetAllUsage(): void {
  usageCache.clear();
}

/** What this process last saw a counter at: read by checks for a second, kept longer as a hint. */
export function rememberUsage(tenantId: string, counter: string, used: number): void {
  let tenant = usageCache.get(tenantId);
  if (!tenant) {
    tenant = new Map();
    usageCache.set(tenantId, tenant);
  }
  if (tenant.size > 100_000) tenant.clear();
  tenant.set(counter, { used, until: performance.now() + USAGE_TTL_MS });
}

/**
 * The last usage this process saw on a counter, however old: a guess that group commit's one-statement
 * path checks in the database, never an answer.
 */
export function usageHint(tenantId: string, counter: string): number | undefined {
  return usageCache.get(tenantId)?.get(counter)?.used;
}

export async function cachedUsedIn(scope: TenantScope, accountId: string, g: Entitled): Promise<number> {
  const key = counterKey(accountId, g);
  const hit = usageCache.get(scope.tenantId)?.get(key);
  if (hit && hit.until > performance.now()) return hit.used;
  const used = await usedIn(scope, accountId, g);
  rememberUsage(scope.tenantId, key, used);
  return used;
}

async function usedIn(scope: TenantScope, accountId: string, g: Entitled): Promise<number> {
  const row = await scope
    .selectFrom('usage_counters')
    .select('used')
    .where('account_id', '=', accountId)
    .where('feature', '=', g.feature)
    .where('window_start', '=', toDate(g.window.start))
    .executeTakeFirst();
  return Number(row?.used ?? 0);
}
