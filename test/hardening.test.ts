/**
 * Issue 15, the permanent hardening suite (part one): probes driven by /openapi.json, so that every
 * operation added later is probed without editing this file.
 *
 * - A NUL character (U+0000, which PostgreSQL's text cannot hold) in any path parameter, query
 *   parameter or body string answers 400 `validation_failed` naming the field, and never a 5xx.
 * - One request's bad input never fails the requests batched with it: the snapshot loader and the
 *   consume group commit decide the others as if it were not there.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batcherFor } from '../src/entitlements/group-commit.ts';
import { checkUsage, prepareConsume } from '../src/entitlements/usage.ts';
import { TenantScope } from '../src/platform/db/tenant-scope.ts';
import { loggerOptions } from '../src/platform/log.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

let t: TestAllot;
let doc: any;

beforeAll(async () => {
  t = await startAllot();
  doc = (await t.api('GET', '/openapi.json', undefined, { key: null })).body;
});
afterAll(() => t?.close());

interface Operation {
  method: string;
  path: string;
  op: any;
}

function operations(): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, unknown>).map(([method, op]) => ({ method, path, op })),
  );
}

const resolve = (schema: any): any =>
  schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;

/** The operation's path with each parameter filled: `fill(name)` or a plausible id. */
const pathOf = (path: string, fill: (name: string) => string = () => 'x') =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(fill(name)));

async function expectNulRefused(method: string, url: string, field: string, body?: unknown) {
  const res = await t.api(method.toUpperCase(), url, body);
  const where = `${method.toUpperCase()} ${url}`;
  expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.headers.get('content-type'), where).toContain('application/problem+json');
  expect(res.body.code, where).toBe('validation_failed');
  expect(
    res.body.errors.map((e: { field: string }) => e.field),
    where,
  ).toContain(field);
}

