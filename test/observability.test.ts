import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { freshDatabase, serverUrl } from './helpers/database.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

/**
 * Issue 14, running in production: `/metrics` in Prometheus' format after real traffic, a request id
 * on every answer, and readiness that answers 503 while the database is unreachable (a real
 * PostgreSQL behind a TCP proxy this test stops and starts again) while liveness stays 200.
 */
let t: TestAllot;

beforeAll(async () => {
  t = await startAllot({ env: { ALLOT_DB_POOL_SIZE: '7' } });
  await seedCatalog(t);
});
afterAll(async () => {
  await t?.close();
});

/** `name{labels} value` lines of a Prometheus text answer whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('request ids', () => {
  it('echo a caller’s Request-Id, make one otherwise, and refuse one that is not a plain token', async () => {
    const given = await t.api('GET', '/v1/accounts?limit=1', undefined, {
      headers: { 'request-id': 'trace-42.a' },
    });
    expect(given.headers.get('request-id')).toBe('trace-42.a');
    const legacy = await t.api('GET', '/v1/health', undefined, { headers: { 'x-request-id': 'abc:1' } });
    expect(legacy.headers.get('request-id')).toBe('abc:1');
    const made = await t.api('GET', '/v1/nothing-here');
    expect(made.status).toBe(404);
    expect(made.headers.get('request-id')).toMatch(/^req_[0-9a-f-]{36}$/);
    const odd = await t.api('GET', '/v1/health', undefined, { headers: { 'request-id': 'a b <script>' } });
    expect(odd.headers.get('request-id')).toMatch(/^req_/);
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern, consume decisions and batch sizes, and names no one', async () => {
    const acct = await account(t, null, { name: 'Metered Ltd' });
    await subscribe(t, { account: acct, plan: 'premium' });
    const before = await (await fetch(`${t.url}/metrics`)).text();
    const seen = sample(before, 'allot_http_request_duration_seconds_count', {
      route: '/v1/accounts/:id',
      status_code: '200',
    });
    for (let i = 0; i < 3; i++) expect((await t.api('GET', `/v1/accounts/${acct}`)).status).toBe(200);
    const entitlements = (await t.api('GET', `/v1/accounts/${acct}/entitlements`)).body.data;
    const quota = entitlements.find(
      (e: { kind: string; limit: number | null }) => e.kind === 'quota' && e.limit,
    );
    expect(quota, 'the premium plan has a limited quota').toBeDefined();
    const allowed = await t.api('POST', '/v1/entitlements/consume', {
      account: acct,
      feature: quota.feature,
      quantity: 1,
    });
    expect(allowed.status).toBe(200);
    const refused = await t.api('POST', '/v1/entitlements/consume', {
      account: acct,
      feature: quota.feature,
      quantity: quota.limit + 1,
    });
    expect(refused.status).toBe(409);

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(
      sample(text, 'allot_http_request_duration_seconds_count', {
        route: '/v1/accounts/:id',
        status_code: '200',
      }),
    ).toBe((seen ?? 0) + 3);
    expect(sample(text, 'allot_consume_decisions_total', { decision: 'allowed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'allot_consume_decisions_total', { decision: 'refused' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'allot_consume_batch_size_count')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'allot_job_queue_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'allot_process_cpu_seconds_total')).toBeGreaterThan(0);
    for (const name of [
      'allot_webhook_deliveries_total',
      'allot_email_deliveries_total',
      'allot_db_pool_connections',
    ])
      expect(text).toContain(`# TYPE ${name}`);
    if (t.database.kind === 'postgres')
      expect(sample(text, 'allot_db_pool_connections', { state: 'max' })).toBe(7);
    // Routes as patterns; no account, tenant or key in any label.
    expect(text).not.toContain(acct);
    expect(text).not.toContain(t.key);
  });
});

describe.skipIf(!serverUrl)('readiness', () => {
  it('answers 503 while PostgreSQL is unreachable and 200 again once it is back; liveness stays 200', async () => {
    const database = await freshDatabase();
    const target = new URL(database.env.DATABASE_URL!);
    const sockets = new Set<Socket>();
    const proxy = (port: number) =>
      new Promise<Server>((resolve) => {
        const server = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          sockets.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const drop = () => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
        });
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    let server = await proxy(0);
    const port = (server.address() as { port: number }).port;
    const proxied = new URL(target);
    proxied.host = `127.0.0.1:${port}`;
    const app = await startAllot({ env: { DATABASE_URL: proxied.toString() } });
    try {
      expect((await app.api('GET', '/v1/health/ready')).status).toBe(200);

      // The database goes away: connections cut, nothing listening.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      const down = await app.api('GET', '/v1/health/ready');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body.code).toBe('service_unavailable');
      const alive = await app.api('GET', '/v1/health');
      expect(alive.status).toBe(200);

      // It comes back on the same address: ready again, with no restart.
      server = await proxy(port);
      let back = 0;
      for (let i = 0; i < 20 && back !== 200; i++) back = (await app.api('GET', '/v1/health/ready')).status;
      expect(back).toBe(200);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await database.drop();
    }
  });
});
