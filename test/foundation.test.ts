import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from '../src/platform/clock/clock.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { serverUrl } from './helpers/database.ts';

let t: TestAllot;
beforeAll(async () => {
  t = await startAllot();
});
afterAll(async () => {
  await t?.close();
});

const clocks = async (key?: string) =>
  (await t.api('GET', '/v1/test_clocks?limit=100', undefined, key ? { key } : {})).body.data as {
    id: string;
  }[];

describe('serving', () => {
  it('answers health without a key', async () => {
    const res = await t.api('GET', '/v1/health', undefined, { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: t.database.kind });
  });

  it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
    const doc = await t.api('GET', '/openapi.json', undefined, { key: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/health',
        '/v1/tenants',
        '/v1/test_clocks',
        '/v1/test_clocks/{id}/advance',
      ]),
    );
    expect(JSON.stringify(doc.body)).not.toContain('~kind');
    const docs = await t.api('GET', '/docs/', undefined, { key: null });
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('answers unknown routes with a problem', async () => {
    const res = await t.api('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('not_found');
  });
});

describe('authentication and tenants', () => {
  it('refuses a missing or wrong key with 401 problem+json', async () => {
    for (const key of [null, 'sk_wrongwrongwrongwrongwrong']) {
      const res = await t.api('GET', '/v1/test_clocks', undefined, { key });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'unauthenticated', status: 401 });
    }
  });

  it("keeps a second tenant's data apart from the first's", async () => {
    const mine = await t.api('POST', '/v1/test_clocks', {
      frozen_time: '2026-03-01T00:00:00Z',
      name: 'first tenant',
    });
    expect(mine.status).toBe(201);

    const other = await t.api('POST', '/v1/tenants', { name: 'Second Vendor' });
    expect(other.status).toBe(201);
    expect(other.body.secret_key).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    const otherKey = other.body.secret_key as string;

    expect(await clocks(otherKey)).toEqual([]);
    const peek = await t.api('GET', `/v1/test_clocks/${mine.body.id}`, undefined, { key: otherKey });
    expect(peek.status).toBe(404);
    const push = await t.api(
      'POST',
      `/v1/test_clocks/${mine.body.id}/advance`,
      { frozen_time: '2027-01-01T00:00:00Z' },
      { key: otherKey },
    );
    expect(push.status).toBe(404);
    const me = await t.api('GET', '/v1/tenant', undefined, { key: otherKey });
    expect(me.body).toMatchObject({ id: other.body.id, name: 'Second Vendor' });

    // The second tenant's own clock is invisible to the first.
    const theirs = await t.api(
      'POST',
      '/v1/test_clocks',
      { frozen_time: '2026-03-01T00:00:00Z' },
      { key: otherKey },
    );
    expect((await clocks()).map((c) => c.id)).not.toContain(theirs.body.id);
    expect((await clocks(otherKey)).map((c) => c.id)).toEqual([theirs.body.id]);

    // Only the bootstrap tenant may create tenants.
    const refused = await t.api('POST', '/v1/tenants', { name: 'Third' }, { key: otherKey });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('stores keys only as hashes', async () => {
    const rows = await t.allot.ctx.db.kysely.selectFrom('api_keys').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(t.key);
    }
  });
});

