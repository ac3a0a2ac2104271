import { type Selectable, sql } from 'kysely';
import { clockOf, getTestClock } from '../clocks/test-clocks.ts';
import { localDate } from '../domain/timeline.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { AccountsTable, PostalAddress } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError, FieldErrors, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import {
  type AccountKind,
  assertMayAct,
  assertVendorFields,
  type BillingBasisEntry,
  billingOfNewChild,
  checkAccount,
  type Permission,
  VENDOR_ACCOUNT_FIELDS,
} from './rules.ts';

export type AccountRow = Selectable<AccountsTable>;

/** An account as the API shows it; its credit balance is the billing module's, given by the caller. */
export function viewAccount(row: AccountRow, creditBalance = 0) {
  return {
    id: row.id,
    object: 'account' as const,
    name: row.name,
    external_id: row.external_id,
    parent_id: row.parent_id,
    kind: row.kind,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    billing_period: row.billing_period,
    bill_to_parent: row.bill_to_parent,
    billing_basis: row.billing_basis as BillingBasisEntry[],
    tax_rate_bps: row.tax_rate_bps,
    test_clock: row.test_clock_id,
    legal_name: row.legal_name,
    billing_address: row.billing_address,
    vat_number: row.vat_number,
    credit_balance: creditBalance,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export type AccountView = ReturnType<typeof viewAccount>;

/** An account by id or by external_id. */
export async function getAccount(scope: TenantScope, ref: string): Promise<AccountRow> {
  const row = await scope
    .selectFrom('accounts')
    .selectAll()
    .where(idOr('external_id', ref))
    .executeTakeFirst();
  if (!row) throw notFound('account', ref);
  return row;
}

/** The account and its ancestors' ids, itself first. */
export async function accountChain(scope: TenantScope, account: AccountRow): Promise<string[]> {
  return ((await ancestorChains(scope, [account.id])).get(account.id) ?? [account]).map((a) => a.id);
}

/** The tree is at most three deep (partner → customer → site); the walks stop well beyond. */
const MAX_DEPTH = 10;

/**
 * Each account with its ancestors, itself first, in one recursive query however many accounts.
 * An id that names no account is left out.
 */
export async function ancestorChains(
  scope: TenantScope,
  ids: readonly string[],
): Promise<Map<string, AccountRow[]>> {
  const out = new Map<string, AccountRow[]>();
  if (ids.length === 0) return out;
  const { rows } = await sql<AccountRow & { origin: string; depth: number }>`
    with recursive chain as (
      select a.*, a.id as origin, 0 as depth from accounts a
       where a.tenant_id = ${scope.tenantId} and a.id = any(${[...new Set(ids)]}::text[])
      union all
      select p.*, c.origin, c.depth + 1 from accounts p
        join chain c on p.tenant_id = c.tenant_id and p.id = c.parent_id
       where c.depth < ${MAX_DEPTH}
    )
    select * from chain order by origin, depth`.execute(scope.raw);
  for (const { origin, depth: _d, ...row } of rows) out.set(origin, [...(out.get(origin) ?? []), row]);
  return out;
}

/** An account below the root, with the names of the accounts from the root's child down to it. */
export type Descendant = AccountRow & { depth: number; path: string[] };

/** Every account below `rootId` (not itself), parents before children, in one recursive query. */
export async function descendantsOf(scope: TenantScope, rootId: string): Promise<Descendant[]> {
  const { rows } = await sql<Descendant>`
    with recursive tree as (
      select a.*, 0 as depth, array[]::text[] as path from accounts a
       where a.tenant_id = ${scope.tenantId} and a.id = ${rootId}
      union all
      select c.*, t.depth + 1, t.path || c.name from accounts c
        join tree t on c.tenant_id = t.tenant_id and c.parent_id = t.id
       where t.depth < ${MAX_DEPTH}
    )
    select * from tree where depth > 0 order by depth, id`.execute(scope.raw);
  return rows;
}

/** Loads the account and checks that the actor may do `permission` on it. */
export async function authorizedAccount(
  scope: TenantScope,
  actor: Actor,
  ref: string,
  permission: Permission,
) {
  const account = await getAccount(scope, ref);
  assertMayAct(actor, await accountChain(scope, account), permission);
  return account;
}

/**
 * The account a list is narrowed to, by id or external id, checked as `authorizedAccount` does. A
 * portal user must name one (it may only list what it may read); a secret key may list across all.
 */
export async function listedAccount(
  scope: TenantScope,
  actor: Actor,
  ref: string | undefined,
): Promise<string | undefined> {
  if (ref) return (await authorizedAccount(scope, actor, ref, 'read')).id;
  if (actor.type === 'user')
    throw new AllotError('validation_failed', 'Name the account.', [
      { field: 'account', message: 'is required for a user' },
    ]);
  return undefined;
}

/** The ids of an account and every account below it. */
export async function subtreeIds(scope: TenantScope, rootId: string): Promise<string[]> {
  return [rootId, ...(await descendantsOf(scope, rootId)).map((d) => d.id)];
}

/** The clock an account lives by. */
export function accountClock(
  scope: TenantScope,
  account: Pick<AccountRow, 'test_clock_id'>,
  wall: Clock,
): Promise<Clock> {
  return clockOf(scope, account.test_clock_id, wall);
}

export interface AccountInput {
  name: string;
  external_id?: string | null;
  parent_id?: string | null;
  kind?: AccountKind;
  currency?: string;
  timezone?: string;
  locale?: 'en' | 'fr' | 'de';
  billing_period?: 'month' | 'year';
  bill_to_parent?: boolean;
  billing_basis?: BillingBasisEntry[];
  tax_rate_bps?: number;
  test_clock?: string | null;
  legal_name?: string | null;
  billing_address?: PostalAddress | null;
  vat_number?: string | null;
}

async function externalIdFree(scope: TenantScope, externalId: string | null | undefined, self?: string) {
  if (!externalId) return;
  const clash = await scope
    .selectFrom('accounts')
    .select('id')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (clash && clash.id !== self) {
    throw new AllotError('validation_failed', `external_id ${externalId} is taken.`, [
      { field: 'external_id', message: `is already used by ${clash.id}` },
    ]);
  }
}

async function parentOf(scope: TenantScope, parentRef: string | null | undefined) {
  if (!parentRef) return { parent: null, chain: [] as string[] };
  const parent = await scope
    .selectFrom('accounts')
    .selectAll()
    .where(idOr('external_id', parentRef))
    .executeTakeFirst();
  if (!parent) {
    throw new AllotError('validation_failed', `parent_id names no account: ${parentRef}.`, [
      { field: 'parent_id', message: 'names no account' },
    ]);
  }
  return { parent, chain: await accountChain(scope, parent) };
}

/**
 * Creates an account. A child takes its parent's currency, time zone, locale, billing period and
 * test clock unless told otherwise. A user may create accounts below its own (as owner or
 * subscription manager: a partner adds customers, a customer adds sites).
 */
export async function createAccount(scope: TenantScope, actor: Actor, input: AccountInput, wall: Clock) {
  const { parent, chain } = await parentOf(scope, input.parent_id);
  assertVendorFields(actor, input, [...VENDOR_ACCOUNT_FIELDS, 'external_id']);
  if (actor.type === 'user') {
    if (!parent) throw new AllotError('forbidden', 'A user may only create accounts below its own.');
    assertMayAct(actor, chain, 'manage_subscriptions');
  }
  if (input.test_clock) await getTestClock(scope, input.test_clock);
  await externalIdFree(scope, input.external_id);
  // An account on a test clock is created at that clock's time, as everything of it is.
  const clockId = input.test_clock !== undefined ? input.test_clock : (parent?.test_clock_id ?? null);
  const now = (await clockOf(scope, clockId, wall)).now();
  const timezone = input.timezone ?? parent?.timezone ?? 'UTC';
  // A user's new account is billed as its siblings are (the vendor's terms, inherited).
  const inherited =
    actor.type === 'user' && parent
      ? billingOfNewChild(
          (await scope
            .selectFrom('accounts')
            .select(['bill_to_parent', 'billing_basis'])
            .where('parent_id', '=', parent.id)
            .orderBy('id')
            .execute()) as { bill_to_parent: boolean; billing_basis: BillingBasisEntry[] }[],
          localDate(now, timezone).toString(),
        )
      : null;
  const row: AccountRow = {
    tenant_id: scope.tenantId,
    id: newId('account'),
    name: input.name,
    external_id: input.external_id ?? null,
    parent_id: parent?.id ?? null,
    kind: input.kind ?? (parent?.kind === 'customer' ? 'site' : 'customer'),
    currency: input.currency ?? parent?.currency ?? 'EUR',
    timezone,
    locale: input.locale ?? parent?.locale ?? 'en',
    billing_period: input.billing_period ?? parent?.billing_period ?? 'month',
    bill_to_parent: inherited?.bill_to_parent ?? input.bill_to_parent ?? false,
    billing_basis: (inherited?.billing_basis ?? input.billing_basis ?? []) as never,
    tax_rate_bps: input.tax_rate_bps ?? parent?.tax_rate_bps ?? 0,
    test_clock_id: clockId,
    legal_name: input.legal_name ?? null,
    billing_address: input.billing_address ?? null,
    vat_number: input.vat_number ?? null,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  const errors = new FieldErrors();
  checkAccount(
    errors,
    { ...row, billing_basis: row.billing_basis as BillingBasisEntry[] },
    parent && { ...parent, billing_basis: parent.billing_basis as BillingBasisEntry[] },
    chain,
  );
  errors.throwIfAny();
  const { tenant_id: _t, ...values } = row;
  await scope
    .insertInto('accounts', {
      ...values,
      billing_basis: JSON.stringify(row.billing_basis),
      billing_address: jsonb(row.billing_address),
    })
    .execute();
  const view = viewAccount(row);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'account.created',
    subject: { type: 'account', id: row.id },
    accountId: row.id,
    before: null,
    after: view,
  });
  return view;
}

export async function updateAccount(
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: Omit<AccountInput, 'name' | 'kind'> & { name?: string },
  wall: Clock,
) {
  // The billing cycle is the subscription managers' to change (S10, a reseller editing its customer);
  // the rest of the account is its owners'.
  const keys = Object.keys(patch);
  const only = keys.length > 0 && keys.every((k) => k === 'billing_period');
  const current = await authorizedAccount(
    scope,
    actor,
    ref,
    only ? 'manage_subscriptions' : 'manage_account',
  );
  const now = (await accountClock(scope, current, wall)).now();
  assertVendorFields(actor, patch, [...VENDOR_ACCOUNT_FIELDS, 'external_id']);
  if (patch.test_clock !== undefined && patch.test_clock !== current.test_clock_id) {
    const live = await scope
      .selectFrom('subscriptions')
      .select('id')
      .where('account_id', '=', current.id)
      .where('status', 'in', ['active', 'trialing'])
      .executeTakeFirst();
    if (live)
      throw new AllotError(
        'invalid_state',
        `The account has a live subscription (${live.id}); its clock cannot change under it.`,
        [{ field: 'test_clock', message: 'cannot change while a subscription is live' }],
      );
  }
  if (patch.parent_id !== undefined && actor.type === 'user') {
    throw new AllotError('forbidden', 'Only the vendor may move an account to another parent.');
  }
  const { parent, chain } =
    patch.parent_id !== undefined
      ? await parentOf(scope, patch.parent_id)
      : await parentOf(scope, current.parent_id);
  if (patch.test_clock) await getTestClock(scope, patch.test_clock);
  await externalIdFree(scope, patch.external_id, current.id);
  const next: AccountRow = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.external_id !== undefined ? { external_id: patch.external_id } : {}),
    ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
    ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
    ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    ...(patch.billing_period !== undefined ? { billing_period: patch.billing_period } : {}),
    ...(patch.bill_to_parent !== undefined ? { bill_to_parent: patch.bill_to_parent } : {}),
    ...(patch.billing_basis !== undefined ? { billing_basis: patch.billing_basis as never } : {}),
    ...(patch.tax_rate_bps !== undefined ? { tax_rate_bps: patch.tax_rate_bps } : {}),
    ...(patch.test_clock !== undefined ? { test_clock_id: patch.test_clock } : {}),
    ...(patch.legal_name !== undefined ? { legal_name: patch.legal_name } : {}),
    ...(patch.billing_address !== undefined ? { billing_address: patch.billing_address } : {}),
    ...(patch.vat_number !== undefined ? { vat_number: patch.vat_number } : {}),
    parent_id: parent?.id ?? null,
    updated_at: toDate(now),
  };
  const errors = new FieldErrors();
  checkAccount(
    errors,
    { ...next, billing_basis: next.billing_basis as BillingBasisEntry[] },
    parent && { ...parent, billing_basis: parent.billing_basis as BillingBasisEntry[] },
    chain,
  );
  if (patch.test_clock !== undefined || patch.parent_id !== undefined) {
    const children = await scope
      .selectFrom('accounts')
      .select(['id', 'test_clock_id'])
      .where('parent_id', '=', current.id)
      .execute();
    if (children.some((c) => c.test_clock_id !== next.test_clock_id)) {
      errors.add('test_clock', 'the accounts below would live on another clock; move them first');
    }
  }
  errors.throwIfAny();
  const { tenant_id: _t, id: _i, created_at: _c, ...values } = next;
  await scope
    .updateTable('accounts')
    .set({
      ...values,
      billing_basis: JSON.stringify(next.billing_basis),
      billing_address: jsonb(next.billing_address),
    })
    .where('id', '=', current.id)
    .execute();
  const before = viewAccount(current);
  const after = viewAccount(next);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'account.updated',
    subject: { type: 'account', id: current.id },
    accountId: current.id,
    before,
    after,
  });
  return after;
}

