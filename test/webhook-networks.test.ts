import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../src/webhooks/network.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
let receiver: Server;
let port = 0;
let hits = 0;
/** This machine's name, when it resolves to an address that is not public (as /etc/hosts usually has it). */
let privateName: string | null = null;

beforeAll(async () => {
  t = await startAllot({ env: { ALLOT_WEBHOOK_NETWORKS: 'public' } });
  await seedCatalog(t);
  receiver = createServer((_req, res) => {
    hits++;
    res.end('internal secrets');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as { port: number }).port;
  const name = hostname();
  const resolved = await lookup(name).catch(() => null);
  if (resolved && refusal(resolved.address, 'public') !== null) privateName = name;
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks under ALLOT_WEBHOOK_NETWORKS=public (the default)', () => {
  it('refuses endpoints on loopback, private and link-local addresses, naming the url', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:192.168.0.1]/hook',
      // An IPv4-compatible address holding loopback, and a name with the DNS root's trailing dot.
      'http://[::127.0.0.1]/hook',
      `http://LOCALHOST.:${port}/hook`,
      'http://app.localhost./hook',
      'http://0x7f.1/hook',
    ]) {
      const res = await t.api('POST', '/v1/webhook_endpoints', { url });
      expect(res.status, url).toBe(400);
      expect(res.body.errors[0].field).toBe('url');
      expect(res.body.errors[0].message).toContain('ALLOT_WEBHOOK_NETWORKS=any');
    }
    expect(
      (await t.api('POST', '/v1/webhook_endpoints', { url: 'https://hooks.example.com/allot' })).status,
    ).toBe(201);
    expect(refusal('93.184.216.34', 'public')).toBeNull();
    expect(refusal('::5db8:d822', 'public')).toBeNull();
    expect(refusal('127.0.0.1', 'any')).toBeNull();
  });

  it('never connects to a name that resolves to a private address, and keeps none of its answer', async (ctx) => {
    if (privateName === null) ctx.skip();
    const endpoint = await t.api('POST', '/v1/webhook_endpoints', {
      url: `http://${privateName}:${port}/hook`,
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const acct = await account(t, null);
    await subscribe(t, { account: acct, plan: 'premium' });
    await t.allot.jobs.runDue();
    const log = await t.api('GET', `/v1/webhook_endpoints/${endpoint.body.id}/deliveries`);
    expect(log.body.data.length).toBeGreaterThan(0);
    const attempt = log.body.data[0].attempts[0];
    expect(attempt.status_code).toBeNull();
    expect(attempt.error).toContain('loopback');
    expect(JSON.stringify(log.body)).not.toContain('internal secrets');
    expect(hits).toBe(0);
  });
});
