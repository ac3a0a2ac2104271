import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { benchSnapshotCheck } from '../sdk/bench-check.ts';
import type * as Sdk from '../sdk/index.ts';
import {
  Allot,
  AllotApiError,
  AllotConnectionError,
  type AllotEvent,
  AllotTimeoutError,
  isQuotaExceeded,
  paginate,
  type Account as SdkAccount,
  type Invoice as SdkInvoice,
  type Subscription as SdkSubscription,
  type UsageAnswer as SdkUsageAnswer,
  type User as SdkUser,
  SNAPSHOT_EVENTS,
  webhookInvalidator,
} from '../sdk/index.ts';
import type { components, operations } from '../sdk/openapi.ts';
import type { Account, User } from '../src/accounts/schemas.ts';
import type { UsageAnswer } from '../src/entitlements/usage.ts';
import type { EventData, EventType } from '../src/events/payloads.ts';
import type { Invoice, Subscription } from '../src/subscriptions/schemas.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

// The SDK's types (generated from the OpenAPI document) are the server's schemas, both ways (checked by tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: [
  Same<SdkAccount, Static<typeof Account>>,
  Same<SdkUser, Static<typeof User>>,
  Same<SdkSubscription, Static<typeof Subscription>>,
  Same<SdkInvoice, Static<typeof Invoice>>,
  Same<Omit<SdkUsageAnswer, 'replayed'>, UsageAnswer>,
] = [true, true, true, true, true];

// The shapes sdk/types.ts writes by hand, more precisely than the document (a Locale, not a string), still
// fit the generated ones: every field the server sends, no field it does not.
type Fits<Sdk, Generated> = [Sdk] extends [Generated] ? Same<keyof Sdk, keyof Generated> : false;
type Schemas = components['schemas'];
type Json<O extends keyof operations> = operations[O]['responses'] extends {
  200: { content: { 'application/json': infer J } };
}
  ? J
  : never;
const handWrittenFit: [
  Fits<Sdk.CurrentPortalSession, Schemas['CurrentPortalSession']>,
  Fits<Sdk.CurrentPortalSession['user'], Schemas['CurrentPortalSession']['user']>,
  Fits<Sdk.Email, Schemas['Email']>,
  Fits<Sdk.HistoryEntry, Schemas['HistoryEntry']>,
  Fits<Sdk.PortalSessionCreate, Schemas['PortalSessionCreate']>,
  Fits<Sdk.PricingTable, Schemas['PricingTable']>,
  Fits<Sdk.PricingTable['display'], Schemas['PricingTable']['display']>,
  Fits<Sdk.AllocationOverview, Json<'getAllocationOverview'>>,
  Fits<Sdk.SubscriptionPhase, Json<'getSubscriptionTimeline'>['data'][number]>,
  // What every webhook event carries.
  Same<Sdk.AllotEventType, EventType>,
  Same<Sdk.EventDataMap['invoice.issued'], EventData<'invoice.issued'>>,
  Same<Sdk.EventDataMap['subscription.canceled'], EventData<'subscription.canceled'>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
// Shapes named after an operation's body or answer: a change of the document that left one `never` would
// make everything typed with it compile.
type NotNever<T> = [T] extends [never] ? false : true;
const derived: [
  NotNever<Sdk.DeletedUser>,
  NotNever<Sdk.SubscriptionActivate>,
  NotNever<Sdk.UsageEvent>,
  NotNever<Sdk.UsageBatchResult>,
  NotNever<Sdk.CatalogImport>,
  NotNever<Sdk.SeatSync>,
  NotNever<Sdk.AllocationPreview>,
  NotNever<Sdk.ApiKeyCreate>,
  NotNever<Sdk.CreatedApiKey>,
  NotNever<Sdk.WebhookEndpointCreate>,
  NotNever<Sdk.WebhookEndpointUpdate>,
  NotNever<Sdk.WebhookSecretRotation>,
  NotNever<Sdk.DeletedWebhookEndpoint>,
  NotNever<Sdk.TestClockCreate>,
  NotNever<Sdk.BillingRun>,
  NotNever<Sdk.Tenant>,
  NotNever<Sdk.TenantUpdate>,
  NotNever<Sdk.TenantCreate>,
  NotNever<Sdk.CreatedTenant>,
  NotNever<Sdk.Health>,
] = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

let t: TestAllot;
/** Every request the SDK makes, as `METHOD /path`. */
const calls: string[] = [];
const countingFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
  return fetch(input, init);
};
const callsSince = (mark: number) => calls.slice(mark);
let allot: Allot;

