/**
 * The CLI's way to a running Allot: where it is and which key (`--url`/`--key`, else `ALLOT_URL`,
 * `ALLOT_KEY`), the SDK's client for what it has, and — in this one place — the few calls the SDK may
 * not have yet (test clocks, billing runs, the tenant's settings), made through its Transport. When
 * the SDK has them, these become one-liners over `client`.
 */
import type { Command } from 'commander';
import { Transport } from '../../sdk/http.ts';
import { Allot } from '../../sdk/index.ts';
import { networkReason, UnreachableError, UsageError } from './errors.ts';

export interface ApiTarget {
  url: string;
  key: string;
}

/** Adds `--url` and `--key` to a command; its subcommands read them with `targetOf`. */
export function withApiOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the Allot server (default: $ALLOT_URL or http://127.0.0.1:$PORT)')
    .option('--key <key>', 'a secret key (default: $ALLOT_KEY)');
}

function optionsOf(command: Command): { url?: string; key?: string } {
  return command.optsWithGlobals<{ url?: string; key?: string }>();
}

/** Whether a key is at hand (an option or ALLOT_KEY). */
export function hasKey(command: Command): boolean {
  return Boolean(optionsOf(command).key ?? process.env.ALLOT_KEY);
}

export function targetOf(command: Command): ApiTarget {
  const opts = optionsOf(command);
  const key = opts.key ?? process.env.ALLOT_KEY;
  if (!key) throw new UsageError('Give a secret key with --key or ALLOT_KEY.');
  const url = (opts.url ?? process.env.ALLOT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new UsageError(`--url is an http(s) address, got ${url}`);
  return { url, key };
}

/** fetch, with a failed connection said as UnreachableError (the SDK keeps it as the cause of its own). */
function fetchReaching(url: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      const reason = networkReason(error);
      throw reason ? new UnreachableError(url, reason, { cause: error }) : error;
    }
  };
}

export interface TestClock {
  id: string;
  object: 'test_clock';
  name: string | null;
  frozen_time: string;
  created_at: string;
}

export interface BillingRun {
  object: 'billing_run';
  counts: Record<string, number>;
}

export interface TenantSettings {
  id: string;
  name: string;
  payment_terms_days: number;
}

export interface Api {
  target: ApiTarget;
  client: Allot;
  testClocks: {
    create(body: { frozen_time: string; name?: string }): Promise<TestClock>;
    get(id: string): Promise<TestClock>;
    advance(id: string, frozenTime: string): Promise<TestClock>;
  };
  billing: { run(): Promise<BillingRun> };
  tenant: { get(): Promise<TenantSettings> };
}

export function connect(target: ApiTarget): Api {
  const userAgent = 'allot-cli';
  const fetchFn = fetchReaching(target.url);
  const client = new Allot({ baseUrl: target.url, secretKey: target.key, fetch: fetchFn, userAgent });
  // Advancing a clock over years or a big billing run takes long: no timeout of the SDK's own.
  const http = new Transport({
    baseUrl: target.url,
    secretKey: target.key,
    fetch: fetchFn,
    userAgent,
    timeoutMs: 0,
  });
  const seg = encodeURIComponent;
  return {
    target,
    client,
    testClocks: {
      create: (body) => http.json({ method: 'POST', path: '/v1/test_clocks', body }),
      get: (id) => http.json({ method: 'GET', path: `/v1/test_clocks/${seg(id)}` }),
      advance: (id, frozenTime) =>
        http.json({
          method: 'POST',
          path: `/v1/test_clocks/${seg(id)}/advance`,
          body: { frozen_time: frozenTime },
        }),
    },
    billing: { run: () => http.json({ method: 'POST', path: '/v1/billing/run' }) },
    tenant: { get: () => http.json({ method: 'GET', path: '/v1/tenant' }) },
  };
}

/** Every item of a list endpoint, following `starting_after` until `has_more` is false. */
export async function* everyItem<T extends { id: string | null }>(
  list: (params: { limit: number; starting_after?: string }) => Promise<{ data: T[]; has_more: boolean }>,
): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    const page = await list({ limit: 100, ...(after ? { starting_after: after } : {}) });
    yield* page.data;
    const last = page.data.at(-1)?.id;
    if (!page.has_more || !last) return;
    after = last;
  }
}
