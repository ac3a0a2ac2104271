import { accountClock, authorizedAccount } from '../accounts/accounts.ts';
import { type InvoiceDraft, issueInvoice, viewInvoice } from '../billing/invoices.ts';
import { invoiceTotals, type LineDraft } from '../domain/invoice.ts';
import { anchorDateOf } from '../domain/periods.ts';
import { emitEvents } from '../events/events.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError, FieldErrors, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import {
  type AddonItem,
  changeLines,
  oneOffLines,
  periodChargeLines,
  periodOf,
  priceOf,
  type SubscriptionTerms,
} from './charges.ts';
import {
  addonRowsOf,
  addonTerms,
  planTerms,
  type SubscriptionAddonRow,
  type SubscriptionRow,
  termsOf,
} from './terms.ts';

export function viewSubscription(
  row: SubscriptionRow,
  addons: readonly SubscriptionAddonRow[],
  terms?: SubscriptionTerms,
) {
  const scheduled = row.scheduled_changes as { billing_period?: string };
  return {
    id: row.id,
    object: 'subscription' as const,
    account: row.account_id,
    plan: row.plan_id,
    plan_key: terms?.plan.key ?? null,
    plan_version: row.plan_version,
    billing_period: row.billing_period,
    currency: row.currency,
    quantity: row.quantity,
    status: row.status,
    trial_end: row.trial_end ? toRfc3339(row.trial_end) : null,
    current_period_start: toRfc3339(row.current_period_start),
    current_period_end: toRfc3339(row.current_period_end),
    auto_renew: row.auto_renew,
    cancellable_until: toRfc3339(row.cancellable_until),
    addons: addons.map((a) => ({
      addon: a.addon_id,
      addon_key: terms?.addons.find((t) => t.addon.id === a.addon_id)?.addon.key ?? null,
      quantity: a.quantity,
    })),
    scheduled_changes: scheduled.billing_period
      ? [
          {
            type: 'billing_period',
            billing_period: scheduled.billing_period,
            effective_at: toRfc3339(row.current_period_end),
          },
        ]
      : [],
    ended_at: row.ended_at ? toRfc3339(row.ended_at) : null,
    created_at: toRfc3339(row.created_at),
  };
}

export type SubscriptionView = ReturnType<typeof viewSubscription>;

async function findPlan(scope: TenantScope, ref: string, field = 'plan') {
  const row = await scope
    .selectFrom('plans')
    .select(['id', 'version'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('key', '=', ref)]))
    .executeTakeFirst();
  if (!row)
    throw new AllotError('validation_failed', `${field} names no plan: ${ref}.`, [
      { field, message: 'names no plan' },
    ]);
  return planTerms(scope, row.id, row.version);
}

interface AddonRequest {
  addon: string;
  quantity?: number;
}

/** Resolves requested add-ons to their current terms, checking each fits the plan and its prices. */
async function resolveAddons(
  scope: TenantScope,
  requested: readonly AddonRequest[],
  terms: Omit<SubscriptionTerms, 'addons'>,
  current: readonly AddonItem[],
) {
  const errors = new FieldErrors();
  const items: AddonItem[] = [];
  const seen = new Set<string>();
  for (const [i, r] of requested.entries()) {
    const row = await scope
      .selectFrom('addons')
      .select(['id', 'version'])
      .where((eb) => eb.or([eb('id', '=', r.addon), eb('key', '=', r.addon)]))
      .executeTakeFirst();
    if (!row) {
      errors.add(`addons[${i}].addon`, `names no add-on: ${r.addon}`);
      continue;
    }
    if (seen.has(row.id)) errors.add(`addons[${i}].addon`, 'is listed twice');
    seen.add(row.id);
    // An add-on already on the subscription keeps the version it was bought at.
    const kept = current.find((c) => c.addon.id === row.id);
    const addon = kept ? kept.addon : await addonTerms(scope, row.id, row.version);
    if (addon.modules.length > 0 && !addon.modules.some((m) => terms.plan.modules.includes(m))) {
      errors.add(
        `addons[${i}].addon`,
        `attaches to ${addon.modules.join(', ')}, which ${terms.plan.name} does not include`,
      );
    }
    const priced = addon.prices.some(
      (p) =>
        p.currency === terms.currency &&
        (p.billing_period === terms.billingPeriod || p.billing_period === 'once'),
    );
    if (!priced)
      errors.add(`addons[${i}].addon`, `has no ${terms.billingPeriod} or one-off price in ${terms.currency}`);
    items.push({ addon, quantity: r.quantity ?? 1 });
  }
  errors.throwIfAny();
  return items;
}