beforeAll(async () => {
  t = await startAllot();
  await seedCatalog(t);
  allot = new Allot({ baseUrl: t.url, secretKey: t.key, fetch: countingFetch });
  await allot.features.create({ key: 'sdk-projects', name: 'Projects', kind: 'counter' });
  await allot.features.create({ key: 'sdk-api-calls', name: 'API calls', kind: 'quota', unit: 'call' });
  await allot.features.create({ key: 'sdk-exports', name: 'Exports', kind: 'quota' });
  const plan = await allot.plans.create({
    key: 'sdk-five',
    name: 'Five',
    entitlements: [
      { feature: 'tickets', limit: 5 },
      { feature: 'sdk-projects', limit: 2 },
      { feature: 'sdk-api-calls', limit: null },
      { feature: 'sdk-exports', limit: 3, overage: 'bill', overage_unit_amount: 10 },
      { feature: 'sso', enabled: false },
    ],
    prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
  });
  expect(plan).toMatchObject({ object: 'plan', key: 'sdk-five', version: 1 });
  expect(typesMatch).toEqual([true, true, true, true, true]);
  expect(handWrittenFit.every((fits) => fits)).toBe(true);
  expect(derived.every((ok) => ok)).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

async function customer(extra: Record<string, unknown> = {}): Promise<string> {
  const id = await account(t, null, extra);
  await subscribe(t, { account: id, plan: 'sdk-five' });
  return id;
}

describe('checks from the local snapshot', () => {
  it('loads an account once, then answers every check without a request', async () => {
    const acct = await customer();
    const mark = calls.length;
    const first = await allot.entitlements.check({ account: acct, feature: 'tickets' });
    expect(first).toMatchObject({
      allowed: true,
      limit: 5,
      used: 0,
      remaining: 5,
      state: 'ok',
      kind: 'quota',
    });
    expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);

    for (let i = 0; i < 1000; i++) {
      expect((await allot.entitlements.check({ account: acct, feature: 'tickets' })).allowed).toBe(true);
    }
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets', quantity: 5 })?.allowed).toBe(
      true,
    );
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets', quantity: 6 })).toMatchObject({
      allowed: false,
      reason: 'quota_exceeded',
      remaining: 5,
    });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'sso' })).toMatchObject({
      allowed: false,
      reason: 'disabled',
      limit: null,
    });
    expect(
      allot.entitlements.checkSync({ account: acct, feature: 'sdk-api-calls', quantity: 1_000_000 }),
    ).toMatchObject({ allowed: true, limit: null, remaining: null });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'agents' })).toMatchObject({
      allowed: false,
      reason: 'not_in_plan',
    });
    expect(() => allot.entitlements.checkSync({ account: acct, feature: 'tickets', quantity: 0 })).toThrow(
      RangeError,
    );
    expect(callsSince(mark)).toHaveLength(1);

    // The local answers are the server's.
    for (const [feature, quantity] of [
      ['tickets', 1],
      ['tickets', 6],
      ['sso', 1],
      ['sdk-api-calls', 50],
    ] as const) {
      const remote = await allot.entitlements.checkRemote({ account: acct, feature, quantity });
      const local = allot.entitlements.checkSync({ account: acct, feature, quantity });
      expect(local).toEqual(remote);
    }
  });

  it('answers undefined synchronously before the first load, and loads once for concurrent checks', async () => {
    const acct = await customer();
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toBeUndefined();
    const mark = calls.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => allot.entitlements.check({ account: acct, feature: 'tickets' })),
    );
    expect(answers.every((a) => a.allowed)).toBe(true);
    expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);
  });

  it('consumes on the server and takes the answer into the snapshot', async () => {
    const acct = await customer();
    await allot.entitlements.check({ account: acct, feature: 'tickets' });
    const mark = calls.length;

    const a = await allot.entitlements.consume({
      account: acct,
      feature: 'tickets',
      quantity: 3,
      idempotencyKey: `${acct}:ticket-1`,
    });
    expect(a).toMatchObject({ allowed: true, used: 3, remaining: 2 });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toMatchObject({
      used: 3,
      remaining: 2,
      state: 'ok',
    });
    await allot.entitlements.consume({ account: acct, feature: 'tickets' });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toMatchObject({
      allowed: true,
      used: 4,
      state: 'warning',
    });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets', quantity: 2 })?.allowed).toBe(
      false,
    );

    // A retry with the same key is counted once, and its older answer does not roll the snapshot back.
    const replay = await allot.entitlements.consume({
      account: acct,
      feature: 'tickets',
      quantity: 3,
      idempotencyKey: `${acct}:ticket-1`,
    });
    expect(replay).toMatchObject({ used: 3, replayed: true });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })?.used).toBe(4);

    const refused = await allot.entitlements
      .consume({ account: acct, feature: 'tickets', quantity: 2 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AllotApiError);
    expect(isQuotaExceeded(refused)).toBe(true);
    expect(refused).toMatchObject({
      status: 409,
      code: 'quota_exceeded',
      feature: 'tickets',
      limit: 5,
      used: 4,
      remaining: 1,
      errors: [],
    });
    expect((refused as AllotApiError).detail).toContain('quota is used up');
    expect((refused as AllotApiError).message).toBe((refused as AllotApiError).detail);

    await allot.entitlements.consume({ account: acct, feature: 'tickets' });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toMatchObject({
      allowed: false,
      used: 5,
      remaining: 0,
      state: 'exhausted',
    });
    expect(callsSince(mark)).toEqual(Array(5).fill('POST /v1/entitlements/consume'));
    expect(await allot.entitlements.checkRemote({ account: acct, feature: 'tickets' })).toMatchObject({
      used: 5,
    });
  });

  it('releases counter usage', async () => {
    const acct = await customer();
    await allot.entitlements.consume({ account: acct, feature: 'sdk-projects', quantity: 2 });
    const full = await allot.entitlements.check({ account: acct, feature: 'sdk-projects' });
    expect(full).toMatchObject({ allowed: false, used: 2 });
    const released = await allot.entitlements.release({ account: acct, feature: 'sdk-projects' });
    expect(released).toMatchObject({ used: 1 });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'sdk-projects' })).toMatchObject({
      allowed: true,
      used: 1,
    });
  });

  it('learns that a billed overage lets usage past the limit', async () => {
    const acct = await customer();
    await allot.entitlements.consume({ account: acct, feature: 'sdk-exports', quantity: 4 });
    const answer = await allot.entitlements.check({ account: acct, feature: 'sdk-exports', quantity: 10 });
    expect(answer).toMatchObject({ allowed: true, used: 4, limit: 3, remaining: 0, state: 'exhausted' });
    expect(answer).toEqual(
      await allot.entitlements.checkRemote({ account: acct, feature: 'sdk-exports', quantity: 10 }),
    );
  });

  it('reloads on invalidate, and on a webhook event about quotas or subscriptions', async () => {
    const acct = await customer();
    await allot.entitlements.check({ account: acct, feature: 'tickets' });
    // Usage counted elsewhere (another process): the snapshot does not know yet.
    expect(
      (await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets' })).status,
    ).toBe(200);
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })?.used).toBe(0);

    let mark = calls.length;
    await allot.entitlements.invalidate(acct);
    expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })?.used).toBe(1);

    await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', quantity: 3 });
    const [warning] = (await allot.events.list({ account: acct, type: 'quota.warning' })).data;
    expect(warning).toMatchObject({ type: 'quota.warning', account: acct, data: { threshold: 80 } });
    const onWebhook = webhookInvalidator(allot);
    mark = calls.length;
    onWebhook({ type: 'invoice.issued', account: acct, data: {} });
    onWebhook(warning as AllotEvent);
    await vi.waitFor(() =>
      expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })?.used).toBe(4),
    );
    expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);

    // A Standard Webhooks payload carries the account in its data.
    await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets' });
    onWebhook({ type: 'quota.exhausted', data: { account: acct } });
    await vi.waitFor(() =>
      expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toMatchObject({
        allowed: false,
        state: 'exhausted',
      }),
    );
  });

  it('matches a webhook naming the account id to a snapshot kept by external_id', async () => {
    const external = `crm-${Date.now()}`;
    const acct = await customer({ external_id: external });
    const mark = calls.length;
    await allot.entitlements.check({ account: external, feature: 'tickets' });
    expect(callsSince(mark).sort()).toEqual(
      [`GET /v1/accounts/${external}`, `GET /v1/accounts/${external}/entitlements`].sort(),
    );
    await t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', quantity: 2 });
    webhookInvalidator(allot)({ type: 'subscription.updated', account: acct });
    await vi.waitFor(() =>
      expect(allot.entitlements.checkSync({ account: external, feature: 'tickets' })?.used).toBe(2),
    );
    // A consume by id updates the snapshot kept by external_id.
    await allot.entitlements.consume({ account: acct, feature: 'tickets' });
    expect(allot.entitlements.checkSync({ account: external, feature: 'tickets' })?.used).toBe(3);
  });

  it('reloads a snapshot older than snapshotTtlMs', async () => {
    const acct = await customer();
    const short = new Allot({ baseUrl: t.url, secretKey: t.key, fetch: countingFetch, snapshotTtlMs: 400 });
    await short.entitlements.check({ account: acct, feature: 'tickets' });
    expect(short.entitlements.checkSync({ account: acct, feature: 'tickets' })).toBeDefined();
    // The snapshot reads Date.now(): move that clock past the TTL instead of waiting.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      vi.setSystemTime(Date.now() + 450);
      expect(short.entitlements.checkSync({ account: acct, feature: 'tickets' })).toBeUndefined();
      const mark = calls.length;
      await short.entitlements.check({ account: acct, feature: 'tickets' });
      expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('marks the snapshot stale after a subscription change', async () => {
    const acct = await customer();
    expect(await allot.entitlements.check({ account: acct, feature: 'tickets' })).toMatchObject({ limit: 5 });
    const [sub] = (await allot.subscriptions.list({ account: acct })).data;
    await allot.subscriptions.change(sub!.id, { plan: 'premium' });
    expect(allot.entitlements.checkSync({ account: acct, feature: 'tickets' })).toBeUndefined();
    expect(await allot.entitlements.check({ account: acct, feature: 'tickets' })).toMatchObject({
      limit: 500,
    });
  });

  it('checks a million times a second from the snapshot', async () => {
    const acct = await customer();
    await allot.entitlements.check({ account: acct, feature: 'tickets' });
    await allot.entitlements.consume({ account: acct, feature: 'tickets', quantity: 2 });
    const mark = calls.length;
    const result = benchSnapshotCheck(allot, acct, 'tickets', 2_000_000);
    // Quantities 1–4 with 2 of 5 used: three in four are allowed.
    expect(result.allowed).toBe(1_500_000);
    expect(callsSince(mark)).toEqual([]);
    // The goal is ≥ 1M/s; a loaded CI machine gets some slack here.
    expect(result.perSecond).toBeGreaterThan(300_000);
  });
});

