/**
 * Account credit: what credit notes (and negative invoices issued before them) leave, used by the
 * next invoices. The billing module's own table; other modules read it through these functions. An
 * account with no row has no credit.
 */
import { sql } from 'kysely';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';

/** Each account's balance, for showing (not locked): 0 for those without credit. */
export async function creditBalancesOf(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return out;
  const rows = await scope
    .selectFrom('credit_balances')
    .select(['account_id', 'balance'])
    .where(anyOf('account_id', accountIds))
    .execute();
  for (const r of rows) out.set(r.account_id, Number(r.balance));
  return out;
}

export async function creditBalanceOf(scope: TenantScope, accountId: string): Promise<number> {
  return (await creditBalancesOf(scope, [accountId])).get(accountId)!;
}

/**
 * The balances of accounts about to be invoiced. Most accounts have none and nothing is locked for
 * them: a credit that lands meanwhile is simply used by a later invoice. Rows with credit are locked
 * (in id order), so two invoices never spend the same credit.
 */
export async function lockedCreditBalances(
  scope: TenantScope,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return out;
  const rows = await scope
    .selectFrom('credit_balances')
    .select(['account_id', 'balance'])
    .where(anyOf('account_id', accountIds))
    .where('balance', '<>', 0)
    .orderBy('account_id')
    .forUpdate()
    .execute();
  for (const r of rows) out.set(r.account_id, Number(r.balance));
  return out;
}

/** Adds each delta to its account's balance (increments, so concurrent writers compose). */
export async function addCredit(scope: TenantScope, deltas: ReadonlyMap<string, number>): Promise<void> {
  const ids = [...deltas.keys()].filter((id) => deltas.get(id) !== 0).sort();
  if (ids.length === 0) return;
  await sql`
    insert into credit_balances (tenant_id, account_id, balance)
    select ${scope.tenantId}, v.id, v.delta
      from unnest(${ids}::text[], ${ids.map((id) => deltas.get(id)!)}::bigint[]) as v(id, delta)
    on conflict (tenant_id, account_id) do update set balance = credit_balances.balance + excluded.balance`.execute(
    scope.raw,
  );
}