function checkPlanPrice(
  plan: SubscriptionTerms['plan'],
  billingPeriod: string,
  currency: string,
  field = 'plan',
) {
  const price = priceOf(plan, billingPeriod, currency);
  if (price) return price;
  if (!plan.prices.some((p) => p.billing_period === billingPeriod)) {
    throw new AllotError(
      'billing_period_mismatch',
      `${plan.name} has no ${billingPeriod}ly price; a plan change keeps the billing period.`,
      [{ field, message: `has no ${billingPeriod} price` }],
    );
  }
  throw new AllotError('validation_failed', `${plan.name} has no ${billingPeriod} price in ${currency}.`, [
    { field: 'currency', message: `${plan.name} is not sold in ${currency} for this billing period` },
  ]);
}

function checkQuantity(perSeat: boolean, quantity: number | undefined) {
  if (!perSeat && quantity !== undefined && quantity !== 1) {
    throw new AllotError('validation_failed', 'This plan is priced per organisation; quantity must be 1.', [
      { field: 'quantity', message: 'must be 1 for a flat price' },
    ]);
  }
}

export interface CreateInput {
  account: string;
  plan: string;
  billing_period?: 'month' | 'year';
  currency?: string;
  quantity?: number;
  trial?: boolean;
  auto_renew?: boolean;
  addons?: AddonRequest[];
}

