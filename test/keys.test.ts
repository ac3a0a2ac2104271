/**
 * Issue 15: rolling a key — a new key now, the old one working until its expiry (the time to deploy
 * the new one), then refused; 0 stops it at once; a revoked key is not rolled. The wall clock is the
 * app's, moved by the test. And the CLI's `keys roll` prints the new secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/platform/clock/clock.ts';
import { Temporal } from '../src/platform/clock/clock.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { runCli } from './helpers/process.ts';

let wallNow = Temporal.Instant.from('2026-05-04T08:00:00Z');
const wall: Clock = { now: () => wallNow };
let t: TestAllot;
beforeAll(async () => {
  t = await startAllot({ clock: wall });
});
afterAll(() => t?.close());

const status = (key: string) =>
  fetch(`${t.url}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

describe('rolling a key', () => {
  it('gives a new key at once and keeps the old one until it expires, then refuses it', async () => {
    const old = (await t.api('POST', '/v1/keys', { type: 'secret', name: 'backend' })).body;
    expect(await status(old.secret_key)).toBe(200);
    const rolled = await t.api('POST', `/v1/keys/${old.id}/roll`, { expires_in: 3600 });
    expect(rolled.status, JSON.stringify(rolled.body)).toBe(201);
    expect(rolled.body).toMatchObject({
      type: 'secret',
      name: 'backend',
      expires_at: null,
      rolled: { id: old.id, expires_at: '2026-05-04T09:00:00.000Z', revoked_at: null },
    });
    expect(rolled.body.secret_key).toMatch(/^sk_/);
    expect(rolled.body.id).not.toBe(old.id);
    // Both work during the hour, the old one from the cache too…
    expect(await status(rolled.body.secret_key)).toBe(200);
    expect(await status(old.secret_key)).toBe(200);
    wallNow = wallNow.add({ minutes: 59 });
    expect(await status(old.secret_key)).toBe(200);
    // …and not a moment past it, even though it was cached a minute ago.
    wallNow = wallNow.add({ minutes: 1 });
    expect(await status(old.secret_key)).toBe(401);
    expect(await status(rolled.body.secret_key)).toBe(200);
    const listed = (await t.api('GET', '/v1/keys')).body.data.find((k: { id: string }) => k.id === old.id);
    expect(listed.expires_at).toBe('2026-05-04T09:00:00.000Z');
    const history = (await t.api('GET', '/v1/history?limit=20')).body.data;
    expect(history.find((h: { action: string }) => h.action === 'api_key.rolled')).toMatchObject({
      subject: { type: 'api_key', id: old.id },
      after: { replaced_by: rolled.body.id },
    });
    // An expired key is not rolled again.
    expect((await t.api('POST', `/v1/keys/${old.id}/roll`, {})).body.code).toBe('invalid_state');
  });

  it('stops the old key at once with 0, refuses a revoked key and an expiry past a week', async () => {
    const old = (await t.api('POST', '/v1/keys', { type: 'secret' })).body;
    expect(await status(old.secret_key)).toBe(200);
    const now = await t.api('POST', `/v1/keys/${old.id}/roll`, { expires_in: 0 });
    expect(now.status).toBe(201);
    expect(await status(old.secret_key)).toBe(401);
    const long = await t.api('POST', `/v1/keys/${now.body.id}/roll`, { expires_in: 8 * 24 * 3600 });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('expires_in');
    expect((await t.api('POST', `/v1/keys/${now.body.id}/revoke`)).status).toBe(200);
    expect((await t.api('POST', `/v1/keys/${now.body.id}/roll`)).body.code).toBe('invalid_state');
  });

  it('shows the rolled secret once: an idempotent replay answers it as null, no table holds it', async () => {
    const old = (await t.api('POST', '/v1/keys', { type: 'secret', name: 'replayed' })).body;
    const headers = { 'idempotency-key': 'roll-replayed-1' };
    const first = await t.api('POST', `/v1/keys/${old.id}/roll`, { expires_in: 60 }, { headers });
    expect(first.status).toBe(201);
    const secret = first.body.secret_key as string;
    expect(await status(secret)).toBe(200);
    const replay = await t.api('POST', `/v1/keys/${old.id}/roll`, { expires_in: 60 }, { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, secret_key: null });
    // The replay rolled nothing more: one key replaced the old one.
    const keys = (await t.api('GET', '/v1/keys')).body.data;
    expect(keys.filter((k: { name: string | null }) => k.name === 'replayed')).toHaveLength(2);
    const kysely = t.allot.ctx.db.kysely;
    for (const table of ['idempotency_keys', 'api_keys', 'history'] as const) {
      const rows = await kysely.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows), table).not.toContain(secret);
    }
  });

  it('is a CLI command that prints the new secret once', { timeout: 60_000 }, async () => {
    const old = (await t.api('POST', '/v1/keys', { type: 'secret', name: 'cli' })).body;
    const out = await runCli(['keys', 'roll', old.id, '--expires-in', '600'], {
      ALLOT_URL: t.url,
      ALLOT_KEY: t.key,
    });
    expect(out.code, out.stderr).toBe(0);
    const secret = out.stdout.trim();
    expect(secret).toMatch(/^sk_\w+$/);
    expect(out.stderr).toContain(`Rolled ${old.id}`);
    expect(await status(secret)).toBe(200);
  });
});
