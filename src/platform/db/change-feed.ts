import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TenantChanges } from '../changes.ts';

/**
 * Several Allot processes on one PostgreSQL hear each other's writes at once: each committed change
 * is sent with NOTIFY on `allot_changes`, and every process LISTENs on a connection of its own and
 * drops what it cached of that tenant (keys — a revoked key stops working everywhere —, entitlement
 * snapshots). If the listening connection is lost, the process forgets every cache and listens again,
 * so a change sent meanwhile is not missed: it is read afresh.
 */
const CHANNEL = 'allot_changes';
const MAX_RECONNECT_MS = 10_000;

export interface ChangeFeed {
  /** Resolves once listening (the first time). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function startChangeFeed(
  databaseUrl: string,
  db: Kysely<unknown>,
  changes: TenantChanges,
  log: Logger,
): ChangeFeed {
  // Its own notifications come back to it: the origin tells them apart.
  const origin = randomUUID().slice(0, 8);
  let client: pg.Client | undefined;
  let closed = false;
  let delay = 250;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const listen = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (message) => {
      const [from, tenantId] = (message.payload ?? '').split(':', 2);
      if (from !== origin && tenantId) changes.deliver(tenantId);
    });
    c.on('error', (err) => {
      if (client === c) log.warn({ err }, 'the change feed lost its connection; listening again');
      lost(c);
    });
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      log.warn({ err }, 'the change feed cannot listen yet; trying again');
      c.end().catch(() => {});
      schedule();
      return;
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    delay = 250;
    // Whatever was sent while it was not listening: read afresh.
    changes.deliverAll();
    markReady();
  };

  /** The listening connection ended: listen again (a connection that never listened is not it). */
  const lost = (c: pg.Client) => {
    if (closed || client !== c) return;
    client = undefined;
    c.end().catch(() => {});
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void listen();
    }, delay);
    delay = Math.min(delay * 2, MAX_RECONNECT_MS);
  };

  changes.attach((tenantId) => {
    sql`select pg_notify(${CHANNEL}, ${`${origin}:${tenantId}`})`.execute(db).catch((err: unknown) => {
      log.warn({ err }, 'a change could not be sent to the other processes; their caches expire instead');
    });
  });
  void listen();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