async function draftFor(
  scope: TenantScope,
  row: SubscriptionRow,
  reason: InvoiceDraft['reason'],
  lines: LineDraft[],
  period: { start: string | null; end: string | null },
) {
  const account = await scope
    .selectFrom('accounts')
    .select(['tax_rate_bps'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  return {
    accountId: row.account_id,
    subscriptionId: row.id,
    reason,
    currency: row.currency,
    taxRateBps: account.tax_rate_bps,
    periodStart: period.start,
    periodEnd: period.end,
    lines,
  } satisfies InvoiceDraft;
}

export async function createSubscription(scope: TenantScope, actor: Actor, input: CreateInput, wall: Clock) {
  const account = await authorizedAccount(scope, actor, input.account, 'manage_subscriptions');
  const now = (await accountClock(scope, account, wall)).now();
  const plan = await findPlan(scope, input.plan);
  const billingPeriod = input.billing_period ?? account.billing_period;
  const currency = input.currency ?? account.currency;
  if (currency !== account.currency) {
    throw new AllotError('validation_failed', `Invoices of ${account.name} are in ${account.currency}.`, [
      { field: 'currency', message: `must be the account's currency, ${account.currency}` },
    ]);
  }
  const price = checkPlanPrice(plan, billingPeriod, currency);
  checkQuantity(price.per_seat, input.quantity);
  const quantity = input.quantity ?? 1;
  const base = { id: newId('subscription'), billingPeriod, currency, quantity, plan };
  const addons = await resolveAddons(scope, input.addons ?? [], base, []);
  const terms: SubscriptionTerms = { ...base, addons };
  if (input.trial && plan.trial_days === 0) {
    throw new AllotError('validation_failed', `${plan.name} has no trial.`, [
      { field: 'trial', message: 'the plan has no trial days' },
    ]);
  }

  const today = anchorDateOf(now, account.timezone);
  const trialing = input.trial === true;
  const trialEnd = today
    .add({ days: plan.trial_days })
    .toZonedDateTime({ timeZone: account.timezone })
    .toInstant();
  const period = periodOf(today.toString(), billingPeriod, 0, account.timezone);
  const row: SubscriptionRow = {
    tenant_id: scope.tenantId,
    id: base.id,
    account_id: account.id,
    plan_id: plan.id,
    plan_version: plan.version,
    billing_period: billingPeriod,
    currency,
    quantity,
    status: trialing ? 'trialing' : 'active',
    auto_renew: input.auto_renew ?? true,
    anchor_date: today.toString(),
    period_index: 0,
    timezone: account.timezone,
    current_period_start: toDate(period.start),
    current_period_end: toDate(trialing ? trialEnd : period.end),
    purchased_at: toDate(now),
    cancellable_until: toDate(now.add({ hours: plan.cancellation_window_hours })),
    trial_end: trialing ? toDate(trialEnd) : null,
    trial_will_end_sent: false,
    scheduled_changes: {} as never,
    test_clock_id: account.test_clock_id,
    ended_at: null,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  const { tenant_id: _t, ...values } = row;
  await scope.insertInto('subscriptions', { ...values, scheduled_changes: '{}' }).execute();
  const addonRows = addons.map((a) => ({
    subscription_id: row.id,
    addon_id: a.addon.id,
    addon_version: a.addon.version,
    quantity: a.quantity,
    added_at: toDate(now),
  }));
  if (addonRows.length) await scope.insertInto('subscription_addons', addonRows).execute();
  const storedAddons = addonRows.map((a) => ({ ...a, tenant_id: scope.tenantId }));

  let invoice = null;
  if (!trialing) {
    const lines = [
      ...periodChargeLines(terms, period.startDate, period.endDate),
      ...oneOffLines(terms, addons, 'start', today.toString()),
    ];
    invoice = await issueInvoice(
      scope,
      await draftFor(scope, row, 'subscription_create', lines, {
        start: period.startDate,
        end: period.endDate,
      }),
      now,
    );
  }
  const view = viewSubscription(row, storedAddons, terms);
  await emitEvents(scope, [
    { type: 'subscription.created', accountId: account.id, at: now, data: { subscription: view } },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'subscription.created',
    subject: { type: 'subscription', id: row.id },
    accountId: account.id,
    before: null,
    after: view,
  });
  return { ...view, latest_invoice: invoice?.id ?? null };
}

export async function getSubscriptionRow(scope: TenantScope, id: string, forUpdate = false) {
  let q = scope.selectFrom('subscriptions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('subscription', id);
  return row;
}

/** The subscription with its add-ons and terms, checking the actor may `permission` on its account. */
async function load(
  scope: TenantScope,
  actor: Actor,
  id: string,
  permission: 'read' | 'manage_subscriptions',
  forUpdate: boolean,
) {
  const row = await getSubscriptionRow(scope, id, forUpdate);
  const account = await authorizedAccount(scope, actor, row.account_id, permission);
  const addons = (await addonRowsOf(scope, [row.id])).get(row.id) ?? [];
  return { row, account, addons, terms: await termsOf(scope, row, addons) };
}

export async function getSubscription(scope: TenantScope, actor: Actor, id: string) {
  const { row, addons, terms } = await load(scope, actor, id, 'read', false);
  return viewSubscription(row, addons, terms);
}

export async function listSubscriptions(
  scope: TenantScope,
  actor: Actor,
  params: ListParams & { account?: string; status?: string },
) {
  let q = scope.selectFrom('subscriptions').selectAll();
  if (params.account)
    q = q.where('account_id', '=', (await authorizedAccount(scope, actor, params.account, 'read')).id);
  else if (actor.type === 'user')
    throw new AllotError('validation_failed', 'Name the account.', [
      { field: 'account', message: 'is required for a user' },
    ]);
  if (params.status) q = q.where('status', '=', params.status as SubscriptionRow['status']);
  const page = await listPage(q, 'id', params);
  const addons = await addonRowsOf(
    scope,
    page.data.map((r) => r.id),
  );
  const data = [];
  for (const r of page.data)
    data.push(viewSubscription(r, addons.get(r.id) ?? [], await termsOf(scope, r, addons.get(r.id) ?? [])));
  return { data, has_more: page.has_more };
}

export interface ChangeInput {
  plan?: string;
  quantity?: number;
  addons?: AddonRequest[];
}

/**
 * A change of plan, quantity or add-ons, now: the new terms and the invoice lines they call for
 * (credit for the unused days of the old, charge for the remaining days of the new). Pure of writes.
 */
async function planChange(
  scope: TenantScope,
  loaded: Awaited<ReturnType<typeof load>>,
  input: ChangeInput,
  wall: Clock,
) {
  const { row, account, terms } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing') {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only an active or trialing one can change.`,
    );
  }
  const now = (await accountClock(scope, account, wall)).now();
  const plan = input.plan ? await findPlan(scope, input.plan) : terms.plan;
  // Changing plan takes its current version; staying keeps the version bought (grandfathering).
  const samePlan = plan.id === terms.plan.id;
  const nextPlan = samePlan ? terms.plan : plan;
  const price = checkPlanPrice(nextPlan, row.billing_period, row.currency);
  checkQuantity(price.per_seat, input.quantity);
  const quantity = price.per_seat ? (input.quantity ?? row.quantity) : 1;
  const base = {
    id: row.id,
    billingPeriod: row.billing_period,
    currency: row.currency,
    quantity,
    plan: nextPlan,
  };
  const addons = input.addons ? await resolveAddons(scope, input.addons, base, terms.addons) : terms.addons;
  const after: SubscriptionTerms = { ...base, addons };
  const today = anchorDateOf(now, row.timezone).toString();
  const period = periodOf(row.anchor_date, row.billing_period, row.period_index, row.timezone);
  const lines =
    row.status === 'active'
      ? changeLines(
          terms,
          after,
          { start: period.startDate, end: period.endDate },
          today,
          `change-${newId('event').slice(4)}`,
        )
      : [];
  return { now, after, lines, period };
}

export async function previewChange(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', false);
  const { lines, now } = await planChange(scope, loaded, input, wall);
  const balance = Number(
    (
      await scope
        .selectFrom('accounts')
        .select('credit_balance')
        .where('id', '=', loaded.account.id)
        .executeTakeFirstOrThrow()
    ).credit_balance,
  );
  const totals = invoiceTotals(lines, loaded.account.tax_rate_bps, balance);
  const preview = viewInvoice(
    {
      tenant_id: scope.tenantId,
      id: 'preview',
      number: 0,
      account_id: loaded.account.id,
      subscription_id: id,
      reason: 'subscription_update',
      status: 'draft',
      currency: loaded.row.currency,
      tax_rate_bps: loaded.account.tax_rate_bps,
      subtotal: totals.subtotal,
      tax: totals.tax,
      total: totals.total,
      credit_applied: totals.credit_applied,
      amount_due: totals.amount_due,
      period_start: null,
      period_end: null,
      issued_at: toDate(now),
      paid_at: null,
      voided_at: null,
      created_at: toDate(now),
    },
    lines.map((l, position) => ({
      ...l,
      tenant_id: scope.tenantId,
      invoice_id: 'preview',
      position,
      tax: totals.lineTaxes[position]!,
    })),
  );
  return { ...preview, id: null, number: null, sequence: null };
}

export async function changeSubscription(
  scope: TenantScope,
  actor: Actor,
  id: string,
  input: ChangeInput,
  wall: Clock,
) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', true);
  const { now, after, lines, period } = await planChange(scope, loaded, input, wall);
  const { row } = loaded;
  const before = viewSubscription(row, loaded.addons, loaded.terms);
  await scope
    .updateTable('subscriptions')
    .set({
      plan_id: after.plan.id,
      plan_version: after.plan.version,
      quantity: after.quantity,
      updated_at: toDate(now),
    })
    .where('id', '=', row.id)
    .execute();
  if (input.addons) {
    await scope.deleteFrom('subscription_addons').where('subscription_id', '=', row.id).execute();
    const rows = after.addons.map((a) => ({
      subscription_id: row.id,
      addon_id: a.addon.id,
      addon_version: a.addon.version,
      quantity: a.quantity,
      added_at: loaded.addons.find((x) => x.addon_id === a.addon.id)?.added_at ?? toDate(now),
    }));
    if (rows.length) await scope.insertInto('subscription_addons', rows).execute();
  }
  const invoice = lines.length
    ? await issueInvoice(
        scope,
        await draftFor(scope, row, 'subscription_update', lines, {
          start: period.startDate,
          end: period.endDate,
        }),
        now,
      )
    : null;
  const fresh = await load(scope, actor, id, 'manage_subscriptions', false);
  const view = viewSubscription(fresh.row, fresh.addons, fresh.terms);
  await emitEvents(scope, [
    {
      type: 'subscription.updated',
      accountId: row.account_id,
      at: now,
      data: { subscription: view, previous: before },
    },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'subscription.changed',
    subject: { type: 'subscription', id: row.id },
    accountId: row.account_id,
    before,
    after: view,
  });
  return { ...view, latest_invoice: invoice?.id ?? null };
}

/** A new billing period (S10), from the next cycle: the price of that period applies from the renewal on. */
export async function scheduleBillingPeriod(
  scope: TenantScope,
  actor: Actor,
  id: string,
  billingPeriod: 'month' | 'year',
  wall: Clock,
) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', true);
  const { row, terms } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is ${row.status}.`);
  checkPlanPrice(terms.plan, billingPeriod, row.currency, 'billing_period');
  const now = (await accountClock(scope, loaded.account, wall)).now();
  const scheduled = billingPeriod === row.billing_period ? {} : { billing_period: billingPeriod };
  await scope
    .updateTable('subscriptions')
    .set({ scheduled_changes: JSON.stringify(scheduled), updated_at: toDate(now) })
    .where('id', '=', row.id)
    .execute();
  return finishUpdate(scope, actor, loaded, now, 'subscription.billing_period_scheduled');
}

export async function setAutoRenew(
  scope: TenantScope,
  actor: Actor,
  id: string,
  autoRenew: boolean,
  wall: Clock,
) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', true);
  if (loaded.row.status !== 'active' && loaded.row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is ${loaded.row.status}.`);
  const now = (await accountClock(scope, loaded.account, wall)).now();
  await scope
    .updateTable('subscriptions')
    .set({ auto_renew: autoRenew, updated_at: toDate(now) })
    .where('id', '=', loaded.row.id)
    .execute();
  return finishUpdate(
    scope,
    actor,
    loaded,
    now,
    autoRenew ? 'subscription.auto_renew_on' : 'subscription.auto_renew_off',
  );
}

