/**
 * The Allot API's shapes, as the server sends and accepts them (snake_case, as on the wire).
 *
 * The resources are the server's own: the types openapi.ts generates from its OpenAPI document
 * (`components.schemas`, and the operations' bodies and answers where a shape has no name), given
 * their names here as interfaces that extend them (so that hovers and errors say `Account`).
 * Written here by hand: what is the SDK's own (options, pages, inputs in camelCase), and the few shapes
 * the SDK knows more precisely than the document says (a locale, not any string) — test/sdk.test.ts
 * checks at compile time that each of those still fits the generated one, field for field.
 */
import type { components, operations } from './openapi.ts';

type Schemas = components['schemas'];
/** A named schema of the document (interfaces below extend these, so that their names show in hovers and errors). */
type Schema<K extends keyof Schemas> = Schemas[K];
/** The items of an array type (of an optional one too). */
type Item<A> = NonNullable<A> extends readonly (infer I)[] ? I : never;
/** A member's type, without null or undefined. */
type Member<T, K extends keyof T> = NonNullable<T[K]>;
/** The JSON answer of an operation, by status. */
type Answer<O extends keyof operations, S extends number = 200> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer J } }> ? J : never;
/** The JSON body an operation takes. */
type RequestBody<O extends keyof operations> =
  NonNullable<operations[O]['requestBody']> extends {
    content: { 'application/json': infer J };
  }
    ? J
    : never;
/** An operation's query parameters. */
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

export type BillingPeriod = Schemas['Subscription']['billing_period'];
export type Locale = Schemas['Account']['locale'];
export type AccountKind = Schemas['Account']['kind'];
export type FeatureKind = Schemas['Feature']['kind'];
export type QuotaState = Schemas['CheckAnswer']['state'];
export type Role = Schemas['User']['roles'][number];

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

/** Per-request options. */
export interface RequestOptions {
  /**
   * Sent as `Idempotency-Key`: the same key with the same request answers the first answer and applies
   * nothing again. Every write gets a fresh one when none is given (consume and release excepted), kept
   * across the SDK's retries of that call.
   */
  idempotencyKey?: string;
  /** `Allot-Acting-User`: act as this user (id or external_id) of the account; role checks apply. */
  actingUser?: string;
  signal?: AbortSignal;
  /** This call's timeout per attempt (the client's `timeoutMs` otherwise; 0: none). */
  timeoutMs?: number;
  /** This call's retries (the client's `maxRetries` otherwise; 0: none). */
  maxRetries?: number;
}

/**
 * What a `list` answers: awaited, the first page (`{ data, has_more }`); iterated with `for await`,
 * every item of every page, the next page fetched as the last one runs out.
 */
export interface ListPromise<T> extends Promise<Page<T>>, AsyncIterable<T> {
  /** Every item, page after page, up to `limit` items (default and most 10,000). */
  toArray(options?: { limit?: number }): Promise<T[]>;
}

// Accounts and users

export interface Account extends Schema<'Account'> {}
export interface AccountCreate extends Schema<'AccountCreate'> {}
export interface AccountUpdate extends Schema<'AccountUpdate'> {}
export interface AccountListParams extends QueryOf<'listAccounts'> {}
export interface BillingBasis extends Item<AccountCreate['billing_basis']> {}
/** The name in French and German; `name` is the English one and the fallback. */
export interface LocalNames extends Member<Schema<'Feature'>, 'names'> {}
export interface PostalAddress extends Schema<'PostalAddress'> {}

export interface User extends Schema<'User'> {}
export type UserStatus = User['status'];
export interface UserCreate extends Schema<'UserCreate'> {}
export interface UserUpdate extends Schema<'UserUpdate'> {}
export interface UserListParams extends QueryOf<'listUsers'> {}
export interface DeletedUser extends Answer<'deleteUser'> {}

// Subscriptions and invoices

export interface Subscription extends Schema<'Subscription'> {}
export type SubscriptionStatus = Subscription['status'];
export interface SubscriptionCreate extends Schema<'SubscriptionCreate'> {}
export interface SubscriptionChange extends Schema<'SubscriptionChange'> {}
export interface SubscriptionActivate extends RequestBody<'activateSubscription'> {}
export interface SubscriptionListParams extends QueryOf<'listSubscriptions'> {}
export interface AddonRequest extends Item<SubscriptionCreate['addons']> {}

/** One phase of a subscription's timeline: what it was from `effective_at` on. */
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

export interface Invoice extends Schema<'Invoice'> {}
export type InvoiceStatus = Invoice['status'];
export interface InvoiceLine extends Schema<'InvoiceLine'> {}
export interface InvoiceListParams extends QueryOf<'listInvoices'> {}
export type EInvoiceFormat = NonNullable<QueryOf<'getInvoiceXml'>['format']>;

/**
 * A credit note: what a downgrade, a cancellation inside the window or a void credits, in its own
 * numbering (CN-…), referencing the invoice it credits. Amounts are positive where credited.
 */
export interface CreditNote extends Schema<'CreditNote'> {}
export interface CreditNoteListParams extends QueryOf<'listCreditNotes'> {}

// Entitlements and usage

/**
 * One feature's entitlement, as `GET /v1/accounts/{id}/entitlements` lists it and as check, consume
 * and release answer. `allowed` in a list is whether one more unit may be used.
 */
export interface EntitlementAnswer extends Schema<'CheckAnswer'> {}
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

