/**
 * Issue 15: several processes on one PostgreSQL hear each other's writes at once (LISTEN/NOTIFY):
 * a key revoked through one process stops working on another at once — not after its key cache's
 * 30 seconds — and still does after the listening connection was lost and taken again.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { serverUrl } from './helpers/database.ts';
import { startServerProcess } from './helpers/process.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// PGlite is one process by nature: there is no other process to tell.
describe.skipIf(!serverUrl)('the change feed', { timeout: 120_000 }, () => {
  it('makes a key revoked on one process refused on another at once, also after a lost connection', async () => {
    const a: TestAllot = await startAllot();
    cleanups.push(() => a.close());
    const b = await startServerProcess({ ...a.database.env, ALLOT_DEMO: '0' });
    cleanups.push(async () => {
      b.child.kill('SIGTERM');
      await b.exited;
    });
    const onB = (key: string) =>
      fetch(`${b.url}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

    for (const round of ['listening', 'after its connection was lost']) {
      const made = await a.api('POST', '/v1/keys', { type: 'secret', name: `feed ${round}` });
      expect(made.status).toBe(201);
      const key = made.body.secret_key as string;
      // B reads the key once: from now on it answers it from its cache.
      expect(await onB(key), round).toBe(200);
      expect(await onB(key), round).toBe(200);
      expect((await a.api('POST', `/v1/keys/${made.body.id}/revoke`)).status).toBe(200);
      // The NOTIFY is delivered after A's commit: B refuses the key as soon as it has heard it.
      await expect.poll(() => onB(key), { timeout: 5_000, interval: 20 }).toBe(401);

      if (round === 'listening') {
        // Cut B's listening connection (the server restarting, a proxy dropping it): B listens again.
        const listeners = () =>
          sql<{ pid: number }>`select pid from pg_stat_activity
                 where datname = current_database() and query = 'LISTEN allot_changes'`
            .execute(a.allot.ctx.db.kysely)
            .then((r) => r.rows.map((x) => x.pid));
        const before = await listeners();
        expect(before.length).toBeGreaterThanOrEqual(2);
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
                   where datname = current_database() and query = 'LISTEN allot_changes'`.execute(
          a.allot.ctx.db.kysely,
        );
        await expect
          .poll(async () => (await listeners()).filter((p) => !before.includes(p)).length, {
            timeout: 15_000,
          })
          .toBeGreaterThanOrEqual(2);
      }
    }
  });
});
