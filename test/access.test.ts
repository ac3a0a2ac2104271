import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, advance, clockAt, invoicesOf, seedCatalog, subscribe } from './helpers/scenario.ts';

/** What customers' users may not do: the vendor's settings, other people's identities, payments, time. */
let t: TestAllot;
let acct: string;
const users: Record<string, string> = {};
const as = (user: string) => ({ headers: { 'allot-acting-user': user } });

beforeAll(async () => {
  t = await startAllot();
  await seedCatalog(t);
  acct = await account(t, null);
  for (const [name, roles] of [
    ['owner', ['owner']],
    ['manager', ['subscription_manager']],
    ['member', ['member']],
  ] as const) {
    const res = await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: `${name}@acme.example.com`,
      name,
      roles,
      external_id: `ext-${name}`,
    });
    users[name] = res.body.id;
  }
});
afterAll(async () => {
  await t?.close();
});

describe('users', () => {
  it('lets a member rename itself but not touch others, nor any external_id', async () => {
    expect(
      (await t.api('PATCH', `/v1/accounts/${acct}/users/${users.member}`, { name: 'Mia' }, as(users.member!)))
        .status,
    ).toBe(200);
    const owner = await t.api(
      'PATCH',
      `/v1/accounts/${acct}/users/${users.owner}`,
      { status: 'deactivated' },
      as(users.member!),
    );
    expect(owner.status).toBe(403);
    const email = await t.api(
      'PATCH',
      `/v1/accounts/${acct}/users/${users.owner}`,
      { email: 'mine@acme.example.com' },
      as(users.member!),
    );
    expect(email.status).toBe(403);
    const ext = await t.api(
      'PATCH',
      `/v1/accounts/${acct}/users/${users.member}`,
      { external_id: 'ext-owner-2' },
      as(users.member!),
    );
    expect(ext.status).toBe(403);
    expect(ext.body.errors).toEqual([{ field: 'external_id', message: 'is set by the vendor' }]);
    const del = await t.api(
      'DELETE',
      `/v1/accounts/${acct}/users/${users.owner}`,
      undefined,
      as(users.member!),
    );
    expect(del.status).toBe(403);
    expect((await t.api('GET', `/v1/accounts/${acct}/users/${users.owner}`)).body).toMatchObject({
      status: 'active',
      email: 'owner@acme.example.com',
    });
  });

  it('lets a subscription manager deactivate a member', async () => {
    const res = await t.api(
      'PATCH',
      `/v1/accounts/${acct}/users/${users.member}`,
      { status: 'deactivated' },
      as(users.manager!),
    );
    expect(res.body.status).toBe('deactivated');
    await t.api('PATCH', `/v1/accounts/${acct}/users/${users.member}`, { status: 'active' });
  });
});

describe("the vendor's settings", () => {
  it('refuses an owner the tax rate, currency, billing basis and test clock', async () => {
    const res = await t.api(
      'PATCH',
      `/v1/accounts/${acct}`,
      { tax_rate_bps: 0, currency: 'USD', name: 'Acme' },
      as(users.owner!),
    );
    expect(res.status).toBe(403);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['currency', 'tax_rate_bps']);
    const child = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Site', parent_id: acct, tax_rate_bps: 0 },
      as(users.manager!),
    );
    expect(child.status).toBe(403);
    expect((await t.api('PATCH', `/v1/accounts/${acct}`, { name: 'Acme SA' }, as(users.owner!))).status).toBe(
      200,
    );
  });

  it('keeps test clocks, payments and voids to the vendor', async () => {
    expect(
      (await t.api('POST', '/v1/test_clocks', { frozen_time: '2020-01-01T00:00:00Z' }, as(users.owner!)))
        .status,
    ).toBe(403);
    await subscribe(t, { account: acct, plan: 'premium' });
    const [invoice] = await invoicesOf(t, acct);
    expect(
      (await t.api('POST', `/v1/invoices/${invoice.id}/pay`, undefined, as(users.manager!))).status,
    ).toBe(403);
    expect((await t.api('POST', `/v1/invoices/${invoice.id}/void`, undefined, as(users.owner!))).status).toBe(
      403,
    );
    expect((await t.api('GET', `/v1/invoices/${invoice.id}`)).body.status).toBe('open');
  });

  it('refuses to move an account with a live subscription to another clock', async () => {
    const clock = await clockAt(t, '2026-01-01T00:00:00Z');
    const res = await t.api('PATCH', `/v1/accounts/${acct}`, { test_clock: clock });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].field).toBe('test_clock');
  });
});

describe('idempotency across actors', () => {
  it('answers another actor reusing a key with 422, never with the first answer', async () => {
    const other = await account(t, null);
    const stranger = (
      await t.api('POST', `/v1/accounts/${other}/users`, {
        email: 's@other.example.com',
        name: 'S',
        roles: ['owner'],
      })
    ).body.id;
    const body = { name: 'Renamed once' };
    const first = await t.api('PATCH', `/v1/accounts/${acct}`, body, {
      headers: { 'idempotency-key': 'rename-1', 'allot-acting-user': users.owner! },
    });
    expect(first.status).toBe(200);
    const replay = await t.api('PATCH', `/v1/accounts/${acct}`, body, {
      headers: { 'idempotency-key': 'rename-1', 'allot-acting-user': stranger },
    });
    expect(replay.status).toBe(422);
    expect(replay.body.code).toBe('idempotency_key_reused');
  });
});

describe('renewal isolation', () => {
  it('renews the others when one subscription cannot be billed', async () => {
    const clock = await clockAt(t, '2026-02-01T10:00:00Z');
    const good = await account(t, clock, { timezone: 'UTC' });
    await subscribe(t, { account: good, plan: 'premium' });
    const bad = await account(t, clock, { timezone: 'UTC' });
    const broken = await subscribe(t, { account: bad, plan: 'gold' });
    // Corrupt one subscription's schedule behind the API's back: gold has no annual price.
    await sql`update subscriptions set scheduled_changes = '{"billing_period":"year"}'::jsonb where id = ${broken.id}`.execute(
      t.allot.ctx.db.kysely,
    );
    await advance(t, clock, '2026-03-02T00:00:00Z');
    expect(await invoicesOf(t, good)).toHaveLength(2);
    expect(await invoicesOf(t, bad)).toHaveLength(1);
    expect((await t.api('GET', `/v1/subscriptions/${broken.id}`)).body).toMatchObject({
      status: 'active',
      current_period_end: '2026-03-01T00:00:00.000Z',
    });
  });
});
