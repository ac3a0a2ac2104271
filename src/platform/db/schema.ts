import type { ColumnType, Generated } from 'kysely';
import type { LineText } from '../../domain/line-text.ts';
import type {
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
} from '../../webhooks/schema.ts';

/** Timestamps are written as Date and read back as Date by both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null, string | null>;

export interface TenantsTable {
  id: string;
  name: string;
  /** The tenant created on the first start; its keys may create other tenants. */
  is_bootstrap: boolean;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  key_hash: string;
  /** The last four characters, to tell keys apart in listings. */
  last4: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  kind: Generated<ApiKeyKind>;
  name: string | null;
  /** A publishable key in full (it is public by design); always null for a secret key. */
  token: string | null;
  /** For a publishable key: the web origins allowed to use it (`https://example.com`). */
  allowed_origins: Generated<string[]>;
  /** A rolled key works until then (null: until revoked). */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ApiKeyKind = 'secret' | 'publishable';

export interface PricingTablesTable {
  tenant_id: string;
  id: string;
  key: string;
  name: string;
  published: boolean;
  definition: unknown;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: Json;
  created_at: Timestamp;
}

export interface TestClocksTable {
  tenant_id: string;
  id: string;
  name: string | null;
  frozen_time: Timestamp;
  created_at: Timestamp;
}

export type FeatureKind = 'boolean' | 'quota' | 'seat' | 'counter' | 'credit';