describe('a NUL character', () => {
  it('in any path parameter, query parameter or body string of every operation answers 400 naming it', async () => {
    let probes = 0;
    for (const { method, path, op } of operations()) {
      const params: { name: string; in: string }[] = (op.parameters ?? []).filter(
        (p: { in?: string }) => p.in,
      );
      for (const p of params.filter((p) => p.in === 'path')) {
        await expectNulRefused(
          method,
          pathOf(path, (name) => (name === p.name ? 'a\u0000b' : 'x')),
          p.name,
        );
        probes++;
      }
      for (const p of params.filter((p) => p.in === 'query')) {
        await expectNulRefused(method, `${pathOf(path)}?${p.name}=%00`, p.name);
        probes++;
      }
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      const strings = Object.entries(schema?.properties ?? {}).filter(
        ([, s]) =>
          resolve(s)?.type === 'string' ||
          (resolve(s)?.anyOf ?? []).some((x: { type?: string }) => x.type === 'string'),
      );
      for (const [name] of strings) {
        await expectNulRefused(method, pathOf(path), name, { [name]: 'before\u0000after' });
        probes++;
      }
    }
    // Every operation with an input was probed: the sweep grows with the API.
    expect(probes).toBeGreaterThan(150);
  });

  it('nested in a body, or in a key, is named where it is; and the write changed nothing', async () => {
    const before = (await t.api('GET', '/v1/accounts?limit=100')).body.data.length;
    const res = await t.api('POST', '/v1/accounts', {
      name: 'Fine',
      currency: 'EUR',
      address: { line1: '1 rue\u0000', postal_code: '69002', city: 'Lyon', country: 'FR' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'address.line1', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const keyed = await t.api('PUT', '/v1/catalog', { features: [{ 'k\u0000': 1 }] });
    expect(keyed.status).toBe(400);
    expect(keyed.body.errors[0].field).toBe('features[0].k\u0000');
    expect((await t.api('GET', '/v1/accounts?limit=100')).body.data.length).toBe(before);
    // An escaped backslash before "u0000" is not a NUL: the text is kept as written.
    const fine = await t.api('POST', '/v1/accounts', { name: 'Back\\u0000slash', currency: 'EUR' });
    expect(fine.status).toBe(201);
    expect(fine.body.name).toBe('Back\\u0000slash');
  });
});

describe('a character XML 1.0 forbids', () => {
  it('is refused wherever text goes, since names and addresses end up in e-invoices; tab, newline, return are kept', async () => {
    const before = (await t.api('GET', '/v1/accounts?limit=100')).body.data.length;
    const message =
      'must not contain control characters (U+0001 to U+001F but tab, newline and return) nor U+FFFE or U+FFFF';
    for (const [at, body] of [
      ['name', { name: 'Buy\u0001er', currency: 'EUR' }],
      ['name', { name: 'Buy\u001Fer', currency: 'EUR' }],
      ['name', { name: 'Buy\uFFFEer', currency: 'EUR' }],
      [
        'address.city',
        {
          name: 'Fine',
          currency: 'EUR',
          address: { line1: '1 rue', postal_code: '69002', city: 'Ly\u000Bon', country: 'FR' },
        },
      ],
    ] as const) {
      const res = await t.api('POST', '/v1/accounts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors).toEqual([{ field: at, message }]);
    }
    // Written raw, not escaped: U+FFFF is legal in JSON text but still refused.
    const raw = await fetch(`${t.url}/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: '{"name":"Buy\uffffer","currency":"EUR"}',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { errors: unknown[] }).errors).toEqual([{ field: 'name', message }]);
    const query = await t.api('GET', '/v1/accounts?starting_after=%01');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('starting_after');
    expect((await t.api('GET', '/v1/accounts?limit=100')).body.data.length).toBe(before);
    const kept = await t.api('POST', '/v1/accounts', { name: 'Two\tlines\r\nhere', currency: 'EUR' });
    expect(kept.status).toBe(201);
    expect(kept.body.name).toBe('Two\tlines\r\nhere');
  });
});

describe('two creates of one key at once', () => {
  it('answer one 201 and one 400 naming the taken field, as one after the other would; an import twice at once applies once', async () => {
    const base = await t.api('POST', '/v1/plans', {
      key: 'race-base',
      name: 'Race base',
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 900 }],
    });
    expect(base.status).toBe(201);
    const owner = (await t.api('POST', '/v1/accounts', { name: 'Race owner', currency: 'EUR' })).body.id;
    const cases: [path: string, field: string, body: (i: number, copy: number) => unknown][] = [
      ['/v1/features', 'key', (i) => ({ key: `race-f${i}`, name: 'F', kind: 'quota' })],
      ['/v1/plans', 'key', (i) => ({ key: `race-p${i}`, name: 'P' })],
      ['/v1/addons', 'key', (i) => ({ key: `race-a${i}`, name: 'A' })],
      [
        '/v1/pricing_tables',
        'key',
        (i) => ({
          key: `race-t${i}`,
          name: 'T',
          plans: ['race-base'],
          call_to_action_url: 'https://www.example.com/signup',
        }),
      ],
      ['/v1/accounts', 'external_id', (i) => ({ name: 'A', currency: 'EUR', external_id: `race-${i}` })],
      [`/v1/accounts/${owner}/users`, 'email', (i) => ({ name: 'U', email: `race${i}@example.com` })],
      [
        `/v1/accounts/${owner}/users`,
        'external_id',
        (i, copy) => ({ name: 'U', email: `race-x${i}-${copy}@example.com`, external_id: `race-u${i}` }),
      ],
    ];
    for (const [path, field, body] of cases) {
      for (let i = 0; i < 4; i++) {
        const twice = await Promise.all([t.api('POST', path, body(i, 1)), t.api('POST', path, body(i, 2))]);
        const statuses = twice.map((r) => r.status).sort();
        expect(statuses, `${path} ${JSON.stringify(twice.map((r) => r.body))}`).toEqual([201, 400]);
        const refused = twice.find((r) => r.status === 400)!;
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    }
    const catalog = {
      features: [{ key: 'race-import', name: 'Imported', kind: 'quota' }],
      plans: [
        { key: 'race-imported', name: 'Imported', entitlements: [{ feature: 'race-import', limit: 3 }] },
      ],
    };
    const imports = await Promise.all([
      t.api('PUT', '/v1/catalog', catalog),
      t.api('PUT', '/v1/catalog', catalog),
    ]);
    expect(
      imports.map((r) => r.status),
      JSON.stringify(imports.map((r) => r.body)),
    ).toEqual([200, 200]);
    const plans = (await t.api('GET', '/v1/plans?limit=100')).body.data;
    expect(plans.filter((p: { key: string }) => p.key === 'race-imported')).toHaveLength(1);
  });
});

const tenantScope = async () =>
  new TenantScope((await t.api('GET', '/v1/tenant')).body.id, t.allot.ctx.db.kysely);

describe('a batch', () => {
  it('never fails a request for another request’s fault: checks loaded together', async () => {
    await seedCatalog(t);
    const accounts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await account(t, null, { name: `Batch ${i}` });
      await subscribe(t, { account: a, plan: 'premium', billing_period: 'month' });
      accounts.push(a);
    }
    // Past the HTTP door (which refuses a NUL), straight to the loader that gathers one turn's
    // requests into one query: the bad reference is in the same batch as the good ones.
    const scope = await tenantScope();
    const asks = [...accounts.slice(0, 3), 'acct_\u0000bad', ...accounts.slice(3)].map((ref) =>
      checkUsage(scope, { account: ref, feature: 'tickets', quantity: 1 }, t.allot.ctx.clock).then(
        (answer) => ({ ok: true as const, answer }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    const results = await Promise.all(asks);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, true, true, true]);
    for (const r of results) if (r.ok) expect(r.answer).toMatchObject({ allowed: true, limit: 500 });
  });

  it('never fails a request for another request’s fault: consumes decided together', async () => {
    const accounts = (await t.api('GET', '/v1/accounts?limit=100')).body.data
      .filter((a: { name: string }) => a.name.startsWith('Batch '))
      .map((a: { id: string }) => a.id);
    const scope = await tenantScope();
    const wall = t.allot.ctx.clock;
    // Twenty consumes submitted in one turn, so one group commit decides them; one carries a usage key
    // PostgreSQL refuses (a NUL, put there past the HTTP door): the database rolls the batch back and
    // the others are decided again without it, each counted exactly once.
    const prepared = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prepareConsume(
          scope,
          {
            account: accounts[i % accounts.length]!,
            feature: 'tickets',
            quantity: 1,
            idempotency_key: `k${i}`,
          },
          wall,
          'idempotency_key',
        ),
      ),
    );
    const batcher = batcherFor(t.allot.ctx.db.kysely);
    const results = await Promise.all(
      prepared.map((p, i) => {
        if ('replay' in p) throw new Error('nothing was consumed yet');
        return batcher.submit(scope.tenantId, i === 7 ? { ...p, key: 'consume:bad\u0000key' } : p).then(
          (answer) => ({ ok: true as const, answer }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      }),
    );
    expect(results.map((r, i) => [i, r.ok])).toEqual(results.map((_, i) => [i, i !== 7]));
    const used = await Promise.all(
      accounts.map(async (a: string) => {
        const r = await t.api('POST', '/v1/entitlements/check', { account: a, feature: 'tickets' });
        return r.body.used as number;
      }),
    );
    expect(used.reduce((x: number, y: number) => x + y, 0)).toBe(19);
  });
});

describe('log lines', () => {
  it('carry no request data from a database error: no statement, no parameters, no values', async () => {
    const lines: string[] = [];
    const log = pino(loggerOptions({ logLevel: 'info' }), {
      write: (line: string) => {
        lines.push(line);
      },
    });
    const secret = 'claire.secret@example.fr';
    // Real errors from the database in use: a value it refuses, and a key it already holds.
    const refused = await sql`select ${secret}::int as n`
      .execute(t.allot.ctx.db.kysely)
      .catch((e: unknown) => e);
    await sql`create table log_probe (email text primary key)`.execute(t.allot.ctx.db.kysely);
    await sql`insert into log_probe values (${secret})`.execute(t.allot.ctx.db.kysely);
    const duplicate = await sql`insert into log_probe values (${secret})`
      .execute(t.allot.ctx.db.kysely)
      .catch((e: unknown) => e);
    for (const err of [refused, duplicate]) log.error({ err }, 'request failed');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain('select');
      expect(line).not.toContain('insert into');
      const { err } = JSON.parse(line);
      expect(err.code).toMatch(/^[0-9A-Z]{5}$/);
    }
    expect(JSON.parse(lines[0]!).err.message).toBe('invalid input syntax for type integer: …');
    expect(JSON.parse(lines[1]!).err).toMatchObject({ code: '23505', constraint: 'log_probe_pkey' });
    // Any other error keeps its message and stack, as pino shows them.
    log.error({ err: new Error('the job runner stopped') }, 'x');
    expect(JSON.parse(lines[2]!).err).toMatchObject({ type: 'Error', message: 'the job runner stopped' });
  });
});

describe('security headers', () => {
  it('on the API, its documents and its reference; pages keep their own; authenticated answers are not stored', async () => {
    const api = await t.api('GET', '/v1/accounts');
    expect(api.status).toBe(200);
    const h = (res: { headers: Headers }, name: string) => res.headers.get(name);
    expect(h(api, 'content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(h(api, 'x-content-type-options')).toBe('nosniff');
    expect(h(api, 'x-frame-options')).toBe('DENY');
    expect(h(api, 'referrer-policy')).toBe('no-referrer');
    expect(h(api, 'cache-control')).toBe('no-store');
    // An error answer too, and one refused before any route (no key).
    for (const res of [
      await t.api('GET', '/v1/accounts/acct_none'),
      await t.api('GET', '/v1/accounts', undefined, { key: null }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(h(res, 'x-content-type-options')).toBe('nosniff');
      expect(h(res, 'cache-control')).toBe('no-store');
    }
    // An invoice's PDF: private, never cached, never framed.
    await seedCatalog(t);
    const a = await account(t, null, { name: 'Headers' });
    await subscribe(t, { account: a, plan: 'premium', billing_period: 'month' });
    const [invoice] = (await t.api('GET', `/v1/invoices?account=${a}`)).body.data;
    const pdf = await fetch(`${t.url}/v1/invoices/${invoice.id}/pdf`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-security-policy')).toContain("default-src 'none'");

    const docs = await fetch(`${t.url}/docs/`);
    expect(docs.status).toBe(200);
    const csp = docs.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    const spec = await fetch(`${t.url}/openapi.json`);
    expect(spec.headers.get('x-content-type-options')).toBe('nosniff');

    // The portal's pages: their own policy, framing decided by frame-ancestors, not X-Frame-Options.
    const page = await fetch(`${t.url}/portal/signed-out`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(page.headers.get('x-frame-options')).toBeNull();
  });
});

describe('input refused at the door, as problem+json naming the field', () => {
  const raw = (method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(t.url + path, {
      method,
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', ...headers },
      body,
    });
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as {
      status: number;
      code: string;
      errors?: { field: string; message: string }[];
    };
  };

  it('a body that is not UTF-8, a lone surrogate, a query that does not decode, a URL that does not', async () => {
    const before = (await t.api('GET', '/v1/accounts?limit=100')).body.data.length;
    const latin1 = await problem(
      await raw('POST', '/v1/accounts', Buffer.from('{"name":"Caf\xe9","currency":"EUR"}', 'latin1')),
    );
    expect(latin1).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'body', message: 'is not valid UTF-8' }],
    });
    const lone = await problem(await raw('POST', '/v1/accounts', '{"name":"a\\ud800b","currency":"EUR"}'));
    expect(lone.errors).toEqual([
      { field: 'name', message: 'must be well-formed Unicode (it holds a lone surrogate)' },
    ]);
    // A surrogate pair is a character like any other.
    expect(
      (await raw('POST', '/v1/accounts', '{"name":"\\ud83d\\ude80 Rocket","currency":"EUR"}')).status,
    ).toBe(201);
    const query = await problem(
      await fetch(`${t.url}/v1/accounts?external_id=%E0%A4`, {
        headers: { authorization: `Bearer ${t.key}` },
      }),
    );
    expect(query.errors).toEqual([{ field: 'external_id', message: 'is not valid percent-encoded UTF-8' }]);
    const url = await problem(
      await fetch(`${t.url}/v1/accounts/%FF`, { headers: { authorization: `Bearer ${t.key}` } }),
    );
    expect(url).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'path' }] });
    expect((await t.api('GET', '/v1/accounts?limit=100')).body.data.length).toBe(before + 1);
  });

  it('a path parameter or headers too long: 414 and 431, as problem+json', async () => {
    const long = await fetch(`${t.url}/v1/accounts/${'a'.repeat(150)}`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(long.status).toBe(414);
    expect(await problem(long)).toMatchObject({ code: 'uri_too_long' });
    const huge = await fetch(`${t.url}/v1/accounts`, {
      headers: { authorization: `Bearer ${t.key}`, 'x-pad': 'a'.repeat(20_000) },
    });
    expect(huge.status).toBe(431);
    expect(await problem(huge)).toMatchObject({ code: 'headers_too_large' });
  });

  it('an integer a number cannot hold exactly is refused, not rounded', async () => {
    for (const rank of ['1e20', '9007199254740993']) {
      const res = await problem(
        await raw('POST', '/v1/plans', `{"key":"big-${rank.length}","name":"Big","rank":${rank}}`),
      );
      expect(res.errors?.[0]?.field, rank).toBe('rank');
    }
    expect((await t.api('GET', '/v1/plans/big-4')).status).toBe(404);
  });

  it('a body sent to any operation that takes none names its fields, and changes nothing', async () => {
    let probed = 0;
    for (const { method, path, op } of operations()) {
      if (method === 'get' || op.requestBody) continue;
      const res = await t.api(method.toUpperCase(), pathOf(path), { surplus: true });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.errors, `${method} ${path}`).toEqual([
        { field: 'surplus', message: 'is not taken by this operation, which has no body' },
      ]);
      probed++;
    }
    expect(probed).toBeGreaterThanOrEqual(9);
    // An empty object is no body at all.
    expect((await t.api('POST', '/v1/billing/run', {})).status).toBe(200);
  });
});

describe('postal addresses', () => {
  it('take only a country of the EN 16931 list, so every invoice of theirs can be an e-invoice', async () => {
    const address = (country: string) => ({ line1: '1 Main St', postal_code: '1000', city: 'Town', country });
    const refused = await t.api('POST', '/v1/accounts', {
      name: 'Nowhere',
      currency: 'EUR',
      billing_address: address('QQ'),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('billing_address.country');
    expect((await t.api('PATCH', '/v1/tenant', { address: address('QQ') })).status).toBe(400);
    // Northern Ireland's XI is on the list, as EN 16931 has it.
    expect(
      (
        await t.api('POST', '/v1/accounts', {
          name: 'Belfast',
          currency: 'GBP',
          billing_address: address('XI'),
        })
      ).status,
    ).toBe(201);
  });
});