describe('usage events', () => {
  it('sends 2,500 events in three requests', async () => {
    const acct = await customer();
    await allot.entitlements.check({ account: acct, feature: 'sdk-api-calls' });
    const events = Array.from({ length: 2500 }, (_, i) => ({
      id: `${acct}-${i}`,
      account: acct,
      feature: 'sdk-api-calls',
      quantity: 2,
    }));
    const mark = calls.length;
    expect(await allot.usageEvents.send(events)).toEqual({
      accepted: 2500,
      duplicates: 0,
      refused: [],
      batches: 3,
    });
    expect(callsSince(mark)).toEqual(Array(3).fill('POST /v1/usage_events'));
    // The snapshot is stale afterwards: the next check loads the new usage.
    expect(await allot.entitlements.check({ account: acct, feature: 'sdk-api-calls' })).toMatchObject({
      used: 5000,
    });
    expect(await allot.usageEvents.send(events.slice(0, 1200), { idempotencyKey: `${acct}-again` })).toEqual({
      accepted: 0,
      duplicates: 1200,
      refused: [],
      batches: 2,
    });
  });

  it('lists the events refused past a blocking limit, by their place in the whole list', async () => {
    const acct = await customer();
    const events = Array.from({ length: 1200 }, (_, i) => ({
      id: `${acct}-t-${i}`,
      account: acct,
      feature: 'tickets',
      quantity: 1,
    }));
    const sent = await allot.usageEvents.send(events);
    expect(sent).toMatchObject({ accepted: 5, duplicates: 0, batches: 2 });
    expect(sent.refused).toHaveLength(1195);
    expect(sent.refused.at(-1)).toEqual({
      index: 1199,
      id: `${acct}-t-1199`,
      code: 'quota_exceeded',
      feature: 'tickets',
      limit: 5,
      used: 5,
    });
  });
});

