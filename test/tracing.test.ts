/**
 * Issue 14: OpenTelemetry traces when an exporter is configured. A real Allot process sends OTLP/HTTP
 * to a real receiver on loopback: a span per request in the caller's trace (from `traceparent`) with
 * the route and the request id, and a span per database query inside it; health checks are not traced;
 * a warm entitlement check runs no query.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/database.ts';
import { startServerProcess } from './helpers/process.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

const received: OtlpSpan[] = [];
let receiver: Server;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const attr = (span: OtlpSpan, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
};

describe('tracing', { timeout: 120_000 }, () => {
  it('sends a span per request, in the caller’s trace, with the queries inside it', async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const message = JSON.parse(body);
          for (const rs of message.resourceSpans ?? [])
            for (const ss of rs.scopeSpans ?? []) received.push(...(ss.spans ?? []));
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(resolve)));
    const { port } = receiver.address() as AddressInfo;

    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const key = 'sk_test_tracing_0123456789abcdef';
    const server = await startServerProcess({
      ...database.env,
      ALLOT_DEMO: '0',
      ALLOT_BOOTSTRAP_KEY: key,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: 'allot-under-test',
    });

    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = await fetch(`${server.url}/v1/accounts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ name: 'Traced', currency: 'EUR' }),
    });
    expect(answer.status).toBe(201);
    const requestId = answer.headers.get('request-id');
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    // A check: the first reads the key and the account's terms; the next, warm, reads nothing.
    const account = ((await answer.json()) as { id: string }).id;
    const write = (method: string, path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(
      await write('PUT', '/v1/catalog', {
        features: [{ key: 'tickets', name: 'Tickets', kind: 'quota' }],
        plans: [
          {
            key: 'p',
            name: 'P',
            entitlements: [{ feature: 'tickets', limit: 100 }],
            prices: [{ billing_period: 'month', currency: 'EUR', amount: 100 }],
          },
        ],
      }),
    ).toBe(200);
    expect(await write('POST', '/v1/subscriptions', { account, plan: 'p' })).toBe(201);
    const warmTrace = '5cf92f3577b34da6a3ce929d0e0e4737';
    for (const trace of ['6df92f3577b34da6a3ce929d0e0e4738', warmTrace]) {
      const checked = await fetch(`${server.url}/v1/entitlements/check`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          traceparent: `00-${trace}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify({ account, feature: 'tickets' }),
      });
      expect(checked.status).toBe(200);
    }

    // A graceful stop sends what is buffered.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const request = received.find((s) => s.traceId === traceId && attr(s, 'http.route') === '/v1/accounts');
    expect(request, JSON.stringify(received.map((s) => s.name))).toBeDefined();
    expect(request!.parentSpanId).toBe('00f067aa0ba902b7');
    expect(attr(request!, 'allot.request_id')).toBe(requestId);
    const inTrace = received.filter((s) => s.traceId === traceId);
    const queries = inTrace.filter((s) => s.name.startsWith('db '));
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['db insert']));
    // Each query hangs below the request: its parent is a span of this trace.
    const ids = new Set(inTrace.map((s) => s.spanId));
    for (const q of queries) expect(ids.has(q.parentSpanId!), q.name).toBe(true);
    for (const q of queries) expect(String(attr(q, 'db.query.text'))).not.toContain('Traced');
    expect(received.some((s) => String(attr(s, 'url.path') ?? '').startsWith('/v1/health'))).toBe(false);
    // The warm check ran no statement at all: not for its key, its terms, nor a rate limit's count.
    const warm = received.filter((s) => s.traceId === warmTrace);
    expect(warm.some((s) => attr(s, 'http.route') === '/v1/entitlements/check')).toBe(true);
    expect(warm.filter((s) => s.name.startsWith('db ')).map((s) => s.name)).toEqual([]);
  });
});
