import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, systemClock, type Temporal } from '../src/platform/clock/clock.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { openLink, type PortalClient, portalSession } from './helpers/portal.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

/**
 * Portal sessions: the vendor's link, its one-time token, the cookie, its limits, and what a session
 * may reach — its user's roles over its account and those below, never the vendor's endpoints, never
 * another account's data (every operation of /openapi.json tried with another account's ids).
 */
let t: TestAllot;
const wall: Clock & { at: Temporal.Instant | null } = {
  at: null,
  now() {
    return this.at ?? systemClock.now();
  },
};
const later = (minutes: number) => systemClock.now().add({ minutes });

interface Customer {
  account: string;
  owner: string;
  member: string;
  subscription: string;
  invoice: string;
  site: string;
}
let a: Customer;
let b: Customer;

async function customer(name: string): Promise<Customer> {
  const acct = await account(t, null, { name, locale: 'fr' });
  const site = await account(t, null, { name: `${name} site`, parent_id: acct, kind: 'site' });
  const owner = await t.api('POST', `/v1/accounts/${acct}/users`, {
    email: `owner@${name.toLowerCase()}.example.com`,
    name: `${name} Owner`,
    roles: ['owner'],
    external_id: `${name}-owner`,
  });
  const member = await t.api('POST', `/v1/accounts/${acct}/users`, {
    email: `member@${name.toLowerCase()}.example.com`,
    name: `${name} Member`,
  });
  const sub = await subscribe(t, { account: acct, plan: 'premium', billing_period: 'month' });
  const inv = await t.api('GET', `/v1/invoices?account=${acct}`);
  return {
    account: acct,
    owner: owner.body.id,
    member: member.body.id,
    subscription: sub.id,
    invoice: inv.body.data[0].id,
    site,
  };
}

beforeAll(async () => {
  t = await startAllot({ clock: wall });
  await seedCatalog(t);
  a = await customer('Alpha');
  b = await customer('Bravo');
});
afterAll(async () => {
  await t?.close();
});