describe('typed resources', () => {
  it('creates, reads, lists and changes accounts, users and subscriptions', async () => {
    const external = `sdk-${Date.now()}`;
    const created = await allot.accounts.create(
      { name: 'Brasserie', currency: 'EUR', timezone: 'Europe/Paris', external_id: external },
      { idempotencyKey: `create-${external}` },
    );
    expect(created).toMatchObject({ object: 'account', name: 'Brasserie', external_id: external });
    const again = await allot.accounts.create(
      { name: 'Brasserie', currency: 'EUR', timezone: 'Europe/Paris', external_id: external },
      { idempotencyKey: `create-${external}` },
    );
    expect(again.id).toBe(created.id);
    const reused = await allot.accounts
      .create({ name: 'Other', currency: 'EUR' }, { idempotencyKey: `create-${external}` })
      .catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422, code: 'idempotency_key_reused' });

    expect((await allot.accounts.get(external)).id).toBe(created.id);
    expect((await allot.accounts.update(created.id, { name: 'Brasserie Lumière' })).name).toBe(
      'Brasserie Lumière',
    );
    expect((await allot.accounts.list({ external_id: external })).data.map((a) => a.id)).toEqual([
      created.id,
    ]);
    const all: string[] = [];
    for await (const a of paginate((p) => allot.accounts.list(p), { limit: 3 })) all.push(a.id);
    expect(all).toContain(created.id);
    expect(new Set(all).size).toBe(all.length);

    const user = await allot.users.create(created.id, { email: 'camille@lumiere.fr', name: 'Camille' });
    expect(user).toMatchObject({ object: 'user', account: created.id, status: 'active' });
    expect((await allot.users.list(created.id)).data.map((u) => u.id)).toEqual([user.id]);
    expect((await allot.users.update(created.id, user.id, { name: 'Camille D.' })).name).toBe('Camille D.');
    expect(await allot.users.remove(created.id, user.id)).toMatchObject({ id: user.id, deleted: true });

    const sub = await allot.subscriptions.create({
      account: created.id,
      plan: 'premium',
      billing_period: 'month',
    });
    expect(sub).toMatchObject({ object: 'subscription', status: 'active', plan_key: 'premium' });
    expect(sub.latest_invoice).toMatch(/^inv_/);
    expect((await allot.subscriptions.get(sub.id)).id).toBe(sub.id);
    expect((await allot.subscriptions.list({ account: created.id })).data).toHaveLength(1);
    const preview = await allot.subscriptions.preview(sub.id, { plan: 'professional' });
    expect(preview).toMatchObject({ object: 'invoice', id: null });
    expect(preview.lines.length).toBeGreaterThan(0);
    expect((await allot.subscriptions.setAutoRenew(sub.id, false)).auto_renew).toBe(false);
    const yearly = await allot.subscriptions.setBillingPeriod(sub.id, 'year');
    expect(yearly.scheduled_changes).toMatchObject([{ billing_period: 'year' }]);

    const invoice = await allot.invoices.get(sub.latest_invoice!);
    expect(invoice).toMatchObject({ object: 'invoice', status: 'open', total: 4900 + invoice.tax });
    expect((await allot.invoices.list({ account: created.id })).data.map((i) => i.id)).toContain(invoice.id);
    const pdf = await allot.invoices.pdf(invoice.id!);
    expect(pdf).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    expect((await allot.invoices.pay(invoice.id!)).status).toBe('paid');

    const canceled = await allot.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe('canceled');
    const events = await allot.events.list({ account: created.id, type: 'subscription.created' });
    expect(events.data).toHaveLength(1);
  });

  it('activates a trial', async () => {
    const acct = await account(t, null);
    const trial = await allot.subscriptions.create({
      account: acct,
      plan: 'agents',
      quantity: 1,
      trial: true,
    });
    expect(trial.status).toBe('trialing');
    expect((await allot.subscriptions.activate(trial.id)).status).toBe('active');
  });

  it('reads and writes the catalog', async () => {
    const catalog = await allot.catalog.get();
    expect(catalog.plans?.map((p) => p.key)).toContain('sdk-five');
    const put = await allot.catalog.put({
      features: [{ key: 'sdk-reports', name: 'Reports', kind: 'boolean' }],
    });
    expect(put).toMatchObject({ object: 'catalog_import', created: 1 });
    expect((await allot.features.get('sdk-reports')).kind).toBe('boolean');
  });

  it('throws problems as AllotApiError with code, detail and the fields', async () => {
    const invalid = await allot.accounts.create({ name: '', currency: 'euro' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AllotApiError);
    const error = invalid as AllotApiError;
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.errors.map((e) => e.field).sort()).toEqual(['currency', 'name']);
    expect(error.detail).toContain('name');

    const missing = await allot.invoices.get('inv_nothing').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const unknown = await allot.entitlements
      .check({ account: 'acct_nobody', feature: 'tickets' })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(AllotApiError);
    expect(unknown.status).toBeGreaterThanOrEqual(400);

    const stranger = new Allot({ baseUrl: t.url, secretKey: 'sk_wrong' });
    expect(await stranger.accounts.list().catch((e: unknown) => e)).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });
});

