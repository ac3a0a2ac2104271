import { describe, expect, it } from 'vitest';
import { generateSecretKey, hashesEqual, hashKey } from './keys.ts';

describe('secret keys', () => {
  it('are sk_ and 40 base62 characters, all different', () => {
    const keys = Array.from({ length: 500 }, generateSecretKey);
    for (const k of keys) expect(k).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are compared by hash', () => {
    const k = generateSecretKey();
    expect(hashesEqual(hashKey(k), hashKey(k))).toBe(true);
    expect(hashesEqual(hashKey(k), hashKey(`${k}x`))).toBe(false);
    expect(hashesEqual(hashKey(k), 'abcd')).toBe(false);
  });
});
