import { typeidUnboxed } from 'typeid-js';

/**
 * Resource id prefixes. Ids are TypeIDs (`acct_01j…`): a prefix and a UUIDv7 in base32,
 * so they sort by creation time and list pagination can use them as a cursor.
 */
export const ID_PREFIXES = {
  tenant: 'ten',
  apiKey: 'key',
  testClock: 'clock',
  account: 'acct',
  user: 'usr',
  feature: 'feat',
  plan: 'plan',
  planVersion: 'planv',
  addon: 'addon',
  subscription: 'sub',
  invoice: 'inv',
  creditNote: 'cn',
  event: 'evt',
  history: 'hist',
  job: 'job',
  webhookEndpoint: 'we',
  webhookDelivery: 'wd',
  email: 'eml',
  portalSession: 'ps',
  pricingTable: 'prctbl',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return typeidUnboxed(ID_PREFIXES[kind]);
}

/** True when `id` has the shape of an id of that kind (prefix and 26 base32 characters). */
export function isId(kind: IdKind, id: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-7][0-9a-hjkmnp-tv-z]{25}$`).test(id);
}
