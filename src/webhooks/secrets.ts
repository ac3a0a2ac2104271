import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { invalid } from '../platform/errors.ts';

/** Standard Webhooks: `whsec_` and the base64 (padded, standard alphabet) of 24 to 64 random bytes. */
export const SECRET_PATTERN = '^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const SECRET = new RegExp(SECRET_PATTERN);
const MIN_BYTES = 24;
const MAX_BYTES = 64;

/** How long a rotated-out secret keeps signing, when the rotation does not say (hours), and at most. */
export const ROTATION_OVERLAP_HOURS = 24;
export const MAX_ROTATION_OVERLAP_HOURS = 72;

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A secret the vendor chose, checked as receivers' Standard Webhooks libraries will read it. */
export function checkSecret(secret: string): string {
  const bytes = SECRET.test(secret) ? Buffer.from(secret.slice('whsec_'.length), 'base64').length : 0;
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw invalid('secret', `must be whsec_ followed by the base64 of ${MIN_BYTES} to ${MAX_BYTES} bytes`);
  }
  return secret;
}

/**
 * The `webhook-signature` header: `v1,<signature>` with each secret, space-separated (Standard Webhooks
 * lets a receiver accept any one of them), the current secret's first.
 */
export function signatures(secrets: readonly string[], id: string, at: Date, payload: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' ');
}
