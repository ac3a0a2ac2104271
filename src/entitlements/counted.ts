/**
 * Usage counted, for billing: the windows of `usage_counters` (this module's table) that hold usage,
 * as billing reads them at a period's end to invoice what was consumed.
 */
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';

export interface CountedWindow {
  feature: string;
  /** Epoch ms. */
  start: number;
  end: number | null;
  used: number;
}

/** Each account's windows with usage that have an end (quotas: the ones a period bills), oldest first. */
export async function countedWindows(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, CountedWindow[]>> {
  const out = new Map<string, CountedWindow[]>();
  if (accountIds.length === 0) return out;
  const rows = await scope
    .selectFrom('usage_counters')
    .select(['account_id', 'feature', 'window_start', 'window_end', 'used'])
    .where(anyOf('account_id', accountIds))
    .where('used', '>', 0)
    .where('window_end', 'is not', null)
    .orderBy('window_start')
    .execute();
  for (const r of rows) {
    const list = out.get(r.account_id) ?? [];
    list.push({
      feature: r.feature,
      start: r.window_start.getTime(),
      end: r.window_end ? r.window_end.getTime() : null,
      used: Number(r.used),
    });
    out.set(r.account_id, list);
  }
  return out;
}
