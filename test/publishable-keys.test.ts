import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, startAllot, type TestAllot } from './helpers/allot.ts';
import { account } from './helpers/scenario.ts';

/**
 * Keys (issue 12): secret and publishable keys listed, created and revoked; a publishable key reads
 * pricing tables and asks for quotes and nothing else, from the origins listed on it, rate-limited.
 */
let t: TestAllot;
const SITE = 'https://www.vendor.example';
let pk: string;
let pkId: string;

const withPk = (method: string, path: string, body?: unknown, origin?: string) =>
  t.api(method, path, body, { key: pk, headers: origin ? { origin } : {} });

beforeAll(async () => {
  t = await startAllot({ env: { ALLOT_PUBLISHABLE_RATE_LIMIT: '1000' } });
  const catalog = await t.api('PUT', '/v1/catalog', {
    features: [{ key: 'agents', name: 'Agents', kind: 'seat' }],
    plans: [
      {
        key: 'desk',
        name: 'Desk',
        prices: [
          { billing_period: 'month', currency: 'EUR', amount: 1300, per_seat: true },
          { billing_period: 'year', currency: 'EUR', amount: 13200, per_seat: true },
        ],
      },
      {
        key: 'secret-plan',
        name: 'Hidden',
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1 }],
      },
    ],
    pricing_tables: [
      { key: 'website', name: 'Plans', plans: ['desk'], call_to_action_url: `${SITE}/signup` },
      {
        key: 'draft',
        name: 'Draft',
        published: false,
        plans: ['secret-plan'],
        call_to_action_url: `${SITE}/signup`,
      },
    ],
  });
  expect(catalog.status, JSON.stringify(catalog.body)).toBe(200);
  const created = await t.api('POST', '/v1/keys', {
    type: 'publishable',
    name: 'Web site',
    allowed_origins: [SITE, 'http://localhost:3000'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  pk = created.body.publishable_key;
  pkId = created.body.id;
});
afterAll(async () => {
  await t?.close();
});

describe('keys', () => {
  it('creates a publishable key only with valid origins, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'publishable' }, 'allowed_origins'],
      [{ type: 'publishable', allowed_origins: [] }, 'allowed_origins'],
      [
        { type: 'publishable', allowed_origins: ['https://www.vendor.example/pricing'] },
        'allowed_origins[0]',
      ],
      [{ type: 'publishable', allowed_origins: [SITE, 'http://vendor.example'] }, 'allowed_origins[1]'],
      [{ type: 'publishable', allowed_origins: ['*'] }, 'allowed_origins[0]'],
      [{ type: 'secret', allowed_origins: [SITE] }, 'allowed_origins'],
      [{ type: 'admin' }, 'type'],
    ];
    const before = (await t.api('GET', '/v1/keys')).body.data.length;
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/v1/keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect((await t.api('GET', '/v1/keys')).body.data.length).toBe(before);
  });

  it('lists publishable keys in full and secret keys by their last characters only', async () => {
    const list = (await t.api('GET', '/v1/keys')).body.data as Record<string, unknown>[];
    const mine = list.find((k) => k.in_use)!;
    expect(mine).toMatchObject({ type: 'secret', publishable_key: null, last4: t.key.slice(-4) });
    expect(JSON.stringify(list)).not.toContain(t.key);
    expect(list.find((k) => k.id === pkId)).toMatchObject({
      type: 'publishable',
      publishable_key: pk,
      allowed_origins: [SITE, 'http://localhost:3000'],
      revoked_at: null,
    });
  });

  it('shows a new secret key once: an idempotent replay answers null, and no table holds it', async () => {
    const headers = { 'idempotency-key': 'new-secret-key-1' };
    const first = await t.api('POST', '/v1/keys', { type: 'secret', name: 'CI' }, { headers });
    expect(first.status).toBe(201);
    const secret = first.body.secret_key as string;
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    expect((await t.api('GET', '/v1/tenant', undefined, { key: secret })).status).toBe(200);
    const replay = await t.api('POST', '/v1/keys', { type: 'secret', name: 'CI' }, { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, secret_key: null });
    const kysely = t.allot.ctx.db.kysely;
    for (const table of ['idempotency_keys', 'api_keys', 'history'] as const) {
      const rows = await kysely.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows), table).not.toContain(secret);
    }
    // A tenant's first key, likewise.
    const tenant = await t.api(
      'POST',
      '/v1/tenants',
      { name: 'Other' },
      { headers: { 'idempotency-key': 'tenant-1' } },
    );
    const again = await t.api(
      'POST',
      '/v1/tenants',
      { name: 'Other' },
      { headers: { 'idempotency-key': 'tenant-1' } },
    );
    expect(tenant.body.secret_key).toMatch(/^sk_/);
    expect(again.body).toMatchObject({ id: tenant.body.id, secret_key: null });
  });

  it('revokes a key at once; keeps the last secret key; refuses users and publishable keys', async () => {
    const spare = await t.api('POST', '/v1/keys', {
      type: 'publishable',
      allowed_origins: [SITE],
    });
    const spareKey = spare.body.publishable_key as string;
    expect((await t.api('GET', '/v1/pricing_tables/website', undefined, { key: spareKey })).status).toBe(200);
    const revoked = await t.api('POST', `/v1/keys/${spare.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    // The key was cached by the read above; the revocation's commit drops it in this process.
    const refused = await t.api('GET', '/v1/pricing_tables/website', undefined, { key: spareKey });
    expect(refused.status).toBe(401);
    expect((await t.api('POST', `/v1/keys/${spare.body.id}/revoke`)).body.revoked_at).toBe(
      revoked.body.revoked_at,
    );
    expect((await t.api('POST', '/v1/keys/key_nope/revoke')).status).toBe(404);

    // Another tenant with one secret key cannot revoke it (it would be locked out).
    const other = await t.api('POST', '/v1/tenants', { name: 'Lonely' });
    const own = (await t.api('GET', '/v1/keys', undefined, { key: other.body.secret_key })).body.data[0];
    const last = await t.api('POST', `/v1/keys/${own.id}/revoke`, undefined, { key: other.body.secret_key });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('invalid_state');
    // And it cannot see or revoke this tenant's keys.
    expect(
      (await t.api('POST', `/v1/keys/${pkId}/revoke`, undefined, { key: other.body.secret_key })).status,
    ).toBe(404);

    const acct = await account(t, null, { name: 'Users Ltd' });
    const user = await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: 'owner@users.example',
      name: 'Owner',
      roles: ['owner'],
    });
    const asUser = await t.api('GET', '/v1/keys', undefined, {
      headers: { 'allot-acting-user': user.body.id },
    });
    expect(asUser.status).toBe(403);
    expect((await withPk('GET', '/v1/keys')).status).toBe(403);
    expect((await withPk('POST', `/v1/keys/${pkId}/revoke`)).status).toBe(403);
  });
});

describe('a publishable key', () => {
  it('reaches only the pricing-table and quote operations: a sweep of every operation', async () => {
    const doc = (await t.api('GET', '/openapi.json', undefined, { key: null })).body;
    const acct = await account(t, null, { name: 'Swept' });
    const before = JSON.stringify((await t.api('GET', `/v1/accounts/${acct}/history`)).body);
    const body = {
      account: acct,
      plan: 'desk',
      billing_period: 'month',
      currency: 'EUR',
      quantity: 1,
      name: 'x',
      type: 'secret',
    };
    const reached: string[] = [];
    let tried = 0;
    for (const [template, operations] of Object.entries(
      doc.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(operations)) {
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
          template.startsWith('/v1/pricing_tables') ? 'website' : name === 'uid' ? 'usr_x' : acct,
        );
        const sent = template.endsWith('/quote')
          ? { plan: 'desk', billing_period: 'year', currency: 'EUR', quantity: 7 }
          : body;
        const res = await withPk(
          method.toUpperCase(),
          path,
          method === 'get' || method === 'delete' ? undefined : sent,
          SITE,
        );
        tried++;
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        if (res.status < 300) reached.push(`${method.toUpperCase()} ${template}`);
        else if (!template.startsWith('/v1/health') && !template.startsWith('/v1/pricing_tables'))
          expect(res.status, `${method} ${path}`).toBe(403);
      }
    }
    expect(tried).toBeGreaterThan(60);
    expect([...new Set(reached)].sort()).toEqual(
      [
        'GET /v1/health',
        'GET /v1/health/ready',
        'GET /v1/pricing_tables',
        'GET /v1/pricing_tables/{id}',
        'POST /v1/pricing_tables/{id}/quote',
      ].sort(),
    );
    expect(JSON.stringify((await t.api('GET', `/v1/accounts/${acct}/history`)).body)).toBe(before);
  });

  it('sees published tables only and cannot change one', async () => {
    const list = await withPk('GET', '/v1/pricing_tables');
    expect(list.body.data.map((x: { key: string }) => x.key)).toEqual(['website']);
    expect((await withPk('GET', '/v1/pricing_tables/draft')).status).toBe(404);
    expect(
      (
        await withPk('POST', '/v1/pricing_tables/draft/quote', {
          plan: 'secret-plan',
          billing_period: 'month',
          currency: 'EUR',
        })
      ).status,
    ).toBe(404);
    expect((await t.api('GET', '/v1/pricing_tables/draft')).status).toBe(200);
    expect((await withPk('PATCH', '/v1/pricing_tables/website', { name: 'Mine' })).status).toBe(403);
    expect((await withPk('POST', '/v1/pricing_tables', { key: 'x' })).status).toBe(403);
  });

  it('answers CORS for the origins listed on it and refuses any other origin', async () => {
    const listed = await withPk('GET', '/v1/pricing_tables/website', undefined, SITE);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(SITE);
    // A page's script may read the request id, to quote it when something went wrong.
    expect(listed.headers.get('access-control-expose-headers')?.split(/,\s*/)).toContain('Request-Id');

    const other = await withPk('GET', '/v1/pricing_tables/website', undefined, 'https://evil.example');
    expect(other.status).toBe(403);
    expect(other.body.errors).toEqual([{ field: 'Origin', message: expect.any(String) }]);
    // The refusal is readable by the page (it holds no data), so the element can say why.
    expect(other.body).not.toHaveProperty('data');
    expect(other.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    const quote = await withPk(
      'POST',
      '/v1/pricing_tables/website/quote',
      { plan: 'desk', billing_period: 'year', currency: 'EUR', quantity: 7 },
      'https://evil.example',
    );
    expect(quote.status).toBe(403);

    // A preflight carries no key: it is answered for publishable paths only.
    const preflight = await fetch(`${t.url}/v1/pricing_tables/website/quote`, {
      method: 'OPTIONS',
      headers: {
        origin: SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const elsewhere = await fetch(`${t.url}/v1/accounts`, {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': 'GET' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    // Secret keys never get CORS headers: they are not for browsers.
    const secret = await t.api('GET', '/v1/pricing_tables/website', undefined, { headers: { origin: SITE } });
    expect(secret.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is rate-limited per key and address with 429 rate_limited and Retry-After; secret keys are not', async () => {
    const limited = await startAllot({ env: { ALLOT_PUBLISHABLE_RATE_LIMIT: '5' } });
    try {
      await limited.api('PUT', '/v1/catalog', {
        plans: [
          { key: 'desk', name: 'Desk', prices: [{ billing_period: 'month', currency: 'EUR', amount: 1300 }] },
        ],
        pricing_tables: [
          { key: 'website', name: 'Plans', plans: ['desk'], call_to_action_url: `${SITE}/signup` },
        ],
      });
      const key = (await limited.api('POST', '/v1/keys', { type: 'publishable', allowed_origins: [SITE] }))
        .body.publishable_key;
      const statuses: number[] = [];
      let last: ApiResponse | undefined;
      for (let i = 0; i < 7; i++) {
        last = await limited.api('GET', '/v1/pricing_tables/website', undefined, {
          key,
          headers: { origin: SITE },
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(last!.headers.get('content-type')).toContain('application/problem+json');
      expect(last!.body.code).toBe('rate_limited');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      // The browser can read the refusal (the origin is listed).
      expect(last!.headers.get('access-control-allow-origin')).toBe(SITE);
      for (let i = 0; i < 7; i++)
        expect((await limited.api('GET', '/v1/pricing_tables/website')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('the embedded table', () => {
  it('serves the element to any origin and the demo page with its own key and table', async () => {
    const script = await fetch(`${t.url}/embed/pricing-table.js`);
    // Built by npm ci (prepare); the browser walk uses it.
    if (script.status === 200) {
      expect(script.headers.get('access-control-allow-origin')).toBe('*');
      expect(script.headers.get('content-type')).toContain('javascript');
      expect(await script.text()).toContain('allot-pricing-table');
    } else expect(script.status).toBe(503);
    // This server has no demo workspace: the page says so.
    const missing = await fetch(`${t.url}/embed/demo?locale=de`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Demo-Arbeitsbereich ist hier nicht geladen');
    const csp = missing.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
  });
});
