import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // Empty: every event type.
    .addColumn('events', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    // The outbox is read by event id (time-sortable): events up to `first_event_after` predate the
    // endpoint; `last_event_id` is how far the fan-out job has read.
    .addColumn('first_event_after', 'text', (c) => c.notNull())
    .addColumn('last_event_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_endpoints_pk', ['tenant_id', 'id'])
    .addCheckConstraint('webhook_endpoints_status', sql`status in ('enabled', 'disabled')`)
    .execute();

  // One row per endpoint and event: the unique key makes fanning an event out twice impossible.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('webhook_deliveries_once', ['tenant_id', 'endpoint_id', 'event_id'])
    .addForeignKeyConstraint(
      'webhook_deliveries_endpoint',
      ['tenant_id', 'endpoint_id'],
      'webhook_endpoints',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('webhook_deliveries_status', sql`status in ('pending', 'succeeded', 'failed')`)
    .execute();
  // The delivery job's queue: only pending rows, by when they fall due.
  await sql`create index webhook_deliveries_due on webhook_deliveries (tenant_id, next_attempt_at)
    where status = 'pending'`.execute(db);
  await db.schema
    .createIndex('webhook_deliveries_by_endpoint')
    .on('webhook_deliveries')
    .columns(['tenant_id', 'endpoint_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['tenant_id', 'delivery_id', 'attempt'])
    .addForeignKeyConstraint(
      'webhook_attempts_delivery',
      ['tenant_id', 'delivery_id'],
      'webhook_deliveries',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
