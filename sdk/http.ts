import { AllotApiError } from './errors.ts';
import type { RequestOptions } from './types.ts';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface TransportOptions {
  baseUrl: string;
  /** A secret key; or, in the portal's pages, nothing and a session. */
  secretKey?: string | undefined;
  /** In a browser signed in to the portal: the session's cookie goes along, writes echo its CSRF token. */
  session?: { csrfToken: string } | undefined;
  fetch?: typeof fetch;
  /** Per request; 0 or undefined: no timeout of our own. */
  timeoutMs?: number;
  userAgent?: string;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  options?: RequestOptions | undefined;
}

/** `/v1/accounts/{id}` with the id encoded: ids and external ids may hold any character. */
export const seg = (value: string): string => encodeURIComponent(value);

/** The HTTP layer: auth, JSON, Idempotency-Key, acting user, and problem answers thrown as AllotApiError. */
export class Transport {
  private readonly base: string;
  private readonly auth: string | undefined;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: TransportOptions) {
    if (!opts.baseUrl) throw new TypeError('Allot: baseUrl is required.');
    if (!opts.secretKey && !opts.session) throw new TypeError('Allot: secretKey is required.');
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.auth = opts.secretKey ? `Bearer ${opts.secretKey}` : undefined;
    // Bound so that a fetch needing its `this` (browsers) works when called as this.fetchFn.
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
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

  private async send(call: Call, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.auth) headers.authorization = this.auth;
    else if (this.opts.session && call.method !== 'GET')
      headers['allot-csrf-token'] = this.opts.session.csrfToken;
    if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
    const o = call.options;
    if (o?.idempotencyKey !== undefined) headers['idempotency-key'] = o.idempotencyKey;
    if (o?.actingUser !== undefined) headers['allot-acting-user'] = o.actingUser;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    const signals: AbortSignal[] = [];
    if (o?.signal) signals.push(o.signal);
    if (this.opts.timeoutMs) signals.push(AbortSignal.timeout(this.opts.timeoutMs));
    const init: RequestInit = { method: call.method, headers };
    if (!this.auth) init.credentials = 'same-origin';
    if (body !== undefined) init.body = body;
    if (signals.length === 1) init.signal = signals[0]!;
    else if (signals.length > 1) init.signal = AbortSignal.any(signals);
    const res = await this.fetchFn(this.url(call.path, call.query), init);
    if (!res.ok) throw await problemOf(res);
    return res;
  }

  /** A JSON answer. */
  async json<T>(call: Call): Promise<T> {
    const res = await this.send(call, 'application/json');
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A binary answer (a PDF). */
  async bytes(call: Call, accept: string): Promise<ArrayBuffer> {
    const res = await this.send(call, accept);
    return res.arrayBuffer();
  }
}

async function problemOf(res: Response): Promise<AllotApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body could not be read: the status alone says what happened.
  }
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return AllotApiError.from(res.status, body, res.statusText);
}