/** A tiny HTTP server whose answers the test scripts, one per request (the last one repeats). */
type Step = (req: IncomingMessage, res: ServerResponse) => void;
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
async function scripted(...steps: Step[]) {
  const seen: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      steps[Math.min(seen.length, steps.length) - 1]!(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_scripted', ...headers });
    res.end(JSON.stringify(body));
  };
const problem = (status: number, code: string, headers: Record<string, string> = {}, extra = {}): Step =>
  answer(
    status,
    { type: 'about:blank', title: code, status, detail: `The server says ${code}.`, code, ...extra },
    { 'content-type': 'application/problem+json', ...headers },
  );
/** The connection closes without an answer. */
const drop: Step = (req) => req.socket.destroy();
/** No answer, ever. */
const silence: Step = () => {};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeouts, retries and idempotency keys', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  /** A client of a scripted server whose retries record their waits instead of waiting. */
  async function against(steps: Step[], options: Partial<ConstructorParameters<typeof Allot>[0]> = {}) {
    const server = await scripted(...steps);
    servers.push(server);
    const waits: number[] = [];
    const client = new Allot({
      baseUrl: server.url,
      secretKey: 'sk_scripted',
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });
    return { client, seen: server.seen, waits };
  }
  const created = { id: 'acct_1', object: 'account', name: 'Brasserie' };

  it('retries a write after 503 with Retry-After, a dropped connection and 409 idempotency_key_in_use, with one Idempotency-Key', async () => {
    const { client, seen, waits } = await against(
      [
        problem(503, 'service_unavailable', { 'retry-after': '2' }),
        drop,
        problem(409, 'idempotency_key_in_use'),
        answer(201, created),
      ],
      { maxRetries: 3 },
    );
    expect(await client.accounts.create({ name: 'Brasserie' })).toEqual(created);
    expect(seen).toHaveLength(4);
    const keys = seen.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(new Set(seen.map((r) => `${r.method} ${r.path} ${r.body}`))).toEqual(
      new Set(['POST /v1/accounts {"name":"Brasserie"}']),
    );
    // Retry-After first, then exponential backoff with jitter: 1 s and 2 s, each between half and all.
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(waits[2]).toBeGreaterThanOrEqual(1000);
    expect(waits[2]).toBeLessThanOrEqual(2000);
  });

  it('never retries another 4xx, nor a 500 after a write; retries a read after 500 and gives up after maxRetries', async () => {
    const invalid = await against([
      problem(400, 'validation_failed', {}, { errors: [{ field: 'name', message: 'is required' }] }),
    ]);
    const error = await invalid.client.accounts.create({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllotApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'name', message: 'is required' }],
      requestId: 'req_scripted',
      retryAfter: null,
      attempts: 1,
    });
    expect(invalid.seen).toHaveLength(1);
    expect(invalid.waits).toEqual([]);

    const broken = await against([problem(500, 'internal_error')]);
    await expect(broken.client.invoices.pay('inv_1')).rejects.toMatchObject({ status: 500, attempts: 1 });
    expect(broken.seen).toHaveLength(1);
    await expect(broken.client.invoices.get('inv_1')).rejects.toMatchObject({ status: 500, attempts: 3 });
    expect(broken.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/invoices/inv_1/pay',
      ...Array(3).fill('GET /v1/invoices/inv_1'),
    ]);
    expect(broken.waits).toHaveLength(2);

    const never = await against([problem(503, 'service_unavailable')], { maxRetries: 0 });
    await expect(never.client.accounts.get('acct_1')).rejects.toMatchObject({ status: 503 });
    expect(never.seen).toHaveLength(1);
  });

  it('honours an HTTP-date Retry-After, and throws at once one longer than maxRetryAfterMs', async () => {
    const later = new Date(Date.now() + 5000).toUTCString();
    const dated = await against([
      problem(429, 'rate_limited', { 'retry-after': later }),
      answer(200, created),
    ]);
    expect(await dated.client.accounts.get('acct_1')).toEqual(created);
    expect(dated.waits).toHaveLength(1);
    expect(dated.waits[0]).toBeGreaterThanOrEqual(4000);
    expect(dated.waits[0]).toBeLessThanOrEqual(6000);

    const slow = await against([
      problem(429, 'rate_limited', { 'retry-after': '120' }),
      answer(200, created),
    ]);
    await expect(slow.client.accounts.get('acct_1')).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryAfter: 120,
    });
    expect(slow.seen).toHaveLength(1);
    expect(slow.waits).toEqual([]);
  });

  it('times out an answer that does not come, or whose body stalls, and retries the read', async () => {
    const stalledBody: Step = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    };
    const { client, seen } = await against([silence, stalledBody, answer(200, created)], { timeoutMs: 50 });
    expect(await client.accounts.get('acct_1')).toEqual(created);
    expect(seen).toHaveLength(3);

    const once = await against([stalledBody], { timeoutMs: 50, maxRetries: 0 });
    const error = await once.client.accounts.get('acct_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllotTimeoutError);
    expect(error).toBeInstanceOf(AllotConnectionError);
    expect(error).toMatchObject({ timeoutMs: 50, method: 'GET', attempts: 1 });
  });

  it('repeats a consume after a dropped connection only with an idempotency key, in the header and the body', async () => {
    const usage = { allowed: true, feature: 'tickets', used: 1 };
    const { client, seen } = await against([drop, drop, answer(200, usage)], { maxRetries: 1 });
    const keyless = await client.entitlements
      .consume({ account: 'acct_1', feature: 'tickets' })
      .catch((e: unknown) => e);
    expect(keyless).toBeInstanceOf(AllotConnectionError);
    expect(keyless).not.toBeInstanceOf(AllotApiError);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['idempotency-key']).toBeUndefined();

    expect(
      await client.entitlements.consume({
        account: 'acct_1',
        feature: 'tickets',
        idempotencyKey: 'ticket-9',
      }),
    ).toEqual(usage);
    expect(
      seen.slice(1).map((r) => [r.headers['idempotency-key'], JSON.parse(r.body).idempotency_key]),
    ).toEqual([
      ['ticket-9', 'ticket-9'],
      ['ticket-9', 'ticket-9'],
    ]);
  });

  it('keys every write (the caller’s key kept), no read; in the portal along with the CSRF token', async () => {
    const { client, seen } = await against([answer(200, created)]);
    await client.accounts.get('acct_1');
    await client.accounts.update('acct_1', { name: 'A' });
    await client.accounts.update('acct_1', { name: 'B' });
    await client.accounts.update('acct_1', { name: 'C' }, { idempotencyKey: 'mine' });
    await client.users.remove('acct_1', 'usr_1');
    await client.subscriptions.preview('sub_1', { quantity: 2 });
    const keys = seen.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBeUndefined();
    expect(keys[1]).toMatch(UUID);
    expect(keys[2]).toMatch(UUID);
    expect(keys[1]).not.toBe(keys[2]);
    expect(keys[3]).toBe('mine');
    expect(keys[4]).toMatch(UUID);
    // A preview changes nothing: no key.
    expect(keys[5]).toBeUndefined();

    const portal = await against([answer(200, created)], {
      secretKey: undefined,
      portalSession: { csrfToken: 'csrf-1' },
    });
    await portal.client.accounts.update('acct_1', { name: 'A' });
    expect(portal.seen[0]!.headers).toMatchObject({ 'allot-csrf-token': 'csrf-1' });
    expect(portal.seen[0]!.headers['idempotency-key']).toMatch(UUID);
    expect(portal.seen[0]!.headers.authorization).toBeUndefined();
  });

  it('stops at once when the caller aborts, and reports a refused connection as AllotConnectionError', async () => {
    const controller = new AbortController();
    const { client, seen, waits } = await against([() => controller.abort(new Error('user left'))]);
    await expect(client.accounts.get('acct_1', { signal: controller.signal })).rejects.toThrow('user left');
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);

    const closed = await scripted(answer(200, created));
    await closed.close();
    const waited: number[] = [];
    const nobody = new Allot({
      baseUrl: closed.url,
      secretKey: 'sk',
      sleep: async (ms) => {
        waited.push(ms);
      },
    });
    const error = await nobody.accounts.get('acct_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllotConnectionError);
    expect(error).toMatchObject({ attempts: 3, method: 'GET', url: `${closed.url}/v1/accounts/acct_1` });
    expect(waited).toHaveLength(2);
  });
});