describe('opening the portal', () => {
  it('answers a one-time link under the public URL, and refuses bad input naming the field', async () => {
    const res = await t.api('POST', '/v1/portal_sessions', {
      account: a.account,
      user: 'Alpha-owner',
      locale: 'de',
      page: 'plans',
      return_url: 'https://app.example.com/settings',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: 'portal_session', account: a.account, user: a.owner });
    expect(res.body.id).toMatch(/^ps_/);
    expect(res.body.url).toMatch(new RegExp(`^${t.url}/portal/start/pst_[A-Za-z0-9]{40}$`));
    const ttl = Date.parse(res.body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(4 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);

    const bad = await t.api('POST', '/v1/portal_sessions', {
      account: a.account,
      user: a.owner,
      locale: 'es',
      page: 'billing',
      return_url: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'locale',
      'page',
      'return_url',
    ]);
    const stranger = await t.api('POST', '/v1/portal_sessions', { account: a.account, user: b.owner });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].field).toBe('user');
  });

  it('records the opening in the account’s history, at the account’s clock', async () => {
    const clock = await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-03-01T09:00:00Z' });
    const acct = await account(t, null, { test_clock: clock.body.id });
    const user = await t.api('POST', `/v1/accounts/${acct}/users`, {
      email: 'c@clocked.example.com',
      name: 'C',
      roles: ['owner'],
    });
    const res = await t.api('POST', '/v1/portal_sessions', {
      account: acct,
      user: user.body.id,
      page: 'plans',
    });
    const history = (await t.api('GET', `/v1/accounts/${acct}/history?limit=1`)).body.data[0];
    expect(history).toMatchObject({
      action: 'portal_session.created',
      at: '2026-03-01T09:00:00.000Z',
      subject: { type: 'portal_session', id: res.body.id },
      after: { user: user.body.id, page: 'plans' },
    });
    // The link itself lives by the wall clock: a browser's minutes are real ones.
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now());
  });

  it('builds links on ALLOT_PUBLIC_URL when it is set', async () => {
    const other = await startAllot({ env: { ALLOT_PUBLIC_URL: 'https://billing.example.com/' } });
    try {
      await seedCatalog(other);
      const acct = await account(other, null);
      const user = await other.api('POST', `/v1/accounts/${acct}/users`, {
        email: 'o@x.example.com',
        name: 'O',
        roles: ['owner'],
      });
      const res = await other.api('POST', '/v1/portal_sessions', { account: acct, user: user.body.id });
      expect(res.body.url).toMatch(/^https:\/\/billing\.example\.com\/portal\/start\/pst_/);
      // Served over https, the cookie is Secure and host-only.
      const link = await openLink(other, res.body.url.replace('https://billing.example.com', other.url));
      expect(link.setCookie).toMatch(
        /^__Host-allot_portal=pss_[A-Za-z0-9]{40}; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      );
    } finally {
      await other.close();
    }
  });

  it('trades the token once for an HttpOnly cookie and lands on the page asked for', async () => {
    const res = await t.api('POST', '/v1/portal_sessions', {
      account: a.account,
      user: a.owner,
      page: 'invoices',
    });
    const first = await openLink(t, res.body.url);
    expect(first.status).toBe(303);
    expect(first.location).toBe('/portal/invoices');
    expect(first.setCookie).toMatch(/^allot_portal=pss_[A-Za-z0-9]{40}; Path=\/; HttpOnly; SameSite=Lax$/);
    const again = await openLink(t, res.body.url);
    expect(again.location).toBe('/portal/signed-out?reason=link');
    expect(again.cookie).toBeNull();
  });

  it('refuses a link after its few minutes', async () => {
    const res = await t.api('POST', '/v1/portal_sessions', { account: a.account, user: a.owner });
    wall.at = later(6);
    try {
      expect((await openLink(t, res.body.url)).location).toBe('/portal/signed-out?reason=link');
    } finally {
      wall.at = null;
    }
  });

  it('says who is signed in, in which language, with the CSRF token', async () => {
    const s = await portalSession(t, a.account, a.owner, { return_url: 'https://app.example.com/' });
    expect(s.session).toMatchObject({
      account: a.account,
      user: { id: a.owner, roles: ['owner'], account: a.account },
      locale: 'fr',
      return_url: 'https://app.example.com/',
    });
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const de = await portalSession(t, a.account, a.owner, { locale: 'de' });
    expect(de.session.locale).toBe('de');
  });
});