describe('bad requests', () => {
  it('refuses unknown, missing and mistyped fields, naming each, and changes nothing', async () => {
    const before = await clocks();
    const res = await t.api('POST', '/v1/test_clocks', { name: 42, is_admin: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['frozen_time', 'is_admin', 'name']);
    expect(await clocks()).toEqual(before);
  });

  it('does not coerce a body number from a string', async () => {
    const res = await t.api('POST', '/v1/tenants', { name: 12 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'must be string' }]);
  });

  it('refuses a time that is not RFC 3339', async () => {
    const res = await t.api('POST', '/v1/test_clocks', { frozen_time: 'tomorrow' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('frozen_time');
  });

  it('refuses malformed JSON and bad query parameters', async () => {
    const broken = await t.api('POST', '/v1/test_clocks', '{"frozen_time": ');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('validation_failed');
    const query = await t.api('GET', '/v1/test_clocks?limit=1000&colour=red');
    expect(query.status).toBe(400);
    expect(query.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit']);
  });
});

describe('pagination', () => {
  it('pages newest first with starting_after and has_more', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api('POST', '/v1/test_clocks', {
        frozen_time: '2026-01-01T00:00:00Z',
        name: `page ${i}`,
      });
      made.push(res.body.id);
    }
    const all = (await t.api('GET', '/v1/test_clocks?limit=100')).body.data.map((c: { id: string }) => c.id);
    expect(all).toEqual([...all].sort().reverse());
    const first = await t.api('GET', '/v1/test_clocks?limit=2');
    expect(first.body.has_more).toBe(true);
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([made[4], made[3]]);
    const second = await t.api('GET', `/v1/test_clocks?limit=2&starting_after=${made[3]}`);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual([made[2], made[1]]);
    const last = await t.api('GET', `/v1/test_clocks?limit=100&starting_after=${made[0]}`);
    expect(last.body.has_more).toBe(false);
    expect(last.body.data.map((c: { id: string }) => c.id)).toEqual(all.slice(all.indexOf(made[0]) + 1));
  });
});

describe('Idempotency-Key', () => {
  const body = { frozen_time: '2026-05-01T00:00:00Z', name: 'idempotent' };

  it('replays the first answer for the same body and creates once', async () => {
    const headers = { 'idempotency-key': 'create-clock-1' };
    const first = await t.api('POST', '/v1/test_clocks', body, { headers });
    const again = await t.api('POST', '/v1/test_clocks', body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await clocks()).filter((c) => c.id === first.body.id)).toHaveLength(1);
    expect(((await clocks()) as { name?: string }[]).filter((c) => c.name === 'idempotent')).toHaveLength(1);
  });

  it('refuses the same key with another body: 422 idempotency_key_reused', async () => {
    const headers = { 'idempotency-key': 'create-clock-2' };
    await t.api('POST', '/v1/test_clocks', body, { headers });
    const other = await t.api('POST', '/v1/test_clocks', { ...body, name: 'another' }, { headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('scopes keys to the tenant', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const other = await t.api('POST', '/v1/tenants', { name: 'Idem Vendor' });
    const a = await t.api('POST', '/v1/test_clocks', body, { headers });
    const b = await t.api('POST', '/v1/test_clocks', body, { headers, key: other.body.secret_key });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('answers 409 idempotency_key_in_use, or the replay, while concurrent requests share a key', async () => {
    const headers = { 'idempotency-key': 'concurrent-1' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.api('POST', '/v1/test_clocks', { ...body, name: 'concurrent' }, { headers }),
      ),
    );
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const a of answers) {
      if (a.status !== 201) expect(a.body.code).toBe('idempotency_key_in_use');
    }
    expect(((await clocks()) as { name?: string }[]).filter((c) => c.name === 'concurrent')).toHaveLength(1);
  });

  it.runIf(serverUrl !== undefined)('answers 409 while another process holds the key', async () => {
    const tenantId = (await t.api('GET', '/v1/tenant')).body.id;
    const other = new pg.Client({ connectionString: t.database.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock(hashtextextended($1, 0))', [`${tenantId}:held-elsewhere`]);
      const res = await t.api('POST', '/v1/test_clocks', body, {
        headers: { 'idempotency-key': 'held-elsewhere' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('idempotency_key_in_use');
    } finally {
      await other.end();
    }
    const after = await t.api('POST', '/v1/test_clocks', body, {
      headers: { 'idempotency-key': 'held-elsewhere' },
    });
    expect(after.status).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const res = await t.api('POST', '/v1/test_clocks', body, {
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });
});

describe('test clocks', () => {
  it('move forward only', async () => {
    const clock = (await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-01-31T09:00:00Z' })).body;
    const back = await t.api('POST', `/v1/test_clocks/${clock.id}/advance`, {
      frozen_time: '2026-01-01T00:00:00Z',
    });
    expect(back.status).toBe(400);
    expect(back.body.errors[0].field).toBe('frozen_time');
    const same = await t.api('POST', `/v1/test_clocks/${clock.id}/advance`, {
      frozen_time: '2026-01-31T09:00:00Z',
    });
    expect(same.status).toBe(400);
    const fwd = await t.api('POST', `/v1/test_clocks/${clock.id}/advance`, {
      frozen_time: '2026-02-28T09:00:00+01:00',
    });
    expect(fwd.status).toBe(200);
    expect(fwd.body.frozen_time).toBe('2026-02-28T08:00:00.000Z');
    expect((await t.api('GET', `/v1/test_clocks/${clock.id}`)).body.frozen_time).toBe(
      '2026-02-28T08:00:00.000Z',
    );
  });

  it('runs the work that falls due on the way, at its own instant, in time order', async () => {
    const clock = (await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-01-01T00:00:00Z' })).body;
    // A handler that has work on the 1st of every month, as renewals would.
    const ran: string[] = [];
    t.allot.ctx.dueWork.register({
      name: `monthly-${clock.id}`,
      async nextDueAt(_scope, clockId, after, until) {
        if (clockId !== clock.id) return null;
        const d = after
          .toZonedDateTimeISO('UTC')
          .toPlainDate()
          .toPlainYearMonth()
          .add({ months: 1 })
          .toPlainDate({ day: 1 });
        const at = d.toZonedDateTime('UTC').toInstant();
        return Temporal.Instant.compare(at, until) <= 0 ? at : null;
      },
      async runDue(scope, clockId, now) {
        if (clockId !== clock.id) return;
        const row = await scope
          .selectFrom('test_clocks')
          .select('frozen_time')
          .where('id', '=', clockId)
          .executeTakeFirstOrThrow();
        // The clock stands at the due instant while its work runs.
        expect(row.frozen_time.toISOString()).toBe(new Date(now.epochMilliseconds).toISOString());
        ran.push(now.toString());
      },
    });
    const res = await t.api('POST', `/v1/test_clocks/${clock.id}/advance`, {
      frozen_time: '2026-04-15T00:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(ran).toEqual([
      '2026-02-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
      '2026-04-15T00:00:00Z',
    ]);
  });
});
