import { AllotApiError, AllotConnectionError, AllotTimeoutError } from './errors.ts';
import type { RequestOptions } from './types.ts';

export type Query = Record<string, string | number | boolean | undefined | null>;

/** Waits `ms` milliseconds; rejects with the signal's reason if it is aborted meanwhile. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
  baseUrl: string;
  /** A secret key; or, in the portal's pages, nothing and a session. */
  secretKey?: string | undefined;
  /** In a browser signed in to the portal: the session's cookie goes along, writes echo its CSRF token. */
  session?: { csrfToken: string } | undefined;
  fetch?: typeof fetch | undefined;
  /** Per attempt, until the whole answer is read. Default 30 s; 0: no timeout of the SDK's own. */
  timeoutMs?: number | undefined;
  /** Retries after a failure worth retrying. Default 2 (three attempts in all). */
  maxRetries?: number | undefined;
  /** The longest `Retry-After` waited for; a longer one is not retried (the error carries it). Default 60 s. */
  maxRetryAfterMs?: number | undefined;
  /** How the SDK waits between attempts (tests give one that does not wait). */
  sleep?: Sleep | undefined;
  /** The jitter's random numbers in [0, 1). Default Math.random. */
  random?: (() => number) | undefined;
  userAgent?: string | undefined;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  options?: RequestOptions | undefined;
  /**
   * A POST that changes nothing (a preview, a quote, a remote check): no idempotency key, and retried
   * like a GET.
   */
  readOnly?: boolean;
  /**
   * A write the SDK sends without an idempotency key of its own unless the caller gives one: consume and
   * release, whose keys are usage keys (a keyless consume takes the server's fast path). Without a key
   * it is retried only when the server surely did nothing (429, 409 idempotency_key_in_use).
   */
  noAutoKey?: boolean;
}

/** What an attempt received: the whole answer, read within the timeout. */
interface Received {
  status: number;
  statusText: string;
  headers: Headers;
  text?: string;
  bytes?: ArrayBuffer;
  /** How many attempts it took. */
  attempts: number;
}

/** Filled in by a call: how it went. */
export interface CallMeta {
  attempts?: number;
}

/** `/v1/accounts/{id}` with the id encoded: ids and external ids may hold any character. */
export const seg = (value: string): string => encodeURIComponent(value);

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** A random (v4) UUID: `crypto.randomUUID` where it exists (it needs a secure context in browsers). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `Retry-After` in seconds: a number of seconds, or an HTTP date turned into seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const isWrite = (call: Call) => call.method !== 'GET' && !call.readOnly;

/**
 * The HTTP layer: auth, JSON, timeouts, retries with backoff, idempotency keys, the acting user, and
 * problem answers thrown as AllotApiError.
 *
 * Retried (at most `maxRetries` times, the same Idempotency-Key each time): a connection failure or a
 * timeout, 409 `idempotency_key_in_use`, 429, 502, 503, 504, and 500 for a read. Never another 4xx. A
 * write is retried after a failure that may have reached the server only when it carries an
 * Idempotency-Key — which the SDK gives every write, except consume and release without the caller's.
 */
