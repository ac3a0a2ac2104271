/**
 * Issue 15, the tenant sweep: every operation of /openapi.json, sent with another tenant's secret key
 * and this tenant's ids — in the path (each id as its own list answers it, an account's external id
 * too), in the query (`?account=`) and in every body field that names an object (`account`,
 * `parent_id`, `user`, `plan`, `feature`, `test_clock`…). No answer may hold one of this tenant's ids
 * or names, none is a 5xx, and afterwards neither tenant's data holds anything of the other's. New
 * operations are swept without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { seedCatalog } from './helpers/scenario.ts';

let t: TestAllot;
let doc: any;
/** The other tenant's secret key. */
let bKey: string;
/** This tenant's ids and distinctive texts: none may reach the other tenant. */
const ours: string[] = [];
const A: Record<string, string> = {};

async function ok(method: string, path: string, body?: unknown, key?: string): Promise<any> {
  const res = await t.api(method, path, body, key ? { key } : {});
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

beforeAll(async () => {
  t = await startAllot();
  doc = (await t.api('GET', '/openapi.json', undefined, { key: null })).body;
  await seedCatalog(t);
  await ok('PATCH', '/v1/tenant', {
    name: 'Alpha Sweep Vendor',
    address: { line1: '1 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
    vat_number: 'FR40303265045',
    email: 'billing@alpha-sweep.example',
  });
  A.clock = (
    await ok('POST', '/v1/test_clocks', { frozen_time: '2026-01-01T00:00:00Z', name: 'Alpha clock' })
  ).id;
  A.endpoint = (await ok('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/alpha-sweep' })).id;
  A.account = (
    await ok('POST', '/v1/accounts', {
      name: 'Alpha Sweep Customer',
      external_id: 'alpha-sweep-customer',
      currency: 'EUR',
      billing_address: { line1: '2 quai Saint-Antoine', postal_code: '69002', city: 'Lyon', country: 'FR' },
    })
  ).id;
  A.site = (
    await ok('POST', '/v1/accounts', {
      name: 'Alpha Sweep Site',
      parent_id: A.account,
      kind: 'site',
      currency: 'EUR',
    })
  ).id;
  A.owner = (
    await ok('POST', `/v1/accounts/${A.account}/users`, {
      email: 'owner@alpha-sweep.example',
      name: 'Alpha Owner',
      external_id: 'alpha-sweep-owner',
      roles: ['owner'],
    })
  ).id;
  const sub = await ok('POST', '/v1/subscriptions', {
    account: A.account,
    plan: 'premium',
    billing_period: 'month',
  });
  A.subscription = sub.id;
  const [invoice] = (await ok('GET', `/v1/invoices?account=${A.account}`)).data;
  A.invoice = invoice.id;
  await ok('POST', `/v1/invoices/${invoice.id}/pay`);
  const up = await ok('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'professional' });
  await ok('POST', `/v1/invoices/${up.latest_invoice}/pay`);
  const down = await ok('POST', `/v1/subscriptions/${sub.id}/change`, { plan: 'premium' });
  A.creditNote = down.latest_credit_note;
  await ok('POST', '/v1/entitlements/consume', { account: A.account, feature: 'tickets', quantity: 3 });
  A.plan = (await ok('GET', '/v1/plans/premium')).id;
  A.feature = (await ok('GET', '/v1/features/tickets')).id;
  A.pricingTable = (
    await ok('POST', '/v1/pricing_tables', {
      key: 'alpha-sweep-table',
      name: 'Alpha Sweep Table',
      plans: ['premium'],
      call_to_action_url: 'https://www.alpha-sweep.example/signup',
    })
  ).id;
  A.publishable = (
    await ok('POST', '/v1/keys', { type: 'publishable', allowed_origins: ['https://alpha.example'] })
  ).id;
  A.portalSession = (await ok('POST', '/v1/portal_sessions', { account: A.account, user: A.owner })).id;
  for (const id of Object.values(A)) expect(id, JSON.stringify(A)).toMatch(/^[a-z]+_[0-9a-z]+$/);
  ours.push(...Object.values(A), 'Alpha Sweep', 'alpha-sweep', 'owner@alpha-sweep.example');

  // The other tenant: a catalog with the same keys (a key names each tenant's own plan), an account.
  bKey = (await ok('POST', '/v1/tenants', { name: 'Bravo Vendor' })).secret_key;
  await ok(
    'PUT',
    '/v1/catalog',
    {
      features: [{ key: 'tickets', name: 'Tickets', kind: 'quota' }],
      plans: [
        {
          key: 'premium',
          name: 'Premium',
          entitlements: [{ feature: 'tickets', limit: 10 }],
          prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
        },
      ],
    },
    bKey,
  );
  const bAccount = (await ok('POST', '/v1/accounts', { name: 'Bravo customer', currency: 'EUR' }, bKey)).id;
  await ok(
    'POST',
    '/v1/subscriptions',
    { account: bAccount, plan: 'premium', billing_period: 'month' },
    bKey,
  );
}, 60_000);
afterAll(() => t?.close());

const resolve = (s: any): any => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);

/** Body fields that name an object, and this tenant's object for each. */
const REFERENCES: Record<string, () => unknown> = {
  account: () => A.account,
  parent_id: () => A.account,
  user: () => A.owner,
  plan: () => A.plan,
  highlighted_plan: () => A.plan,
  plans: () => [A.plan],
  feature: () => A.feature,
  test_clock: () => A.clock,
};
/** Plausible values for the other fields an operation requires. */
const PLAUSIBLE: Record<string, unknown> = {
  name: 'Sweep',
  currency: 'EUR',
  billing_period: 'month',
  quantity: 1,
  email: 'sweep@bravo.example',
  url: 'http://127.0.0.1:9/bravo',
  key: 'bravo-sweep',
  frozen_time: '2026-02-01T00:00:00Z',
  timezone: 'Europe/Paris',
  return_url: 'https://bravo.example/back',
  call_to_action_url: 'https://bravo.example/signup',
  roles: ['member'],
  kind: 'quota',
};

function bodyFor(op: any): unknown {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  return schema ? valueFor('', schema, 0) : undefined;
}

/** A value for `name`: this tenant's object where it names one, else a plausible one, required fields only. */
function valueFor(name: string, schema: any, depth: number): unknown {
  let s = resolve(schema);
  if (s.anyOf) s = resolve(s.anyOf.find((b: any) => resolve(b).type !== 'null') ?? s.anyOf[0]);
  const names = s.type === 'string' || (s.type === 'array' && resolve(s.items)?.type === 'string');
  if (REFERENCES[name] && names) return REFERENCES[name]();
  if (name in PLAUSIBLE) return PLAUSIBLE[name];
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries<any>(s.properties ?? {}))
      if (REFERENCES[key] || (s.required ?? []).includes(key)) out[key] = valueFor(key, property, depth + 1);
    return out;
  }
  if (s.type === 'array') return depth > 3 ? [] : [valueFor('', s.items ?? {}, depth + 1)];
  if (s.type === 'integer' || s.type === 'number') return Math.max(1, s.minimum ?? 1);
  if (s.type === 'boolean') return true;
  return s.format === 'date-time' ? '2026-02-01T00:00:00Z' : 'x';
}