export interface FeaturesTable {
  tenant_id: string;
  id: string;
  key: string;
  name: string;
  kind: FeatureKind;
  unit: string | null;
  module: string | null;
  /** The name in other languages: { fr?, de? } (`name` is the English one and the fallback). */
  names: Generated<LocalNames>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocalNames {
  fr?: string;
  de?: string;
}

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postal_code: string;
  city: string;
  region?: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface TenantSettingsTable {
  tenant_id: string;
  legal_name: string | null;
  address: PostalAddress | null;
  vat_number: string | null;
  registration_number: string | null;
  email: string | null;
  /** The seller's telephone (BT-42, required by XRechnung). */
  phone: string | null;
  payment_terms_days: Generated<number>;
  portal_url: string | null;
  bank: {
    account_holder?: string | null;
    iban: string;
    bic?: string | null;
    bank_name?: string | null;
  } | null;
  updated_at: Timestamp;
}

/** plans and addons: the item; its terms live in catalog_versions. */
export interface CatalogItemsTable {
  tenant_id: string;
  id: string;
  key: string;
  name: string;
  /** The current version number. */
  version: number;
  names: Generated<LocalNames>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogVersionsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  version: number;
  definition: Json;
  created_at: Timestamp;
}

export interface AccountsTable {
  tenant_id: string;
  id: string;
  name: string;
  external_id: string | null;
  parent_id: string | null;
  kind: 'partner' | 'customer' | 'site';
  currency: string;
  timezone: string;
  locale: 'en' | 'fr' | 'de';
  billing_period: 'month' | 'year';
  bill_to_parent: boolean;
  billing_basis: Json<{ from: string; basis: 'used' | 'allocated' }[]>;
  tax_rate_bps: number;
  test_clock_id: string | null;
  /** The buyer on invoices: its registered name (default: `name`), billing address and VAT number. */
  legal_name: Generated<string | null>;
  billing_address: Generated<PostalAddress | null>;
  vat_number: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Role = 'owner' | 'subscription_manager' | 'member';

export interface UsersTable {
  tenant_id: string;
  id: string;
  account_id: string;
  email: string;
  name: string;
  external_id: string | null;
  roles: Role[];
  modules: string[];
  status: 'active' | 'deactivated';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HistoryTable {
  tenant_id: string;
  id: string;
  at: Timestamp;
  actor: Json;
  action: string;
  subject_type: string;
  subject_id: string;
  account_id: string | null;
  before: Json | null;
  after: Json | null;
}

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled' | 'expired';

export interface ScheduledChanges {
  billing_period?: 'month' | 'year';
}

/** An add-on as a phase holds it: the version bought and the quantity. */
export interface StoredAddon {
  addon: string;
  version: number;
  quantity: number;
}

/** A reseller's customer's seats billed for one of its accounts (itself or a site). */
export interface StoredShare {
  account: string;
  label: string;
  seats: number;
}

export interface SubscriptionsTable {
  tenant_id: string;
  id: string;
  account_id: string;
  plan_id: string;
  plan_version: number;
  billing_period: 'month' | 'year';
  currency: string;
  quantity: number;
  status: SubscriptionStatus;
  auto_renew: boolean;
  anchor_date: string;
  period_index: number;
  timezone: string;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  purchased_at: Timestamp;
  cancellable_until: Timestamp;
  trial_end: Timestamp | null;
  trial_will_end_sent: Generated<boolean>;
  scheduled_changes: Json<ScheduledChanges>;
  test_clock_id: string | null;
  ended_at: Timestamp | null;
  /** The current phase's add-ons and seats per account (the last phase of the timeline). */
  addons: Json<StoredAddon[]>;
  shares: NullableJson<StoredShare[]>;
  /** The current phase: its number in the timeline and the instant it began. */
  phase_seq: number;
  phase_action: string;
  phase_effective_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The timeline: what a subscription is from each instant on. Append-only (a trigger refuses the rest). */
export interface SubscriptionPhasesTable {
  tenant_id: string;
  subscription_id: string;
  seq: number;
  action: string;
  effective_at: Timestamp;
  status: SubscriptionStatus;
  plan_id: string;
  plan_version: number;
  billing_period: 'month' | 'year';
  currency: string;
  quantity: number;
  addons: Json<StoredAddon[]>;
  anchor_date: string;
  timezone: string;
  shares: NullableJson<StoredShare[]>;
  created_at: Timestamp;
}

/** Credit from credit notes (and negative invoices issued before them), used by the next invoices (the account's currency, minor units). */
export interface CreditBalancesTable {
  tenant_id: string;
  account_id: string;
  balance: number;
}

export interface InvoiceCountersTable {
  tenant_id: string;
  last_number: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';

export interface InvoicesTable {
  tenant_id: string;
  id: string;
  number: number;
  account_id: string;
  subscription_id: string | null;
  /** subscription_create, subscription_cycle, subscription_update, cancellation… */
  reason: string;
  status: InvoiceStatus;
  currency: string;
  tax_rate_bps: number;
  subtotal: number;
  tax: number;
  total: number;
  credit_applied: number;
  amount_due: number;
  period_start: string | null;
  period_end: string | null;
  issued_at: Timestamp;
  paid_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: Timestamp;
}

export type LineKind = 'subscription' | 'proration' | 'addon' | 'seat' | 'consumption' | 'credit';

export interface InvoiceLinesTable {
  tenant_id: string;
  invoice_id: string;
  position: number;
  line_key: string;
  kind: LineKind;
  description: string;
  subscription_id: string | null;
  period_start: string | null;
  period_end: string | null;
  quantity: number;
  unit_amount: number;
  amount: number;
  tax: number;
  proration_days: number | null;
  proration_period_days: number | null;
  /** What the line says, as data (null for lines issued before it was kept). */
  text: LineText | null;
}

export interface CreditNotesTable {
  tenant_id: string;
  id: string;
  number: number;
  account_id: string;
  subscription_id: string | null;
  /** The invoice it credits. */
  invoice_id: string | null;
  /** subscription_update, cancellation, invoice_void… */
  reason: string;
  currency: string;
  tax_rate_bps: number;
  /** Positive: what is credited. */
  subtotal: number;
  tax: number;
  total: number;
  /** What the credited invoice no longer owes (a void of an open invoice). */
  applied_to_invoice: number;
  /** What went to the account's credit balance. */
  credited_to_balance: number;
  period_start: string | null;
  period_end: string | null;
  issued_at: Timestamp;
  created_at: Timestamp;
}

/** As printed: a positive amount is credited, a negative one reduces the credit. */
export interface CreditNoteLinesTable extends Omit<InvoiceLinesTable, 'invoice_id'> {
  credit_note_id: string;
}

export interface EventsTable {
  tenant_id: string;
  id: string;
  type: string;
  account_id: string | null;
  occurred_at: Timestamp;
  data: Json;
}

export interface JobsTable {
  tenant_id: string;
  kind: string;
  key: string;
  run_at: Timestamp;
  locked_until: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface UsageCountersTable {
  tenant_id: string;
  account_id: string;
  feature: string;
  window_start: Timestamp;
  window_end: Timestamp | null;
  used: number;
  warned: Generated<number>;
}

export interface EmailsTable {
  tenant_id: string;
  id: string;
  event_id: string;
  event_type: string;
  account_id: string;
  user_id: string;
  to_address: string;
  locale: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'stored' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** Null for e-mails written before HTML (sent as text only). */
  html: Generated<string | null>;
  /** The sender's display name: the vendor's. Null: ALLOT_MAIL_FROM's as it is. */
  from_name: Generated<string | null>;
  /** The call to action: absolute, or a path below Allot's public address (filled in when sent or shown). */
  link: Generated<string | null>;
  /** A resend: the e-mail it copies. */
  resent_from: Generated<string | null>;
}

export interface UsageKeysTable {
  tenant_id: string;
  key: string;
  answer: Json | null;
  /** A hash of what a consume or release key was first used for; null for usage event ids. */
  request_hash: string | null;
  created_at: Timestamp;
}

export interface AllocationsTable {
  tenant_id: string;
  account_id: string;
  feature: string;
  allocated: number;
  updated_at: Timestamp;
}

export interface SeatPeaksTable {
  tenant_id: string;
  account_id: string;
  feature: string;
  window_start: Timestamp;
  peak: number;
}

export interface PortalSessionsTable {
  tenant_id: string;
  id: string;
  account_id: string;
  user_id: string;
  locale: string | null;
  page: string | null;
  return_url: string | null;
  token_hash: string;
  token_expires_at: Timestamp;
  secret_hash: string | null;
  started_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

/** Requests counted per key and fixed window (platform/http/rate-limits.ts); not a tenant's. */
export interface RateLimitHitsTable {
  key: string;
  /** The window's first millisecond (epoch). */
  window_start: number;
  hits: number;
}

export interface Database {
  rate_limit_hits: RateLimitHitsTable;
  portal_sessions: PortalSessionsTable;
  seat_peaks: SeatPeaksTable;
  allocations: AllocationsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  usage_counters: UsageCountersTable;
  usage_keys: UsageKeysTable;
  emails: EmailsTable;
  subscriptions: SubscriptionsTable;
  subscription_phases: SubscriptionPhasesTable;
  credit_balances: CreditBalancesTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credit_note_counters: InvoiceCountersTable;
  credit_notes: CreditNotesTable;
  credit_note_lines: CreditNoteLinesTable;
  events: EventsTable;
  jobs: JobsTable;
  features: FeaturesTable;
  plans: CatalogItemsTable;
  addons: CatalogItemsTable;
  catalog_versions: CatalogVersionsTable;
  accounts: AccountsTable;
  users: UsersTable;
  history: HistoryTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  pricing_tables: PricingTablesTable;
  tenant_settings: TenantSettingsTable;
  idempotency_keys: IdempotencyKeysTable;
  test_clocks: TestClocksTable;
}

/** Tables whose rows belong to one tenant: every one of them has `tenant_id` leading its keys. */
export type TenantTable = Exclude<keyof Database, 'tenants' | 'rate_limit_hits'>;

export type { Generated };