export class Transport {
  private readonly base: string;
  private readonly auth: string | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly opts: TransportOptions) {
    if (!opts.baseUrl) throw new TypeError('Allot: baseUrl is required.');
    if (!opts.secretKey && !opts.session) throw new TypeError('Allot: secretKey is required.');
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.auth = opts.secretKey ? `Bearer ${opts.secretKey}` : undefined;
    // Bound so that a fetch needing its `this` (browsers) works when called as this.fetchFn.
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = nonNegative('timeoutMs', opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxRetries = nonNegative('maxRetries', opts.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.maxRetryAfterMs = nonNegative('maxRetryAfterMs', opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
    this.sleep = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
  }

  url(path: string, query?: Query): string {
    let url = this.base + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  /** The wait before retry number `retry` (1, 2, …): exponential, capped, with jitter. */
  backoff(retry: number): number {
    const base = Math.min(INITIAL_DELAY_MS * 2 ** (retry - 1), MAX_DELAY_MS);
    // Between half and all of it, so that clients failing together do not retry together.
    return Math.round(base * (0.5 + this.random() * 0.5));
  }

  private headersOf(call: Call, accept: string, key: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept };
    if (this.auth) headers.authorization = this.auth;
    else if (this.opts.session && call.method !== 'GET')
      headers['allot-csrf-token'] = this.opts.session.csrfToken;
    if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
    if (key !== undefined) headers['idempotency-key'] = key;
    const acting = call.options?.actingUser;
    if (acting !== undefined) headers['allot-acting-user'] = acting;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  /** One request, its whole answer read before the timeout. */
  private async attempt(
    call: Call,
    url: string,
    init: RequestInit,
    as: 'text' | 'bytes',
    timeoutMs: number,
    attempts: number,
  ): Promise<Received> {
    const controller = new AbortController();
    const signal = call.options?.signal;
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) throw signal.reason;
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    try {
      const res = await this.fetchFn(url, { ...init, signal: controller.signal });
      const received: Received = {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
        attempts,
      };
      if (as === 'bytes' && res.ok) received.bytes = await res.arrayBuffer();
      else received.text = await res.text();
      return received;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw new AllotTimeoutError({ method: call.method, url, attempts, timeoutMs });
      const reason = error instanceof Error ? error.message : String(error);
      throw new AllotConnectionError(`${call.method} ${url} failed: ${reason}`, {
        method: call.method,
        url,
        attempts,
        cause: error,
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async send(call: Call, accept: string, as: 'text' | 'bytes'): Promise<Received> {
    const o = call.options;
    const write = isWrite(call);
    // One key for every attempt of this call: the server applies the write once and replays its answer.
    const key = o?.idempotencyKey ?? (write && !call.noAutoKey ? newIdempotencyKey() : undefined);
    const keyed = !write || key !== undefined;
    const maxRetries = nonNegative('maxRetries', o?.maxRetries ?? this.maxRetries);
    const timeoutMs = nonNegative('timeoutMs', o?.timeoutMs ?? this.timeoutMs);
    const url = this.url(call.path, call.query);
    const init: RequestInit = { method: call.method, headers: this.headersOf(call, accept, key) };
    if (!this.auth) init.credentials = 'same-origin';
    if (call.body !== undefined) init.body = JSON.stringify(call.body);

    for (let attempts = 1; ; attempts++) {
      let received: Received;
      try {
        received = await this.attempt(call, url, init, as, timeoutMs, attempts);
      } catch (error) {
        // The caller's abort, or a failure that may have reached the server with nothing to make it safe.
        if (!(error instanceof AllotConnectionError) || !keyed || attempts > maxRetries) throw error;
        await this.sleep(this.backoff(attempts), o?.signal);
        continue;
      }
      if (received.status >= 200 && received.status < 300) return received;
      const error = problemOf(received, attempts);
      if (attempts > maxRetries || !retriable(error, write, keyed)) throw error;
      let delay = this.backoff(attempts);
      if (error.retryAfter !== null) {
        const asked = error.retryAfter * 1000;
        if (asked > this.maxRetryAfterMs) throw error;
        delay = Math.max(delay, asked);
      }
      await this.sleep(delay, o?.signal);
    }
  }

  /** A JSON answer. */
  async json<T>(call: Call, meta?: CallMeta): Promise<T> {
    const { text, attempts } = await this.send(call, 'application/json', 'text');
    if (meta) meta.attempts = attempts;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A text answer (an e-invoice's XML). */
  async text(call: Call, accept: string): Promise<string> {
    return (await this.send(call, accept, 'text')).text ?? '';
  }

  /** A binary answer (a PDF). */
  async bytes(call: Call, accept: string): Promise<ArrayBuffer> {
    return (await this.send(call, accept, 'bytes')).bytes ?? new ArrayBuffer(0);
  }
}

/** Whether an error answer is worth another attempt of the same request. */
function retriable(error: AllotApiError, write: boolean, keyed: boolean): boolean {
  // The server did nothing: another request with the same key is running, or too many came.
  if (error.code === 'idempotency_key_in_use' || error.status === 429) return true;
  if (!keyed) return false;
  if (error.status === 502 || error.status === 503 || error.status === 504) return true;
  return error.status === 500 && !write;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`Allot: ${name} must be 0 or more.`);
  return value;
}

function problemOf(res: Received, attempts: number): AllotApiError {
  const text = res.text ?? '';
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return AllotApiError.from(res.status, body, res.statusText, {
    requestId: res.headers.get('request-id'),
    retryAfter: parseRetryAfter(res.headers.get('retry-after')),
    attempts,
  });
}
