import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column credit_balance bigint not null default 0`.execute(db);

  await db.schema
    .createTable('subscriptions')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('billing_period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('auto_renew', 'boolean', (c) => c.notNull())
    // Periods are computed from the anchor date in the time zone, never by stepping (see domain/periods).
    .addColumn('anchor_date', 'text', (c) => c.notNull())
    .addColumn('period_index', 'integer', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('current_period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('current_period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('purchased_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancellable_until', 'timestamptz', (c) => c.notNull())
    .addColumn('trial_end', 'timestamptz')
    .addColumn('trial_will_end_sent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scheduled_changes', 'jsonb', (c) => c.notNull())
    .addColumn('test_clock_id', 'text')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('subscriptions_account', ['tenant_id', 'account_id'], 'accounts', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('subscriptions_plan', ['tenant_id', 'plan_id'], 'plans', ['tenant_id', 'id'])
    .addCheckConstraint('subscriptions_status', sql`status in ('trialing', 'active', 'canceled', 'expired')`)
    .execute();
  await db.schema
    .createIndex('subscriptions_by_account')
    .on('subscriptions')
    .columns(['tenant_id', 'account_id'])
    .execute();
  // What the billing job looks for: live subscriptions by the instant their period (or trial) ends.
  await sql`create index subscriptions_due on subscriptions (tenant_id, test_clock_id, current_period_end)
    where status in ('trialing', 'active')`.execute(db);

  await db.schema
    .createTable('subscription_addons')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('addon_id', 'text', (c) => c.notNull())
    .addColumn('addon_version', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_addons_pk', ['tenant_id', 'subscription_id', 'addon_id'])
    .addForeignKeyConstraint('subscription_addons_sub', ['tenant_id', 'subscription_id'], 'subscriptions', [
      'tenant_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('invoice_counters')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('last_number', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('number', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('tax_rate_bps', 'integer', (c) => c.notNull())
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('credit_applied', 'bigint', (c) => c.notNull())
    .addColumn('amount_due', 'bigint', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addColumn('voided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoices_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('invoices_number', ['tenant_id', 'number'])
    .addCheckConstraint('invoices_status', sql`status in ('draft', 'open', 'paid', 'void')`)
    .execute();
  await db.schema
    .createIndex('invoices_by_account')
    .on('invoices')
    .columns(['tenant_id', 'account_id', 'id'])
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // What the line bills, e.g. `sub_…:p3:plan`: the billing job invoices the timeline's lines minus the
    // keys already invoiced, and this unique index makes billing the same thing twice impossible.
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('unit_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_lines_pk', ['tenant_id', 'invoice_id', 'position'])
    // Checked at commit: lines are written before their invoice, so the invoice number (a lock on the
    // tenant's counter row) is taken last and held only briefly when billing chunks run in parallel.
    .addForeignKeyConstraint(
      'invoice_lines_invoice',
      ['tenant_id', 'invoice_id'],
      'invoices',
      ['tenant_id', 'id'],
      (fk) => fk.deferrable().initiallyDeferred(),
    )
    .execute();
  await db.schema
    .createIndex('invoice_lines_key')
    .unique()
    .on('invoice_lines')
    .columns(['tenant_id', 'line_key'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_by_account')
    .on('events')
    .columns(['tenant_id', 'account_id', 'id'])
    .execute();
  await db.schema.createIndex('events_by_type').on('events').columns(['tenant_id', 'type', 'id']).execute();

  // The job queue: durable, claimed with FOR UPDATE SKIP LOCKED, so several processes share it safely.
  await db.schema
    .createTable('jobs')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('jobs_pk', ['tenant_id', 'kind', 'key'])
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'jobs',
    'events',
    'invoice_lines',
    'invoices',
    'invoice_counters',
    'subscription_addons',
    'subscriptions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`alter table accounts drop column credit_balance`.execute(db);
}