/** One usage event; an id already seen is a duplicate and counts nothing. */
export interface UsageEvent extends Item<RequestBody<'createUsageEvents'>['events']> {}
export interface UsageBatchResult extends Answer<'createUsageEvents'> {}
/** An event refused because it would take a blocking quota past its limit (nothing was counted). */
export interface UsageRefusal extends Item<UsageBatchResult['refused']> {}

export interface UsageSendResult {
  accepted: number;
  duplicates: number;
  /** Events refused past a blocking limit, by their place in the whole list; their ids stay free. */
  refused: UsageRefusal[];
  /** How many requests were sent (1,000 events each at most). */
  batches: number;
}

// Catalog

export interface Feature extends Schema<'Feature'> {}
export interface FeatureCreate extends Schema<'FeatureCreate'> {}
export interface FeatureUpdate extends Schema<'FeatureUpdate'> {}
export interface Plan extends Schema<'Plan'> {}
export interface PlanCreate extends Schema<'PlanCreate'> {}
export interface PlanUpdate extends Schema<'PlanUpdate'> {}
export interface PlanEntitlementInput extends Item<PlanCreate['entitlements']> {}
export interface PlanPriceInput extends Item<PlanCreate['prices']> {}
export interface Addon extends Schema<'Addon'> {}
export interface AddonCreate extends Schema<'AddonCreate'> {}
export interface AddonUpdate extends Schema<'AddonUpdate'> {}
/** The whole catalog as one document (`GET/PUT /v1/catalog`). */
export interface CatalogDocument extends Schema<'CatalogDocument'> {}
export interface CatalogImport extends Answer<'importCatalog'> {}

// Events

/**
 * A domain event, as `GET /v1/events` lists it and a webhook delivers it: a union discriminated by
 * `type`, so `if (event.type === 'invoice.issued') event.data.amount_due` is typed. (A newer server
 * may send types this SDK does not know yet.)
 */
export type AllotEvent<T extends AllotEventType = AllotEventType> = Extract<Schemas['Event'], { type: T }>;
export type AllotEventType = Schemas['Event']['type'];
/** What each event type carries in `data`. */
export type EventDataMap = { [E in Schemas['Event'] as E['type']]: E['data'] };
/** After and before a change of a subscription (`subscription.updated`). */
export interface SubscriptionChanged extends Member<EventDataMap, 'subscription.updated'> {}

export interface EventListParams extends ListParams {
  type?: AllotEventType | (string & {});
  account?: string;
}

// Portal sessions, history, e-mails

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

export interface PortalSession extends Schema<'PortalSession'> {}

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

export interface HistoryListParams extends QueryOf<'listHistory'> {}

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

export interface EmailListParams extends QueryOf<'listEmails'> {}

// Seats

export interface SeatAllocation extends Schema<'SeatAllocation'> {}
export interface SeatSync extends Answer<'syncSeats'> {}
export interface AllocationPreview extends Answer<'previewAllocations'> {}

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

// Keys and pricing tables

export interface ApiKey extends Schema<'ApiKey'> {}
export interface ApiKeyCreate extends RequestBody<'createKey'> {}
/** A new key: a secret one shows `secret_key` in this answer only. */
export interface CreatedApiKey extends Answer<'createKey', 201> {}
/** A rolled key's replacement, with the old key as `rolled`. */
export interface RolledApiKey extends Answer<'rollKey', 201> {}
export type ApiKeyRoll = NonNullable<RequestBody<'rollKey'>>;

export interface PricingTableCreate extends Schema<'PricingTableCreate'> {}
export interface PricingTableUpdate extends Schema<'PricingTableUpdate'> {}

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

export interface QuoteInput extends Schema<'QuoteInput'> {}
export interface Quote extends Schema<'Quote'> {}

// Webhooks

export type WebhookEventFilter = AllotEventType | '*';
export interface WebhookEndpoint extends Schema<'WebhookEndpoint'> {}
/** The answers to create and rotate_secret, the only ones showing the signing secret. */
export interface WebhookEndpointWithSecret extends Schema<'WebhookEndpointWithSecret'> {}
export interface WebhookEndpointCreate extends RequestBody<'createWebhookEndpoint'> {}
export interface WebhookEndpointUpdate extends RequestBody<'updateWebhookEndpoint'> {}
export interface WebhookSecretRotation extends RequestBody<'rotateWebhookEndpointSecret'> {}
export interface DeletedWebhookEndpoint extends Answer<'deleteWebhookEndpoint'> {}
export interface WebhookDeliveryAttempt extends Schema<'WebhookAttempt'> {}
export interface WebhookDelivery extends Schema<'WebhookDelivery'> {}
export interface WebhookDeliveryListParams extends QueryOf<'listWebhookDeliveries'> {}

// Test clocks, billing runs, tenants, health

export interface TestClock extends Schema<'TestClock'> {}
export interface TestClockCreate extends RequestBody<'createTestClock'> {}
export interface BillingRun extends Answer<'runBilling'> {}

/** The tenant of the key in use, with its legal details and settings (printed on invoices). */
export interface Tenant extends Answer<'getTenant'> {}
export interface TenantUpdate extends RequestBody<'updateTenant'> {}
export interface BankDetails extends Member<Tenant, 'bank'> {}
export interface TenantCreate extends RequestBody<'createTenant'> {}
/** A new tenant: its first secret key is in `secret_key`, in this answer only. */
export interface CreatedTenant extends Answer<'createTenant', 201> {}

export interface Health extends Answer<'getHealth'> {}
