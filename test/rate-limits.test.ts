/**
 * Issue 15: rate limits, answered 429 `rate_limited` as problem+json with Retry-After — per secret key,
 * per portal user, and for failed authentication per address (refused before its key is looked at,
 * so a guesser cannot go on); on PostgreSQL the failures are counted for every process together.
 * The wall clock is the app's: the test moves it to the next window instead of waiting.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllot } from '../src/app.ts';
import type { Clock } from '../src/platform/clock/clock.ts';
import { Temporal } from '../src/platform/clock/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { serverUrl } from './helpers/database.ts';

let wallNow = Temporal.Instant.from('2026-03-02T09:00:10Z');
const wall: Clock = { now: () => wallNow };
let t: TestAllot;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await startAllot({
    clock: wall,
    env: { ALLOT_RATE_LIMIT: '10', ALLOT_AUTH_FAILURE_LIMIT: '5', ALLOT_PORTAL_RATE_LIMIT: '4' },
  });
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await t?.close();
});

const get = (key: string | null, url = t.url) =>
  fetch(`${url}/v1/accounts`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('rate limits', () => {
  it('refuse a key past its requests a minute, with Retry-After, and not another key', async () => {
    const other = (await t.api('POST', '/v1/keys', { type: 'secret', name: 'other' })).body.secret_key;
    // The key creation above was the bootstrap key's first request of the minute.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(t.key)).status);
    expect(statuses).toEqual([...Array(9).fill(200), 429]);
    const refused = await get(t.key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBe(50);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect((await get(other)).status).toBe(200);
    // The next minute, the key works again.
    wallNow = wallNow.add({ seconds: 60 });
    expect((await get(t.key)).status).toBe(200);
  });

  it('refuse an address that failed authentication too often, even with a right key, until the window ends', async () => {
    wallNow = wallNow.add({ seconds: 60 });
    const unused = (await t.api('POST', '/v1/keys', { type: 'secret', name: 'unused' })).body.secret_key;
    // The application's key, verified (a write of the tenant, as the key's creation, forgets it).
    expect((await get(t.key)).status).toBe(200);
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await get(`sk_wrong_${i}_0123456789abcdef`)).status);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    const blocked = await get(unused);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // No key at all counts as a failure too, and is refused the same way.
    expect((await get(null)).status).toBe(429);
    // A key this process verified a moment ago is no guess (a neighbour behind the same address, the
    // application itself): it goes on, without the failure count being read.
    expect((await get(t.key)).status).toBe(200);
    wallNow = wallNow.add({ seconds: 60 });
    expect((await get(unused)).status).toBe(200);
  });

  it('count failures for every server on one PostgreSQL together', {
    timeout: 120_000,
    skip: !serverUrl,
  }, async () => {
    wallNow = wallNow.add({ seconds: 60 });
    // A second Allot on the same database and the same wall clock, with caches and counters of its own:
    // what it knows of A's failures it can only have read from the database.
    const b = await createAllot(
      loadConfig({
        ...t.database.env,
        ALLOT_DEMO: '0',
        ALLOT_JOBS: '0',
        LOG_LEVEL: 'silent',
        ALLOT_AUTH_FAILURE_LIMIT: '5',
      }),
      { clock: wall, log: pino({ level: 'silent' }) },
    );
    cleanups.push(() => b.close());
    const bUrl = await b.server.listen({ port: 0, host: '127.0.0.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`sk_wrong_a${i}_0123456789abcdef`)).status);
    for (let i = 0; i < 2; i++) statuses.push((await get(`sk_wrong_b${i}_0123456789abcdef`, bUrl)).status);
    // Five failures from this address in all, three on A and two on B: both now refuse it.
    statuses.push((await get(t.key, bUrl)).status, (await get(t.key)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});
