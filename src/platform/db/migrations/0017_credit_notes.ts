import { type Kysely, sql } from 'kysely';

/**
 * Credit notes, documents of their own: what a change, a cancellation inside the window or a void
 * credits is no longer a negative invoice but a credit note numbered in its own gapless sequence
 * (CN-000001…), referencing the invoice it credits. Invoices issued as negative invoices before stay
 * as they were issued (a numbered document is never rewritten).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The seller's telephone, which XRechnung requires (BT-42, BR-DE-6).
  await db.schema.alterTable('tenant_settings').addColumn('phone', 'text').execute();

  await db.schema
    .createTable('credit_note_counters')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('last_number', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credit_notes')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('number', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    // The invoice it credits (BT-25); null only when nothing credited was ever invoiced.
    .addColumn('invoice_id', 'text')
    /** subscription_update, cancellation, invoice_void… */
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('tax_rate_bps', 'integer', (c) => c.notNull())
    // Positive: what is credited.
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    // total = applied_to_invoice (what the credited invoice no longer owes) + credited_to_balance.
    .addColumn('applied_to_invoice', 'bigint', (c) => c.notNull())
    .addColumn('credited_to_balance', 'bigint', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_notes_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('credit_notes_number', ['tenant_id', 'number'])
    .addForeignKeyConstraint('credit_notes_invoice', ['tenant_id', 'invoice_id'], 'invoices', [
      'tenant_id',
      'id',
    ])
    .addCheckConstraint(
      'credit_notes_split',
      sql`total = applied_to_invoice + credited_to_balance and applied_to_invoice >= 0`,
    )
    .execute();
  await db.schema
    .createIndex('credit_notes_by_account')
    .on('credit_notes')
    .columns(['tenant_id', 'account_id', 'id'])
    .execute();
  await db.schema
    .createIndex('credit_notes_by_invoice')
    .on('credit_notes')
    .columns(['tenant_id', 'invoice_id'])
    .execute();

  await db.schema
    .createTable('credit_note_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('credit_note_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // As on invoice lines: the billing function subtracts these keys, so nothing is credited twice.
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    // As printed: positive amounts are credited, a negative one reduces the credit.
    .addColumn('unit_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('proration_days', 'integer')
    .addColumn('proration_period_days', 'integer')
    .addColumn('text', 'jsonb')
    .addPrimaryKeyConstraint('credit_note_lines_pk', ['tenant_id', 'credit_note_id', 'position'])
    .addForeignKeyConstraint(
      'credit_note_lines_note',
      ['tenant_id', 'credit_note_id'],
      'credit_notes',
      ['tenant_id', 'id'],
      (fk) => fk.deferrable().initiallyDeferred(),
    )
    .execute();
  await db.schema
    .createIndex('credit_note_lines_key')
    .unique()
    .on('credit_note_lines')
    .columns(['tenant_id', 'line_key'])
    .execute();
  await db.schema
    .createIndex('credit_note_lines_by_subscription')
    .on('credit_note_lines')
    .columns(['tenant_id', 'subscription_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['credit_note_lines', 'credit_notes', 'credit_note_counters'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('tenant_settings').dropColumn('phone').execute();
}
