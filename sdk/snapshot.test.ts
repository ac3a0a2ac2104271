import { describe, expect, it } from 'vitest';
import { Allot, type EntitlementAnswer } from './index.ts';

/** The local snapshot's rules, against a scripted server (test/sdk.test.ts runs against the real one). */

const entry = (over: Partial<EntitlementAnswer> = {}): EntitlementAnswer => ({
  allowed: true,
  feature: 'tickets',
  kind: 'quota',
  limit: 10,
  used: 0,
  remaining: 10,
  overage: 'block',
  warn_at: [80, 100],
  state: 'ok',
  enabled: true,
  period_start: null,
  period_end: null,
  ...over,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

/** A fetch whose answers the test gives, one request at a time. */
function scripted() {
  const pending: { path: string; method: string; body: unknown; answer: (r: Response) => void }[] = [];
  const fetchFn: typeof fetch = (input, init) =>
    new Promise((resolve) => {
      pending.push({
        path: new URL(String(input)).pathname,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
        answer: resolve,
      });
    });
  const next = async () => {
    for (let i = 0; i < 50 && pending.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    const p = pending.shift();
    if (!p) throw new Error('no request');
    return p;
  };
  return { fetchFn, pending, next };
}

/** Retries wait for nothing here: test/sdk.test.ts tests them against a real HTTP server. */
const client = (fetchFn: typeof fetch, snapshotTtlMs = 30_000) =>
  new Allot({
    baseUrl: 'http://allot.test/',
    secretKey: 'sk_test',
    fetch: fetchFn,
    snapshotTtlMs,
    sleep: async () => {},
  });

describe('local check', () => {
  it('answers each kind as the server does', () => {
    const allot = client(() => Promise.reject(new Error('no network')));
    allot.entitlements.prime('acct_1', [
      entry({ used: 8, remaining: 2, state: 'warning' }),
      entry({ feature: 'sso', kind: 'boolean', limit: null, remaining: null, enabled: true }),
      entry({
        feature: 'beta',
        kind: 'boolean',
        limit: null,
        remaining: null,
        enabled: false,
        allowed: false,
      }),
      entry({ feature: 'emails', kind: 'credit', limit: null, remaining: null }),
      entry({
        feature: 'projects',
        kind: 'counter',
        limit: 3,
        used: 3,
        remaining: 0,
        state: 'exhausted',
        allowed: false,
      }),
    ]);
    const check = (feature: string, quantity?: number) =>
      allot.entitlements.checkSync({ account: 'acct_1', feature, ...(quantity ? { quantity } : {}) });
    expect(check('tickets', 2)).toMatchObject({ allowed: true, used: 8, remaining: 2, state: 'warning' });
    expect(check('tickets', 3)).toMatchObject({ allowed: false, reason: 'quota_exceeded', remaining: 2 });
    expect(check('sso', 1_000)).toMatchObject({ allowed: true, limit: null });
    expect(check('beta')).toMatchObject({ allowed: false, reason: 'disabled' });
    expect(check('emails', 1e9)).toMatchObject({ allowed: true, remaining: null });
    expect(check('projects')).toMatchObject({ allowed: false, state: 'exhausted' });
    expect(check('nothing')).toMatchObject({ allowed: false, reason: 'not_in_plan' });
    expect(check('tickets')).toBe(check('tickets'));
    expect(Object.isFrozen(check('tickets'))).toBe(true);
    expect(allot.entitlements.checkSync({ account: 'acct_2', feature: 'tickets' })).toBeUndefined();
  });

  it("follows the server's overage rule: past a billed or allowed limit, yes; past a blocking one, no", () => {
    const allot = client(() => Promise.reject(new Error('no network')));
    allot.entitlements.prime('acct_1', [
      entry({ feature: 'over', used: 12, remaining: 0, state: 'exhausted', overage: 'bill' }),
      entry({ feature: 'at', used: 10, remaining: 0, state: 'exhausted', overage: 'allow' }),
      entry({ feature: 'below', used: 5, remaining: 5 }),
      entry({ feature: 'said', used: 5, remaining: 5, overage: 'bill' }),
    ]);
    const allowed = (feature: string, quantity: number) =>
      allot.entitlements.checkSync({ account: 'acct_1', feature, quantity })?.allowed;
    expect(allowed('over', 100)).toBe(true);
    expect(allowed('at', 100)).toBe(true);
    expect(allowed('below', 5)).toBe(true);
    expect(allowed('below', 6)).toBe(false);
    expect(allowed('said', 6)).toBe(true);
  });

  it('is stale when a quota window ends, unless the window is on a test clock in the past', async () => {
    const allot = client(() => Promise.reject(new Error('no network')));
    const soon = new Date(Date.now() + 30).toISOString();
    allot.entitlements.prime('acct_1', [entry({ period_end: soon })]);
    allot.entitlements.prime('acct_2', [entry({ period_end: '2020-02-01T00:00:00.000Z' })]);
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets' })).toBeDefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets' })).toBeUndefined();
    expect(allot.entitlements.checkSync({ account: 'acct_2', feature: 'tickets' })).toBeDefined();
  });
});

