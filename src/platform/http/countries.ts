import { invoiceSchema } from '@e-invoice-eu/core';

/**
 * The country codes Allot takes (ISO 3166-1 alpha-2, XI for Northern Ireland among them): the code list
 * EN 16931 e-invoices use, from the e-invoice library's own schema, so an address Allot accepts is one
 * its invoices can carry. Checked as the JSON Schema format `country`.
 */
export const COUNTRIES: ReadonlySet<string> = new Set(
  (invoiceSchema as unknown as { $defs: { codeLists: { ISO3166: { enum: string[] } } } }).$defs.codeLists
    .ISO3166.enum,
);