describe('the portal’s pages', () => {
  it('answer every page address with the app, under a strict CSP, nosniff and no referrer', async () => {
    for (const path of ['/portal/', '/portal/plans', '/portal/invoices', '/portal/signed-out']) {
      const res = await fetch(t.url + path);
      expect(res.status, `${path} (is the portal built? npm run build)`).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(
        /<script type="module" crossorigin src="\/portal\/assets\/index-[\w-]+\.js"><\/script>/,
      );
      expect(html).not.toMatch(/<script>|<style>|style="/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBeNull();
    }
    const asset = (await (await fetch(`${t.url}/portal/`)).text()).match(
      /\/portal\/assets\/index-[\w-]+\.js/,
    )![0];
    const js = await fetch(t.url + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/portal/']);
  });

  it('may be framed by the origins the vendor lists', async () => {
    const other = await startAllot({
      env: { ALLOT_PORTAL_FRAME_ANCESTORS: 'https://app.example.com https://admin.example.com' },
    });
    try {
      const csp = (await fetch(`${other.url}/portal/`)).headers.get('content-security-policy');
      expect(csp).toContain("frame-ancestors 'self' https://app.example.com https://admin.example.com");
    } finally {
      await other.close();
    }
  });

  it('gives an embedded portal over https a cookie a cross-site frame sends, partitioned to its site', async () => {
    const other = await startAllot({
      env: {
        ALLOT_PORTAL_FRAME_ANCESTORS: 'https://app.example.com',
        ALLOT_PUBLIC_URL: 'https://billing.example.com',
      },
    });
    try {
      await seedCatalog(other);
      const acct = await account(other, null);
      const user = await other.api('POST', `/v1/accounts/${acct}/users`, {
        email: 'e@x.example.com',
        name: 'E',
        roles: ['owner'],
      });
      const res = await other.api('POST', '/v1/portal_sessions', { account: acct, user: user.body.id });
      const link = await openLink(other, res.body.url.replace('https://billing.example.com', other.url));
      expect(link.setCookie).toMatch(
        /^__Host-allot_portal=pss_[A-Za-z0-9]{40}; Path=\/; HttpOnly; Secure; Partitioned; SameSite=None$/,
      );
    } finally {
      await other.close();
    }
  });
});

describe('a session’s life', () => {
  it('ends after 30 idle minutes, and is kept alive by use', async () => {
    const s = await portalSession(t, a.account, a.owner);
    try {
      wall.at = later(20);
      expect((await s.api('GET', `/v1/accounts/${a.account}`)).status).toBe(200);
      wall.at = later(45);
      expect((await s.api('GET', `/v1/accounts/${a.account}`)).status).toBe(200);
      wall.at = later(76);
      const over = await s.api('GET', `/v1/accounts/${a.account}`);
      expect(over.status).toBe(401);
      expect(over.body.code).toBe('unauthenticated');
    } finally {
      wall.at = null;
    }
  });

  it('ends at its absolute limit however busy it is', async () => {
    const s = await portalSession(t, a.account, a.owner);
    try {
      for (let m = 25; m < 12 * 60; m += 25) {
        wall.at = later(m);
        expect((await s.api('GET', `/v1/accounts/${a.account}`)).status).toBe(200);
      }
      wall.at = later(12 * 60 + 1);
      expect((await s.api('GET', `/v1/accounts/${a.account}`)).status).toBe(401);
    } finally {
      wall.at = null;
    }
  });

  it('ends at logout, clearing the cookie, and answers the return URL', async () => {
    const s = await portalSession(t, a.account, a.owner, { return_url: 'https://app.example.com/back' });
    const out = await s.api('DELETE', '/v1/portal_sessions/current');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ return_url: 'https://app.example.com/back' });
    expect(out.headers.get('set-cookie')).toMatch(/^allot_portal=; Max-Age=0; Path=\/; Expires=/);
    expect((await s.api('GET', '/v1/portal_sessions/current')).status).toBe(401);
  });

  it('ends when the vendor ends it, or deactivates its user; follows role changes at once', async () => {
    const ended = await portalSession(t, a.account, a.owner);
    expect((await t.api('DELETE', `/v1/portal_sessions/${ended.session.id}`)).body).toEqual({
      id: ended.session.id,
      ended: true,
    });
    expect((await ended.api('GET', `/v1/accounts/${a.account}`)).status).toBe(401);
    // Ending it again says it was already over; an unknown id is not found.
    expect((await t.api('DELETE', `/v1/portal_sessions/${ended.session.id}`)).body).toEqual({
      id: ended.session.id,
      ended: false,
    });
    expect((await t.api('DELETE', '/v1/portal_sessions/ps_unknown')).status).toBe(404);

    const user = await t.api('POST', `/v1/accounts/${a.account}/users`, {
      email: 'temp@alpha.example.com',
      name: 'Temp',
      roles: ['subscription_manager'],
    });
    const s = await portalSession(t, a.account, user.body.id);
    expect((await s.api('PATCH', `/v1/subscriptions/${a.subscription}`, { auto_renew: true })).status).toBe(
      200,
    );
    await t.api('PATCH', `/v1/accounts/${a.account}/users/${user.body.id}`, { roles: ['member'] });
    expect((await s.api('PATCH', `/v1/subscriptions/${a.subscription}`, { auto_renew: true })).status).toBe(
      403,
    );
    await t.api('PATCH', `/v1/accounts/${a.account}/users/${user.body.id}`, { status: 'deactivated' });
    expect((await s.api('GET', `/v1/accounts/${a.account}`)).status).toBe(401);
  });

  it('refuses a cookie that names no session', async () => {
    const res = await fetch(`${t.url}/v1/accounts/${a.account}`, {
      headers: { cookie: 'allot_portal=pss_0000000000000000000000000000000000000000' },
    });
    expect(res.status).toBe(401);
  });
});

