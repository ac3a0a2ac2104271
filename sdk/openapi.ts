/**
 * Generated from the Allot server's /openapi.json by openapi-typescript (sdk/scripts/generate-types.ts).
 * Do not edit: regenerate with `npx tsx sdk/scripts/generate-types.ts` from the project's root.
 * test/sdk.test.ts fails while this file differs from what the server's document generates.
 */
export interface paths {
  '/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process answers
     * @description Always 200 while the process runs, whether or not the database answers (a restart would not help): use `/v1/health/ready` to route traffic.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: the database answers
     * @description 503 `service_unavailable` while the database does not answer within two seconds.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a tenant
     * @description With a key of the bootstrap tenant (the one made on the first start): a new, isolated tenant and its first secret key, shown only in this answer.
     */
    post: operations['createTenant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenant': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant of the key in use, with its settings
     * @description Its legal details (printed on invoices and carried in their e-invoice XML), payment terms, bank details and portal page.
     */
    get: operations['getTenant'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change the tenant’s settings
     * @description The given fields replace the current ones (objects whole). Invoices issued later print them; earlier PDFs print them too, as invoices are rendered when read.
     */
    patch: operations['updateTenant'];
    trace?: never;
  };
  '/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant's keys
     * @description Secret and publishable keys, newest first, revoked ones included. No secret is ever shown again.
     */
    get: operations['listKeys'];
    put?: never;
    /**
     * Create a key
     * @description A secret key (shown once, in this answer) or a publishable key for web pages, allowed from the listed origins only: it reads published pricing tables and asks for quotes, nothing else.
     */
    post: operations['createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a key
     * @description The key stops working at once, on every process sharing the database. The last active secret key cannot be revoked.
     */
    post: operations['revokeKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{id}/roll': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Roll a key: a new one now, the old one until it expires
     * @description Makes a key of the same type, name and origins (its secret shown once, in this answer) and lets the old one work for `expires_in` seconds more — 24 hours unless told, at most 7 days; 0 stops it at once — so the new key can be deployed first. `rolled` is the old key, with its `expires_at`.
     */
    post: operations['rollKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/features': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List features
     * @description Newest first, paginated with `starting_after`.
     */
    get: operations['listFeatures'];
    put?: never;
    /**
     * Create a feature
     * @description A feature is what plans grant: a `boolean` switch, a `quota` counted per period, a `counter` of things that exist (projects), or `seats` counted from users. Its `key` is what your code checks.
     */
    post: operations['createFeature'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/features/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a feature (by id or key)
     * @description By its id (`feat_…`) or its key.
     */
    get: operations['getFeature'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Rename a feature (its key and kind never change)
     * @description Only names and descriptions change: plans and usage refer to the key, and its kind decides how usage is counted.
     */
    patch: operations['updateFeature'];
    trace?: never;
  };
  '/v1/plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List plans
     * @description Newest first, paginated with `starting_after`; each plan with its current version.
     */
    get: operations['listPlans'];
    put?: never;
    /**
     * Create a plan
     * @description A plan grants features (limits, warning levels, overage) at prices per billing period and currency.
     */
    post: operations['createPlan'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a plan (by id or key)
     * @description By its id (`plan_…`) or its key, with its current version’s entitlements and prices.
     */
    get: operations['getPlan'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a plan
     * @description New terms make a new version for new subscriptions; existing subscriptions keep the version they bought.
     */
    patch: operations['updatePlan'];
    trace?: never;
  };
  '/v1/addons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List add-ons
     * @description Newest first, paginated with `starting_after`.
     */
    get: operations['listAddons'];
    put?: never;
    /**
     * Create an add-on (pack)
     * @description An add-on (a pack) adds to a plan’s limits, bought in quantities on a subscription, at its own prices.
     */
    post: operations['createAddon'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/addons/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an add-on (by id or key)
     * @description By its id (`addon_…`) or its key.
     */
    get: operations['getAddon'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an add-on
     * @description Names, prices and what it adds.
     */
    patch: operations['updateAddon'];
    trace?: never;
  };
  '/v1/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export the whole catalog as one document
     * @description Features, plans and add-ons in one document, keyed by their keys: what `PUT /v1/catalog` imports (also as YAML with the CLI’s `allot catalog export`).
     */
    get: operations['exportCatalog'];
    /**
     * Import a catalog document
     * @description All or nothing: every error is listed and nothing is written; otherwise features, plans, add-ons and pricing tables are created or revised by key. Items the document does not name are left as they are.
     */
    put: operations['importCatalog'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pricing_tables': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List pricing tables
     * @description With a publishable key, the published ones only.
     */
    get: operations['listPricingTables'];
    put?: never;
    /**
     * Create a pricing table
     * @description Which plans a web page shows, in order, the highlighted one, the features compared and where the visitor’s choice goes. Shown by `<allot-pricing-table>` from `/embed/pricing-table.js` with a publishable key.
     */
    post: operations['createPricingTable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pricing_tables/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A pricing table, with what a page shows of it
     * @description By id or key. With a publishable key, a published table only.
     */
    get: operations['getPricingTable'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a pricing table
     * @description The given fields replace the current ones (lists whole); the key never changes.
     */
    patch: operations['updatePricingTable'];
    trace?: never;
  };
  '/v1/pricing_tables/{id}/quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What a choice of the table costs
     * @description A plan of the table, a billing period, a currency and a licence count: the first whole period’s lines and subtotal before tax (as the first invoice bills them), its monthly equivalent and the saving of a yearly price. Nothing is saved.
     */
    post: operations['quotePricingTable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List accounts
     * @description Newest first, paginated with `starting_after`; filter by parent, external id or kind.
     */
    get: operations['listAccounts'];
    put?: never;
    /**
     * Create an account
     * @description partner → customer → site. A child takes its parent’s currency, time zone, locale, billing period and test clock unless given. A customer’s user (a partner’s or a customer’s subscription manager) may create accounts below its own, choosing name, time zone, locale and billing period (S10); they are billed as their siblings are: to the parent, on the basis in force for the latest of them, from today, when the parent pays for them.
     */
    post: operations['createAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an account (by id or external_id)
     * @description By its id (`acct_…`) or the `external_id` your application gave it.
     */
    get: operations['getAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an account
     * @description A new `billing_period` (the customer's billing cycle, S10) is scheduled on the live subscriptions of the account and of its sites, effective at each one's next cycle.
     */
    patch: operations['updateAccount'];
    trace?: never;
  };
  '/v1/accounts/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The account's history
     * @description Every change to the account, its subscriptions and its users: who, when, before and after. Newest first.
     */
    get: operations['listAccountHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List an account's users
     * @description Newest first, paginated with `starting_after`.
     */
    get: operations['listUsers'];
    put?: never;
    /**
     * Add a user
     * @description An active user with a seat role takes a seat: refused with `seats_exhausted` when every seat of the account is used.
     */
    post: operations['createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/users/{uid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a user
     * @description By its id (`user_…`) or its `external_id`.
     */
    get: operations['getUser'];
    put?: never;
    post?: never;
    /**
     * Remove a user
     * @description The user’s seat is freed at once; its history stays.
     */
    delete: operations['deleteUser'];
    options?: never;
    head?: never;
    /**
     * Change a user
     * @description Name, e-mail, role or status; activating a user takes a seat and may be refused with `seats_exhausted`.
     */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/v1/accounts/{id}/allocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's seats: allocated (or held) and used, per seat feature
     * @description For each seat feature: the seats the account holds (from its plan or from its parent’s allocation) and how many are used.
     */
    get: operations['getAllocations'];
    /**
     * Set the seats a parent gives this customer or site
     * @description For subscription managers of the parent (or above). A parent cannot hand out more seats than it holds when its own are limited.
     */
    put: operations['setAllocations'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/allocations/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview setting allocations: the seats after and what it would invoice, nothing saved
     * @description The body of `PUT …/allocations`. Answers the account’s seats after the change and the invoices it would issue now (for a customer billed on allocated seats, the prorated increase on its payer’s invoice), computed by the same writes, rolled back. Refused as the write would be.
     */
    post: operations['previewAllocations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/seats/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Recount used seats from the users
     * @description The account's seats (with its sites') and, for each site, its own allocation and use.
     */
    post: operations['syncSeats'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/allocations/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * For a partner: every descendant's allocated and used seats, with totals
     * @description For a partner or a customer with sites: each descendant’s allocated and used seats per feature, and the totals against what the account holds.
     */
    get: operations['getAllocationOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List subscriptions
     * @description Newest first, paginated with `starting_after`; filter by account or status.
     */
    get: operations['listSubscriptions'];
    put?: never;
    /**
     * Subscribe an account to a plan
     * @description Active at once with its first invoice, or trialing when `trial` is true (no invoice until activation).
     */
    post: operations['createSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview a new subscription: its first invoice, nothing saved
     * @description The body of `POST /v1/subscriptions`. Answers the first invoice it would produce (lines, subtotal, tax, total, period; S13: totals as licences, period and currency change), with the payer’s tax rate and credit as they stand. Works for an account with no subscription yet; for a trial, the invoice its activation at the trial’s end would issue; for an account already trialing on the plan, what activating now would bill. Open to any user of the account.
     */
    post: operations['previewSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The subscription's timeline
     * @description Its phases, oldest first: what it was from each instant on (plan version, quantity, add-ons, billing period, status, seats per account) and the action that began each. Append-only; the subscription is its last phase. Invoices are computed from it.
     */
    get: operations['getSubscriptionTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/upcoming_invoice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The upcoming invoice
     * @description What the next period end will bill, as the renewal computes it: the new period on the terms and seats then in force (for a reseller’s customer, seats per site by the billing basis of the new period’s first day) and the ended period’s consumption. Nothing is saved; an active subscription only.
     */
    get: operations['getUpcomingInvoice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a subscription
     * @description With its plan, period, trial, add-ons, cancellation window and its latest invoice and credit note.
     */
    get: operations['getSubscription'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Switch auto-renewal on or off
     * @description `auto_renew: false` ends the subscription at the end of its period (`subscription.canceled`); true again before then keeps it.
     */
    patch: operations['updateSubscription'];
    trace?: never;
  };
  '/v1/subscriptions/{id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview a change
     * @description The exact invoice `/change` would issue now, with the same body. Nothing is saved.
     */
    post: operations['previewSubscriptionChange'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/change': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change plan, quantity or add-ons now
     * @description Prorated by days for the days left, invoiced at once: seats or packs added or removed are one line each (`+1 × Gold, 9 of 30 days`); another plan is a credit for the old plan’s unused days and a charge for the new one’s. `addons` is the whole list after the change; left out, the packs stay — except those whose module the new plan lacks, which end, credited for their unused days (listing one is refused). A plan without a price for the billing period answers 409 billing_period_mismatch.
     */
    post: operations['changeSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/billing_period': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change the billing period at the next cycle
     * @description Monthly to yearly or back, from the next cycle: nothing is prorated now; the upcoming invoice shows the new period.
     */
    post: operations['changeBillingPeriod'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the trial now and start paying
     * @description With no body the trial’s terms are kept. The body may choose, as the customer subscribes: the licences, the billing period, the add-ons and — for an account with nothing invoiced yet — the currency, which becomes the account’s. `POST /v1/subscriptions/preview` with the same terms shows what it bills.
     */
    post: operations['activateSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subscriptions/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel inside the cancellation window
     * @description Inside the plan's window (72 h from the purchase by default): canceled now, fully credited. After it: 409 cancellation_window_closed.
     */
    post: operations['cancelSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/entitlements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An account's entitlements
     * @description Its plans’ and packs’ grants, with usage in the current window (period, month or forever) and a state.
     */
    get: operations['listEntitlements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entitlements/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * May the account use this feature (quantity more)?
     * @description Never changes usage. A boolean feature answers whether it is enabled.
     */
    post: operations['checkEntitlement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entitlements/consume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Count usage
     * @description Atomic: over a blocking limit the answer is 409 quota_exceeded (with limit and used) and nothing is counted; `bill` and `allow` count past the limit.
     */
    post: operations['consumeEntitlement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entitlements/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Give back counter usage (an item was deleted)
     * @description For `counter` features (things that exist): gives back usage when an item is deleted, never below zero.
     */
    post: operations['releaseEntitlement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/usage_events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report usage in batches
     * @description Up to 1,000 events; an event id already seen is a duplicate and counts nothing. Events that would take a blocking quota past its limit are refused one by one, in batch order, and listed in `refused` (nothing counted for them; their ids stay free for a retry); billed and allowed overage count.
     */
    post: operations['createUsageEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List invoices
     * @description Newest first, paginated with `starting_after`; filter by account or subscription. A portal user names the account.
     */
    get: operations['listInvoices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an invoice
     * @description With its lines, taxes, totals, the credit applied and the credit notes that credit it.
     */
    get: operations['getInvoice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The invoice as PDF
     * @description A PDF/A-3 in the account’s language with the Factur-X (EN 16931) XML embedded, as `pdfdetach` shows.
     */
    get: operations['getInvoicePdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{id}/xml': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The invoice as EN 16931 XML
     * @description Factur-X / ZUGFeRD CII (profile EN 16931) by default, or `?format=ubl`, `xrechnung-cii`, `xrechnung-ubl`. The same data is embedded in the PDF. Answers 409 `invalid_state` naming what is missing (a postal address, a VAT number…) until the vendor’s settings and the account hold it.
     */
    get: operations['getInvoiceXml'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{id}/pay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the payment of an open invoice
     * @description Marks an open invoice paid, dated by the account’s clock (`invoice.paid`). Allot does not collect payments: your payment provider does, and you record it here.
     */
    post: operations['payInvoice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{id}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Void an invoice, open or paid: a credit note for the whole of it cancels it
     * @description The invoice keeps its number and shows `void`; a credit note for all of it is issued (`invoice.voided`, `credit_note.issued`). Refused with `invalid_state` when a credit note already credits it.
     */
    post: operations['voidInvoice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/billing/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run due billing work now
     * @description Renewals, period-end endings, trial expiries and warnings due on the wall clock. It also runs by itself; running it twice never bills twice.
     */
    post: operations['runBilling'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credit_notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List credit notes
     * @description Newest first. A downgrade, a cancellation inside the window and a void issue a credit note, numbered in its own gapless sequence, referencing the invoice it credits.
     */
    get: operations['listCreditNotes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credit_notes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a credit note
     * @description With its lines, taxes, totals, the invoice it credits and where the credit went.
     */
    get: operations['getCreditNote'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credit_notes/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The credit note as PDF
     * @description A Factur-X / ZUGFeRD e-invoice of type 381 (its CII XML embedded) once the vendor’s settings and the account hold the legal details EN 16931 needs.
     */
    get: operations['getCreditNotePdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credit_notes/{id}/xml': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The credit note as EN 16931 XML
     * @description CII (Factur-X / ZUGFeRD, type 381) by default, or `?format=ubl` (a UBL CreditNote), `xrechnung-cii`, `xrechnung-ubl`; 409 `invalid_state` naming what is missing.
     */
    get: operations['getCreditNoteXml'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Domain events, newest first
     * @description What webhooks deliver, kept for reading back: filter by type or account. The payload of each type is in this document’s `webhooks` section.
     */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook_endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List webhook endpoints
     * @description Newest first, paginated with `starting_after`; secrets are not shown.
     */
    get: operations['listWebhookEndpoints'];
    put?: never;
    /**
     * Create a webhook endpoint
     * @description Events from now on are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with `secret` — yours, or a generated one — shown only in this answer. A failed delivery is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (longer when the answer has a Retry-After); the endpoint is disabled on 410 Gone or when a delivery runs out of tries.
     */
    post: operations['createWebhookEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook_endpoints/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a webhook endpoint
     * @description Its URL, events, status (and why it was disabled); the secret is not shown.
     */
    get: operations['getWebhookEndpoint'];
    put?: never;
    /**
     * Update a webhook endpoint
     * @description Changes what is given. New `events` apply to events not yet queued for the endpoint. `status: "disabled"` stops it: nothing more is sent, and deliveries still waiting are failed (as when Allot disables it). `status: "enabled"` clears `disabled_reason` and starts it again from now: events that happened while it was disabled are not sent to it (as Stripe does); a failed delivery can be sent again with its `retry`.
     */
    post: operations['updateWebhookEndpoint'];
    /**
     * Delete a webhook endpoint
     * @description Nothing more is sent to it; its delivery log goes with it.
     */
    delete: operations['deleteWebhookEndpoint'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook_endpoints/{id}/rotate_secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a webhook endpoint's signing secret
     * @description Generates a new secret, shown only in this answer. Until `expire_previous_in_hours` have passed (default 24, 0 ends it now) every delivery carries two signatures in `webhook-signature` (`v1,<with the new> v1,<with the old>`), so receivers can switch to the new secret at their own pace; then only the new one. Rotating again within that time ends the older secret at once. The body may be left out.
     */
    post: operations['rotateWebhookEndpointSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook_endpoints/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An endpoint's delivery log
     * @description One delivery per event sent to the endpoint, newest first, with every attempt made.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook_endpoints/{id}/deliveries/{delivery_id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Retry a webhook delivery
     * @description Sends a failed or succeeded delivery again, now: it goes back to `pending`, due at once, and its log keeps every attempt, the new one marked `trigger: "manual"`. That is one attempt: if it fails, the delivery is `failed` again, without a new retry schedule and without counting towards disabling the endpoint (unless the receiver answers 410 Gone). The receiver gets the same `webhook-id` as before, so it can tell a repeat. A pending delivery is already on its way, and a disabled endpoint is sent nothing: both are refused with 409 `invalid_state`.
     */
    post: operations['retryWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/emails': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * E-mails to account managers, newest first
     * @description Quota warnings and exhaustion, seats running out and trials ending e-mail the account’s owners and subscription managers in the account’s language, as text and HTML, from your legal name (or your tenant’s name), with a link to the portal page that acts on them. One consume that crosses several thresholds at once e-mails only the highest. Sent over SMTP when ALLOT_SMTP_URL is set (`sent`, retried with backoff, `failed` after a permanent refusal or the last try); otherwise kept here as `stored`. A user sees the e-mails of the accounts they may read.
     */
    get: operations['listEmails'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/emails/{id}/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send an e-mail again
     * @description Queues a new e-mail with the same content to the same recipient, sent like any other; its `resent_from` names the original. For the vendor only.
     */
    post: operations['resendEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tenant's whole history
     * @description Every write, newest first: catalog changes as well as accounts, users and subscriptions. For the vendor only.
     */
    get: operations['listHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/portal_sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open the portal for a user
     * @description Answers a link for one of your customers’ users. Redirect the user’s browser to `url`: its one-time token becomes an HttpOnly session cookie, and the portal then acts as that user, with its roles, over its account and the accounts below it.
     */
    post: operations['createPortalSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/portal_sessions/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The portal session of this request
     * @description For the portal’s pages: who is signed in, in which language, and the CSRF token for writes.
     */
    get: operations['getCurrentPortalSession'];
    put?: never;
    post?: never;
    /**
     * Sign out of the portal
     * @description Ends the session of this request and clears its cookie.
     */
    delete: operations['deleteCurrentPortalSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/portal_sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End a portal session
     * @description The vendor signs a user out, e.g. when the user leaves the vendor’s application.
     */
    delete: operations['deletePortalSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/test_clocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List test clocks
     * @description Newest first, paginated with `starting_after`.
     */
    get: operations['listTestClocks'];
    put?: never;
    /**
     * Create a test clock
     * @description Accounts bound to it live at its frozen time, which moves only when advanced.
     */
    post: operations['createTestClock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/test_clocks/{id}/advance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Advance a test clock
     * @description Moves the clock forward (never back) and runs every renewal, trial end, quota reset and invoice due on the way, in time order.
     */
    post: operations['advanceTestClock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/test_clocks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a test clock
     * @description Its `frozen_time`: the time accounts bound to it live at.
     */
    get: operations['getTestClock'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'quota.warning': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * quota.warning
     * @description Usage crossed one of the feature’s warning levels. Delivered to every enabled endpoint that listens to `quota.warning`, retried with backoff until it answers 2xx.
     */
    post: operations['onQuotaWarningEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'quota.exhausted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * quota.exhausted
     * @description Usage reached the limit. Delivered to every enabled endpoint that listens to `quota.exhausted`, retried with backoff until it answers 2xx.
     */
    post: operations['onQuotaExhaustedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'quota.reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * quota.reset
     * @description A new quota period started: usage is back to zero. Delivered to every enabled endpoint that listens to `quota.reset`, retried with backoff until it answers 2xx.
     */
    post: operations['onQuotaResetEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.created
     * @description A subscription was created. Delivered to every enabled endpoint that listens to `subscription.created`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionCreatedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.updated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.updated
     * @description A subscription changed (plan, quantity, add-ons, renewal, trial): after and before. Delivered to every enabled endpoint that listens to `subscription.updated`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionUpdatedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.renewed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.renewed
     * @description A subscription entered a new period. Delivered to every enabled endpoint that listens to `subscription.renewed`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionRenewedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.canceled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.canceled
     * @description A subscription ended. Delivered to every enabled endpoint that listens to `subscription.canceled`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionCanceledEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.expired': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.expired
     * @description A trial ended without being activated. Delivered to every enabled endpoint that listens to `subscription.expired`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionExpiredEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'subscription.trial_will_end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * subscription.trial_will_end
     * @description A trial ends soon. Delivered to every enabled endpoint that listens to `subscription.trial_will_end`, retried with backoff until it answers 2xx.
     */
    post: operations['onSubscriptionTrialWillEndEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'invoice.issued': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * invoice.issued
     * @description An invoice was issued. Delivered to every enabled endpoint that listens to `invoice.issued`, retried with backoff until it answers 2xx.
     */
    post: operations['onInvoiceIssuedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'invoice.paid': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * invoice.paid
     * @description An invoice was recorded as paid. Delivered to every enabled endpoint that listens to `invoice.paid`, retried with backoff until it answers 2xx.
     */
    post: operations['onInvoicePaidEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'invoice.voided': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * invoice.voided
     * @description An invoice was voided. Delivered to every enabled endpoint that listens to `invoice.voided`, retried with backoff until it answers 2xx.
     */
    post: operations['onInvoiceVoidedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'credit_note.issued': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * credit_note.issued
     * @description A credit note was issued. Delivered to every enabled endpoint that listens to `credit_note.issued`, retried with backoff until it answers 2xx.
     */
    post: operations['onCreditNoteIssuedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'seats.exhausted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * seats.exhausted
     * @description Every seat of a feature is in use. Delivered to every enabled endpoint that listens to `seats.exhausted`, retried with backoff until it answers 2xx.
     */
    post: operations['onSeatsExhaustedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'allocation.changed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * allocation.changed
     * @description The seats a parent gives an account changed. Delivered to every enabled endpoint that listens to `allocation.changed`, retried with backoff until it answers 2xx.
     */
    post: operations['onAllocationChangedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'user.deactivated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * user.deactivated
     * @description A user was deactivated. Delivered to every enabled endpoint that listens to `user.deactivated`, retried with backoff until it answers 2xx.
     */
    post: operations['onUserDeactivatedEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /** Account */
    Account: {
      id: string;
      /** @constant */
      object: 'account';
      name: string;
      external_id: string | null;
      parent_id: string | null;
      kind: 'partner' | 'customer' | 'site';
      currency: string;
      timezone: string;
      locale: 'en' | 'fr' | 'de';
      billing_period: 'month' | 'year';
      bill_to_parent: boolean;
      billing_basis: {
        from: string;
        basis: string;
      }[];
      tax_rate_bps: number;
      test_clock: string | null;
      legal_name: string | null;
      billing_address: components['schemas']['PostalAddress'] | null;
      vat_number: string | null;
      /** @description Credit from credit notes (a downgrade, a cancellation, a void), used by the next invoices (minor units). */
      credit_balance: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /** AccountCreate */
    AccountCreate: {
      /** @example Brasserie Lumière */
      name: string;
      external_id?: string | null;
      parent_id?: string | null;
      kind?: 'partner' | 'customer' | 'site';
      /** @example EUR */
      currency?: string;
      /** @example Europe/Paris */
      timezone?: string;
      locale?: 'en' | 'fr' | 'de';
      billing_period?: 'month' | 'year';
      bill_to_parent?: boolean;
      /** @description Whether seats are billed on those used or those allocated, from each date on. */
      billing_basis?: {
        /**
         * Format: date
         * @description First day the basis applies (YYYY-MM-DD).
         */
        from: string;
        basis: 'used' | 'allocated';
      }[];
      /** @description Tax rate in basis points: 2000 is 20 %. */
      tax_rate_bps?: number;
      test_clock?: string | null;
      /** @description The registered name invoices are made out to (default: name). */
      legal_name?: string | null;
      billing_address?: components['schemas']['PostalAddress'] | null;
      vat_number?: string | null;
    };
    /** AccountUpdate */
    AccountUpdate: {
      external_id?: string | null;
      parent_id?: string | null;
      /** @example EUR */
      currency?: string;
      /** @example Europe/Paris */
      timezone?: string;
      locale?: 'en' | 'fr' | 'de';
      billing_period?: 'month' | 'year';
      bill_to_parent?: boolean;
      /** @description Whether seats are billed on those used or those allocated, from each date on. */
      billing_basis?: {
        /**
         * Format: date
         * @description First day the basis applies (YYYY-MM-DD).
         */
        from: string;
        basis: 'used' | 'allocated';
      }[];
      /** @description Tax rate in basis points: 2000 is 20 %. */
      tax_rate_bps?: number;
      test_clock?: string | null;
      /** @description The registered name invoices are made out to (default: name). */
      legal_name?: string | null;
      billing_address?: components['schemas']['PostalAddress'] | null;
      vat_number?: string | null;
      /** @example Brasserie Lumière */
      name?: string;
    };
    /** Addon */
    Addon: {
      id: string;
      key: string;
      name: string;
      names: {
        fr?: string;
        de?: string;
      };
      /** @description Terms version; subscriptions keep the version they bought. */
      version: number;
      modules: string[];
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @constant */
      object: 'addon';
      grants: {
        feature: string;
        amount: number;
      }[];
      prices: {
        billing_period: string;
        currency: string;
        amount: number;
      }[];
    };
    /** AddonCreate */
    AddonCreate: {
      /** @example extra-users-sales */
      key: string;
      name: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      /** @description Keys of the modules (products) it covers. */
      modules?: string[];
      grants?: {
        /** @example users */
        feature: string;
        amount?: number;
      }[];
      prices?: {
        billing_period: 'month' | 'year' | 'once';
        /** @example EUR */
        currency: string;
        /** @description Per period (or once), per unit of quantity. */
        amount: number;
      }[];
    };
    /** AddonUpdate */
    AddonUpdate: {
      name?: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      /** @description Keys of the modules (products) it covers. */
      modules?: string[];
      grants?: {
        /** @example users */
        feature: string;
        amount?: number;
      }[];
      prices?: {
        billing_period: 'month' | 'year' | 'once';
        /** @example EUR */
        currency: string;
        /** @description Per period (or once), per unit of quantity. */
        amount: number;
      }[];
    };
    /**
     * AllocationChangedEvent
     * @description `allocation.changed`: The seats a parent gives an account changed.
     */
    AllocationChangedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'allocation.changed';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description The seats a parent gives an account changed. */
      data: {
        feature: string;
        before: number | null;
        after: number;
        reason: string;
      };
    };
    /** ApiKey */
    ApiKey: {
      id: string;
      /** @constant */
      object: 'api_key';
      type: 'secret' | 'publishable';
      name: string | null;
      /** @description A publishable key in full (it is public); null for a secret key. */
      publishable_key: string | null;
      last4: string;
      allowed_origins: string[];
      /** @description The key this request was made with. */
      in_use: boolean;
      /** Format: date-time */
      created_at: string;
      revoked_at: string | null;
      /** @description A rolled key works until then; null: until it is revoked. */
      expires_at: string | null;
    };
    /** CatalogDocument */
    CatalogDocument: {
      features?: components['schemas']['FeatureCreate'][];
      plans?: components['schemas']['PlanCreate'][];
      addons?: components['schemas']['AddonCreate'][];
      pricing_tables?: components['schemas']['PricingTableCreate'][];
    };
    /** CheckAnswer */
    CheckAnswer: {
      allowed: boolean;
      feature: string;
      kind: string;
      limit: number | null;
      used: number;
      remaining: number | null;
      state: 'ok' | 'warning' | 'exhausted';
      enabled: boolean;
      period_start: string | null;
      period_end: string | null;
      overage: 'block' | 'bill' | 'allow';
      warn_at: number[];
      /**
       * @example no_active_subscription
       * @example not_in_plan
       * @example quota_exceeded
       * @example disabled
       */
      reason?: string;
      replayed?: boolean;
    };
    /** CreditNote */
    CreditNote: {
      id: string;
      /** @constant */
      object: 'credit_note';
      /**
       * @description In the credit notes’ own gapless sequence.
       * @example CN-000007
       */
      number: string;
      sequence: number;
      account: string;
      subscription: string | null;
      /** @description The invoice it credits. */
      invoice: string | null;
      invoice_number: string | null;
      reason: 'subscription_update' | 'cancellation' | 'invoice_void' | 'subscription_end';
      currency: string;
      period_start: string | null;
      period_end: string | null;
      /** @description As printed: a positive amount is credited; a negative one (a new plan’s remaining days) reduces the credit. */
      lines: components['schemas']['InvoiceLine'][];
      tax_rate_bps: number;
      subtotal: number;
      tax: number;
      /** @description What is credited, tax included (positive). */
      total: number;
      /** @description What the credited invoice no longer owes (a void of an open invoice). */
      applied_to_invoice: number;
      /** @description What went to the account’s credit balance, for its next invoices. */
      credited_to_balance: number;
      /** Format: date-time */
      issued_at: string;
    };
    /**
     * CreditNoteIssuedEvent
     * @description `credit_note.issued`: A credit note was issued.
     */
    CreditNoteIssuedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'credit_note.issued';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A credit note was issued. */
      data: {
        /** @description The credit note’s id. */
        credit_note: string;
        /** @description The invoice it credits. */
        invoice: string | null;
        /** @description The amount credited, in minor units. */
        total: number;
        /** @example EUR */
        currency: string;
      };
    };
    /** CurrentPortalSession */
    CurrentPortalSession: {
      id: string;
      /** @constant */
      object: 'portal_session';
      account: string;
      user: {
        id: string;
        name: string;
        email: string;
        account: string;
        roles: string[];
      };
      locale: string;
      return_url: string | null;
      /** @description Echo it in `Allot-CSRF-Token` on every write from the portal. */
      csrf_token: string;
      /** Format: date-time */
      expires_at: string;
      /** Format: date-time */
      idle_expires_at: string;
      /**
       * Format: date-time
       * @description The time by the account’s clock (a test clock’s, if it is on one): windows and trial days count from it.
       */
      now: string;
    };
    /** Email */
    Email: {
      id: string;
      /** @constant */
      object: 'email';
      /** @description The event that caused it. */
      event: string;
      /** @example quota.warning */
      type: string;
      account: string;
      /** @description The recipient: an owner or subscription manager of the account. */
      user: string;
      to: string;
      /** @example fr */
      locale: string;
      subject: string;
      /** @description The plain-text version. */
      text: string;
      /** @description The HTML version, sent beside the text (multipart/alternative); null for older e-mails. */
      html: string | null;
      /** @description Its call to action: the portal page that acts on it (your `portal_url` with `page=`, else Allot’s portal). */
      link: string | null;
      /** @description For a resend: the original e-mail. */
      resent_from: string | null;
      status: 'pending' | 'sent' | 'stored' | 'failed';
      attempts: number;
      last_error: string | null;
      /** Format: date-time */
      created_at: string;
      sent_at: string | null;
    };
    /**
     * Event
     * @description Any event: what `GET /v1/events` lists and webhooks deliver, told apart by `type`.
     */
    Event:
      | components['schemas']['QuotaWarningEvent']
      | components['schemas']['QuotaExhaustedEvent']
      | components['schemas']['QuotaResetEvent']
      | components['schemas']['SubscriptionCreatedEvent']
      | components['schemas']['SubscriptionUpdatedEvent']
      | components['schemas']['SubscriptionRenewedEvent']
      | components['schemas']['SubscriptionCanceledEvent']
      | components['schemas']['SubscriptionExpiredEvent']
      | components['schemas']['SubscriptionTrialWillEndEvent']
      | components['schemas']['InvoiceIssuedEvent']
      | components['schemas']['InvoicePaidEvent']
      | components['schemas']['InvoiceVoidedEvent']
      | components['schemas']['CreditNoteIssuedEvent']
      | components['schemas']['SeatsExhaustedEvent']
      | components['schemas']['AllocationChangedEvent']
      | components['schemas']['UserDeactivatedEvent'];
    /** Feature */
    Feature: {
      id: string;
      /** @constant */
      object: 'feature';
      /** @example tickets */
      key: string;
      name: string;
      names: {
        fr?: string;
        de?: string;
      };
      /** @description boolean (SSO), quota (items per period), seat (users), counter (items at once), credit (a balance) */
      kind: 'boolean' | 'quota' | 'seat' | 'counter' | 'credit';
      unit: string | null;
      module: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /** FeatureCreate */
    FeatureCreate: {
      /** @example tickets */
      key: string;
      name: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      /** @description boolean (SSO), quota (items per period), seat (users), counter (items at once), credit (a balance) */
      kind: 'boolean' | 'quota' | 'seat' | 'counter' | 'credit';
      unit?: string | null;
      /** @description For a seat feature: the module whose users take its seats. */
      module?: string | null;
    };
    /** FeatureUpdate */
    FeatureUpdate: {
      name?: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      unit?: string | null;
    };
    /** HistoryEntry */
    HistoryEntry: {
      id: string;
      /** @constant */
      object: 'history_entry';
      /** Format: date-time */
      at: string;
      /** @description { type: key, id } or { type: user, id, email, account_id } */
      actor: {
        [key: string]: unknown;
      };
      /** @example user.created */
      action: string;
      subject: {
        type: string;
        id: string;
      };
      account: string | null;
      before: {
        [key: string]: unknown;
      } | null;
      after: {
        [key: string]: unknown;
      } | null;
    };
    /** Invoice */
    Invoice: {
      id: string | null;
      /** @constant */
      object: 'invoice';
      number: string | null;
      sequence: number | null;
      account: string;
      subscription: string | null;
      reason: string;
      status: 'draft' | 'open' | 'paid' | 'void';
      currency: string;
      period_start: string | null;
      period_end: string | null;
      lines: components['schemas']['InvoiceLine'][];
      tax_rate_bps: number;
      subtotal: number;
      tax: number;
      total: number;
      credit_applied: number;
      amount_due: number;
      /** Format: date-time */
      issued_at: string;
      paid_at: string | null;
      voided_at: string | null;
      /** @description The credit notes that credit this invoice, oldest first. */
      credit_notes: {
        id: string;
        number: string;
        total: number;
      }[];
    };
    /**
     * InvoiceIssuedEvent
     * @description `invoice.issued`: An invoice was issued.
     */
    InvoiceIssuedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'invoice.issued';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description An invoice was issued. */
      data: {
        /** @description The invoice’s id. */
        invoice: string;
        /** @description The total, in minor units. */
        total: number;
        /** @description What is left to pay after credit, in minor units. */
        amount_due: number;
        /** @example EUR */
        currency: string;
      };
    };
    /** InvoiceLine */
    InvoiceLine: {
      kind: string;
      /** @example Unused time on Premium, 10 of 30 days */
      description: string;
      subscription: string | null;
      /** @description For a reseller’s seat line: the customer or site whose seats it bills; null for other lines. */
      account: string | null;
      period_start: string | null;
      period_end: string | null;
      quantity: number;
      unit_amount: number;
      amount: number;
      tax: number;
      /** @description For a prorated line: amount = quantity × unit_amount × days / period_days, rounded once. */
      proration: {
        /** @description Days the line bills (from the change to the period end). */
        days: number;
        /** @description Days in the period. */
        period_days: number;
      } | null;
    };
    /**
     * InvoicePaidEvent
     * @description `invoice.paid`: An invoice was recorded as paid.
     */
    InvoicePaidEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'invoice.paid';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description An invoice was recorded as paid. */
      data: {
        invoice: string;
        number: string;
        /** @description The amount paid, in minor units. */
        amount: number;
      };
    };
    /**
     * InvoiceVoidedEvent
     * @description `invoice.voided`: An invoice was voided.
     */
    InvoiceVoidedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'invoice.voided';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description An invoice was voided. */
      data: {
        invoice: string;
        number: string;
        /** @description What the invoice still owed, in minor units. */
        amount: number;
        /** @description The credit note that cancels it, if it had been issued with lines. */
        credit_note: string | null;
      };
    };
    /** Plan */
    Plan: {
      id: string;
      key: string;
      name: string;
      names: {
        fr?: string;
        de?: string;
      };
      /** @description Terms version; subscriptions keep the version they bought. */
      version: number;
      modules: string[];
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @constant */
      object: 'plan';
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
    };
    /** PlanCreate */
    PlanCreate: {
      /** @example premium */
      key: string;
      name: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      /** @description Keys of the modules (products) it covers. */
      modules?: string[];
      /** @description Higher is a bigger plan (upgrade vs downgrade). */
      rank?: number;
      trial_days?: number;
      /** @default 72 */
      cancellation_window_hours?: number;
      entitlements?: {
        /** @example tickets */
        feature: string;
        limit?: number | null;
        enabled?: boolean;
        reset?: 'period' | 'month' | 'never';
        overage?: 'block' | 'bill' | 'allow';
        overage_unit_amount?: number | null;
        warn_at?: number[];
      }[];
      prices?: {
        billing_period: 'month' | 'year';
        /** @example EUR */
        currency: string;
        /** @description Per period, in the currency’s minor unit; per seat when per_seat. */
        amount: number;
        per_seat?: boolean;
        consumption_unit_amount?: number | null;
      }[];
    };
    /** PlanUpdate */
    PlanUpdate: {
      name?: string;
      /** @description The name in French and German, for invoices, e-mails and the portal. */
      names?: {
        /** @example Billets */
        fr?: string;
        /** @example Tickets */
        de?: string;
      };
      /** @description Keys of the modules (products) it covers. */
      modules?: string[];
      /** @description Higher is a bigger plan (upgrade vs downgrade). */
      rank?: number;
      trial_days?: number;
      /** @default 72 */
      cancellation_window_hours?: number;
      entitlements?: {
        /** @example tickets */
        feature: string;
        limit?: number | null;
        enabled?: boolean;
        reset?: 'period' | 'month' | 'never';
        overage?: 'block' | 'bill' | 'allow';
        overage_unit_amount?: number | null;
        warn_at?: number[];
      }[];
      prices?: {
        billing_period: 'month' | 'year';
        /** @example EUR */
        currency: string;
        /** @description Per period, in the currency’s minor unit; per seat when per_seat. */
        amount: number;
        per_seat?: boolean;
        consumption_unit_amount?: number | null;
      }[];
    };
    /** PortalSession */
    PortalSession: {
      id: string;
      /** @constant */
      object: 'portal_session';
      account: string;
      user: string;
      /** @description Good once, for 5 minutes. */
      url: string;
      /**
       * Format: date-time
       * @description When the link stops working.
       */
      expires_at: string;
    };
    /** PortalSessionCreate */
    PortalSessionCreate: {
      /** @description The account the portal opens on (id or external_id). */
      account: string;
      /** @description The user who signs in (id or external_id): a user of the account or of an account above it. */
      user: string;
      /**
       * @description en, fr or de; default the account’s
       * @example fr
       */
      locale?: string;
      /** @description Where “Back to the application” and logout lead. */
      return_url?: string;
      /**
       * @description The page to land on: overview, plans, licences, packs, users, invoices, history, subscribe, customers
       * @example plans
       */
      page?: string;
    };
    /** PostalAddress */
    PostalAddress: {
      /** @example 12 rue de la République */
      line1: string;
      line2?: string | null;
      /** @example 69002 */
      postal_code: string;
      /** @example Lyon */
      city: string;
      region?: string | null;
      /**
       * Format: country
       * @description ISO 3166-1 alpha-2.
       * @example FR
       */
      country: string;
    };
    /** PricingTable */
    PricingTable: {
      id: string;
      /** @constant */
      object: 'pricing_table';
      key: string;
      name: string;
      published: boolean;
      plans: string[];
      highlighted_plan: string | null;
      features: string[];
      call_to_action_url: string;
      default_billing_period: 'month' | 'year';
      default_currency: string | null;
      /** @description What a page shows, resolved from the catalog at read time. */
      display: {
        billing_periods: ('month' | 'year')[];
        /** @description The default currency first. */
        currencies: string[];
        features: {
          key: string;
          name: string;
          kind: string;
          unit: string | null;
        }[];
        plans: {
          key: string;
          name: string;
          highlighted: boolean;
          trial_days: number;
          prices: {
            billing_period: 'month' | 'year';
            currency: string;
            amount: number;
            per_seat: boolean;
          }[];
          features: {
            feature: string;
            included: boolean;
            limit: number | null;
            enabled: boolean;
            reset: string;
          }[];
        }[];
      };
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /** PricingTableCreate */
    PricingTableCreate: {
      /** @example website */
      key: string;
      /** @example Our plans */
      name: string;
      /** @description Shown to publishable keys (default true); a draft is read by secret keys only. */
      published?: boolean;
      /**
       * @description Plans by key or id, in the order shown.
       * @example [
       *       "starter",
       *       "pro",
       *       "business"
       *     ]
       */
      plans: string[];
      /** @description One of `plans`, marked. */
      highlighted_plan?: string | null;
      /** @description Features compared, in order (default: every feature the plans grant). */
      features?: string[];
      /**
       * @description The vendor's sign-up page; the visitor's choice is added to its query (`plan`, `billing_period`, `currency`, `quantity`).
       * @example https://www.example.com/signup
       */
      call_to_action_url: string;
      default_billing_period?: 'month' | 'year';
      default_currency?: string | null;
    };
    /** PricingTableUpdate */
    PricingTableUpdate: {
      /** @example Our plans */
      name?: string;
      /** @description Shown to publishable keys (default true); a draft is read by secret keys only. */
      published?: boolean;
      /**
       * @description Plans by key or id, in the order shown.
       * @example [
       *       "starter",
       *       "pro",
       *       "business"
       *     ]
       */
      plans?: string[];
      /** @description One of `plans`, marked. */
      highlighted_plan?: string | null;
      /** @description Features compared, in order (default: every feature the plans grant). */
      features?: string[];
      /**
       * @description The vendor's sign-up page; the visitor's choice is added to its query (`plan`, `billing_period`, `currency`, `quantity`).
       * @example https://www.example.com/signup
       */
      call_to_action_url?: string;
      default_billing_period?: 'month' | 'year';
      default_currency?: string | null;
    };
    /**
     * Problem
     * @description RFC 9457 problem details (application/problem+json).
     */
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      /** @example validation_failed */
      code: string;
      errors?: {
        field: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    /**
     * QuotaExhaustedEvent
     * @description `quota.exhausted`: Usage reached the limit.
     */
    QuotaExhaustedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'quota.exhausted';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description Usage reached the limit. */
      data: {
        /** @description The feature key. */
        feature: string;
        limit: number | null;
        used: number;
        overage: 'block' | 'bill' | 'allow';
        /** @description When the quota resets; null for a counter that never resets. */
        period_end: string | null;
      };
    };
    /**
     * QuotaResetEvent
     * @description `quota.reset`: A new quota period started: usage is back to zero.
     */
    QuotaResetEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'quota.reset';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A new quota period started: usage is back to zero. */
      data: {
        feature: string;
        previous_used: number;
        /** Format: date-time */
        period_start: string;
        /** @description When the quota resets; null for a counter that never resets. */
        period_end: string | null;
      };
    };
    /**
     * QuotaWarningEvent
     * @description `quota.warning`: Usage crossed one of the feature’s warning levels.
     */
    QuotaWarningEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'quota.warning';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description Usage crossed one of the feature’s warning levels. */
      data: {
        /** @description The feature key. */
        feature: string;
        limit: number | null;
        used: number;
        overage: 'block' | 'bill' | 'allow';
        /** @description When the quota resets; null for a counter that never resets. */
        period_end: string | null;
        /** @description The warning level crossed, in percent. */
        threshold: number;
      };
    };
    /** Quote */
    Quote: {
      /** @constant */
      object: 'quote';
      pricing_table: string;
      plan: string;
      billing_period: 'month' | 'year';
      currency: string;
      /** @description Billed quantity: 1 for a flat price. */
      quantity: number;
      lines: {
        /** @constant */
        kind: 'subscription';
        description: string;
        quantity: number;
        unit_amount: number;
        amount: number;
      }[];
      /** @description The first whole period, before tax, in minor units. */
      subtotal: number;
      /** @constant */
      tax_included: false;
      per_month: number;
      saving: {
        amount: number;
        percent: number;
      } | null;
      trial_days: number;
    };
    /** QuoteInput */
    QuoteInput: {
      plan: string;
      billing_period: 'month' | 'year';
      /** @example EUR */
      currency: string;
      /** @description Licences, for a per-seat price (default 1). */
      quantity?: number;
    };
    /** SeatAllocation */
    SeatAllocation: {
      feature: string;
      /** @description Seats the account has (null: unlimited). */
      allocated: number | null;
      used: number;
      source: 'allocation' | 'subscription';
    };
    /**
     * SeatsExhaustedEvent
     * @description `seats.exhausted`: Every seat of a feature is in use.
     */
    SeatsExhaustedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'seats.exhausted';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description Every seat of a feature is in use. */
      data: {
        feature: string;
        allocated: number;
        used: number;
      };
    };
    /** Subscription */
    Subscription: {
      id: string;
      /** @constant */
      object: 'subscription';
      account: string;
      plan: string;
      plan_key: string | null;
      plan_version: number;
      billing_period: 'month' | 'year';
      currency: string;
      quantity: number;
      status: 'trialing' | 'active' | 'canceled' | 'expired';
      trial_end: string | null;
      /** Format: date-time */
      current_period_start: string;
      /** Format: date-time */
      current_period_end: string;
      auto_renew: boolean;
      /**
       * Format: date-time
       * @description Cancellation with a full credit is possible until then.
       */
      cancellable_until: string;
      addons: {
        addon: string;
        addon_key: string | null;
        quantity: number;
      }[];
      /** @description For a reseller's customer billed on its seats (a billing basis, a per-seat price): the seats billed this period per account, itself or a site. */
      seats:
        | {
            account: string;
            seats: number;
          }[]
        | null;
      scheduled_changes: {
        type: string;
        billing_period: string;
        /** Format: date-time */
        effective_at: string;
      }[];
      ended_at: string | null;
      /** Format: date-time */
      created_at: string;
      latest_invoice?: string | null;
      /** @description The credit note this action issued (a downgrade, a cancellation inside the window), if any. */
      latest_credit_note?: string | null;
    };
    /**
     * SubscriptionCanceledEvent
     * @description `subscription.canceled`: A subscription ended.
     */
    SubscriptionCanceledEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.canceled';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A subscription ended. */
      data:
        | {
            subscription: components['schemas']['Subscription'];
            previous: components['schemas']['Subscription'];
          }
        | {
            /** @description The subscription’s id. */
            subscription: string;
            /** @constant */
            reason: 'auto_renew_off';
            /** Format: date-time */
            ended_at: string;
          };
    };
    /** SubscriptionChange */
    SubscriptionChange: {
      plan?: string;
      /** @description Seats, for a per-seat price. */
      quantity?: number;
      /** @description The whole list of add-ons after the change. */
      addons?: {
        /** @description Add-on id or key. */
        addon: string;
        quantity?: number;
      }[];
    };
    /** SubscriptionCreate */
    SubscriptionCreate: {
      /** @description Account id or external_id. */
      account: string;
      /**
       * @description Plan id or key.
       * @example tw-premium
       */
      plan: string;
      billing_period?: 'month' | 'year';
      currency?: string;
      /** @description Seats, for a per-seat price. */
      quantity?: number;
      /** @description Start with the plan's free trial. */
      trial?: boolean;
      /** @default true */
      auto_renew?: boolean;
      addons?: {
        /** @description Add-on id or key. */
        addon: string;
        quantity?: number;
      }[];
    };
    /**
     * SubscriptionCreatedEvent
     * @description `subscription.created`: A subscription was created.
     */
    SubscriptionCreatedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.created';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A subscription was created. */
      data: {
        subscription: components['schemas']['Subscription'];
      };
    };
    /**
     * SubscriptionExpiredEvent
     * @description `subscription.expired`: A trial ended without being activated.
     */
    SubscriptionExpiredEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.expired';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A trial ended without being activated. */
      data: {
        subscription: string;
        /** Format: date-time */
        trial_end: string;
      };
    };
    /**
     * SubscriptionRenewedEvent
     * @description `subscription.renewed`: A subscription entered a new period.
     */
    SubscriptionRenewedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.renewed';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A subscription entered a new period. */
      data: {
        /** @description The subscription’s id. */
        subscription: string;
        /** Format: date-time */
        current_period_start: string;
        /** Format: date-time */
        current_period_end: string;
        billing_period: 'month' | 'year';
      };
    };
    /**
     * SubscriptionTrialWillEndEvent
     * @description `subscription.trial_will_end`: A trial ends soon.
     */
    SubscriptionTrialWillEndEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.trial_will_end';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A trial ends soon. */
      data: {
        subscription: string;
        /** Format: date-time */
        trial_end: string;
        /**
         * Format: date
         * @description In the account’s time zone.
         */
        trial_last_day: string;
      };
    };
    /**
     * SubscriptionUpdatedEvent
     * @description `subscription.updated`: A subscription changed (plan, quantity, add-ons, renewal, trial): after and before.
     */
    SubscriptionUpdatedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'subscription.updated';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A subscription changed (plan, quantity, add-ons, renewal, trial): after and before. */
      data: {
        subscription: components['schemas']['Subscription'];
        previous: components['schemas']['Subscription'];
      };
    };
    /** TestClock */
    TestClock: {
      /** @example clock_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'test_clock';
      name: string | null;
      /**
       * Format: date-time
       * @description The time accounts bound to this clock live at.
       */
      frozen_time: string;
      /** Format: date-time */
      created_at: string;
    };
    /** UsageInput */
    UsageInput: {
      /** @description Account id or external_id. */
      account: string;
      /**
       * @description Feature key.
       * @example tickets
       */
      feature: string;
      /** @default 1 */
      quantity?: number;
      /** @description The same key counts once. */
      idempotency_key?: string;
    };
    /** User */
    User: {
      id: string;
      /** @constant */
      object: 'user';
      account: string;
      email: string;
      name: string;
      external_id: string | null;
      roles: ('owner' | 'subscription_manager' | 'member')[];
      modules: string[];
      status: 'active' | 'deactivated';
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /** UserCreate */
    UserCreate: {
      /**
       * Format: email
       * @example camille@lumiere.fr
       */
      email: string;
      name: string;
      external_id?: string | null;
      roles?: ('owner' | 'subscription_manager' | 'member')[];
      modules?: string[];
      status?: 'active' | 'deactivated';
    };
    /**
     * UserDeactivatedEvent
     * @description `user.deactivated`: A user was deactivated.
     */
    UserDeactivatedEvent: {
      /** @example evt_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'user.deactivated';
      /** @description The account it happened to. */
      account: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description A user was deactivated. */
      data: {
        user: string;
        /** @constant */
        reason: 'trial_expired';
      };
    };
    /** UserUpdate */
    UserUpdate: {
      /**
       * Format: email
       * @example camille@lumiere.fr
       */
      email?: string;
      name?: string;
      external_id?: string | null;
      roles?: ('owner' | 'subscription_manager' | 'member')[];
      modules?: string[];
      status?: 'active' | 'deactivated';
    };
    /** WebhookAttempt */
    WebhookAttempt: {
      attempt: number;
      /** Format: date-time */
      at: string;
      status_code: number | null;
      duration_ms: number;
      error: string | null;
      /** @description `manual`: made because the vendor asked for a retry. */
      trigger: 'scheduled' | 'manual';
    };
    /** WebhookDelivery */
    WebhookDelivery: {
      id: string;
      /** @constant */
      object: 'webhook_delivery';
      endpoint: string;
      /** @description The event id, sent as `webhook-id`. */
      event: string;
      event_type: string | null;
      status: 'pending' | 'succeeded' | 'failed';
      attempt_count: number;
      next_attempt_at: string | null;
      last_status_code: number | null;
      last_error: string | null;
      /** Format: date-time */
      created_at: string;
      delivered_at: string | null;
      attempts: components['schemas']['WebhookAttempt'][];
    };
    /** WebhookEndpoint */
    WebhookEndpoint: {
      /** @example we_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'webhook_endpoint';
      url: string;
      /**
       * @example [
       *       "invoice.issued",
       *       "invoice.paid"
       *     ]
       */
      events: string[];
      status: 'enabled' | 'disabled';
      disabled_reason: string | null;
      previous_secret_expires_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /** WebhookEndpointWithSecret */
    WebhookEndpointWithSecret: {
      /** @example we_01jd8x5n6qf3r9v2w4y7z0a1b2 */
      id: string;
      /** @constant */
      object: 'webhook_endpoint';
      url: string;
      /**
       * @example [
       *       "invoice.issued",
       *       "invoice.paid"
       *     ]
       */
      events: string[];
      status: 'enabled' | 'disabled';
      disabled_reason: string | null;
      previous_secret_expires_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @description The signing secret, shown in this answer only. */
      secret: string;
    };
  };
  responses: {
    /** @description Problem: `forbidden`. */
    Forbidden: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/forbidden",
         *       "title": "Not allowed",
         *       "status": 403,
         *       "detail": "This user may not change this account.",
         *       "code": "forbidden"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Problem: `idempotency_key_reused`. */
    IdempotencyKeyReused: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/idempotency-key-reused",
         *       "title": "Idempotency key reused",
         *       "status": 422,
         *       "detail": "This Idempotency-Key was used with another request.",
         *       "code": "idempotency_key_reused"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Problem: `not_found`. */
    NotFound: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/not-found",
         *       "title": "Not found",
         *       "status": 404,
         *       "detail": "No account acct_01jd8x5n6qf3r9v2w4y7z0a1b2.",
         *       "code": "not_found"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Problem: `service_unavailable`. */
    ServiceUnavailable: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/service-unavailable",
         *       "title": "Service unavailable",
         *       "status": 503,
         *       "detail": "The database does not answer; retry in a moment.",
         *       "code": "service_unavailable"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Problem: `unauthenticated`. */
    Unauthenticated: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/unauthenticated",
         *       "title": "Authentication required",
         *       "status": 401,
         *       "detail": "No valid secret key: send Authorization: Bearer sk_…",
         *       "code": "unauthenticated"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Problem: `validation_failed`. */
    ValidationFailed: {
      headers: {
        'Request-Id': components['headers']['RequestId'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://allot.dev/problems/validation-failed",
         *       "title": "The request is not valid",
         *       "status": 400,
         *       "detail": "The request is not valid. currency: must match pattern \"^[A-Z]{3}$\"",
         *       "code": "validation_failed",
         *       "errors": [
         *         {
         *           "field": "currency",
         *           "message": "must match pattern \"^[A-Z]{3}$\""
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
    IdempotencyKey: string;
    /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
    ActingUser: string;
  };
  requestBodies: never;
  headers: {
    /** @description The request’s id, in the server’s logs too: the caller’s `Request-Id` when given, else `req_…`. */
    RequestId: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
            database: string;
            time: string;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
            database: string;
            time: string;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  createTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example Acme Software */
          name: string;
        };
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'tenant';
            name: string;
            /** @description Shown once; store it now. An idempotent replay answers null. */
            secret_key: string | null;
            /** Format: date-time */
            created_at: string;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'tenant';
            name: string;
            legal_name: string | null;
            address: components['schemas']['PostalAddress'] | null;
            vat_number: string | null;
            registration_number: string | null;
            email: string | null;
            phone: string | null;
            /** @description Days from issue to due date. */
            payment_terms_days: number;
            portal_url: string | null;
            bank: {
              account_holder?: string | null;
              /** @example FR7630006000011234567890189 */
              iban: string;
              bic?: string | null;
              bank_name?: string | null;
            } | null;
            /** Format: date-time */
            created_at: string;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateTenant: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          name?: string;
          legal_name?: string | null;
          address?: components['schemas']['PostalAddress'] | null;
          vat_number?: string | null;
          registration_number?: string | null;
          email?: string | null;
          phone?: string | null;
          /** @description Days from issue to due date. */
          payment_terms_days?: number;
          portal_url?: string | null;
          bank?: {
            account_holder?: string | null;
            /** @example FR7630006000011234567890189 */
            iban: string;
            bic?: string | null;
            bank_name?: string | null;
          } | null;
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'tenant';
            name: string;
            legal_name: string | null;
            address: components['schemas']['PostalAddress'] | null;
            vat_number: string | null;
            registration_number: string | null;
            email: string | null;
            phone: string | null;
            /** @description Days from issue to due date. */
            payment_terms_days: number;
            portal_url: string | null;
            bank: {
              account_holder?: string | null;
              /** @example FR7630006000011234567890189 */
              iban: string;
              bic?: string | null;
              bank_name?: string | null;
            } | null;
            /** Format: date-time */
            created_at: string;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listKeys: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApiKey'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          type: 'secret' | 'publishable';
          name?: string;
          /**
           * @example [
           *       "https://www.example.com"
           *     ]
           */
          allowed_origins?: string[];
        };
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'] & {
            /** @description A new secret key, shown once; null for a publishable key and on an idempotent replay. */
            secret_key: string | null;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  revokeKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  rollKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * @default 86400
           * @example 3600
           */
          expires_in?: number;
        };
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'] & {
            /** @description The new secret key, shown once; null for a publishable key and on an idempotent replay. */
            secret_key: string | null;
            rolled: components['schemas']['ApiKey'];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listFeatures: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Feature'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createFeature: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FeatureCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feature'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getFeature: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feature'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateFeature: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['FeatureUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Feature'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listPlans: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Plan'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createPlan: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getPlan: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updatePlan: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['PlanUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listAddons: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Addon'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createAddon: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddonCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Addon'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getAddon: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Addon'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateAddon: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['AddonUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Addon'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  exportCatalog: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CatalogDocument'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  importCatalog: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CatalogDocument'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'catalog_import';
            created: number;
            updated: number;
            unchanged: number;
            catalog: components['schemas']['CatalogDocument'];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listPricingTables: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['PricingTable'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `rate_limited`. */
      429: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/rate-limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "What went wrong, for a person to read.",
           *       "code": "rate_limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPricingTable: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PricingTableCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PricingTable'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getPricingTable: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PricingTable'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `rate_limited`. */
      429: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/rate-limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "What went wrong, for a person to read.",
           *       "code": "rate_limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updatePricingTable: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['PricingTableUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PricingTable'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  quotePricingTable: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuoteInput'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Quote'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `rate_limited`. */
      429: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/rate-limited",
           *       "title": "Too many requests",
           *       "status": 429,
           *       "detail": "What went wrong, for a person to read.",
           *       "code": "rate_limited"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAccounts: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        parent_id?: string;
        external_id?: string;
        kind?: 'partner' | 'customer' | 'site';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Account'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AccountCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `billing_period_mismatch`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['AccountUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listAccountHistory: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['HistoryEntry'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listUsers: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        status?: 'active' | 'deactivated';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['User'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UserCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
        uid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
        uid: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @constant */
            object: 'user';
            account: string;
            email: string;
            name: string;
            external_id: string | null;
            roles: ('owner' | 'subscription_manager' | 'member')[];
            modules: string[];
            status: 'active' | 'deactivated';
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
        uid: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UserUpdate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getAllocations: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SeatAllocation'][];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  setAllocations: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          feature: string;
          allocated: number;
        }[];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SeatAllocation'][];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  previewAllocations: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          feature: string;
          allocated: number;
        }[];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'allocation_preview';
            data: components['schemas']['SeatAllocation'][];
            invoices: components['schemas']['Invoice'][];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  syncSeats: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SeatAllocation'][];
            /** @description Each account below, with its own seats and their exact use. */
            sites: {
              account: string;
              name: string;
              seats: components['schemas']['SeatAllocation'][];
            }[];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getAllocationOverview: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'allocation_overview';
            account: string;
            accounts: {
              account: string;
              name: string;
              kind: string;
              parent_id: string | null;
              seats: components['schemas']['SeatAllocation'][];
              /** @description For a customer: its seats and its sites', summed. */
              subtotal?: components['schemas']['SeatAllocation'][];
            }[];
            totals: {
              feature: string;
              allocated: number;
              used: number;
            }[];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listSubscriptions: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        account?: string;
        status?: 'trialing' | 'active' | 'canceled' | 'expired';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Subscription'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `billing_period_mismatch`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  previewSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getSubscriptionTimeline: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'list';
            data: {
              /** @constant */
              object: 'subscription_phase';
              seq: number;
              action: string;
              /** Format: date-time */
              effective_at: string;
              status: string;
              plan: string;
              plan_version: number;
              billing_period: string;
              currency: string;
              quantity: number;
              addons: {
                addon: string;
                version: number;
                quantity: number;
              }[];
              anchor_date: string;
              timezone: string;
              seats:
                | {
                    account: string;
                    seats: number;
                  }[]
                | null;
            }[];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getUpcomingInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          auto_renew: boolean;
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  previewSubscriptionChange: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['SubscriptionChange'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  changeSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['SubscriptionChange'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `billing_period_mismatch`, `seats_exhausted`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  changeBillingPeriod: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          billing_period: 'month' | 'year';
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  activateSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          billing_period?: 'month' | 'year';
          /** @example USD */
          currency?: string;
          quantity?: number;
          addons?: {
            addon: string;
            quantity?: number;
          }[];
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  cancelSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `cancellation_window_closed`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listEntitlements: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['CheckAnswer'][];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  checkEntitlement: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Account id or external_id. */
          account: string;
          /**
           * @description Feature key.
           * @example tickets
           */
          feature: string;
          /** @default 1 */
          quantity?: number;
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckAnswer'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  consumeEntitlement: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UsageInput'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckAnswer'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `quota_exceeded`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  releaseEntitlement: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UsageInput'];
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckAnswer'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  createUsageEvents: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          events: {
            id: string;
            account: string;
            feature: string;
            /** @default 1 */
            quantity: number;
            /**
             * Format: date-time
             * @description When it happened (RFC 3339; now if left out): within the current period, at most 5 minutes ahead of the account’s clock.
             */
            timestamp?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'usage_batch';
            accepted: number;
            duplicates: number;
            refused: {
              /** @description Its place in `events`. */
              index: number;
              id: string;
              /** @constant */
              code: 'quota_exceeded';
              feature: string;
              limit: number;
              /** @description The counter when this event came to be counted. */
              used: number;
            }[];
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `quota_exceeded`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listInvoices: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        account?: string;
        subscription?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Invoice'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInvoicePdf: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The PDF/A-3, with its Factur-X XML attached once the legal details are there. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getInvoiceXml: {
    parameters: {
      query?: {
        format?: 'cii' | 'ubl' | 'xrechnung-cii' | 'xrechnung-ubl';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The EN 16931 XML in the format asked for. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/xml': string;
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  payInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  voidInvoice: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Invoice'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  runBilling: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            object: 'billing_run';
            counts: {
              [key: string]: number;
            };
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listCreditNotes: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        account?: string;
        invoice?: string;
        subscription?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['CreditNote'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getCreditNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreditNote'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getCreditNotePdf: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The PDF/A-3, with its Factur-X XML attached once the legal details are there. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  getCreditNoteXml: {
    parameters: {
      query?: {
        format?: 'cii' | 'ubl' | 'xrechnung-cii' | 'xrechnung-ubl';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The EN 16931 XML in the format asked for. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/xml': string;
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        type?: string;
        account?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Event'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  listWebhookEndpoints: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['WebhookEndpoint'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description An http(s) URL.
           * @example https://example.com/allot/webhooks
           */
          url: string;
          /**
           * @description Event types to deliver (default every type).
           * @default [
           *       "*"
           *     ]
           */
          events?: (
            | '*'
            | 'quota.warning'
            | 'quota.exhausted'
            | 'quota.reset'
            | 'subscription.created'
            | 'subscription.updated'
            | 'subscription.renewed'
            | 'subscription.canceled'
            | 'subscription.expired'
            | 'subscription.trial_will_end'
            | 'invoice.issued'
            | 'invoice.paid'
            | 'invoice.voided'
            | 'credit_note.issued'
            | 'seats.exhausted'
            | 'allocation.changed'
            | 'user.deactivated'
          )[];
          /**
           * @description The signing secret, per Standard Webhooks: `whsec_` and the base64 of 24 to 64 random bytes. Generated when not given.
           * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
           */
          secret?: string;
        };
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  updateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description An http(s) URL.
           * @example https://example.com/allot/webhooks
           */
          url?: string;
          /** @description Event types to deliver from now on; `["*"]` for every type. */
          events?: (
            | '*'
            | 'quota.warning'
            | 'quota.exhausted'
            | 'quota.reset'
            | 'subscription.created'
            | 'subscription.updated'
            | 'subscription.renewed'
            | 'subscription.canceled'
            | 'subscription.expired'
            | 'subscription.trial_will_end'
            | 'invoice.issued'
            | 'invoice.paid'
            | 'invoice.voided'
            | 'credit_note.issued'
            | 'seats.exhausted'
            | 'allocation.changed'
            | 'user.deactivated'
          )[];
          status?: 'enabled' | 'disabled';
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  deleteWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @example we_01jd8x5n6qf3r9v2w4y7z0a1b2 */
            id: string;
            /** @constant */
            object: 'webhook_endpoint';
            url: string;
            /**
             * @example [
             *       "invoice.issued",
             *       "invoice.paid"
             *     ]
             */
            events: string[];
            status: 'enabled' | 'disabled';
            disabled_reason: string | null;
            previous_secret_expires_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @constant */
            deleted: true;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  rotateWebhookEndpointSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * @description How long the replaced secret keeps signing, in hours.
           * @default 24
           */
          expire_previous_in_hours?: number;
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        status?: 'pending' | 'succeeded' | 'failed';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['WebhookDelivery'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
        delivery_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listEmails: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        account?: string;
        status?: 'pending' | 'sent' | 'stored' | 'failed';
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Email'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  resendEmail: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Email'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listHistory: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
        /** @example plan */
        subject_type?: string;
        subject_id?: string;
        /** @example plan.version_created */
        action?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['HistoryEntry'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createPortalSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PortalSessionCreate'];
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PortalSession'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getCurrentPortalSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CurrentPortalSession'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  deleteCurrentPortalSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            return_url: string | null;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  deletePortalSession: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            ended: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  listTestClocks: {
    parameters: {
      query?: {
        /** @description Page size (1–100). */
        limit?: number;
        /** @description The last id of the previous page. */
        starting_after?: string;
      };
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['TestClock'][];
            has_more: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createTestClock: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: date-time
           * @description Where the clock starts, e.g. 2026-01-31T09:00:00Z
           */
          frozen_time: string;
          name?: string;
        };
      };
    };
    responses: {
      /** @description The answer. */
      201: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestClock'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  advanceTestClock: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
        /** @description Makes the write safe to retry: a replay with the same key and body answers the first answer again (24 hours); the same key with another body answers 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_key_in_use`. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: date-time
           * @description The new time; after the current one.
           */
          frozen_time: string;
        };
      };
    };
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestClock'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** @description Problem: `conflict`, `invalid_state`, `idempotency_key_in_use`. */
      409: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "https://allot.dev/problems/conflict",
           *       "title": "Conflict",
           *       "status": 409,
           *       "detail": "An account with this external_id exists already.",
           *       "code": "conflict"
           *     }
           */
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      422: components['responses']['IdempotencyKeyReused'];
    };
  };
  getTestClock: {
    parameters: {
      query?: never;
      header?: {
        /** @description With a secret key: act for one of your users (its id or external id). It is checked as that user would be in the portal, and history records it as the actor. */
        'Allot-Acting-User'?: components['parameters']['ActingUser'];
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The answer. */
      200: {
        headers: {
          'Request-Id': components['headers']['RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestClock'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  onQuotaWarningEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuotaWarningEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onQuotaExhaustedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuotaExhaustedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onQuotaResetEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuotaResetEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionCreatedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionCreatedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionUpdatedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionUpdatedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionRenewedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionRenewedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionCanceledEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionCanceledEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionExpiredEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionExpiredEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSubscriptionTrialWillEndEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubscriptionTrialWillEndEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onInvoiceIssuedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvoiceIssuedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onInvoicePaidEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvoicePaidEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onInvoiceVoidedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvoiceVoidedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onCreditNoteIssuedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreditNoteIssuedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onSeatsExhaustedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SeatsExhaustedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onAllocationChangedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AllocationChangedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onUserDeactivatedEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event’s id: the same on every retry, to drop duplicates. */
        'webhook-id': string;
        /** @description Unix seconds when this attempt was signed; refuse old ones. */
        'webhook-timestamp': string;
        /** @description `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint’s secret (two while a rotated secret is still valid). */
        'webhook-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UserDeactivatedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event; another status, a timeout or no connection is retried. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Gone: the endpoint is disabled and gets no more deliveries. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
