import type { Temporal } from '../platform/clock/clock.ts';
import { BACKOFF_MS } from '../platform/jobs/runner.ts';
import type { WebhookDeliveryStatus, WebhookEndpointStatus } from './schema.ts';

/**
 * Attempts per delivery: the first, then one after each backoff step — about 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h — and a last one 10 h later (the Standard Webhooks / Svix schedule, some 27 h in all).
 */
export const MAX_ATTEMPTS = BACKOFF_MS.length + 2;

/** A receiver may ask for a pause with Retry-After, but not for one longer than a day. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** What one HTTP attempt gave. */
export interface Outcome {
  /** The response status, or null when there was none (refused, reset, timed out). */
  statusCode: number | null;
  error: string | null;
  /** The response's Retry-After, in ms from the attempt, when it had a valid one. */
  retryAfterMs: number | null;
}

export interface Decision {
  status: WebhookDeliveryStatus;
  nextAttemptAt: Temporal.Instant | null;
  /** Set when this outcome disables the endpoint: why. */
  disable: string | null;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Temporal.Instant): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.epochMilliseconds, 0), MAX_RETRY_AFTER_MS);
}

export const succeeded = (statusCode: number | null) =>
  statusCode !== null && statusCode >= 200 && statusCode < 300;

/**
 * What becomes of a delivery after its `attempt`-th attempt (1-based) gave `outcome`. A `manual` attempt
 * (the vendor's retry) is one try: when it fails the delivery is failed again, without a new schedule and
 * without counting towards disabling the endpoint — unless the receiver says 410 Gone.
 */
export function decide(
  outcome: Outcome,
  attempt: number,
  endpointStatus: WebhookEndpointStatus,
  now: Temporal.Instant,
  manual = false,
): Decision {
  if (succeeded(outcome.statusCode)) return { status: 'succeeded', nextAttemptAt: null, disable: null };
  // 410 Gone: the receiver says the endpoint no longer exists; Standard Webhooks senders stop there.
  if (outcome.statusCode === 410) {
    return { status: 'failed', nextAttemptAt: null, disable: 'The endpoint answered 410 Gone.' };
  }
  // Disabled while this attempt was in flight (a 410, an exhausted delivery on another one, the vendor),
  // or a vendor's one-off retry.
  if (endpointStatus === 'disabled' || manual) {
    return { status: 'failed', nextAttemptAt: null, disable: null };
  }
  if (attempt >= MAX_ATTEMPTS) {
    return {
      status: 'failed',
      nextAttemptAt: null,
      disable: `A delivery failed ${attempt} attempts, the last with ${outcome.error ?? 'an error'}.`,
    };
  }
  const backoff = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)]!;
  const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
  return { status: 'pending', nextAttemptAt: now.add({ milliseconds: wait }), disable: null };
}
