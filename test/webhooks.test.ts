import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
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
  // A receiver that hangs is given up on after 300 ms here (5 s by default).
  t = await startAllot({ clock: wall, env: { ALLOT_WEBHOOK_TIMEOUT_MS: '300' } });
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

async function endpoint(url: string, events?: string[], secret?: string) {
  const res = await hooks('POST', '/v1/webhook_endpoints', {
    url,
    ...(events ? { events } : {}),
    ...(secret ? { secret } : {}),
  });
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

/** A new customer's subscription.created event: the endpoints below listen to that type. */
async function newSubscription(): Promise<string> {
  const acct = await account(t, null);
  await subscribe(t, { account: acct, plan: 'premium' });
  const events = await t.api('GET', `/v1/events?account=${acct}`);
  return events.body.data.find((e: { type: string }) => e.type === 'subscription.created').id;
}

const log = async (endpointId: string) =>
  (await hooks('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`)).body.data as any[];

/** Moves the wall clock past the webhook job's idle wait (or `ms`), then runs what is due. */
async function step(ms = 10_000) {
  move(ms);
  await t.allot.jobs.runDue();
}

const whsec = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;
const signatures = (r: Received) => r.headers['webhook-signature']!.split(' ');

/** The webhook attempts /metrics has counted so far, by outcome. */
async function deliveryCounts(): Promise<{ delivered: number; failed: number; error: number }> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`^allot_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ??
        0,
    );
  return { delivered: count('delivered'), failed: count('failed'), error: count('error') };
}

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
    const counted = await deliveryCounts();

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
    // /metrics counted each attempt by its outcome: 4 × 500 and 2 × 429 failed, 2 delivered.
    const after = await deliveryCounts();
    expect({ delivered: after.delivered - counted.delivered, failed: after.failed - counted.failed }).toEqual(
      {
        delivered: 2,
        failed: 6,
      },
    );

    const gone = await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`);
    expect(gone.body).toMatchObject({ id: ep.id, deleted: true });
    expect((await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(404);
  });

  it('gives up on a receiver that hangs past the timeout, logs why, and delivers once it answers', async () => {
    const held: ServerResponse[] = [];
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        seen.push(id);
        // The first attempt of each event gets no answer at all; the next one is acknowledged.
        if (seen.filter((x) => x === id).length === 1) held.push(res);
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receivers.push({
      close: () =>
        new Promise<void>((resolve) => {
          for (const r of held) r.destroy();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    const ep = await endpoint(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
    const events = await newCustomer();
    // A second at a time until the webhook job has made the first attempts (it runs every few seconds).
    const attempted = async () => {
      const ds = await log(ep.id);
      return ds.length === events.length && ds.every((d) => d.attempt_count >= 1);
    };
    await t.allot.jobs.runDue();
    for (let i = 0; i < 20 && !(await attempted()); i++) await step(1_000);
    const first = await log(ep.id);
    expect(first).toHaveLength(2);
    for (const d of first) {
      expect(d).toMatchObject({ status: 'pending', attempt_count: 1, last_status_code: null });
      expect(d.attempts[0].error).toBe('No answer within 300 ms.');
    }
    // Then past the first backoff step, a second at a time, until they are done.
    for (let i = 0; i < 30 && (await log(ep.id)).some((d) => d.status === 'pending'); i++) await step(1_000);
    const deliveries = await log(ep.id);
    expect(deliveries.map((d) => [d.status, d.attempt_count]).sort()).toEqual([
      ['succeeded', 2],
      ['succeeded', 2],
    ]);
    // Each event reached the receiver twice — the hung attempt and the acknowledged one — and no more.
    expect([...seen].sort()).toEqual([...events, ...events].sort());
    move(10 * 3_600_000);
    await t.allot.jobs.runDue();
    expect(seen).toHaveLength(events.length * 2);
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

describe('webhook endpoint management', () => {
  it('signs with a secret the vendor chose, and refuses one that is not Standard Webhooks', async () => {
    const secret = whsec(32);
    const rx = await receiver();
    receivers.push(rx);
    const ep = await endpoint(rx.url, ['subscription.created'], secret);
    expect(ep.secret).toBe(secret);
    const created = await newSubscription();
    await step();
    expect(rx.received.map((r) => r.id)).toEqual([created]);
    expect(verify(secret, rx.received[0]!)).toMatchObject({ id: created, type: 'subscription.created' });
    expect(() => verify(whsec(32), rx.received[0]!)).toThrow();
    // The bounds: 24 and 64 bytes are taken.
    for (const ok of [whsec(24), whsec(64)]) {
      const res = await hooks('POST', '/v1/webhook_endpoints', {
        url: rx.url,
        events: ['invoice.paid'],
        secret: ok,
      });
      expect(res.body.secret).toBe(ok);
      expect((await hooks('DELETE', `/v1/webhook_endpoints/${res.body.id}`)).status).toBe(200);
    }
    const bad = [
      'whsec_mine',
      whsec(23),
      whsec(65),
      whsec(32).slice('whsec_'.length), // no prefix
      whsec(32).replace(/=+$/, ''), // unpadded
      `whsec_${'-_'.repeat(22)}`, // base64url's alphabet
      `whsec_${'A'.repeat(3)}`,
    ];
    for (const secret of bad) {
      const res = await t.api('POST', '/v1/webhook_endpoints', { url: rx.url, secret });
      expect(res.status, secret).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(
        res.body.errors.map((e: any) => e.field),
        secret,
      ).toEqual(['secret']);
    }
    expect((await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(200);
  });

  it('rotates the secret: old and new signatures during the overlap, only the new one after it', async () => {
    const rx = await receiver();
    receivers.push(rx);
    const ep = await endpoint(rx.url, ['subscription.created']);
    const oldSecret = ep.secret;
    const rotated = await hooks('POST', `/v1/webhook_endpoints/${ep.id}/rotate_secret`, {
      expire_previous_in_hours: 2,
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newSecret).not.toBe(oldSecret);
    const until = toDate(wallNow.add({ hours: 2 })).toISOString();
    expect(rotated.body).toMatchObject({ id: ep.id, status: 'enabled', previous_secret_expires_at: until });
    const shown = (await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).body;
    expect(shown).toMatchObject({ previous_secret_expires_at: until });
    expect(shown).not.toHaveProperty('secret');

    // Within the overlap: two signatures, new first; a receiver holding either secret accepts it.
    const during = await newSubscription();
    await step();
    const first = rx.received.at(-1)!;
    expect(first.id).toBe(during);
    expect(signatures(first)).toHaveLength(2);
    expect(verify(oldSecret, first).id).toBe(during);
    expect(verify(newSecret, first).id).toBe(during);
    expect(new Webhook(newSecret).sign(first.id, toDate(first.at), first.body)).toBe(signatures(first)[0]);

    // After it: only the new secret signs.
    move(2 * 3_600_000);
    const after = await newSubscription();
    await step();
    const second = rx.received.at(-1)!;
    expect(second.id).toBe(after);
    expect(signatures(second)).toHaveLength(1);
    expect(verify(newSecret, second).id).toBe(after);
    expect(() => verify(oldSecret, second)).toThrow();
    expect((await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).body.previous_secret_expires_at).toBeNull();

    // Without a body the overlap is 24 h; with 0 the replaced secret stops signing at once.
    const byDefault = await hooks('POST', `/v1/webhook_endpoints/${ep.id}/rotate_secret`);
    expect(byDefault.body.previous_secret_expires_at).toBe(toDate(wallNow.add({ hours: 24 })).toISOString());
    const now = await hooks('POST', `/v1/webhook_endpoints/${ep.id}/rotate_secret`, {
      expire_previous_in_hours: 0,
    });
    expect(now.body.previous_secret_expires_at).toBeNull();
    const last = await newSubscription();
    await step();
    const third = rx.received.at(-1)!;
    expect(third.id).toBe(last);
    expect(signatures(third)).toHaveLength(1);
    expect(verify(now.body.secret, third).id).toBe(last);
    expect(() => verify(byDefault.body.secret, third)).toThrow();

    for (const body of [{ expire_previous_in_hours: 73 }, { expire_previous_in_hours: 1.5 }, { hours: 1 }]) {
      const res = await hooks('POST', `/v1/webhook_endpoints/${ep.id}/rotate_secret`, body);
      expect(res.body, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
    const history = await t.api(
      'GET',
      `/v1/history?subject_id=${ep.id}&action=webhook_endpoint.secret_rotated`,
    );
    expect(history.body.data).toHaveLength(3);
    expect(JSON.stringify(history.body.data)).not.toContain(newSecret);
    expect((await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(200);
  });

  it('updates url and events; re-enabled, it gets nothing of what happened while it was disabled', async () => {
    const first = await receiver();
    // Each event's first attempt fails, so a delivery is still waiting when the endpoint is disabled.
    const rx = await receiver((n) => ({ status: n === 0 ? 500 : 200 }));
    receivers.push(first, rx);
    const ep = await endpoint(first.url, ['invoice.issued']);
    const updated = await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, {
      url: rx.url,
      events: ['subscription.created'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ url: rx.url, events: ['subscription.created'], status: 'enabled' });
    const before = await newSubscription();
    await step();
    expect(first.received).toHaveLength(0);
    expect(rx.received.map((r) => [r.id, r.status])).toEqual([[before, 500]]);

    const disabled = await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, { status: 'disabled' });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabled_reason: 'Disabled through the API.' });
    const [waiting] = await log(ep.id);
    expect(waiting).toMatchObject({
      event: before,
      status: 'failed',
      attempt_count: 1,
      next_attempt_at: null,
    });
    expect(waiting.last_error).toContain('The endpoint was disabled');

    const whileDisabled = await newSubscription();
    await step();
    expect(rx.received).toHaveLength(1);

    const enabled = await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, { status: 'enabled' });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabled_reason: null });
    await step();
    await step(BACKOFF_MS[0]!);
    expect(rx.received).toHaveLength(1);
    const afterwards = await newSubscription();
    await step();
    await step(BACKOFF_MS[0]!);
    expect(rx.received.map((r) => [r.id, r.status])).toEqual([
      [before, 500],
      [afterwards, 500],
      [afterwards, 200],
    ]);
    const deliveries = await log(ep.id);
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      [afterwards, 'succeeded'],
      [before, 'failed'],
    ]);
    expect(deliveries.some((d) => d.event === whileDisabled)).toBe(false);

    const actions = (await t.api('GET', `/v1/history?subject_id=${ep.id}&limit=100`)).body.data.map(
      (h: any) => h.action,
    );
    expect(actions).toEqual([
      'webhook_endpoint.updated',
      'webhook_endpoint.updated',
      'webhook_endpoint.updated',
      'webhook_endpoint.created',
    ]);
    for (const body of [{ status: 'paused' }, { url: 'ftp://example.com/' }, { secret: whsec(32) }]) {
      const res = await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, body);
      expect(res.body, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(res.body.errors[0].field).toBe(Object.keys(body)[0]);
    }
    expect((await hooks('POST', '/v1/webhook_endpoints/we_missing', { status: 'enabled' })).status).toBe(404);
    expect((await hooks('DELETE', `/v1/webhook_endpoints/${ep.id}`)).status).toBe(200);
  });

  it('retries a delivery: one more attempt now, logged, to a receiver that recovered', async () => {
    let answer = 410;
    const rx = await receiver(() => ({ status: answer }));
    const other = await receiver();
    receivers.push(rx, other);
    const ep = await endpoint(rx.url, ['subscription.created']);
    const id = await newSubscription();
    await step();
    const [failed] = await log(ep.id);
    expect(failed).toMatchObject({ event: id, status: 'failed', attempt_count: 1, last_status_code: 410 });
    const retry = (deliveryId: string, endpointId = ep.id, headers: Record<string, string> = {}) =>
      t.api('POST', `/v1/webhook_endpoints/${endpointId}/deliveries/${deliveryId}/retry`, undefined, {
        headers,
      });

    // The 410 disabled the endpoint: nothing is sent to it until it is enabled again.
    expect((await retry(failed.id)).body).toMatchObject({ status: 409, code: 'invalid_state' });
    await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, { status: 'enabled' });
    const elsewhere = await endpoint(other.url, ['invoice.paid']);
    expect((await retry(failed.id, elsewhere.id)).status).toBe(404);
    expect((await retry('wd_missing')).status).toBe(404);

    answer = 200;
    const retried = await retry(failed.id, ep.id, { 'idempotency-key': `retry-${failed.id}` });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({
      id: failed.id,
      status: 'pending',
      attempt_count: 1,
      next_attempt_at: toDate(wallNow).toISOString(),
    });
    expect(retried.body.attempts).toHaveLength(1);
    const replay = await retry(failed.id, ep.id, { 'idempotency-key': `retry-${failed.id}` });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retried.body);
    // Already pending: refused rather than sent twice.
    expect((await retry(failed.id)).body).toMatchObject({ status: 409, code: 'invalid_state' });

    await step();
    expect(rx.received.map((r) => [r.id, r.status])).toEqual([
      [id, 410],
      [id, 200],
    ]);
    expect(verify(ep.secret, rx.received[1]!).id).toBe(id);
    const [done] = await log(ep.id);
    expect(done).toMatchObject({ status: 'succeeded', attempt_count: 2, last_status_code: 200 });
    expect(done.delivered_at).toBe(toDate(rx.received[1]!.at).toISOString());
    expect(done.attempts.map((a: any) => [a.attempt, a.status_code, a.trigger])).toEqual([
      [1, 410, 'scheduled'],
      [2, 200, 'manual'],
    ]);

    // A succeeded one can be sent again too; a manual attempt that fails is not rescheduled, and does
    // not disable the endpoint.
    answer = 503;
    expect((await retry(failed.id)).body).toMatchObject({ status: 'pending', delivered_at: null });
    await step();
    await step(24 * 3_600_000);
    expect(rx.received).toHaveLength(3);
    const [again] = await log(ep.id);
    expect(again).toMatchObject({ status: 'failed', attempt_count: 3, next_attempt_at: null });
    expect(again.attempts.at(-1)).toMatchObject({ attempt: 3, status_code: 503, trigger: 'manual' });
    expect((await hooks('GET', `/v1/webhook_endpoints/${ep.id}`)).body.status).toBe('enabled');
    const history = await t.api('GET', `/v1/history?subject_id=${failed.id}`);
    expect(history.body.data.map((h: any) => h.action)).toEqual([
      'webhook_delivery.retried',
      'webhook_delivery.retried',
    ]);
    for (const e of [ep, elsewhere]) {
      expect((await hooks('DELETE', `/v1/webhook_endpoints/${e.id}`)).status).toBe(200);
    }
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
      await hooks('POST', `/v1/webhook_endpoints/${ep.id}`, { url: 'https://evil.example.com/' }, as),
      await hooks('POST', `/v1/webhook_endpoints/${ep.id}/rotate_secret`, {}, as),
      await hooks('POST', `/v1/webhook_endpoints/${ep.id}/deliveries/wd_any/retry`, undefined, as),
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