describe('what a session may do', () => {
  let owner: PortalClient;
  let member: PortalClient;
  beforeAll(async () => {
    owner = await portalSession(t, a.account, a.owner);
    member = await portalSession(t, a.account, a.member);
  });

  it('acts as its user: a member sees but does not change, and history names the user and the session', async () => {
    expect((await member.api('GET', `/v1/subscriptions/${a.subscription}`)).status).toBe(200);
    const refused = await member.api('PATCH', `/v1/subscriptions/${a.subscription}`, { auto_renew: false });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/owner or subscription_manager/);
    const done = await owner.api('PATCH', `/v1/subscriptions/${a.subscription}`, { auto_renew: false });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const history = await owner.api('GET', `/v1/accounts/${a.account}/history?limit=5`);
    const entry = history.body.data.find((h: { action: string }) => h.action.startsWith('subscription.'));
    expect(entry.actor).toEqual({
      type: 'user',
      id: a.owner,
      email: 'owner@alpha.example.com',
      account_id: a.account,
      via_portal_session: owner.session.id,
    });
  });

  it('refuses writes without the CSRF token or from another origin, changing nothing', async () => {
    const before = (await t.api('GET', `/v1/subscriptions/${a.subscription}`)).body.auto_renew;
    const noToken = await owner.api(
      'PATCH',
      `/v1/subscriptions/${a.subscription}`,
      { auto_renew: !before },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.body.errors).toEqual([
      { field: 'Allot-CSRF-Token', message: 'is missing or not this session’s' },
    ]);
    const wrongToken = await owner.api(
      'PATCH',
      `/v1/subscriptions/${a.subscription}`,
      { auto_renew: !before },
      { csrf: member.csrf },
    );
    expect(wrongToken.status).toBe(403);
    const elsewhere = await owner.api(
      'PATCH',
      `/v1/subscriptions/${a.subscription}`,
      { auto_renew: !before },
      { origin: 'https://evil.example.com' },
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.errors[0].field).toBe('Origin');
    const noOrigin = await owner.api(
      'PATCH',
      `/v1/subscriptions/${a.subscription}`,
      { auto_renew: !before },
      { origin: null },
    );
    expect(noOrigin.status).toBe(403);
    expect((await t.api('GET', `/v1/subscriptions/${a.subscription}`)).body.auto_renew).toBe(before);
  });

  it('cannot take another user’s identity', async () => {
    const res = await owner.api('GET', `/v1/accounts/${a.account}`, undefined, {
      headers: { 'allot-acting-user': b.owner },
    });
    expect(res.status).toBe(403);
  });

  it('answers 403 on every vendor-only endpoint', async () => {
    const vendorOnly: [string, string, unknown?][] = [
      ['PUT', '/v1/catalog', { features: [], plans: [], addons: [] }],
      ['POST', '/v1/plans', { key: 'x', name: 'X', prices: [] }],
      ['PATCH', '/v1/plans/premium', { name: 'Hacked' }],
      ['POST', '/v1/features', { key: 'f', name: 'F', kind: 'boolean' }],
      ['POST', '/v1/addons', { key: 'a', name: 'A', prices: [] }],
      ['GET', '/v1/tenant'],
      ['POST', '/v1/tenants', { name: 'Mine' }],
      ['POST', '/v1/test_clocks', { frozen_time: '2030-01-01T00:00:00Z' }],
      ['POST', '/v1/billing/run', {}],
      ['GET', '/v1/webhook_endpoints'],
      ['POST', '/v1/webhook_endpoints', { url: 'https://evil.example.com/hook' }],
      ['POST', '/v1/usage_events', { events: [] }],
      ['POST', '/v1/entitlements/consume', { account: a.account, feature: 'tickets', amount: 1 }],
      ['POST', '/v1/entitlements/release', { account: a.account, feature: 'tickets', amount: 1 }],
      ['POST', '/v1/entitlements/check', { account: a.account, feature: 'tickets' }],
      ['POST', `/v1/invoices/${a.invoice}/pay`],
      ['POST', `/v1/invoices/${a.invoice}/void`],
      ['GET', '/v1/history'],
      ['POST', '/v1/portal_sessions', { account: a.account, user: a.owner }],
      ['DELETE', `/v1/accounts/${a.account}/users/${a.member}`],
    ];
    for (const [method, path, body] of vendorOnly) {
      const res = await owner.api(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await t.api('GET', `/v1/invoices/${a.invoice}`)).body.status).not.toBe('void');
  });
});

