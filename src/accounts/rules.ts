import { isCurrencyCode } from '../domain/currencies.ts';
import type { Actor } from '../platform/actor.ts';
import type { AccountsTable, Role } from '../platform/db/schema.ts';
import { AllotError, type FieldErrors } from '../platform/errors.ts';

/** Account and role rules, pure. */

export type AccountKind = AccountsTable['kind'];
export const LOCALES = ['en', 'fr', 'de'] as const;
export const ROLES: readonly Role[] = ['owner', 'subscription_manager', 'member'];

export interface BillingBasisEntry {
  from: string;
  basis: 'used' | 'allocated';
}

/** Which parent kinds each kind accepts: partner → customer → site. */
const PARENT_KINDS: Record<AccountKind, (AccountKind | null)[]> = {
  partner: [null],
  customer: [null, 'partner'],
  site: ['customer'],
};

export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface AccountShape {
  kind: AccountKind;
  currency: string;
  timezone: string;
  locale: string;
  bill_to_parent: boolean;
  billing_basis: BillingBasisEntry[];
  test_clock_id: string | null;
}

/**
 * Checks an account's fields against each other and against its parent and ancestors.
 * `ancestors` is the parent's chain upwards (nearest first), used to refuse cycles.
 */
export function checkAccount(
  errors: FieldErrors,
  account: AccountShape & { id?: string },
  parent: (AccountShape & { id: string }) | null,
  ancestorIds: readonly string[],
): void {
  const allowed = PARENT_KINDS[account.kind];
  if (!allowed.includes(parent ? parent.kind : null)) {
    const want = allowed.map((k) => k ?? 'no parent').join(' or ');
    errors.add('parent_id', `a ${account.kind} must have ${want}${parent ? `, not a ${parent.kind}` : ''}`);
  }
  if (account.id && (parent?.id === account.id || ancestorIds.includes(account.id))) {
    errors.add('parent_id', 'would make the account its own ancestor');
  }
  if (!isCurrencyCode(account.currency))
    errors.add('currency', 'must be an ISO 4217 code in upper case, e.g. EUR');
  if (!isTimeZone(account.timezone)) errors.add('timezone', 'must be an IANA time zone, e.g. Europe/Paris');
  if (!(LOCALES as readonly string[]).includes(account.locale)) errors.add('locale', 'must be en, fr or de');
  if (account.bill_to_parent) {
    if (!parent) errors.add('bill_to_parent', 'needs a parent account to bill');
    else if (parent.currency !== account.currency) {
      errors.add(
        'currency',
        `must be the parent's currency (${parent.currency}) when its charges go on the parent's invoice`,
      );
    }
  }
  if (parent && parent.test_clock_id !== account.test_clock_id) {
    errors.add('test_clock', "must be the parent's test clock: an account tree lives on one clock");
  }
  const dates = account.billing_basis.map((b) => b.from);
  if ([...dates].sort().join() !== dates.join() || new Set(dates).size !== dates.length) {
    errors.add('billing_basis', 'entries must be in date order, one per date');
  }
}

// ── roles ──────────────────────────────────────────────────────────────────────────────────────────────

export type Permission =
  | 'read'
  | 'add_users'
  | 'manage_users'
  | 'manage_subscriptions'
  | 'allocate_seats'
  | 'manage_account'
  | 'grant_roles';

/**
 * What each role may do, on its account and every account below it. Members add people (seat
 * limits still apply to them) and edit their own name; subscription managers also edit, deactivate
 * and remove users, buy and change, and allocate seats — the seeds' "subscription management" role
 * alone allocates, and so adds a user beyond the seats there are (S8); owners edit the account and
 * hand out roles (they may give themselves that one) and buy and change, but do not allocate.
 */
const GRANTS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'add_users', 'manage_users', 'manage_subscriptions', 'manage_account', 'grant_roles'],
  subscription_manager: ['read', 'add_users', 'manage_users', 'manage_subscriptions', 'allocate_seats'],
  member: ['read', 'add_users'],
};

/** Settings that decide what the vendor is paid, or when: the vendor's to set, never a customer's. */
export const VENDOR_ACCOUNT_FIELDS = [
  'currency',
  'tax_rate_bps',
  'test_clock',
  'bill_to_parent',
  'billing_basis',
] as const;

export function assertVendorFields(actor: Actor, input: object, fields: readonly string[]): void {
  if (actor.type !== 'user') return;
  const set = fields.filter((f) => (input as Record<string, unknown>)[f] !== undefined);
  if (set.length > 0) {
    throw new AllotError(
      'forbidden',
      `Only the vendor may set ${set.join(', ')}.`,
      set.map((field) => ({ field, message: 'is set by the vendor' })),
    );
  }
}

export function roleAllows(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => GRANTS[r].includes(permission));
}

/**
 * May `actor` do `permission` on an account whose chain (itself first, then its ancestors) is
 * `chain`? The vendor's key may do anything; a user, what its roles allow on its account and below.
 */
export function mayAct(actor: Actor, chain: readonly string[], permission: Permission): boolean {
  if (actor.type !== 'user') return true;
  return chain.includes(actor.account_id) && roleAllows(actor.roles, permission);
}

export function assertMayAct(actor: Actor, chain: readonly string[], permission: Permission): void {
  if (!mayAct(actor, chain, permission)) {
    const need = (Object.keys(GRANTS) as Role[]).filter((r) => GRANTS[r].includes(permission)).join(' or ');
    throw new AllotError(
      'forbidden',
      chain.includes(actor.type === 'user' ? actor.account_id : '')
        ? `This needs the ${need} role on the account.`
        : 'The acting user has no role on this account.',
    );
  }
}

/**
 * How an account that a customer's user creates below its own is billed (a partner creating a
 * customer, S10; a customer creating a site): as its siblings are. When the parent pays for the
 * accounts below it, the new one is billed to the parent too, on the basis in force for the latest of
 * them today (used or allocated seats), from today; otherwise it pays for itself. The vendor sets
 * these terms (they decide what it is paid); a user inherits them and cannot choose others.
 */
export function billingOfNewChild(
  siblings: readonly { bill_to_parent: boolean; billing_basis: readonly BillingBasisEntry[] }[],
  today: string,
): { bill_to_parent: boolean; billing_basis: BillingBasisEntry[] } {
  const billed = siblings.filter((s) => s.bill_to_parent);
  const latest = billed.at(-1);
  if (!latest) return { bill_to_parent: false, billing_basis: [] };
  let basis: BillingBasisEntry['basis'] | null = null;
  for (const entry of latest.billing_basis) if (entry.from <= today) basis = entry.basis;
  return { bill_to_parent: true, billing_basis: basis ? [{ from: today, basis }] : [] };
}
