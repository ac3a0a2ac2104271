import { sql } from 'kysely';
import type { TenantScope } from '../platform/db/tenant-scope.ts';

/**
 * Document numbers: one gapless sequence per tenant for invoices (INV-000001…) and one for credit
 * notes (CN-000001…), each a counter row taken in the issuing transaction — last, so that its row lock
 * is held only until the commit that follows. A rolled-back transaction gives its numbers back.
 */
export type DocumentSequence = 'invoice' | 'credit_note';

const COUNTERS = { invoice: sql.table('invoice_counters'), credit_note: sql.table('credit_note_counters') };

export const formatInvoiceNumber = (n: number) => `INV-${String(n).padStart(6, '0')}`;
export const formatCreditNoteNumber = (n: number) => `CN-${String(n).padStart(6, '0')}`;

/** Takes `count` numbers of the sequence and answers the first of them. */
export async function takeNumbers(
  scope: TenantScope,
  sequence: DocumentSequence,
  count: number,
): Promise<number> {
  const table = COUNTERS[sequence];
  const { rows } = await sql<{ last_number: number }>`
    insert into ${table} (tenant_id, last_number) values (${scope.tenantId}, ${count})
    on conflict (tenant_id) do update set last_number = ${table}.last_number + ${count}
    returning last_number`.execute(scope.raw);
  return Number(rows[0]!.last_number) - count + 1;
}

/**
 * For a dry run inside a transaction that will be rolled back: holds the sequence, so no other
 * document is numbered meanwhile, and answers the last number given.
 */
export async function holdNumbers(scope: TenantScope, sequence: DocumentSequence): Promise<number> {
  return (await takeNumbers(scope, sequence, 0)) - 1;
}
