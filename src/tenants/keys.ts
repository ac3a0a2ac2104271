import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new secret key: `sk_` and 40 base62 characters (≈238 bits). Shown once, never stored. */
export function generateSecretKey(): string {
  return generateToken('sk_');
}

/** A new publishable key: `pk_` and 40 base62 characters. Public by design; it can only read prices. */
export function generatePublishableKey(): string {
  return generateToken('pk_');
}

/** A prefix and 40 base62 characters (≈238 bits) from the system's random source. */
export function generateToken(prefix: string): string {
  let out = prefix;
  const length = prefix.length + 40;
  while (out.length < length) {
    // 248 = 4 × 62: rejecting the bytes above keeps the characters uniform.
    for (const b of randomBytes(48)) if (b < 248 && out.length < length) out += ALPHABET[b % 62];
  }
  return out;
}

/**
 * Keys are long random secrets, so a fast hash is the right store (as for GitHub or Stripe tokens):
 * a slow password hash would add latency to every request and no safety.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