describe('lists', () => {
  it('pages through a list with for await, while awaiting it still answers the first page', async () => {
    const partner = await allot.accounts.create({ name: 'Reseller', kind: 'partner', currency: 'EUR' });
    const children: string[] = [];
    for (let i = 0; i < 7; i++) {
      children.push(
        (await allot.accounts.create({ name: `Customer ${i}`, parent_id: partner.id, currency: 'EUR' })).id,
      );
    }
    const newestFirst = [...children].reverse();

    const first = await allot.accounts.list({ parent_id: partner.id, limit: 2 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((a) => a.id)).toEqual(newestFirst.slice(0, 2));

    const mark = calls.length;
    const seen: string[] = [];
    for await (const a of allot.accounts.list({ parent_id: partner.id, limit: 2 })) seen.push(a.id);
    expect(seen).toEqual(newestFirst);
    // Four pages of two, each after the last id of the one before.
    expect(callsSince(mark)).toEqual(Array(4).fill('GET /v1/accounts'));

    expect(
      (await allot.accounts.list({ parent_id: partner.id, limit: 3 }).toArray({ limit: 5 })).map((a) => a.id),
    ).toEqual(newestFirst.slice(0, 5));
    expect(await allot.accounts.list({ parent_id: partner.id, limit: 100 }).toArray()).toHaveLength(7);
    await expect(allot.accounts.list().toArray({ limit: 10_001 })).rejects.toThrow(RangeError);
  });
});

describe('every operation of the API', () => {
  it('has an SDK method: each operation of /openapi.json is reached by one, and no method calls an unknown one', async () => {
    const doc = (await t.api('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
      webhooks: Record<string, unknown>;
    };
    const verbs = new Set(['get', 'post', 'put', 'patch', 'delete']);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => verbs.has(m))
        .map((m) => ({
          method: m.toUpperCase(),
          path,
          pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        })),
    );
    expect(operations.length).toBeGreaterThan(80);

    // Call every method of every namespace with made-up arguments against a fetch that answers anything.
    const requested = new Set<string>();
    const probe = new Allot({
      baseUrl: 'http://allot.test',
      secretKey: 'sk_probe',
      maxRetries: 0,
      fetch: async (input, init) => {
        requested.add(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return new Response(
          JSON.stringify({ id: 'acct_probe', account: 'acct_probe', data: [], has_more: false }),
          {
            headers: { 'content-type': 'application/json' },
          },
        );
      },
    });
    const methods: string[] = [];
    for (const [namespace, value] of Object.entries(probe)) {
      if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
        continue;
      for (const [name, fn] of Object.entries(value as Record<string, unknown>)) {
        if (typeof fn !== 'function') continue;
        methods.push(`${namespace}.${name}`);
        try {
          await fn('p1', 'p2');
        } catch {
          // Made-up arguments: what matters is the request made.
        }
      }
    }
    expect(methods.length).toBeGreaterThan(80);

    const covered = new Set<string>();
    const unknown: string[] = [];
    for (const call of requested) {
      const [method, path] = call.split(' ') as [string, string];
      const matches = operations.filter((o) => o.method === method && o.pattern.test(path));
      // `/portal_sessions/current` is its own operation, not `/portal_sessions/{id}`.
      const best = matches.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
      if (best) covered.add(`${best.method} ${best.path}`);
      else unknown.push(call);
    }
    const missing = operations.map((o) => `${o.method} ${o.path}`).filter((o) => !covered.has(o));
    expect(missing, 'operations of the API that no SDK method calls').toEqual([]);
    expect(unknown, 'SDK calls that the API does not have').toEqual([]);

    // The events that refresh snapshots are every event about quotas, subscriptions, seats and users.
    const events = Object.keys(doc.webhooks);
    expect(events.length).toBeGreaterThan(10);
    expect([...SNAPSHOT_EVENTS].sort()).toEqual(
      events.filter((e) => /^(quota|subscription|seats|allocation|user)\./.test(e)).sort(),
    );
  });

  it('has its types generated from the document the server serves: sdk/openapi.ts is not stale', async () => {
    const { generateTypes, OPENAPI_TS } = await import('../sdk/scripts/generate-types.ts');
    const doc = (await t.api('GET', '/openapi.json', undefined, { key: null })).body;
    const fresh = (await generateTypes(doc)).split('\n');
    const committed = readFileSync(OPENAPI_TS, 'utf8').split('\n');
    const at = fresh.findIndex((line, i) => line !== committed[i]);
    const first =
      at < 0 && fresh.length === committed.length
        ? null
        : at < 0
          ? Math.min(fresh.length, committed.length)
          : at;
    expect(
      first === null ? null : { line: first + 1, committed: committed[first], generated: fresh[first] },
      'sdk/openapi.ts differs from a fresh generation: run `npx tsx sdk/scripts/generate-types.ts`',
    ).toBeNull();
  });

  it('answers webhook endpoints, test clocks, tenants, keys, billing runs, history and health from the server', async () => {
    const endpoint = await allot.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/allot-hooks',
      events: ['invoice.issued', 'quota.exhausted'],
    });
    expect(endpoint).toMatchObject({
      object: 'webhook_endpoint',
      status: 'enabled',
      events: ['invoice.issued', 'quota.exhausted'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(await allot.webhookEndpoints.get(endpoint.id)).not.toHaveProperty('secret');
    expect((await allot.webhookEndpoints.list().toArray()).map((e) => e.id)).toContain(endpoint.id);
    expect(await allot.webhookEndpoints.update(endpoint.id, { status: 'disabled' })).toMatchObject({
      status: 'disabled',
    });
    const rotated = await allot.webhookEndpoints.rotateSecret(endpoint.id, { expire_previous_in_hours: 1 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previous_secret_expires_at).not.toBeNull();
    expect(await allot.webhookEndpoints.deliveries(endpoint.id)).toEqual({ data: [], has_more: false });
    await expect(allot.webhookEndpoints.retryDelivery(endpoint.id, 'whd_nothing')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await allot.webhookEndpoints.delete(endpoint.id)).toMatchObject({
      id: endpoint.id,
      deleted: true,
    });

    const clock = await allot.testClocks.create({ frozen_time: '2026-01-31T09:00:00Z', name: 'sdk' });
    expect(clock).toMatchObject({
      object: 'test_clock',
      name: 'sdk',
      frozen_time: '2026-01-31T09:00:00.000Z',
    });
    const advanced = await allot.testClocks.advance(clock.id, '2026-03-01T09:00:00Z');
    expect(Date.parse(advanced.frozen_time)).toBe(Date.parse('2026-03-01T09:00:00Z'));
    expect((await allot.testClocks.get(clock.id)).frozen_time).toBe(advanced.frozen_time);
    expect((await allot.testClocks.list().toArray()).map((c) => c.id)).toContain(clock.id);

    const tenant = await allot.tenants.create({ name: 'Second vendor' });
    expect(tenant.secret_key).toMatch(/^sk_/);
    const second = new Allot({ baseUrl: t.url, secretKey: tenant.secret_key! });
    expect(await second.tenant.get()).toMatchObject({
      id: tenant.id,
      name: 'Second vendor',
      payment_terms_days: expect.any(Number),
    });
    expect(
      await second.tenant.update({ payment_terms_days: 45, legal_name: 'Second Vendor SAS' }),
    ).toMatchObject({
      payment_terms_days: 45,
      legal_name: 'Second Vendor SAS',
    });
    expect((await second.accounts.list()).data).toEqual([]);

    const key = await second.keys.create({
      type: 'publishable',
      allowed_origins: ['https://www.example.com'],
    });
    expect(key.publishable_key).toMatch(/^pk_/);
    expect((await second.keys.revoke(key.id)).revoked_at).not.toBeNull();
    expect((await second.keys.list()).data.map((k) => k.type).sort()).toEqual(['publishable', 'secret']);

    expect(await second.billing.run()).toMatchObject({ object: 'billing_run', counts: expect.any(Object) });
    const history = await second.history.list({ limit: 100 }).toArray();
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['tenant.updated']));
    expect(await second.health.check()).toMatchObject({ status: 'ok' });
    expect(await second.health.ready()).toMatchObject({ status: 'ok' });
    await expect(second.emails.resend('eml_nothing')).rejects.toMatchObject({ status: 404 });
  });

  it('reads a subscription’s timeline and upcoming invoice, an invoice’s XML, and typed events', async () => {
    const acct = await account(t, null);
    const sub = await allot.subscriptions.create({ account: acct, plan: 'premium' });
    const timeline = await allot.subscriptions.timeline(sub.id);
    expect(timeline.data.map((p) => p.action)).toEqual(['created']);
    expect(await allot.subscriptions.upcomingInvoice(sub.id)).toMatchObject({
      object: 'invoice',
      id: null,
      subscription: sub.id,
    });
    // No legal details yet: the e-invoice says what is missing.
    await expect(allot.invoices.xml(sub.latest_invoice!)).rejects.toMatchObject({
      status: 409,
      code: 'invalid_state',
    });

    const [created] = (await allot.events.list({ account: acct, type: 'subscription.created' })).data;
    expect(created?.type).toBe('subscription.created');
    if (created?.type === 'subscription.created') {
      // Narrowed by type: data is { subscription: Subscription }.
      expectTypeOf(created.data.subscription).toEqualTypeOf<SdkSubscription>();
      expect(created.data.subscription.id).toBe(sub.id);
    }
    const [issued] = (await allot.events.list({ account: acct, type: 'invoice.issued' })).data;
    if (issued?.type !== 'invoice.issued') throw new Error(`expected invoice.issued, not ${issued?.type}`);
    expectTypeOf(issued.data.amount_due).toEqualTypeOf<number>();
    expect(issued.data).toMatchObject({ invoice: sub.latest_invoice, currency: 'EUR' });
  });
});
