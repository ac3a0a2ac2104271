import { type Kysely, sql } from 'kysely';

/**
 * The subscription timeline becomes data: an append-only list of phases per subscription, of which
 * the subscription row is the current one (add-ons and a reseller's seats per site now sit on both).
 * The credit balance moves to a table of the billing module's own, and invoice lines say their day
 * counts and can be found by subscription.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table subscriptions
    add column addons jsonb not null default '[]'::jsonb,
    add column shares jsonb,
    add column phase_seq integer not null default 0,
    add column phase_action text not null default 'created',
    add column phase_effective_at timestamptz`.execute(db);
  await sql`update subscriptions s set addons = coalesce((
      select jsonb_agg(jsonb_build_object('addon', a.addon_id, 'version', a.addon_version, 'quantity', a.quantity) order by a.addon_id)
      from subscription_addons a where a.tenant_id = s.tenant_id and a.subscription_id = s.id), '[]'::jsonb),
    phase_effective_at = s.purchased_at`.execute(db);
  await sql`alter table subscriptions alter column phase_effective_at set not null`.execute(db);
  await db.schema.dropTable('subscription_addons').execute();

  await db.schema
    .createTable('subscription_phases')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('billing_period', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('addons', 'jsonb', (c) => c.notNull())
    .addColumn('anchor_date', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('shares', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_phases_pk', ['tenant_id', 'subscription_id', 'seq'])
    .addForeignKeyConstraint('subscription_phases_sub', ['tenant_id', 'subscription_id'], 'subscriptions', [
      'tenant_id',
      'id',
    ])
    .addCheckConstraint(
      'subscription_phases_status',
      sql`status in ('trialing', 'active', 'canceled', 'expired')`,
    )
    .execute();
  // What there is of each subscription today is its first phase.
  await sql`insert into subscription_phases (tenant_id, subscription_id, seq, action, effective_at, status, plan_id,
      plan_version, billing_period, currency, quantity, addons, anchor_date, timezone, shares, created_at)
    select tenant_id, id, 0, 'created', purchased_at, status, plan_id, plan_version, billing_period, currency,
      quantity, addons, anchor_date, timezone, null, created_at from subscriptions`.execute(db);
  await sql`
    create function subscription_phases_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'a subscription timeline is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger subscription_phases_no_update before update or delete on subscription_phases
    for each row execute function subscription_phases_are_append_only()`.execute(db);

  await db.schema
    .createTable('credit_balances')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_balances_pk', ['tenant_id', 'account_id'])
    .addForeignKeyConstraint('credit_balances_account', ['tenant_id', 'account_id'], 'accounts', [
      'tenant_id',
      'id',
    ])
    .execute();
  await sql`insert into credit_balances (tenant_id, account_id, balance)
    select tenant_id, id, credit_balance from accounts where credit_balance <> 0`.execute(db);
  await sql`alter table accounts drop column credit_balance`.execute(db);

  await sql`alter table invoice_lines
    add column proration_days integer,
    add column proration_period_days integer`.execute(db);
  // A subscription's invoiced lines (what a change, a cancellation or a replay subtracts).
  await db.schema
    .createIndex('invoice_lines_by_subscription')
    .on('invoice_lines')
    .columns(['tenant_id', 'subscription_id', 'period_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('invoice_lines_by_subscription').execute();
  await sql`alter table invoice_lines drop column proration_days, drop column proration_period_days`.execute(
    db,
  );
  await sql`alter table accounts add column credit_balance bigint not null default 0`.execute(db);
  await sql`update accounts a set credit_balance = c.balance from credit_balances c
    where c.tenant_id = a.tenant_id and c.account_id = a.id`.execute(db);
  await db.schema.dropTable('credit_balances').execute();
  await db.schema.dropTable('subscription_phases').execute();
  await sql`drop function subscription_phases_are_append_only()`.execute(db);
  await db.schema
    .createTable('subscription_addons')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('addon_id', 'text', (c) => c.notNull())
    .addColumn('addon_version', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_addons_pk', ['tenant_id', 'subscription_id', 'addon_id'])
    .execute();
  await sql`alter table subscriptions drop column addons, drop column shares, drop column phase_seq,
    drop column phase_action, drop column phase_effective_at`.execute(db);
}