describe('the session sweep: every operation with another account’s ids', () => {
  it('leaks nothing of another account and changes nothing of it', async () => {
    const doc = (await t.api('GET', '/openapi.json', undefined, { key: null })).body;
    const s = await portalSession(t, a.account, a.owner);
    const theirs = [
      b.account,
      b.owner,
      b.member,
      b.subscription,
      b.invoice,
      b.site,
      'owner@bravo.example.com',
    ];
    const before = JSON.stringify(await snapshotOf(b));
    const idFor = (path: string, name: string): string => {
      if (name === 'uid') return b.member;
      if (name === 'delivery_id') return 'wd_x';
      if (path.startsWith('/v1/accounts')) return b.account;
      if (path.startsWith('/v1/subscriptions')) return b.subscription;
      if (path.startsWith('/v1/invoices')) return b.invoice;
      if (path.startsWith('/v1/portal_sessions')) return 'ps_x';
      return 'premium';
    };
    const body = {
      account: b.account,
      user: b.owner,
      plan: 'professional',
      billing_period: 'month',
      quantity: 3,
      auto_renew: false,
      name: 'Taken',
      email: 'taken@alpha.example.com',
      allocations: [{ account: b.site, feature: 'agents', allocated: 1 }],
    };
    let tried = 0;
    const reached: string[] = [];
    for (const [template, operations] of Object.entries(
      doc.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(operations)) {
        // Signing out is the one thing a session may do to itself; it is tested above.
        if (template === '/v1/portal_sessions/current' && method === 'delete') continue;
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => idFor(template, name));
        for (const query of ['', `?account=${b.account}`]) {
          const res = await s.api(
            method.toUpperCase(),
            path + query,
            method === 'get' || method === 'delete' ? undefined : body,
          );
          tried++;
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          for (const id of theirs)
            expect(text, `${method.toUpperCase()} ${path}${query} shows ${id}`).not.toContain(id);
          expect(res.status, `${method} ${path}${query}`).not.toBe(401);
          if (res.status < 300) reached.push(`${method.toUpperCase()} ${template}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(100);
    // What a session reached with the other account's ids is the catalog and its own session.
    const allowed =
      /^(GET \/v1\/(plans|addons|features)|GET \/v1\/(health|portal_sessions\/current)|GET \/v1\/(subscriptions|invoices|accounts|events|emails)$)/;
    expect([...new Set(reached)].filter((r) => !allowed.test(r))).toEqual([]);
    expect(JSON.stringify(await snapshotOf(b))).toBe(before);
    expect((await s.api('GET', '/v1/portal_sessions/current')).status).toBe(200);
  });
});

/** Everything the vendor sees of an account, to show a sweep changed none of it. */
async function snapshotOf(c: Customer) {
  return {
    account: (await t.api('GET', `/v1/accounts/${c.account}`)).body,
    users: (await t.api('GET', `/v1/accounts/${c.account}/users`)).body,
    subscription: (await t.api('GET', `/v1/subscriptions/${c.subscription}`)).body,
    invoices: (await t.api('GET', `/v1/invoices?account=${c.account}`)).body,
    history: (await t.api('GET', `/v1/accounts/${c.account}/history?limit=100`)).body,
  };
}