export async function listAccounts(
  scope: TenantScope,
  actor: Actor,
  params: ListParams & { parent_id?: string; external_id?: string; kind?: string },
) {
  let q = scope.selectFrom('accounts').selectAll();
  // The parent by id or external_id, as everywhere an account is named; one that does not exist has no children.
  if (params.parent_id) {
    const parent = await scope
      .selectFrom('accounts')
      .select('id')
      .where(idOr('external_id', params.parent_id))
      .executeTakeFirst();
    q = q.where('parent_id', '=', parent?.id ?? params.parent_id);
  }
  if (params.external_id) q = q.where('external_id', '=', params.external_id);
  if (params.kind) q = q.where('kind', '=', params.kind as AccountKind);
  if (actor.type === 'user') q = q.where('id', 'in', await subtreeIds(scope, actor.account_id));
  const page = await listPage(q, 'id', params);
  return { data: page.data.map(viewAccount), has_more: page.has_more };
}

/**
 * The account takes the currency it subscribes in (OneDesk's rule: the customer picks the currency
 * it is billed in). Only while nothing was invoiced in the old one — the caller checks — and only
 * for an account that pays for itself and for which nobody below is billed.
 */
export async function adoptCurrency(
  scope: TenantScope,
  actor: Actor,
  account: AccountRow,
  currency: string,
  now: Temporal.Instant,
): Promise<void> {
  if (account.currency === currency) return;
  if (account.bill_to_parent) {
    throw new AllotError('validation_failed', `${account.name} is billed to its parent, in its currency.`, [
      { field: 'currency', message: `must be ${account.currency}: the account is billed to its parent` },
    ]);
  }
  const payer = await scope
    .selectFrom('accounts')
    .select('id')
    .where('parent_id', '=', account.id)
    .where('bill_to_parent', '=', true)
    .executeTakeFirst();
  if (payer) {
    throw new AllotError(
      'validation_failed',
      `Accounts below ${account.name} are billed to it in ${account.currency}.`,
      [{ field: 'currency', message: `must be ${account.currency}: accounts below are billed to this one` }],
    );
  }
  await scope
    .updateTable('accounts')
    .set({ currency, updated_at: toDate(now) })
    .where('id', '=', account.id)
    .execute();
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'account.currency_adopted',
    subject: { type: 'account', id: account.id },
    accountId: account.id,
    before: { currency: account.currency },
    after: { currency },
  });
}