/** This tenant's id for each path parameter, read from the list that holds it. */
async function pathsFor(template: string): Promise<string[]> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return [template];
  let path = template;
  for (const name of names) {
    const prefix = path.slice(0, path.indexOf(`{${name}}`) - 1);
    const list = await t.api('GET', `${prefix}?limit=5`);
    const first = Array.isArray(list.body?.data) ? list.body.data[0]?.id : undefined;
    path = path.replace(`{${name}}`, encodeURIComponent(first ?? A.account));
  }
  const paths = [path];
  // An account named by its external id, as the API also takes it.
  if (template.startsWith('/v1/accounts/{id}')) paths.push(path.replace(A.account!, 'alpha-sweep-customer'));
  return paths;
}

/** Everything a tenant's lists answer (the moving parts of health and metrics aside). */
async function everything(key: string | undefined): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!item.get || path.includes('{') || /health|metrics/.test(path)) continue;
    const res = await t.api(
      'GET',
      `${path}${item.get.parameters?.some((p: any) => p.name === 'limit') ? '?limit=100' : ''}`,
      undefined,
      key ? { key } : {},
    );
    out[path] = { status: res.status, body: res.body };
  }
  if (key === undefined)
    for (const sub of ['users', 'history', 'entitlements', 'usage'])
      out[`accounts/${sub}`] = (await t.api('GET', `/v1/accounts/${A.account}/${sub}`)).body;
  return out;
}

describe('the tenant sweep: every operation with another tenant’s key and this tenant’s ids', () => {
  it('shows the other tenant nothing of this one, changes nothing of it, and never answers 5xx', {
    timeout: 120_000,
  }, async () => {
    const before = JSON.stringify(await everything(undefined));
    const reached: string[] = [];
    const operations = new Set<string>();
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const [template, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        // Open operations (health, the document itself) have nothing of a tenant's.
        if (Array.isArray(op.security) && op.security.length === 0) continue;
        operations.add(op.operationId);
        for (const path of await pathsFor(template)) {
          const filters = (op.parameters ?? []).some((p: any) => p.in === 'query' && p.name === 'account');
          for (const query of filters ? ['', `?account=${A.account}`] : ['']) {
            const body = method === 'get' ? undefined : bodyFor(op);
            const res = await t.api(method.toUpperCase(), path + query, body, { key: bKey });
            requests++;
            const where = `${method.toUpperCase()} ${path}${query}`;
            expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
            let text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
            // A refusal may quote what it was sent ("No key key_…"): that tells the caller nothing.
            if (res.status >= 400)
              for (const sent of [
                ...path.split('/'),
                ...(JSON.stringify(body ?? {}).match(/[a-z]+_[0-9a-z]{20,}/g) ?? []),
                A.account!,
              ])
                text = text.replaceAll(sent, '');
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            for (const mine of ours) expect(text, `${where} shows ${mine}`).not.toContain(mine);
            if (res.status < 300) reached.push(`${method.toUpperCase()} ${template}`);
          }
        }
      }
    }
    // The figures, for the notes.
    console.log(
      `tenant sweep: ${operations.size} operations, ${requests} requests; by status: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')}`,
    );
    expect(operations.size).toBeGreaterThan(80);
    expect(requests).toBeGreaterThan(100);
    // Nothing of this tenant changed; nothing of the other's names this one.
    expect(JSON.stringify(await everything(undefined))).toBe(before);
    const theirs = JSON.stringify(await everything(bKey));
    for (const mine of ours) expect(theirs, `the other tenant's data holds ${mine}`).not.toContain(mine);
    // With this tenant's ids in the path, the other reached nothing.
    expect(reached.filter((r) => r.includes('{'))).toEqual([]);
  });
});
