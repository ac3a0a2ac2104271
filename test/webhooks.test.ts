import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { typeidUnboxed } from 'typeid-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Clock, Temporal, toDate } from '../src/platform/clock/clock.ts';
import { BACKOFF_MS } from '../src/platform/jobs/runner.ts';
import { BOOTSTRAP_KEY, startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

/** The wall clock, moved by the tests: retries fall due only when it passes their backoff. */
let wallNow = Temporal.Instant.from('2026-03-02T09:00:00Z');
const wall: Clock = { now: () => wallNow };
const move = (ms: number) => {
  wallNow = wallNow.add({ milliseconds: ms });
};
const MIN = 60_000;

interface Received {
  id: string;
  headers: Record<string, string>;
  body: string;
  /** The wall clock when it arrived. */
  at: Temporal.Instant;
  status: number;
}

type Answer = { status: number; headers?: Record<string, string> };

/** A real HTTP receiver on loopback; `script` answers the n-th request (0-based) for one webhook-id. */
async function receiver(script: (n: number) => Answer = () => ({ status: 200 })) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const answer = script(received.filter((r) => r.id === id).length);
      received.push({
        id,
        headers: {
          'webhook-id': id,
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        },
        body: Buffer.concat(chunks).toString('utf8'),
        at: wallNow,
        status: answer.status,
      });
      res.writeHead(answer.status, answer.headers).end(answer.status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Standard Webhooks' verify also refuses a timestamp more than 5 minutes from the reader's clock, so it
 * reads the test's wall clock at arrival (which has moved hours since): the signed time must be it.
 */
function verify(secret: string, r: Received): any {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(toDate(r.at));
  try {
    return new Webhook(secret).verify(r.body, r.headers);
  } finally {
    vi.useRealTimers();
  }
}

let t: TestAllot;
const receivers: { close(): Promise<void> }[] = [];
let hooksUrl: string;
beforeAll(async () => {
  t = await startAllot({ clock: wall });
  await seedCatalog(t);
  hooksUrl = t.url;
});
afterAll(async () => {
  await t?.close();
  for (const r of receivers) await r.close();
});

/** A real HTTP request to the webhook routes, as t.api makes to the app. */
async function hooks(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(hooksUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${BOOTSTRAP_KEY}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function endpoint(url: string, events?: string[]) {
  const res = await hooks('POST', '/v1/webhook_endpoints', { url, ...(events ? { events } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; events: string[]; status: string };
}

/** A new customer on premium: subscription.created and invoice.issued. Answers its event ids, oldest first. */
async function newCustomer(): Promise<string[]> {
  const acct = await account(t, null);
  await subscribe(t, { account: acct, plan: 'premium' });
  const events = await t.api('GET', `/v1/events?account=${acct}`);
  return events.body.data.map((e: { id: string }) => e.id).reverse();
}

const log = async (endpointId: string) =>
  (await hooks('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`)).body.data as any[];

describe('webhook delivery', () => {
  it('gets every event to a receiver that fails then recovers, exactly once and correctly signed', async () => {
    const before = await newCustomer();
    // Two 500s, then a 429 asking for an hour, then success: for each event.
    const rx = await receiver((n) =>
      n < 2
        ? { status: 500 }
        : n === 2
          ? { status: 429, headers: { 'retry-after': '3600' } }
          : { status: 200 },
    );
    receivers.push(rx);
    const ep = await endpoint(rx.url);
    expect(ep).toMatchObject({ status: 'enabled', events: ['*'] });
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const events = await newCustomer();
    expect(events).toHaveLength(2);

    await t.allot.jobs.runDue();
    expect(rx.received.map((r) => r.status)).toEqual([500, 500]);
    let deliveries = await log(ep.id);
    for (const d of deliveries) {
      expect(d).toMatchObject({ status: 'pending', attempt_count: 1, last_status_code: 500 });
      expect(d.next_attempt_at).toBe(toDate(wallNow.add({ milliseconds: BACKOFF_MS[0]! })).toISOString());
    }
    // Not before the backoff: 4 s later nothing is sent.
    move(4_000);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(2);
    move(1_000);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(4);
    move(5 * MIN);
    await t.allot.jobs.runDue();
    expect(rx.received.slice(4).map((r) => r.status)).toEqual([429, 429]);
    // The next backoff step is 30 min, but the receiver asked for an hour.
    move(30 * MIN);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(6);
    move(30 * MIN);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(8);
    move(10 * 3_600_000);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(8);

    const ok = rx.received.filter((r) => r.status === 200);
    expect(ok.map((r) => r.id).sort()).toEqual([...events].sort());
    expect(rx.received.some((r) => before.includes(r.id))).toBe(false);
    for (const r of rx.received) {
      const payload = verify(ep.secret, r);
      expect(payload.id).toBe(r.id);
      expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(r.at.epochMilliseconds / 1000)));
      expect(Object.keys(payload).sort()).toEqual(['account', 'created_at', 'data', 'id', 'object', 'type']);
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(r.body, r.headers),
      ).toThrow();
    }
    // The payload is the event as GET /v1/events shows it.
    const listed = (await t.api('GET', '/v1/events?limit=100')).body.data;
    for (const r of ok) expect(JSON.parse(r.body)).toEqual(listed.find((e: any) => e.id === r.id));
    expect(ok.map((r) => JSON.parse(r.body).type).sort()).toEqual(['invoice.issued', 'subscription.created']);

    deliveries = await log(ep.id);
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) {
      expect(d).toMatchObject({
        status: 'succeeded',
        attempt_count: 4,
        last_status_code: 200,
        next_attempt_at: null,
      });
      expect(d.delivered_at).not.toBeNull();
      expect(d.attempts.map((a: any) => [a.attempt, a.status_code])).toEqual([
        [1, 500],
        [2, 500],
        [3, 429],
        [4, 200],
      ]);
      expect(d.attempts[0].error).toContain('HTTP 500');
    }
    expect(deliveries.map((d) => d.event_type).sort()).toEqual(['invoice.issued', 'subscription.created']);

    const gone = await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`);
    expect(gone.body).toMatchObject({ id: ep.id, deleted: true });
    expect((await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(404);
  });

  it('sends only the chosen types, and disables an endpoint that answers 410 Gone', async () => {
    const invoices = await receiver();
    const goneRx = await receiver(() => ({ status: 410 }));
    receivers.push(invoices, goneRx);
    const filtered = await endpoint(invoices.url, ['invoice.issued']);
    expect(filtered.events).toEqual(['invoice.issued']);
    const gone = await endpoint(goneRx.url);
    await newCustomer();
    move(10_000);
    await t.allot.jobs.runDue();
    expect(invoices.received.map((r) => JSON.parse(r.body).type)).toEqual(['invoice.issued']);
    verify(filtered.secret, invoices.received[0]!);
    expect(goneRx.received.length).toBeGreaterThan(0);
    const view = (await hooks('GET', `/v1/webhook_endpoints/${gone.id}`)).body;
    expect(view).toMatchObject({ status: 'disabled' });
    expect(view.disabled_reason).toContain('410');
    expect((await log(gone.id)).map((d) => d.status)).toEqual(['failed', 'failed']);

    // A disabled endpoint gets nothing more.
    const sent = goneRx.received.length;
    await newCustomer();
    move(10 * MIN);
    await t.allot.jobs.runDue();
    expect(goneRx.received).toHaveLength(sent);
    expect(await log(gone.id)).toHaveLength(2);
    expect(invoices.received).toHaveLength(2);
    for (const id of [filtered.id, gone.id]) {
      expect((await hooks('DELETE', `/v1/webhook_endpoints/${id}`)).status).toBe(200);
    }
  });

  it('still delivers an event whose transaction committed after newer events were fanned out', async () => {
    const rx = await receiver();
    receivers.push(rx);
    const ep = await endpoint(rx.url);
    // A slow write: its event id is minted now, but the row becomes visible only after newer events
    // were read and the endpoint's cursor moved past it.
    const lateId = typeidUnboxed('evt');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const events = await newCustomer();
    move(10_000);
    await t.allot.jobs.runDue();
    expect(rx.received.map((r) => r.id).sort()).toEqual([...events].sort());
    const tenantId = (await t.api('GET', '/v1/tenant')).body.id;
    await t.allot.ctx.db.kysely
      .insertInto('events')
      .values({
        tenant_id: tenantId,
        id: lateId,
        type: 'invoice.paid',
        account_id: null,
        occurred_at: toDate(wallNow),
        data: JSON.stringify({ late: true }),
      })
      .execute();
    move(10_000);
    await t.allot.jobs.runDue();
    expect(rx.received.map((r) => r.id)).toEqual([...rx.received.slice(0, 2).map((r) => r.id), lateId]);
    expect(verify(ep.secret, rx.received[2]!)).toMatchObject({
      id: lateId,
      type: 'invoice.paid',
      data: { late: true },
    });
    // Read again on later passes, but never sent twice.
    move(10_000);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(3);
    expect((await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(200);
  });

  it('fails a delivery after its last retry and disables the endpoint', async () => {
    const rx = await receiver(() => ({ status: 503 }));
    receivers.push(rx);
    const ep = await endpoint(rx.url, ['subscription.created']);
    await newCustomer();
    // The first attempt, then one after each step: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, and 10 h again.
    const waits = [10_000, ...BACKOFF_MS, BACKOFF_MS.at(-1)!];
    for (const wait of waits) {
      move(wait);
      await t.allot.jobs.runDue();
    }
    expect(rx.received).toHaveLength(8);
    move(24 * 3_600_000);
    await t.allot.jobs.runDue();
    expect(rx.received).toHaveLength(8);
    const [delivery] = await log(ep.id);
    expect(delivery).toMatchObject({ status: 'failed', attempt_count: 8, last_status_code: 503 });
    expect(delivery.attempts).toHaveLength(8);
    const view = (await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).body;
    expect(view).toMatchObject({ status: 'disabled' });
    expect(view.disabled_reason).toContain('8 attempts');
  });
});

describe('webhook endpoints', () => {
  it('are the vendor’s: an acting user is refused', async () => {
    const acct = await account(t, null);
    const user = await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: 'owner@acme.example.com',
      name: 'Owner',
      roles: ['owner'],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const as = { 'allot-acting-user': user.body.id };
    const ep = await endpoint('https://example.com/hooks');
    const refused = [
      await hooks('POST', '/v1/webhook_endpoints', { url: 'https://evil.example.com/' }, as),
      await hooks('GET', '/v1/webhook_endpoints', undefined, as),
      await hooks('GET', `/v1/webhook_endpoints/${ep.id}`, undefined, as),
      await hooks('GET', `/v1/webhook_endpoints/${ep.id}/deliveries`, undefined, as),
      await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`, undefined, as),
    ];
    for (const res of refused) expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
    const list = await hooks('GET', '/v1/webhook_endpoints');
    expect(list.body.data.map((e: any) => e.id)).toContain(ep.id);
    expect(list.body.data[0]).not.toHaveProperty('secret');
  });

  it('validates the url and the event types', async () => {
    for (const body of [
      { url: 'ftp://example.com/hooks' },
      { url: 'not a url' },
      { url: 'https://user:pw@example.com/hooks' },
      { url: 'https://example.com/hooks', events: ['invoice.nope'] },
      { url: 'https://example.com/hooks', events: [] },
      { url: 'https://example.com/hooks', secret: 'whsec_mine' },
    ]) {
      const res = await hooks('POST', '/v1/webhook_endpoints', body);
      expect(res.body, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    expect((await hooks('GET', '/v1/webhook_endpoints/we_missing')).status).toBe(404);
  });
});
