import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids.ts';

describe('ids', () => {
  it('are prefixed and sort by creation', () => {
    const ids = Array.from({ length: 200 }, () => newId('account'));
    for (const id of ids) expect(isId('account', id)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(isId('user', ids[0]!)).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
