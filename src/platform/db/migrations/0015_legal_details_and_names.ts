import { type Kysely, sql } from 'kysely';

/**
 * What invoices need to be booked by a French or German accountant: the vendor's legal details
 * (tenant_settings, one row per tenant), the buyer's (on the account), and catalog names in the
 * customer's language (`names`: { fr?, de? } beside the English `name`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['features', 'plans', 'addons'])
    await db.schema
      .alterTable(table)
      .addColumn('names', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .execute();

  await db.schema
    .createTable('tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').primaryKey())
    .addColumn('legal_name', 'text')
    /** { line1, line2?, postal_code, city, region?, country } (country: ISO 3166-1 alpha-2). */
    .addColumn('address', 'jsonb')
    .addColumn('vat_number', 'text')
    .addColumn('registration_number', 'text')
    .addColumn('email', 'text')
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull().defaultTo(30))
    /** The vendor's page that opens the portal for its signed-in user (`?page=plans` is added). */
    .addColumn('portal_url', 'text')
    /** { account_holder?, iban, bic?, bank_name? } */
    .addColumn('bank', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // What a line says, as data (domain/line-text.ts): its description is that, in the payer's language.
  await db.schema.alterTable('invoice_lines').addColumn('text', 'jsonb').execute();

  await db.schema.alterTable('accounts').addColumn('legal_name', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('billing_address', 'jsonb').execute();
  await db.schema.alterTable('accounts').addColumn('vat_number', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invoice_lines').dropColumn('text').execute();
  for (const c of ['vat_number', 'billing_address', 'legal_name'])
    await db.schema.alterTable('accounts').dropColumn(c).execute();
  await db.schema.dropTable('tenant_settings').execute();
  for (const table of ['addons', 'plans', 'features'])
    await db.schema.alterTable(table).dropColumn('names').execute();
}