async function finishUpdate(
  scope: TenantScope,
  actor: Actor,
  loaded: Awaited<ReturnType<typeof load>>,
  now: Temporal.Instant,
  action: string,
  type: 'subscription.updated' | 'subscription.canceled' = 'subscription.updated',
) {
  const before = viewSubscription(loaded.row, loaded.addons, loaded.terms);
  const fresh = await load(scope, actor, loaded.row.id, 'read', false);
  const after = viewSubscription(fresh.row, fresh.addons, fresh.terms);
  await emitEvents(scope, [
    { type, accountId: loaded.row.account_id, at: now, data: { subscription: after, previous: before } },
  ]);
  await recordHistory(scope, {
    at: now,
    actor,
    action,
    subject: { type: 'subscription', id: loaded.row.id },
    accountId: loaded.row.account_id,
    before,
    after,
  });
  return after;
}

/** Ends a trial now (or converts an expired one): the first period starts today and is invoiced at once. */
export async function activateSubscription(scope: TenantScope, actor: Actor, id: string, wall: Clock) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', true);
  const { row, terms, account } = loaded;
  if (row.status !== 'trialing' && !(row.status === 'expired' && row.trial_end)) {
    throw new AllotError(
      'invalid_state',
      `The subscription is ${row.status}; only a trial can be activated.`,
    );
  }
  const now = (await accountClock(scope, account, wall)).now();
  const today = anchorDateOf(now, row.timezone).toString();
  const period = periodOf(today, row.billing_period, 0, row.timezone);
  await scope
    .updateTable('subscriptions')
    .set({
      status: 'active',
      anchor_date: today,
      period_index: 0,
      current_period_start: toDate(period.start),
      current_period_end: toDate(period.end),
      purchased_at: toDate(now),
      cancellable_until: toDate(now.add({ hours: terms.plan.cancellation_window_hours })),
      ended_at: null,
      updated_at: toDate(now),
    })
    .where('id', '=', row.id)
    .execute();
  const lines = [
    ...periodChargeLines(terms, period.startDate, period.endDate),
    ...oneOffLines(terms, terms.addons, 'start', today),
  ];
  const invoice = await issueInvoice(
    scope,
    await draftFor(scope, row, 'subscription_create', lines, {
      start: period.startDate,
      end: period.endDate,
    }),
    now,
  );
  const view = await finishUpdate(scope, actor, loaded, now, 'subscription.activated');
  return { ...view, latest_invoice: invoice.id };
}

