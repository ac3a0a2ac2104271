import { performance } from 'node:perf_hooks';
import { fetch, type Response } from 'undici';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import { agentFor, hostRefusal, type WebhookNetworks } from './network.ts';
import { type Outcome, parseRetryAfter, succeeded } from './policy.ts';
import { signatures } from './secrets.ts';

/**
 * A receiver has this long to answer (ALLOT_WEBHOOK_TIMEOUT_MS, 5 s by default); Standard Webhooks
 * asks receivers to answer quickly and work later.
 */
export const TIMEOUT_MS = 5_000;
/** How much of a failing answer's body the delivery log keeps. */
const ERROR_BODY_BYTES = 500;

export interface Message {
  url: string;
  /** The signing secrets: the endpoint's, then a rotated-out one still within its overlap. */
  secrets: readonly string[];
  /** `webhook-id`: the event id, which is also the receiver's idempotency key. */
  id: string;
  payload: string;
}

/**
 * POSTs one signed message (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).
 * `at` is the domain clock's time, which is what the timestamp header and its signature carry; the
 * duration is measured on the process's monotonic clock, as it is about this process's wait.
 */
export async function send(
  message: Message,
  at: Temporal.Instant,
  networks: WebhookNetworks,
  timeoutMs = TIMEOUT_MS,
): Promise<Outcome & { durationMs: number }> {
  const signature = signatures(message.secrets, message.id, toDate(at), message.payload);
  const started = performance.now();
  const done = (o: Outcome) => ({ ...o, durationMs: Math.round(performance.now() - started) });
  // An address the policy refuses is never connected to (names are checked as they resolve).
  const refused = hostRefusal(new URL(message.url), networks);
  if (refused) return done({ statusCode: null, error: refused, retryAfterMs: null });
  try {
    const res = await fetch(message.url, {
      dispatcher: agentFor(networks),
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Allot-Webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(at.epochMilliseconds / 1000)),
        'webhook-signature': signature,
      },
      body: message.payload,
      // A redirect is a misconfigured endpoint, not a place to send signed events to.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), at);
    if (succeeded(res.status)) {
      await res.body?.cancel();
      return done({ statusCode: res.status, error: null, retryAfterMs });
    }
    const body = await head(res, ERROR_BODY_BYTES);
    return done({
      statusCode: res.status,
      error: `HTTP ${res.status}${body ? `: ${body}` : ''}`,
      retryAfterMs,
    });
  } catch (error) {
    return done({ statusCode: null, error: describe(error, timeoutMs), retryAfterMs: null });
  }
}

/** The start of a response body: enough to tell why it failed, without reading a large one. */
async function head(res: Response, bytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // What arrived before the failure is still worth keeping.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, bytes).toString('utf8').trim();
}

function describe(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `No answer within ${timeoutMs} ms.`;
  // fetch says only "fetch failed"; the cause says what happened (ECONNREFUSED, a TLS error…).
  const cause = error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? ` (${String(cause.code)})` : '';
  return cause ? `${error.message}: ${cause.message}${code}` : error.message;
}
