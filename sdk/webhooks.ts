import type { AllotEvent } from './types.ts';

/**
 * Verifies an Allot webhook delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) with Web Crypto, so it runs
 * wherever fetch does.
 */

export class AllotWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllotWebhookError';
  }
}

/** A `Headers`, or Node's / Fastify's / Express's plain header object. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookInput {
  /** The endpoint's signing secret, `whsec_…`, shown once when the endpoint was created. */
  secret: string;
  headers: HeadersLike;
  /** The raw body, exactly as received: not a re-serialized parse of it. */
  body: string | Uint8Array;
  /** How far the timestamp may be from now, in seconds (replays). Default 300. */
  toleranceSeconds?: number;
  /** Default: the current time. */
  now?: Date;
}

function headerOf(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

function base64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The event, once its signature and timestamp are right; throws AllotWebhookError otherwise. */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<AllotEvent> {
  const id = headerOf(input.headers, 'webhook-id');
  const timestamp = headerOf(input.headers, 'webhook-timestamp');
  const signatures = headerOf(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new AllotWebhookError('webhook-id, webhook-timestamp and webhook-signature are required.');
  }
  const seconds = Number(timestamp);
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (input.toleranceSeconds ?? 300)) {
    throw new AllotWebhookError('The webhook timestamp is too far from now.');
  }
  let secret: Uint8Array<ArrayBuffer>;
  try {
    secret = base64(input.secret.startsWith('whsec_') ? input.secret.slice(6) : input.secret);
  } catch {
    throw new AllotWebhookError('The secret is not a whsec_ secret.');
  }
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  const body = typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  for (const part of signatures.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') continue;
    let signature: Uint8Array<ArrayBuffer>;
    try {
      signature = base64(part.slice(comma + 1));
    } catch {
      continue;
    }
    // subtle.verify compares in constant time.
    if (await crypto.subtle.verify('HMAC', key, signature, signed)) {
      return JSON.parse(new TextDecoder().decode(body)) as AllotEvent;
    }
  }
  throw new AllotWebhookError('No webhook signature matches.');
}
