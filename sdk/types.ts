/**
 * The Allot API's shapes, as the server sends and accepts them (snake_case, as on the wire). Written by
 * hand so the SDK has no dependency on the server; test/sdk.test.ts checks them against the server's
 * schemas at compile time.
 */

export type BillingPeriod = 'month' | 'year';
export type Locale = 'en' | 'fr' | 'de';
export type AccountKind = 'partner' | 'customer' | 'site';
export type FeatureKind = 'boolean' | 'quota' | 'seat' | 'counter' | 'credit';
export type QuotaState = 'ok' | 'warning' | 'exhausted';
export type Role = 'owner' | 'subscription_manager' | 'member';

/** `{ data, has_more }`: one page of a list, newest first. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
}

export interface ListParams {
  /** 1–100, default 20. */
  limit?: number;
  /** The last id of the previous page. */
  starting_after?: string;
}

/** Per-request options. `idempotencyKey` is sent as `Idempotency-Key` (writes only). */
export interface RequestOptions {
  idempotencyKey?: string;
  /** `Allot-Acting-User`: act as this user (id or external_id) of the account; role checks apply. */
  actingUser?: string;
  signal?: AbortSignal;
}

// Accounts and users

export interface BillingBasis {
  from: string;
  basis: 'used' | 'allocated';
}

