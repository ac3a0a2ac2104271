/**
 * Allot's TypeScript client: typed calls for every operation of the API, with timeouts, retries and
 * idempotency keys, lists that page themselves, and entitlement checks answered from a local snapshot so
 * the hot path makes no network call.
 *
 *   const allot = new Allot({ baseUrl: 'https://allot.example.com', secretKey: ALLOT_SECRET_KEY });
 *   const answer = await allot.entitlements.check({ account, feature: 'tickets' });
 */
import { AllotApiError } from './errors.ts';
import { type Call, type CallMeta, type Query, type Sleep, seg, Transport } from './http.ts';
import { listPromise } from './pagination.ts';
import { SnapshotCache } from './snapshot.ts';
import type {
  Account,
  AccountCreate,
  AccountListParams,
  AccountUpdate,
  Addon,
  AddonCreate,
  AddonUpdate,
  AllocationOverview,
  AllocationPreview,
  AllotEvent,
  AllotEventType,
  ApiKey,
  ApiKeyCreate,
  ApiKeyRoll,
  BillingPeriod,
  BillingRun,
  CatalogDocument,
  CatalogImport,
  CheckAnswer,
  CheckInput,
  CreatedApiKey,
  CreatedTenant,
  CreditNote,
  CreditNoteListParams,
  CurrentPortalSession,
  DeletedUser,
  DeletedWebhookEndpoint,
  EInvoiceFormat,
  Email,
  EmailListParams,
  Entitlement,
  EntitlementAnswer,
  EventListParams,
  Feature,
  FeatureCreate,
  FeatureUpdate,
  Health,
  HistoryEntry,
  HistoryListParams,
  Invoice,
  InvoiceListParams,
  ListParams,
  ListPromise,
  Page,
  Plan,
  PlanCreate,
  PlanUpdate,
  PortalSession,
  PortalSessionCreate,
  PricingTable,
  PricingTableCreate,
  PricingTableUpdate,
  Quote,
  QuoteInput,
  RequestOptions,
  RolledApiKey,
  SeatAllocation,
  SeatSync,
  Subscription,
  SubscriptionActivate,
  SubscriptionChange,
  SubscriptionCreate,
  SubscriptionListParams,
  SubscriptionPhase,
  Tenant,
  TenantCreate,
  TenantUpdate,
  TestClock,
  TestClockCreate,
  UsageAnswer,
  UsageBatchResult,
  UsageEvent,
  UsageInput,
  UsageSendResult,
  User,
  UserCreate,
  UserListParams,
  UserUpdate,
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
  WebhookSecretRotation,
} from './types.ts';

export {
  AllotApiError,
  AllotConnectionError,
  AllotError,
  type AllotErrorCode,
  AllotTimeoutError,
  type FieldError,
  isAllotApiError,
  isAllotConnectionError,
  isQuotaExceeded,
  type Problem,
  type QuotaExceededError,
} from './errors.ts';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, newIdempotencyKey, type Sleep } from './http.ts';
export { paginate, TO_ARRAY_MAX } from './pagination.ts';
export type * from './types.ts';
export { AllotWebhookError, type HeadersLike, type VerifyWebhookInput, verifyWebhook } from './webhooks.ts';

export interface AllotOptions {
  /** Where the API listens, without `/v1`: `https://allot.example.com`. */
  baseUrl: string;
  /** A tenant's secret key (`Authorization: Bearer …`). */
  secretKey?: string;
  /**
   * In the portal's pages, instead of a key: the browser's session cookie authenticates, and writes
   * carry the session's CSRF token (`GET /v1/portal_sessions/current` answers it).
   */
  portalSession?: { csrfToken: string };
  /** A fetch to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof fetch;
  /** How long an account's entitlement snapshot answers checks before it is loaded again. Default 30 s. */
  snapshotTtlMs?: number;
  /** How many accounts' snapshots are kept; the least recently loaded go first. Default 10,000. */
  maxSnapshots?: number;
  /** Abort an attempt whose answer has not fully arrived after this long. Default 30 s; 0: never. */
  timeoutMs?: number;
  /**
   * How many times a failed request is tried again (network errors, timeouts, 409
   * idempotency_key_in_use, 429, 502, 503, 504, and 500 for reads), with exponential backoff and jitter,
   * honouring Retry-After. Default 2; 0: never.
   */
  maxRetries?: number;
  /** The longest Retry-After the SDK waits for before retrying; longer, the error is thrown. Default 60 s. */
  maxRetryAfterMs?: number;
  /** How to wait between retries: `(ms, signal) => Promise<void>` (tests pass one that does not wait). */
  sleep?: Sleep;
  userAgent?: string;
}

