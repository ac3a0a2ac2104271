/**
 * Issue 15: history is append-only against Allot itself. Served by a role that does not own the schema
 * (DATABASE_URL) while migrations run as its owner (ALLOT_MIGRATION_DATABASE_URL), Allot works as
 * always, and its role can add to history but not change it, delete it, truncate it or disable the
 * trigger that guards it. On PostgreSQL (PGlite has one user).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createAllot } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { serverUrl } from './helpers/database.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const KEY = 'sk_test_roles_0123456789abcdef';

async function admin(statements: string[]) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

describe.skipIf(!serverUrl)('a serving role that does not own the schema', { timeout: 120_000 }, () => {
  it('serves as always, and cannot rewrite history or disable its guard', async () => {
    const tag = randomBytes(4).toString('hex');
    const [owner, app, name] = [`allot_owner_${tag}`, `allot_app_${tag}`, `allot_roles_${tag}`];
    await admin([
      `create role ${owner} login`,
      `create role ${app} login`,
      `create database ${name} owner ${owner}`,
    ]);
    cleanups.push(() =>
      admin([
        `drop database if exists ${name} with (force)`,
        `drop role if exists ${app}`,
        `drop role if exists ${owner}`,
      ]),
    );
    const url = (role: string) => {
      const u = new URL(serverUrl!);
      u.username = role;
      u.password = '';
      u.pathname = `/${name}`;
      return u.toString();
    };
    const allot = await createAllot(
      loadConfig({
        DATABASE_URL: url(app),
        ALLOT_MIGRATION_DATABASE_URL: url(owner),
        ALLOT_BOOTSTRAP_KEY: KEY,
        ALLOT_DEMO: '0',
        ALLOT_JOBS: '0',
        LOG_LEVEL: 'silent',
      }),
      { log: pino({ level: 'silent' }) },
    );
    cleanups.push(() => allot.close());
    const base = await allot.server.listen({ port: 0, host: '127.0.0.1' });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const made = await call('POST', '/v1/accounts', { name: 'Served by a guest', currency: 'EUR' });
    expect(made.status).toBe(201);
    expect((await call('PATCH', `/v1/accounts/${made.body.id}`, { name: 'Renamed' })).status).toBe(200);
    const history = await call('GET', `/v1/accounts/${made.body.id}/history`);
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual([
      'account.updated',
      'account.created',
    ]);

    // What the serving role may and may not do, asked of PostgreSQL directly.
    const c = new pg.Client({ connectionString: url(app) });
    await c.connect();
    cleanups.push(() => c.end());
    const code = (statement: string) =>
      c.query(statement).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await code('select count(*) from history')).toBe('ok');
    for (const statement of [
      `update history set action = 'forged'`,
      'delete from history',
      'truncate history',
      'alter table history disable trigger all',
      'drop table history',
      `update subscription_phases set status = 'forged'`,
      'delete from kysely_migration',
    ])
      expect(await code(statement), statement).toBe('42501');
    // The owner, by contrast, is who could: the guard is its, not the service's.
    const o = new pg.Client({ connectionString: url(owner) });
    await o.connect();
    cleanups.push(() => o.end());
    const { rows } = await o.query(
      `select tableowner from pg_tables where schemaname = 'public' and tablename = 'history'`,
    );
    expect(rows[0].tableowner).toBe(owner);
  });
});