export interface Account {
  id: string;
  object: 'account';
  name: string;
  external_id: string | null;
  parent_id: string | null;
  kind: AccountKind;
  currency: string;
  timezone: string;
  locale: Locale;
  billing_period: BillingPeriod;
  bill_to_parent: boolean;
  billing_basis: { from: string; basis: string }[];
  tax_rate_bps: number;
  test_clock: string | null;
  /** The registered name invoices are made out to (null: `name`). */
  legal_name: string | null;
  billing_address: PostalAddress | null;
  /** With its country prefix: FR40303265045. */
  vat_number: string | null;
  credit_balance: number;
  created_at: string;
  updated_at: string;
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
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface AccountCreate {
  name: string;
  external_id?: string | null;
  parent_id?: string | null;
  kind?: AccountKind;
  currency?: string;
  timezone?: string;
  locale?: Locale;
  billing_period?: BillingPeriod;
  bill_to_parent?: boolean;
  billing_basis?: BillingBasis[];
  tax_rate_bps?: number;
  test_clock?: string | null;
  legal_name?: string | null;
  billing_address?: PostalAddress | null;
  vat_number?: string | null;
}

export type AccountUpdate = Partial<Omit<AccountCreate, 'kind'>>;

export interface AccountListParams extends ListParams {
  parent_id?: string;
  external_id?: string;
  kind?: AccountKind;
}

export type UserStatus = 'active' | 'deactivated';

export interface User {
  id: string;
  object: 'user';
  account: string;
  email: string;
  name: string;
  external_id: string | null;
  roles: Role[];
  modules: string[];
  status: UserStatus;
  created_at: string;
  updated_at: string;
}

export interface UserCreate {
  email: string;
  name: string;
  external_id?: string | null;
  roles?: Role[];
  modules?: string[];
  status?: UserStatus;
}

export type UserUpdate = Partial<UserCreate>;

export interface UserListParams extends ListParams {
  status?: UserStatus;
}

export type DeletedUser = User & { deleted: true };

// Subscriptions and invoices

export type SubscriptionStatus = 'trialing' | 'active' | 'canceled' | 'expired';

export interface Subscription {
  id: string;
  object: 'subscription';
  account: string;
  plan: string;
  plan_key: string | null;
  plan_version: number;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
  status: SubscriptionStatus;
  trial_end: string | null;
  current_period_start: string;
  current_period_end: string;
  auto_renew: boolean;
  cancellable_until: string;
  addons: { addon: string; addon_key: string | null; quantity: number }[];
  /** For a reseller's customer billed on its seats: the seats billed per account (itself or a site). */
  seats: { account: string; seats: number }[] | null;
  scheduled_changes: { type: string; billing_period: string; effective_at: string }[];
  ended_at: string | null;
  created_at: string;
  /** The id of the invoice the last write issued, when it issued one. */
  latest_invoice?: string | null;
  /** The credit note this action issued (a downgrade, a cancellation inside the window), if any. */
  latest_credit_note?: string | null;
}

export interface AddonRequest {
  /** Add-on id or key. */
  addon: string;
  quantity?: number;
}

export interface SubscriptionCreate {
  /** Account id or external_id. */
  account: string;
  /** Plan id or key. */
  plan: string;
  billing_period?: BillingPeriod;
  currency?: string;
  quantity?: number;
  trial?: boolean;
  auto_renew?: boolean;
  addons?: AddonRequest[];
}

export interface SubscriptionChange {
  plan?: string;
  quantity?: number;
  /** The whole list of add-ons after the change. */
  addons?: AddonRequest[];
}

export interface SubscriptionActivate {
  billing_period?: BillingPeriod;
  /** For an account with nothing invoiced yet: any currency the plan is priced in; it becomes the account's. */
  currency?: string;
  quantity?: number;
  addons?: AddonRequest[];
}

export interface SubscriptionListParams extends ListParams {
  account?: string;
  status?: SubscriptionStatus;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';

export interface InvoiceLine {
  /** subscription | proration | addon | seat | consumption | credit */
  kind: string;
  description: string;
  subscription: string | null;
  /** For a reseller's seat line: the customer or site whose seats it bills. */
  account: string | null;
  period_start: string | null;
  period_end: string | null;
  quantity: number;
  unit_amount: number;
  amount: number;
  tax: number;
  /** For a prorated line: `amount = quantity × unit_amount × days / period_days`, rounded once. */
  proration: { days: number; period_days: number } | null;
}

export interface Invoice {
  /** null on a preview. */
  id: string | null;
  object: 'invoice';
  number: string | null;
  sequence: number | null;
  account: string;
  subscription: string | null;
  reason: string;
  status: InvoiceStatus;
  currency: string;
  period_start: string | null;
  period_end: string | null;
  lines: InvoiceLine[];
  tax_rate_bps: number;
  subtotal: number;
  tax: number;
  total: number;
  credit_applied: number;
  amount_due: number;
  issued_at: string;
  paid_at: string | null;
  voided_at: string | null;
  /** The credit notes that credit this invoice, oldest first. */
  credit_notes: { id: string; number: string; total: number }[];
}

export interface InvoiceListParams extends ListParams {
  account?: string;
  subscription?: string;
}

/**
 * A credit note: what a downgrade, a cancellation inside the window or a void credits, in its own
 * numbering (CN-…), referencing the invoice it credits. Amounts are positive where credited.
 */
export interface CreditNote {
  id: string;
  object: 'credit_note';
  number: string;
  sequence: number;
  account: string;
  subscription: string | null;
  invoice: string | null;
  invoice_number: string | null;
  reason: 'subscription_update' | 'cancellation' | 'invoice_void' | 'subscription_end';
  currency: string;
  period_start: string | null;
  period_end: string | null;
  lines: InvoiceLine[];
  tax_rate_bps: number;
  subtotal: number;
  tax: number;
  total: number;
  /** What the credited invoice no longer owes (a void of an open invoice). */
  applied_to_invoice: number;
  /** What went to the account's credit balance. */
  credited_to_balance: number;
  issued_at: string;
}

export interface CreditNoteListParams extends ListParams {
  account?: string;
  invoice?: string;
  subscription?: string;
}

// Entitlements and usage

/**
 * One feature's entitlement, as `GET /v1/accounts/{id}/entitlements` lists it and as check, consume
 * and release answer. `allowed` in a list is whether one more unit may be used.
 */
export interface EntitlementAnswer {
  allowed: boolean;
  feature: string;
  kind: string;
  /** null: unlimited (and always null for a boolean feature). */
  limit: number | null;
  used: number;
  remaining: number | null;
  state: QuotaState;
  enabled: boolean;
  period_start: string | null;
  period_end: string | null;
  /** Why not allowed: no_active_subscription, not_in_plan, quota_exceeded, disabled. */
  reason?: string;
  /** A consume or release repeated with the same idempotency key: the first answer, counted once. */
  replayed?: boolean;
  /** What happens past the limit: refused (block), counted and billed (bill), counted (allow). */
  overage: 'block' | 'bill' | 'allow';
  /** Percentages of the limit at which the server warns. */
  warn_at: number[];
}

export type Entitlement = EntitlementAnswer;
export type CheckAnswer = EntitlementAnswer;
export type UsageAnswer = EntitlementAnswer;

export interface CheckInput {
  /** Account id or external_id; snapshots are cached under the reference given. */
  account: string;
  /** Feature key. */
  feature: string;
  /** Default 1. */
  quantity?: number;
}

export interface UsageInput extends CheckInput {
  /** The same key counts once: a retry answers the first answer with `replayed: true`. */
  idempotencyKey?: string;
}

export interface UsageEvent {
  /** Unique per event: an id already seen is a duplicate and counts nothing. */
  id: string;
  account: string;
  feature: string;
  quantity: number;
  timestamp?: string;
}

/** An event refused because it would take a blocking quota past its limit (nothing was counted). */
export interface UsageRefusal {
  /** Its place in the batch sent (in `send`, in the whole list). */
  index: number;
  id: string;
  code: 'quota_exceeded';
  feature: string;
  limit: number;
  used: number;
}

export interface UsageBatchResult {
  object: 'usage_batch';
  accepted: number;
  duplicates: number;
  refused: UsageRefusal[];
}

export interface UsageSendResult {
  accepted: number;
  duplicates: number;
  /** Events refused past a blocking limit; their ids are free, so they may be sent again later. */
  refused: UsageRefusal[];
  /** How many requests were sent (1,000 events each at most). */
  batches: number;
}

// Catalog

export interface Feature {
  id: string;
  object: 'feature';
  key: string;
  name: string;
  /** The name in French and German; `name` is the English one and the fallback. */
  names: LocalNames;
  kind: FeatureKind;
  /** The module the feature belongs to (a plan lists its modules), or null. */
  module: string | null;
  unit: string | null;
  created_at: string;
  updated_at: string;
}

export interface FeatureCreate {
  key: string;
  name: string;
  names?: LocalNames;
  kind: FeatureKind;
  unit?: string | null;
}

export interface FeatureUpdate {
  name?: string;
  unit?: string | null;
}

export interface PlanEntitlementInput {
  feature: string;
  limit?: number | null;
  enabled?: boolean;
  reset?: 'period' | 'month' | 'never';
  overage?: 'block' | 'bill' | 'allow';
  overage_unit_amount?: number | null;
  warn_at?: number[];
}

export interface PlanPriceInput {
  billing_period: BillingPeriod;
  currency: string;
  amount: number;
  per_seat?: boolean;
  consumption_unit_amount?: number | null;
}

export interface PlanCreate {
  key: string;
  name: string;
  names?: LocalNames;
  modules?: string[];
  rank?: number;
  trial_days?: number;
  cancellation_window_hours?: number;
  entitlements?: PlanEntitlementInput[];
  prices?: PlanPriceInput[];
}

export type PlanUpdate = Partial<Omit<PlanCreate, 'key'>>;

export interface Plan {
  id: string;
  object: 'plan';
  key: string;
  name: string;
  /** The name in French and German; `name` is the English one and the fallback. */
  names: LocalNames;
  version: number;
  modules: string[];
  rank: number;
  trial_days: number;
  cancellation_window_hours: number;
  entitlements: {
    feature: string;
    limit: number | null;
    enabled: boolean;
    reset: string;
    overage: string;
    overage_unit_amount: number | null;
    warn_at: number[];
  }[];
  prices: {
    billing_period: string;
    currency: string;
    amount: number;
    per_seat: boolean;
    consumption_unit_amount: number | null;
  }[];
  created_at: string;
  updated_at: string;
}

export interface AddonCreate {
  key: string;
  name: string;
  names?: LocalNames;
  modules?: string[];
  grants?: { feature: string; amount?: number }[];
  prices?: { billing_period: BillingPeriod | 'once'; currency: string; amount: number }[];
}

export type AddonUpdate = Partial<Omit<AddonCreate, 'key'>>;

export interface Addon {
  id: string;
  object: 'addon';
  key: string;
  name: string;
  /** The name in French and German; `name` is the English one and the fallback. */
  names: LocalNames;
  version: number;
  modules: string[];
  grants: { feature: string; amount: number }[];
  prices: { billing_period: string; currency: string; amount: number }[];
  created_at: string;
  updated_at: string;
}

/** The whole catalog as one document (`GET/PUT /v1/catalog`). */
export interface CatalogDocument {
  features?: FeatureCreate[];
  plans?: PlanCreate[];
  addons?: AddonCreate[];
}

export interface CatalogImport {
  object: 'catalog_import';
  created: number;
  updated: number;
  unchanged: number;
  catalog: CatalogDocument;
}

// Events

export interface AllotEvent {
  id: string;
  object: 'event';
  /** quota.warning, quota.exhausted, subscription.created, invoice.issued, … */
  type: string;
  account: string | null;
  created_at: string;
  data: Record<string, unknown>;
}

export interface EventListParams extends ListParams {
  type?: string;
  account?: string;
}

export interface SubscriptionPhase {
  object: 'subscription_phase';
  seq: number;
  action: string;
  effective_at: string;
  status: SubscriptionStatus;
  plan: string;
  plan_version: number;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
  addons: { addon: string; version: number; quantity: number }[];
  anchor_date: string;
  timezone: string;
  seats: { account: string; seats: number }[] | null;
}

export type PortalPage =
  | 'overview'
  | 'plans'
  | 'licences'
  | 'packs'
  | 'users'
  | 'invoices'
  | 'history'
  | 'subscribe'
  | 'customers';

export interface PortalSessionCreate {
  /** The account the portal opens on (id or external_id). */
  account: string;
  /** A user of the account or of an account above it (id or external_id). */
  user: string;
  locale?: Locale;
  /** Where "back to the application" and signing out lead. */
  return_url?: string;
  page?: PortalPage;
}

export interface PortalSession {
  id: string;
  object: 'portal_session';
  account: string;
  user: string;
  /** Good once, for a few minutes. */
  url: string;
  expires_at: string;
}

export interface CurrentPortalSession {
  id: string;
  object: 'portal_session';
  account: string;
  user: { id: string; name: string; email: string; account: string; roles: Role[] };
  locale: Locale;
  return_url: string | null;
  csrf_token: string;
  expires_at: string;
  idle_expires_at: string;
  /** The time by the account's clock (a test clock's, if it is on one). */
  now: string;
}

export interface HistoryEntry {
  id: string;
  object: 'history_entry';
  at: string;
  actor: {
    type: 'key' | 'system' | 'user';
    id: string;
    email?: string;
    account_id?: string;
    via_key?: string;
    via_portal_session?: string;
  };
  action: string;
  subject: { type: string; id: string };
  account: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Email {
  id: string;
  object: 'email';
  event: string;
  type: string;
  account: string;
  user: string;
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  /** The same message as HTML (null for e-mails written before HTML versions existed). */
  html: string | null;
  /** The portal page the message leads to. */
  link: string | null;
  /** For a resend: the e-mail it repeats. */
  resent_from: string | null;
  status: 'pending' | 'sent' | 'stored' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface EmailListParams extends ListParams {
  account?: string;
  status?: Email['status'];
}

export interface SeatAllocation {
  feature: string;
  /** Seats the account has (null: unlimited). */
  allocated: number | null;
  used: number;
  source: 'allocation' | 'subscription';
}

export interface SeatSync {
  data: SeatAllocation[];
  /** Each account below, with its own seats and their exact use. */
  sites: { account: string; name: string; seats: SeatAllocation[] }[];
}

export interface AllocationPreview {
  object: 'allocation_preview';
  data: SeatAllocation[];
  /** The invoices the change would issue now (ids and numbers null). */
  invoices: Invoice[];
}

export interface AllocationOverview {
  object: 'allocation_overview';
  account: string;
  accounts: {
    account: string;
    name: string;
    kind: AccountKind;
    parent_id: string | null;
    seats: SeatAllocation[];
    /** For a customer: its seats and its sites', summed. */
    subtotal?: SeatAllocation[];
  }[];
  totals: { feature: string; allocated: number; used: number }[];
}

export interface ApiKey {
  id: string;
  object: 'api_key';
  type: 'secret' | 'publishable';
  name: string | null;
  /** A publishable key in full (it is public); null for a secret key. */
  publishable_key: string | null;
  last4: string;
  allowed_origins: string[];
  /** The key this request was made with. */
  in_use: boolean;
  created_at: string;
  revoked_at: string | null;
}

export interface ApiKeyCreate {
  type: 'secret' | 'publishable';
  name?: string;
  /** For a publishable key: the origins of the pages that use it (`https://www.example.com`). */
  allowed_origins?: string[];
}

export interface PricingTableCreate {
  key: string;
  name: string;
  published?: boolean;
  /** Plans by key or id, in the order shown. */
  plans: string[];
  highlighted_plan?: string | null;
  /** Features compared (default: every feature the plans grant). */
  features?: string[];
  call_to_action_url: string;
  default_billing_period?: 'month' | 'year';
  default_currency?: string | null;
}

export type PricingTableUpdate = Partial<Omit<PricingTableCreate, 'key'>>;

export interface PricingTable extends Required<Omit<PricingTableCreate, 'published'>> {
  id: string;
  object: 'pricing_table';
  published: boolean;
  display: {
    billing_periods: BillingPeriod[];
    currencies: string[];
    features: { key: string; name: string; kind: FeatureKind; unit: string | null }[];
    plans: {
      key: string;
      name: string;
      highlighted: boolean;
      trial_days: number;
      prices: { billing_period: BillingPeriod; currency: string; amount: number; per_seat: boolean }[];
      features: {
        feature: string;
        included: boolean;
        limit: number | null;
        enabled: boolean;
        reset: string;
      }[];
    }[];
  };
  created_at: string;
  updated_at: string;
}

export interface QuoteInput {
  plan: string;
  billing_period: BillingPeriod;
  currency: string;
  /** Licences, for a per-seat price (default 1). */
  quantity?: number;
}

export interface Quote {
  object: 'quote';
  pricing_table: string;
  plan: string;
  billing_period: BillingPeriod;
  currency: string;
  quantity: number;
  lines: {
    kind: 'subscription';
    description: string;
    quantity: number;
    unit_amount: number;
    amount: number;
  }[];
  /** The first whole period before tax, minor units. */
  subtotal: number;
  tax_included: false;
  per_month: number;
  saving: { amount: number; percent: number } | null;
  trial_days: number;
}