/** The most events one `POST /v1/usage_events` takes. */
export const USAGE_BATCH_SIZE = 1000;

type Query0 = Query | object | undefined;
type Items = { id: string | null };

export class Allot {
  private readonly http: Transport;
  private readonly cache: SnapshotCache;

  constructor(options: AllotOptions) {
    this.http = new Transport({
      baseUrl: options.baseUrl,
      secretKey: options.secretKey,
      session: options.portalSession,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      maxRetryAfterMs: options.maxRetryAfterMs,
      sleep: options.sleep,
      userAgent: options.userAgent,
    });
    const ttl = options.snapshotTtlMs ?? 30_000;
    if (!(ttl >= 0)) throw new RangeError('snapshotTtlMs must be 0 or more.');
    this.cache = new SnapshotCache(
      {
        list: async (account) =>
          (await this.get<{ data: EntitlementAnswer[] }>(`/v1/accounts/${seg(account)}/entitlements`)).data,
        accountId: async (account) => (await this.get<Account>(`/v1/accounts/${seg(account)}`)).id,
      },
      ttl,
      options.maxSnapshots ?? 10_000,
    );
  }

  private call<T>(
    method: Call['method'],
    path: string,
    body?: unknown,
    options?: RequestOptions,
    query?: Query0,
  ): Promise<T> {
    return this.http.json<T>({ method, path, body, options, query: query as Query | undefined });
  }
  private get<T>(path: string, query?: Query0, options?: RequestOptions): Promise<T> {
    return this.call<T>('GET', path, undefined, options, query);
  }
  /** A POST that changes nothing (preview, quote, remote check): retried like a read, sent with no key. */
  private ask<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.http.json<T>({ method: 'POST', path, body, options, readOnly: true });
  }
  /** A list: awaited, the first page; iterated, every item. */
  private list<T extends Items, P extends ListParams = ListParams>(
    path: string,
    params: P = {} as P,
    options?: RequestOptions,
  ): ListPromise<T> {
    return listPromise((p: P) => this.get<Page<T>>(path, p, options), params);
  }

  /** A write that changes what an account is entitled to: its snapshot is stale afterwards. */
  private async entitling<T extends { account: string }>(write: Promise<T>): Promise<T> {
    const answer = await write;
    this.cache.expire(answer.account);
    return answer;
  }

  readonly health = {
    /** Liveness: 200 while the process runs. */
    check: (options?: RequestOptions) => this.get<Health>('/v1/health', undefined, options),
    /** Readiness: throws 503 service_unavailable while the database does not answer. */
    ready: (options?: RequestOptions) => this.get<Health>('/v1/health/ready', undefined, options),
  };

  readonly tenants = {
    /** With a key of the bootstrap tenant: a new, isolated tenant and its first secret key (shown once). */
    create: (body: TenantCreate, options?: RequestOptions) =>
      this.call<CreatedTenant>('POST', '/v1/tenants', body, options),
  };

  readonly tenant = {
    /** The tenant of the key in use, with its legal details and settings. */
    get: (options?: RequestOptions) => this.get<Tenant>('/v1/tenant', undefined, options),
    /** The given fields replace the current ones (objects whole). */
    update: (body: TenantUpdate, options?: RequestOptions) =>
      this.call<Tenant>('PATCH', '/v1/tenant', body, options),
  };

  readonly accounts = {
    create: (body: AccountCreate, options?: RequestOptions) =>
      this.call<Account>('POST', '/v1/accounts', body, options),
    /** By id or external_id. */
    get: (id: string, options?: RequestOptions) =>
      this.get<Account>(`/v1/accounts/${seg(id)}`, undefined, options),
    list: (params: AccountListParams = {}, options?: RequestOptions) =>
      this.list<Account>('/v1/accounts', params, options),
    update: (id: string, body: AccountUpdate, options?: RequestOptions) =>
      this.call<Account>('PATCH', `/v1/accounts/${seg(id)}`, body, options),
    /** Every write about the account and the accounts below it, newest first. */
    history: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.list<HistoryEntry>(`/v1/accounts/${seg(id)}/history`, params, options),
  };

  readonly users = {
    /** Adding a user takes a seat (409 seats_exhausted when none is free). */
    create: (account: string, body: UserCreate, options?: RequestOptions) =>
      this.entitling(this.call<User>('POST', `/v1/accounts/${seg(account)}/users`, body, options)),
    get: (account: string, user: string, options?: RequestOptions) =>
      this.get<User>(`/v1/accounts/${seg(account)}/users/${seg(user)}`, undefined, options),
    list: (account: string, params: UserListParams = {}, options?: RequestOptions) =>
      this.list<User>(`/v1/accounts/${seg(account)}/users`, params, options),
    update: (account: string, user: string, body: UserUpdate, options?: RequestOptions) =>
      this.entitling(
        this.call<User>('PATCH', `/v1/accounts/${seg(account)}/users/${seg(user)}`, body, options),
      ),
    remove: (account: string, user: string, options?: RequestOptions) =>
      this.entitling(
        this.call<DeletedUser>(
          'DELETE',
          `/v1/accounts/${seg(account)}/users/${seg(user)}`,
          undefined,
          options,
        ),
      ),
  };

  readonly allocations = {
    /** An account's seats (with its sites'), allocated and used, per seat feature. */
    list: (account: string, options?: RequestOptions) =>
      this.get<{ data: SeatAllocation[] }>(`/v1/accounts/${seg(account)}/allocations`, undefined, options),
    /** For a parent's subscription managers: set the seats of a customer or site. */
    set: (account: string, items: { feature: string; allocated: number }[], options?: RequestOptions) =>
      this.call<{ data: SeatAllocation[] }>(
        'PUT',
        `/v1/accounts/${seg(account)}/allocations`,
        items,
        options,
      ),
    /** What `set` would do: the seats after and the invoices it would issue; nothing saved. */
    preview: (account: string, items: { feature: string; allocated: number }[], options?: RequestOptions) =>
      this.ask<AllocationPreview>(`/v1/accounts/${seg(account)}/allocations/preview`, items, options),
    /** Recounts used seats; answers each site's exact use. */
    sync: (account: string, options?: RequestOptions) =>
      this.call<SeatSync>('POST', `/v1/accounts/${seg(account)}/seats/sync`, undefined, options),
    /** For a partner: every account below with its seats, each customer's subtotal, and the totals. */
    overview: (account: string, options?: RequestOptions) =>
      this.get<AllocationOverview>(`/v1/accounts/${seg(account)}/allocations/overview`, undefined, options),
  };

  readonly subscriptions = {
    /** Active at once with its first invoice (`latest_invoice`), or trialing with `trial: true`. */
    create: (body: SubscriptionCreate, options?: RequestOptions) =>
      this.entitling(this.call<Subscription>('POST', '/v1/subscriptions', body, options)),
    get: (id: string, options?: RequestOptions) =>
      this.get<Subscription>(`/v1/subscriptions/${seg(id)}`, undefined, options),
    list: (params: SubscriptionListParams = {}, options?: RequestOptions) =>
      this.list<Subscription>('/v1/subscriptions', params, options),
    /** The first invoice `create` would issue (for a trial, the one its activation would); nothing is saved. */
    previewCreate: (body: SubscriptionCreate, options?: RequestOptions) =>
      this.ask<Invoice>('/v1/subscriptions/preview', body, options),
    /** Its phases, oldest first: what it was from each instant on. */
    timeline: (id: string, options?: RequestOptions) =>
      this.get<{ object: 'list'; data: SubscriptionPhase[] }>(
        `/v1/subscriptions/${seg(id)}/timeline`,
        undefined,
        options,
      ),
    /** What the next period end will bill (the renewal's own computation); nothing is saved. */
    upcomingInvoice: (id: string, options?: RequestOptions) =>
      this.get<Invoice>(`/v1/subscriptions/${seg(id)}/upcoming_invoice`, undefined, options),
    /** The invoice `change` would issue now; nothing is saved. */
    preview: (id: string, body: SubscriptionChange, options?: RequestOptions) =>
      this.ask<Invoice>(`/v1/subscriptions/${seg(id)}/preview`, body, options),
    /** Plan, quantity or add-ons now, prorated (409 billing_period_mismatch for a plan without the period). */
    change: (id: string, body: SubscriptionChange, options?: RequestOptions) =>
      this.entitling(this.call<Subscription>('POST', `/v1/subscriptions/${seg(id)}/change`, body, options)),
    /** Inside the cancellation window: canceled now, fully credited; after it 409 cancellation_window_closed. */
    cancel: (id: string, options?: RequestOptions) =>
      this.entitling(
        this.call<Subscription>('POST', `/v1/subscriptions/${seg(id)}/cancel`, undefined, options),
      ),
    /**
     * Ends a trial now and starts paying: on the trial's terms, or on those chosen as the customer
     * subscribes (licences, billing period, add-ons, and — nothing invoiced yet — the currency).
     */
    activate: (id: string, terms?: SubscriptionActivate, options?: RequestOptions) =>
      this.entitling(
        this.call<Subscription>('POST', `/v1/subscriptions/${seg(id)}/activate`, terms, options),
      ),
    /** Scheduled for the next cycle. */
    setBillingPeriod: (id: string, billingPeriod: BillingPeriod, options?: RequestOptions) =>
      this.call<Subscription>(
        'POST',
        `/v1/subscriptions/${seg(id)}/billing_period`,
        { billing_period: billingPeriod },
        options,
      ),
    setAutoRenew: (id: string, autoRenew: boolean, options?: RequestOptions) =>
      this.call<Subscription>('PATCH', `/v1/subscriptions/${seg(id)}`, { auto_renew: autoRenew }, options),
  };

  readonly invoices = {
    list: (params: InvoiceListParams = {}, options?: RequestOptions) =>
      this.list<Invoice>('/v1/invoices', params, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<Invoice>(`/v1/invoices/${seg(id)}`, undefined, options),
    pay: (id: string, options?: RequestOptions) =>
      this.call<Invoice>('POST', `/v1/invoices/${seg(id)}/pay`, undefined, options),
    void: (id: string, options?: RequestOptions) =>
      this.call<Invoice>('POST', `/v1/invoices/${seg(id)}/void`, undefined, options),
    /** The invoice as a PDF document. */
    pdf: (id: string, options?: RequestOptions) =>
      this.http.bytes({ method: 'GET', path: `/v1/invoices/${seg(id)}/pdf`, options }, 'application/pdf'),
    /** Its EN 16931 XML (Factur-X CII by default); 409 invalid_state names what is missing. */
    xml: (id: string, params: { format?: EInvoiceFormat } = {}, options?: RequestOptions) =>
      this.http.text(
        { method: 'GET', path: `/v1/invoices/${seg(id)}/xml`, query: params, options },
        'application/xml',
      ),
  };

  readonly creditNotes = {
    list: (params: CreditNoteListParams = {}, options?: RequestOptions) =>
      this.list<CreditNote>('/v1/credit_notes', params, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<CreditNote>(`/v1/credit_notes/${seg(id)}`, undefined, options),
    /** The credit note as a PDF document (a Factur-X e-invoice, type 381, when the legal details are set). */
    pdf: (id: string, options?: RequestOptions) =>
      this.http.bytes({ method: 'GET', path: `/v1/credit_notes/${seg(id)}/pdf`, options }, 'application/pdf'),
    /** Its EN 16931 XML (type 381). */
    xml: (id: string, params: { format?: EInvoiceFormat } = {}, options?: RequestOptions) =>
      this.http.text(
        { method: 'GET', path: `/v1/credit_notes/${seg(id)}/xml`, query: params, options },
        'application/xml',
      ),
  };

  readonly billing = {
    /** Runs the billing work due on the wall clock now (it also runs by itself; twice never bills twice). */
    run: (options?: RequestOptions) => this.call<BillingRun>('POST', '/v1/billing/run', undefined, options),
  };

  readonly testClocks = {
    /** Accounts bound to it (`test_clock` on the account) live at its frozen time. */
    create: (body: TestClockCreate, options?: RequestOptions) =>
      this.call<TestClock>('POST', '/v1/test_clocks', body, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<TestClock>(`/v1/test_clocks/${seg(id)}`, undefined, options),
    list: (params: ListParams = {}, options?: RequestOptions) =>
      this.list<TestClock>('/v1/test_clocks', params, options),
    /** Moves it forward to `frozenTime`, running every renewal, trial end and reset due on the way. */
    advance: (id: string, frozenTime: string, options?: RequestOptions) =>
      this.call<TestClock>(
        'POST',
        `/v1/test_clocks/${seg(id)}/advance`,
        { frozen_time: frozenTime },
        options,
      ),
  };

  readonly entitlements = {
    /** The account's entitlements, fetched now; the local snapshot is refreshed with them. */
    list: async (account: string): Promise<Entitlement[]> =>
      (await this.cache.load(account)).entries.map((e) => ({ ...e })),
    /**
     * May the account use `quantity` (default 1) more of the feature? Answered from the local snapshot,
     * with no request while it is fresh; the first check of an account (or one after the TTL or an
     * invalidation) loads it. A feature the account does not have answers `allowed: false,
     * reason: 'not_in_plan'`. The answer is shared and frozen: do not change it.
     */
    check: (input: CheckInput): Promise<CheckAnswer> => this.cache.check(input),
    /** As `check`, synchronously: `undefined` when no fresh snapshot of the account is loaded. */
    checkSync: (input: CheckInput): CheckAnswer | undefined => this.cache.checkSync(input),
    /** The server's own check (`POST /v1/entitlements/check`), bypassing the snapshot. */
    checkRemote: (input: CheckInput, options?: RequestOptions): Promise<CheckAnswer> =>
      this.ask<CheckAnswer>(
        '/v1/entitlements/check',
        { account: input.account, feature: input.feature, quantity: input.quantity },
        options,
      ),
    /**
     * Counts usage on the server, atomically; over a blocking limit it throws AllotApiError
     * `quota_exceeded` (with `limit` and `used`) and counts nothing. The snapshot takes the answer's usage.
     * Retried after a failure that may have reached the server only with an `idempotencyKey`.
     */
    consume: (input: UsageInput, options?: RequestOptions): Promise<UsageAnswer> =>
      this.usage('/v1/entitlements/consume', input, options),
    /** Gives back usage of a `counter` feature (an item was deleted). */
    release: (input: UsageInput, options?: RequestOptions): Promise<UsageAnswer> =>
      this.usage('/v1/entitlements/release', input, options),
    /**
     * Marks the account's snapshot stale and loads it again now (every account's, loaded on their next
     * check, without an argument). Call it when a webhook says the account's entitlements changed.
     */
    invalidate: (account?: string): Promise<void> => this.cache.invalidate(account),
    /** Keeps a snapshot made from entitlements obtained elsewhere, as if just loaded. */
    prime: (account: string, entitlements: EntitlementAnswer[]): void =>
      this.cache.prime(account, entitlements),
  };

  private async usage(path: string, input: UsageInput, options?: RequestOptions): Promise<UsageAnswer> {
    const body = {
      account: input.account,
      feature: input.feature,
      quantity: input.quantity,
      idempotency_key: input.idempotencyKey,
    };
    // The body's key is the usage key; the SDK adds none of its own (a keyless consume takes the
    // server's fast path), so without one a consume is not repeated after it may have been counted.
    const call: Call = { method: 'POST', path, body, options, noAutoKey: input.idempotencyKey === undefined };
    if (input.idempotencyKey !== undefined && options?.idempotencyKey === undefined) {
      call.options = { ...options, idempotencyKey: input.idempotencyKey };
    }
    const meta: CallMeta = {};
    try {
      const answer = await this.http.json<UsageAnswer>(call, meta);
      // A replay is the first answer: its count may be older than what the snapshot has. When the SDK
      // itself retried, the replay is of this very call, which the snapshot has not seen: reload it.
      if (!answer.replayed) this.cache.applyUsage(input.account, answer);
      else if ((meta.attempts ?? 1) > 1) this.cache.expire(input.account);
      return answer;
    } catch (error) {
      if (error instanceof AllotApiError) {
        if (error.code === 'quota_exceeded' && typeof error.used === 'number') {
          this.cache.applyExceeded(input.account, input.feature, error.limit ?? null, error.used);
        } else if (error.code === 'invalid_state') {
          this.cache.expire(input.account);
        }
      }
      throw error;
    }
  }

  readonly usageEvents = {
    /**
     * Reports usage events, in requests of at most 1,000, one after the other. An event id already seen
     * counts nothing, so a failed send can be repeated whole. With `idempotencyKey`, batch i is sent
     * with `<key>:<i>`. The snapshots of the accounts named are stale afterwards.
     */
    send: async (events: readonly UsageEvent[], options?: RequestOptions): Promise<UsageSendResult> => {
      const out: UsageSendResult = { accepted: 0, duplicates: 0, refused: [], batches: 0 };
      for (let i = 0; i < events.length; i += USAGE_BATCH_SIZE) {
        const batch = events.slice(i, i + USAGE_BATCH_SIZE);
        const opts =
          options?.idempotencyKey === undefined
            ? options
            : { ...options, idempotencyKey: `${options.idempotencyKey}:${out.batches}` };
        const answer = await this.call<UsageBatchResult>('POST', '/v1/usage_events', { events: batch }, opts);
        out.accepted += answer.accepted;
        out.duplicates += answer.duplicates;
        out.refused.push(...answer.refused.map((r) => ({ ...r, index: r.index + i })));
        out.batches += 1;
        for (const account of new Set(batch.map((e) => e.account))) this.cache.expire(account);
      }
      return out;
    },
  };

  readonly features = {
    create: (body: FeatureCreate, options?: RequestOptions) =>
      this.call<Feature>('POST', '/v1/features', body, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<Feature>(`/v1/features/${seg(id)}`, undefined, options),
    list: (params: ListParams = {}, options?: RequestOptions) =>
      this.list<Feature>('/v1/features', params, options),
    update: (id: string, body: FeatureUpdate, options?: RequestOptions) =>
      this.call<Feature>('PATCH', `/v1/features/${seg(id)}`, body, options),
  };

  readonly plans = {
    create: (body: PlanCreate, options?: RequestOptions) =>
      this.call<Plan>('POST', '/v1/plans', body, options),
    get: (id: string, options?: RequestOptions) => this.get<Plan>(`/v1/plans/${seg(id)}`, undefined, options),
    list: (params: ListParams = {}, options?: RequestOptions) =>
      this.list<Plan>('/v1/plans', params, options),
    /** New terms make a new version; existing subscriptions keep theirs. */
    update: (id: string, body: PlanUpdate, options?: RequestOptions) =>
      this.call<Plan>('PATCH', `/v1/plans/${seg(id)}`, body, options),
  };

  readonly addons = {
    create: (body: AddonCreate, options?: RequestOptions) =>
      this.call<Addon>('POST', '/v1/addons', body, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<Addon>(`/v1/addons/${seg(id)}`, undefined, options),
    list: (params: ListParams = {}, options?: RequestOptions) =>
      this.list<Addon>('/v1/addons', params, options),
    update: (id: string, body: AddonUpdate, options?: RequestOptions) =>
      this.call<Addon>('PATCH', `/v1/addons/${seg(id)}`, body, options),
  };

  readonly catalog = {
    /** The whole catalog as one document. */
    get: (options?: RequestOptions) => this.get<CatalogDocument>('/v1/catalog', undefined, options),
    /** All or nothing: features, plans and add-ons created or revised by key; others left as they are. */
    put: (document: CatalogDocument, options?: RequestOptions) =>
      this.call<CatalogImport>('PUT', '/v1/catalog', document, options),
  };

  readonly portalSessions = {
    /** A one-time link (a few minutes) that signs the user in to the portal; redirect its browser there. */
    create: (body: PortalSessionCreate, options?: RequestOptions) =>
      this.call<PortalSession>('POST', '/v1/portal_sessions', body, options),
    /** In the portal's pages: the session of this browser. */
    current: (options?: RequestOptions) =>
      this.get<CurrentPortalSession>('/v1/portal_sessions/current', undefined, options),
    /** In the portal's pages: sign out. */
    endCurrent: (options?: RequestOptions) =>
      this.call<{ return_url: string | null }>('DELETE', '/v1/portal_sessions/current', undefined, options),
    /** The vendor signs a user out. */
    end: (id: string, options?: RequestOptions) =>
      this.call<{ id: string; ended: boolean }>(
        'DELETE',
        `/v1/portal_sessions/${seg(id)}`,
        undefined,
        options,
      ),
  };

  readonly keys = {
    /** Secret and publishable keys, newest first (secret ones by their last four characters only). */
    list: (options?: RequestOptions) => this.list<ApiKey>('/v1/keys', {}, options),
    /** A secret key comes back once, in `secret_key`; a publishable one is listed in full. */
    create: (body: ApiKeyCreate, options?: RequestOptions) =>
      this.call<CreatedApiKey>('POST', '/v1/keys', body, options),
    /** Stops the key at once, on every server process sharing the database. */
    revoke: (id: string, options?: RequestOptions) =>
      this.call<ApiKey>('POST', `/v1/keys/${seg(id)}/revoke`, undefined, options),
    /**
     * A new key like this one now (its secret in `secret_key`, once), this one working `expires_in`
     * seconds more (default a day, at most a week; 0: it stops at once); `rolled` is the old key.
     */
    roll: (id: string, body: ApiKeyRoll = {}, options?: RequestOptions) =>
      this.call<RolledApiKey>('POST', `/v1/keys/${seg(id)}/roll`, body, options),
  };

  readonly pricingTables = {
    create: (body: PricingTableCreate, options?: RequestOptions) =>
      this.call<PricingTable>('POST', '/v1/pricing_tables', body, options),
    /** With a publishable key, the published ones only. */
    list: (options?: RequestOptions) => this.list<PricingTable>('/v1/pricing_tables', {}, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<PricingTable>(`/v1/pricing_tables/${seg(id)}`, undefined, options),
    update: (id: string, body: PricingTableUpdate, options?: RequestOptions) =>
      this.call<PricingTable>('PATCH', `/v1/pricing_tables/${seg(id)}`, body, options),
    /** A choice's first whole period before tax, as the first invoice would bill it. */
    quote: (id: string, body: QuoteInput, options?: RequestOptions) =>
      this.ask<Quote>(`/v1/pricing_tables/${seg(id)}/quote`, body, options),
  };

  readonly emails = {
    /** The e-mails Allot wrote to an account's users (the portal's notices), newest first. */
    list: (params: EmailListParams = {}, options?: RequestOptions) =>
      this.list<Email>('/v1/emails', params, options),
    /** Sends an e-mail again to its recipient: a new e-mail, `resent_from` the first. */
    resend: (id: string, options?: RequestOptions) =>
      this.call<Email>('POST', `/v1/emails/${seg(id)}/resend`, undefined, options),
  };

  readonly events = {
    /** Domain events, newest first, typed by `type`. */
    list: (params: EventListParams = {}, options?: RequestOptions) =>
      this.list<AllotEvent>('/v1/events', params, options),
  };

  readonly history = {
    /** The tenant's whole history, newest first (for the vendor only). */
    list: (params: HistoryListParams = {}, options?: RequestOptions) =>
      this.list<HistoryEntry>('/v1/history', params, options),
  };

  readonly webhookEndpoints = {
    /** Events from now on are POSTed to `url`, signed with `secret` (shown in this answer only). */
    create: (body: WebhookEndpointCreate, options?: RequestOptions) =>
      this.call<WebhookEndpointWithSecret>('POST', '/v1/webhook_endpoints', body, options),
    list: (params: ListParams = {}, options?: RequestOptions) =>
      this.list<WebhookEndpoint>('/v1/webhook_endpoints', params, options),
    get: (id: string, options?: RequestOptions) =>
      this.get<WebhookEndpoint>(`/v1/webhook_endpoints/${seg(id)}`, undefined, options),
    /** Changes the URL or the events, or disables and re-enables it. */
    update: (id: string, body: WebhookEndpointUpdate, options?: RequestOptions) =>
      this.call<WebhookEndpoint>('POST', `/v1/webhook_endpoints/${seg(id)}`, body, options),
    /** Nothing more is sent to it; its delivery log goes with it. */
    delete: (id: string, options?: RequestOptions) =>
      this.call<DeletedWebhookEndpoint>('DELETE', `/v1/webhook_endpoints/${seg(id)}`, undefined, options),
    /** A new secret; the old one keeps signing beside it for `expire_previous_in_hours` (default 24). */
    rotateSecret: (id: string, body: WebhookSecretRotation = {}, options?: RequestOptions) =>
      this.call<WebhookEndpointWithSecret>(
        'POST',
        `/v1/webhook_endpoints/${seg(id)}/rotate_secret`,
        body,
        options,
      ),
    /** The endpoint's delivery log, newest first, each with every attempt. */
    deliveries: (id: string, params: WebhookDeliveryListParams = {}, options?: RequestOptions) =>
      this.list<WebhookDelivery>(`/v1/webhook_endpoints/${seg(id)}/deliveries`, params, options),
    /** Sends a failed or succeeded delivery again, now (one attempt, `trigger: 'manual'`). */
    retryDelivery: (id: string, delivery: string, options?: RequestOptions) =>
      this.call<WebhookDelivery>(
        'POST',
        `/v1/webhook_endpoints/${seg(id)}/deliveries/${seg(delivery)}/retry`,
        undefined,
        options,
      ),
  };
}

/** Event types after which an account's entitlements or usage may differ from its snapshot. */
const INVALIDATING = /^(quota|subscription|seats|allocation|user)\./;

/**
 * The event types `webhookInvalidator` acts on: subscribe a webhook endpoint to these to keep the
 * snapshots fresh (`allot.webhookEndpoints.create({ url, events: [...SNAPSHOT_EVENTS] })`).
 */
export const SNAPSHOT_EVENTS = [
  'quota.warning',
  'quota.exhausted',
  'quota.reset',
  'subscription.created',
  'subscription.updated',
  'subscription.renewed',
  'subscription.canceled',
  'subscription.expired',
  'subscription.trial_will_end',
  'seats.exhausted',
  'allocation.changed',
  'user.deactivated',
] as const satisfies readonly AllotEventType[];

/** An event as the events API lists it or a webhook delivers it: `account` on it or in its `data`. */
export interface AllotEventLike {
  type: string;
  account?: string | null;
  /** An object that may name the account (`{ account: 'acct_…' }`). */
  data?: object | null;
}

/**
 * For a webhook handler: `webhookInvalidator(allot)(event)` reloads the snapshot of the event's account
 * when the event is about quotas, subscriptions or seats, and ignores the others.
 */
export function webhookInvalidator(allot: Allot): (event: AllotEventLike) => void {
  return (event) => {
    if (!event || typeof event.type !== 'string' || !INVALIDATING.test(event.type)) return;
    const nested =
      event.data && typeof event.data === 'object'
        ? (event.data as { account?: unknown }).account
        : undefined;
    const account = event.account ?? (typeof nested === 'string' ? nested : undefined);
    if (account) void allot.entitlements.invalidate(account);
  };
}
