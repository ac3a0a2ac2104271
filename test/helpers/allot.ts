import pino from 'pino';
import { type Allot, createAllot } from '../../src/app.ts';
import type { Clock } from '../../src/platform/clock/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { freshDatabase, type TestDatabase } from './database.ts';

export const BOOTSTRAP_KEY = 'sk_test_bootstrap_0123456789abcdef';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestAllot {
  allot: Allot;
  database: TestDatabase;
  url: string;
  key: string;
  /** A real HTTP request to the running server, with the bootstrap key unless `key` is given. */
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options?: { key?: string | null; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startAllot(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestAllot> {
  const database = await freshDatabase();
  const config = loadConfig({
    ...database.env,
    ALLOT_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    ALLOT_DEMO: '0',
    ALLOT_JOBS: '0',
    LOG_LEVEL: 'silent',
    // Test receivers listen on loopback; test/webhook-networks.test.ts covers the default, public.
    ALLOT_WEBHOOK_NETWORKS: 'any',
    ...options.env,
  });
  const allot = await createAllot(config, {
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const url = await allot.server.listen({ port: 0, host: '127.0.0.1' });
  return {
    allot,
    database,
    url,
    key: BOOTSTRAP_KEY,
    async api(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const key = opts.key === undefined ? BOOTSTRAP_KEY : opts.key;
      if (key) headers.authorization = `Bearer ${key}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed as never };
    },
    async close() {
      await allot.close();
      await database.drop();
    },
  };
}
