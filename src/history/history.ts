import type { Selectable } from 'kysely';
import { type Actor, actorView } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { HistoryTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';

export interface HistoryEntry {
  at: Temporal.Instant;
  actor: Actor;
  /** `<subject>.<verb>`, e.g. `account.updated`, `user.created`, `plan.version_created`. */
  action: string;
  subject: { type: string; id: string };
  /** The account whose history shows the entry (null for tenant-wide changes such as the catalog). */
  accountId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Appends one entry. Call it inside the write's transaction so the change and its record commit
 * together; the table refuses updates and deletes (a trigger), so the record cannot be rewritten.
 */
export function recordHistory(scope: TenantScope, entry: HistoryEntry): Promise<void> {
  return recordHistoryMany(scope, [entry]);
}

export function viewHistory(row: Selectable<HistoryTable>) {
  return {
    id: row.id,
    object: 'history_entry' as const,
    at: toRfc3339(row.at),
    actor: row.actor as Record<string, unknown>,
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    account: row.account_id,
    before: (row.before ?? null) as Record<string, unknown> | null,
    after: (row.after ?? null) as Record<string, unknown> | null,
  };
}

/** Appends many entries in one statement (the billing job records each renewal). */
export async function recordHistoryMany(scope: TenantScope, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!scope.inTransaction) throw new Error('history must be recorded inside the write transaction');
  const rows = entries.map((entry) => ({
    id: newId('history'),
    at: toDate(entry.at),
    actor: JSON.stringify(actorView(entry.actor)),
    action: entry.action,
    subject_type: entry.subject.type,
    subject_id: entry.subject.id,
    account_id: entry.accountId,
    before: entry.before == null ? null : JSON.stringify(entry.before),
    after: entry.after == null ? null : JSON.stringify(entry.after),
  }));
  await scope.bulkInsert(
    'history',
    {
      id: 'text',
      at: 'timestamptz',
      actor: 'jsonb',
      action: 'text',
      subject_type: 'text',
      subject_id: 'text',
      account_id: 'text',
      before: 'jsonb',
      after: 'jsonb',
    },
    rows,
  );
}

/** The account's history — the account itself, its subscriptions and its users — newest first. */
export async function listAccountHistory(scope: TenantScope, accountId: string, params: ListParams) {
  const page = await listPage(
    scope.selectFrom('history').selectAll().where('account_id', '=', accountId),
    'id',
    params,
  );
  return { data: page.data.map(viewHistory), has_more: page.has_more };
}
