/**
 * ISO 4217 currency codes Allot accepts, with their minor units (the number of decimals an amount in the
 * currency's minor unit stands for: JPY 0, EUR 2, BHD 3, CLF 4).
 *
 * A compact table of our own rather than an npm package: the packages we checked (currency-codes,
 * currency-codes-ts, @dinero.js/currencies) carry lists from 2018 to mid-2024, lack XCG, and report
 * 0 decimals for codes whose ISO minor unit is "N.A." (XAU, XDR, XXX…), which would let a price be set in
 * an ounce of gold. Source: ISO 4217 list one as published 2024-06-25, then:
 * - added XCG (Caribbean guilder, Curaçao and Sint Maarten, from 2025-03-31);
 * - removed ANG (replaced by XCG, no longer legal tender after 2025-06-30) and BGN (Bulgaria adopted the
 *   euro on 2026-01-01), as HRK was removed after Croatia's switch;
 * - left out the codes without minor units (precious metals, bond-market units, XDR, XSU, XUA, XTS, XXX),
 *   which are not currencies anything can be invoiced in.
 * Fund codes that have minor units (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW) stay: some contracts are
 * priced in them (Chile's UF, CLF).
 */

// biome-ignore format: a table, kept compact.
const ZERO_DECIMALS = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG',
  'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
] as const;

const THREE_DECIMALS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'] as const;

const FOUR_DECIMALS = ['CLF', 'UYW'] as const;

// biome-ignore format: one row per initial letter keeps the 139 codes readable.
const TWO_DECIMALS = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN',
  'BAM', 'BBD', 'BDT', 'BMD', 'BND', 'BOB', 'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD',
  'CAD', 'CDF', 'CHE', 'CHF', 'CHW', 'CNY', 'COP', 'COU', 'CRC', 'CUC', 'CUP', 'CVE', 'CZK',
  'DKK', 'DOP', 'DZD',
  'EGP', 'ERN', 'ETB', 'EUR',
  'FJD', 'FKP',
  'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GTQ', 'GYD',
  'HKD', 'HNL', 'HTG', 'HUF',
  'IDR', 'ILS', 'INR', 'IRR',
  'JMD',
  'KES', 'KGS', 'KHR', 'KPW', 'KYD', 'KZT',
  'LAK', 'LBP', 'LKR', 'LRD', 'LSL',
  'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MXV', 'MYR', 'MZN',
  'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD',
  'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN',
  'QAR',
  'RON', 'RSD', 'RUB',
  'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL',
  'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS',
  'UAH', 'USD', 'USN', 'UYU', 'UZS',
  'VED', 'VES',
  'WST',
  'XCD', 'XCG',
  'YER',
  'ZAR', 'ZMW', 'ZWG',
] as const;

/** An active ISO 4217 code Allot can price and invoice in. */
export type CurrencyCode =
  | (typeof ZERO_DECIMALS)[number]
  | (typeof TWO_DECIMALS)[number]
  | (typeof THREE_DECIMALS)[number]
  | (typeof FOUR_DECIMALS)[number];

function table(): ReadonlyMap<string, number> {
  const entries: [string, number][] = [];
  for (const code of ZERO_DECIMALS) entries.push([code, 0]);
  for (const code of TWO_DECIMALS) entries.push([code, 2]);
  for (const code of THREE_DECIMALS) entries.push([code, 3]);
  for (const code of FOUR_DECIMALS) entries.push([code, 4]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(entries);
}

const MINOR_UNITS = table();

/** Every accepted code, sorted alphabetically. */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze([
  ...MINOR_UNITS.keys(),
] as CurrencyCode[]);

/**
 * Whether `code` is an accepted currency. Exact match: the API's codes are upper case, and accepting
 * 'eur' here would let two spellings of one currency into the database.
 */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return MINOR_UNITS.has(code);
}

/** The minor units of `code` (JPY 0, EUR 2, BHD 3); RangeError for a code we do not accept. */
export function minorUnitsOf(code: string): number {
  const units = MINOR_UNITS.get(code);
  if (units === undefined) throw new RangeError(`unknown currency code: ${code}`);
  return units;
}
