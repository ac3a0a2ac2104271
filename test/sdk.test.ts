import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { benchSnapshotCheck } from '../sdk/bench-check.ts';
import {
  Allot,
  AllotApiError,
  type AllotEvent,
  isQuotaExceeded,
  paginate,
  type Account as SdkAccount,
  type Invoice as SdkInvoice,
  type Subscription as SdkSubscription,
  type UsageAnswer as SdkUsageAnswer,
  type User as SdkUser,
  webhookInvalidator,
} from '../sdk/index.ts';
import type { Account, User } from '../src/accounts/schemas.ts';
import type { UsageAnswer } from '../src/entitlements/usage.ts';
import type { Invoice, Subscription } from '../src/subscriptions/schemas.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

// The SDK's hand-written types are the server's schemas, both ways (checked by tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: [
  Same<SdkAccount, Static<typeof Account>>,
  Same<SdkUser, Static<typeof User>>,
  Same<SdkSubscription, Static<typeof Subscription>>,
  Same<SdkInvoice, Static<typeof Invoice>>,
  Same<Omit<SdkUsageAnswer, 'replayed'>, UsageAnswer>,
] = [true, true, true, true, true];

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
    await new Promise((r) => setTimeout(r, 450));
    expect(short.entitlements.checkSync({ account: acct, feature: 'tickets' })).toBeUndefined();
    const mark = calls.length;
    await short.entitlements.check({ account: acct, feature: 'tickets' });
    expect(callsSince(mark)).toEqual([`GET /v1/accounts/${acct}/entitlements`]);
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