describe('keeping the snapshot right', () => {
  it('keeps a consume answered while a list was loading', async () => {
    const server = scripted();
    const allot = client(server.fetchFn);
    allot.entitlements.prime('acct_1', [entry()]);
    const reload = allot.entitlements.invalidate('acct_1');
    const list = await server.next();
    expect(list.path).toBe('/v1/accounts/acct_1/entitlements');
    const consumed = allot.entitlements.consume({ account: 'acct_1', feature: 'tickets', quantity: 3 });
    const consume = await server.next();
    expect(consume).toMatchObject({
      method: 'POST',
      body: { account: 'acct_1', feature: 'tickets', quantity: 3 },
    });
    consume.answer(json(entry({ used: 3, remaining: 7 })));
    await consumed;
    // The list was read before the consume counted.
    list.answer(
      json({ data: [entry({ used: 0 }), entry({ feature: 'sso', kind: 'boolean', limit: null })] }),
    );
    await reload;
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets' })?.used).toBe(3);
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'sso' })?.allowed).toBe(true);
  });

  it('drops a load overtaken by an invalidation', async () => {
    const server = scripted();
    const allot = client(server.fetchFn);
    const early = allot.entitlements.check({ account: 'acct_1', feature: 'tickets' });
    const first = await server.next();
    const reload = allot.entitlements.invalidate('acct_1');
    const second = await server.next();
    second.answer(json({ data: [entry({ used: 10, remaining: 0, state: 'exhausted', allowed: false })] }));
    await reload;
    first.answer(json({ data: [entry({ used: 1 })] }));
    expect((await early).used).toBe(1);
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets' })?.used).toBe(10);
  });

  it('takes the usage of a quota_exceeded refusal', async () => {
    const server = scripted();
    const allot = client(server.fetchFn);
    allot.entitlements.prime('acct_1', [entry({ used: 2, remaining: 8 })]);
    const consumed = allot.entitlements.consume({ account: 'acct_1', feature: 'tickets', quantity: 5 });
    (await server.next()).answer(
      json(
        {
          type: 'https://allot.dev/problems/quota-exceeded',
          title: 'Quota exceeded',
          status: 409,
          detail: 'The tickets quota is used up (9 of 10); nothing was counted.',
          code: 'quota_exceeded',
          feature: 'tickets',
          limit: 10,
          used: 9,
          remaining: 1,
          period_end: null,
        },
        409,
      ),
    );
    await expect(consumed).rejects.toMatchObject({ code: 'quota_exceeded', limit: 10, used: 9, status: 409 });
    expect(allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets' })).toMatchObject({
      used: 9,
      remaining: 1,
    });
    expect(
      allot.entitlements.checkSync({ account: 'acct_1', feature: 'tickets', quantity: 2 })?.allowed,
    ).toBe(false);
  });

  it('turns an answer that is not a problem into an AllotApiError too', async () => {
    const allot = client(() => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })));
    await expect(allot.accounts.get('acct_1')).rejects.toMatchObject({
      name: 'AllotApiError',
      status: 502,
      code: 'http_error',
      requestId: null,
      // Tried three times: a 502 is worth retrying.
      attempts: 3,
    });
  });

  it('sends the idempotency key, the acting user and the body', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const allot = client((input, init) => {
      seen.push({ url: String(input), init });
      return Promise.resolve(json({ data: [], has_more: false }));
    });
    await allot.accounts.list({ limit: 5, external_id: 'a b' }, { actingUser: 'usr_1' });
    await allot.subscriptions.setAutoRenew('sub/1', false, { idempotencyKey: 'k-1' });
    expect(seen[0]!.url).toBe('http://allot.test/v1/accounts?limit=5&external_id=a+b');
    expect(seen[0]!.init?.headers).toMatchObject({
      authorization: 'Bearer sk_test',
      'allot-acting-user': 'usr_1',
    });
    expect(seen[1]!.url).toBe('http://allot.test/v1/subscriptions/sub%2F1');
    expect(seen[1]!.init).toMatchObject({
      method: 'PATCH',
      body: '{"auto_renew":false}',
      headers: { 'idempotency-key': 'k-1', 'content-type': 'application/json' },
    });
  });
});