/**
 * Cancels now, inside the plan's cancellation window counted from the purchase instant, crediting in
 * full what was charged for the current period; after the window: cancellation_window_closed.
 * A trial may be cancelled at any time (nothing was charged).
 */
export async function cancelSubscription(scope: TenantScope, actor: Actor, id: string, wall: Clock) {
  const loaded = await load(scope, actor, id, 'manage_subscriptions', true);
  const { row, account } = loaded;
  if (row.status !== 'active' && row.status !== 'trialing')
    throw new AllotError('invalid_state', `The subscription is already ${row.status}.`);
  const now = (await accountClock(scope, account, wall)).now();
  let invoice = null;
  if (row.status === 'active') {
    if (
      Temporal.Instant.compare(now, Temporal.Instant.fromEpochMilliseconds(row.cancellable_until.getTime())) >
      0
    ) {
      throw new AllotError(
        'cancellation_window_closed',
        `The cancellation window closed at ${toRfc3339(row.cancellable_until)}; turn auto-renewal off to end the subscription at ${toRfc3339(row.current_period_end)}.`,
        [],
        {
          cancellable_until: toRfc3339(row.cancellable_until),
          current_period_end: toRfc3339(row.current_period_end),
        },
      );
    }
    const period = periodOf(row.anchor_date, row.billing_period, row.period_index, row.timezone);
    const charged = await scope
      .selectFrom('invoice_lines')
      .innerJoin('invoices', (j) =>
        j
          .onRef('invoices.tenant_id', '=', 'invoice_lines.tenant_id')
          .onRef('invoices.id', '=', 'invoice_lines.invoice_id'),
      )
      .select([
        'invoice_lines.line_key',
        'invoice_lines.description',
        'invoice_lines.quantity',
        'invoice_lines.unit_amount',
        'invoice_lines.amount',
        'invoice_lines.period_start',
        'invoice_lines.period_end',
      ])
      .where('invoice_lines.subscription_id', '=', row.id)
      .where('invoices.status', '!=', 'void')
      .where('invoice_lines.kind', '!=', 'credit')
      .where('invoice_lines.period_start', '>=', period.startDate)
      .execute();
    const lines: LineDraft[] = charged.map((c) => ({
      line_key: `${c.line_key}:cancel-credit`,
      kind: 'credit',
      description: `Credit: ${c.description} (cancelled within the cancellation window)`,
      subscription_id: row.id,
      period_start: c.period_start,
      period_end: c.period_end,
      quantity: Number(c.quantity),
      unit_amount: -Number(c.unit_amount) || 0,
      amount: -Number(c.amount) || 0,
    }));
    if (lines.length)
      invoice = await issueInvoice(
        scope,
        await draftFor(scope, row, 'cancellation', lines, { start: period.startDate, end: period.endDate }),
        now,
      );
  }
  await scope
    .updateTable('subscriptions')
    .set({ status: 'canceled', ended_at: toDate(now), auto_renew: false, updated_at: toDate(now) })
    .where('id', '=', row.id)
    .execute();
  const view = await finishUpdate(
    scope,
    actor,
    loaded,
    now,
    'subscription.canceled',
    'subscription.canceled',
  );
  return { ...view, latest_invoice: invoice?.id ?? null };
}
