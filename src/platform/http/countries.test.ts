import { invoiceSchema } from '@e-invoice-eu/core';
import { expect, it } from 'vitest';
import { COUNTRIES } from './countries.ts';

it('are the e-invoice library’s own ISO 3166 code list, in its order', () => {
  const theirs = (invoiceSchema as unknown as { $defs: { codeLists: { ISO3166: { enum: string[] } } } }).$defs
    .codeLists.ISO3166.enum;
  expect([...COUNTRIES]).toEqual(theirs);
  expect(COUNTRIES.has('XI')).toBe(true);
});
