import type { ColumnType, Generated } from 'kysely';

/** As in platform/db/schema.ts: written as Date (or text), read back as Date by both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type WebhookEndpointStatus = 'enabled' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpointsTable {
  tenant_id: string;
  id: string;
  url: string;
  /** Event types delivered; empty means every type. */
  events: string[];
  /** The `whsec_…` signing secret. Kept in clear: every delivery is signed with it. */
  secret: string;
  /** The secret replaced by the last rotation: deliveries carry its signature too until it expires. */
  previous_secret: string | null;
  /** When `previous_secret` stops signing; set exactly when it is. */
  previous_secret_expires_at: Timestamp | null;
  status: WebhookEndpointStatus;
  disabled_reason: string | null;
  /**
   * Events with an id at or below this one are not for the endpoint: they happened before it existed or
   * before it was last re-enabled ('' when there were none).
   */
  first_event_after: string;
  /** The outbox cursor: every matching event up to this id has its delivery row. */
  last_event_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: string;
  endpoint_id: string;
  event_id: string;
  /** Attempts made so far. */
  attempt: number;
  status: WebhookDeliveryStatus;
  /** When the next attempt is due (pending only); a claimed delivery has it pushed out by its lease. */
  next_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  /** The pending attempt was asked for by the vendor (retry): one attempt, without a retry schedule. */
  manual: Generated<boolean>;
}

/** What made an attempt: the retry schedule, or the vendor asking for a retry. */
export type WebhookAttemptTrigger = 'scheduled' | 'manual';

/** The delivery log: one row per HTTP attempt. */
export interface WebhookAttemptsTable {
  tenant_id: string;
  delivery_id: string;
  attempt: number;
  at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  trigger: Generated<WebhookAttemptTrigger>;
}

/** The webhook tables, as they appear in the `Database` interface. */
export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
