import { type Selectable, sql } from 'kysely';
import { accountClock, ancestorChains, getAccount } from '../accounts/accounts.ts';
import type { Actor } from '../platform/actor.ts';
import { type Clock, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { EmailsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';
import { AllotError, notFound } from '../platform/errors.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
import { portalLink, withBase } from './links.ts';
import { compose, isNotified } from './messages.ts';

/** An event as written to the outbox, for the e-mails it causes. */
export interface WrittenEvent {
  id: string;
  type: string;
  account_id: string | null;
  occurred_at: Date;
  data: string;
}

/** Who is told: the account's active users who can act on it (buy more, activate). */
const RECIPIENT_ROLES = ['owner', 'subscription_manager'];

/**
 * One consume can cross several states of a quota at once (a limit of 1 reaches 80 %, 100 % and the
 * limit together): its events are all emitted (webhooks get each), but people get one e-mail, the
 * highest state — the limit reached, else the highest threshold. A consume's events for one feature
 * are emitted together, so this looks within one batch.
 */
export function highestQuotaStates<E extends { type: string; account_id: string | null; data: string }>(
  events: readonly E[],
): E[] {
  const rank = (e: E, data: Record<string, unknown>) =>
    e.type === 'quota.exhausted' ? Number.POSITIVE_INFINITY : Number(data.threshold ?? 0);
  const best = new Map<string, { event: E; rank: number }>();
  const keyOf = new Map<E, string>();
  for (const e of events) {
    if (e.type !== 'quota.warning' && e.type !== 'quota.exhausted') continue;
    const data = JSON.parse(e.data) as Record<string, unknown>;
    const key = JSON.stringify([e.account_id, data.feature]);
    keyOf.set(e, key);
    const r = rank(e, data);
    if ((best.get(key)?.rank ?? Number.NEGATIVE_INFINITY) < r) best.set(key, { event: e, rank: r });
  }
  return events.filter((e) => !keyOf.has(e) || best.get(keyOf.get(e)!)!.event === e);
}

/** The vendor as its customers know it, and its page that opens the portal. */
async function vendorOf(scope: TenantScope) {
  const { rows } = await sql<{ name: string; legal_name: string | null; portal_url: string | null }>`
    select t.name, s.legal_name, s.portal_url from tenants t
      left join tenant_settings s on s.tenant_id = t.id
     where t.id = ${scope.tenantId}`.execute(scope.raw);
  const row = rows[0];
  return { name: row?.legal_name || row?.name || 'Allot', portalUrl: row?.portal_url ?? null };
}

/**
 * Writes the e-mails that events cause, in the events' transaction: an e-mail exists if and only if
 * its event committed. One per event and recipient (the highest state of a quota per consume), in the
 * account's language, from the vendor, due at once (no `next_attempt_at`: the account may live on a
 * test clock, the sender on the wall clock).
 */
export async function queueEmails(scope: TenantScope, events: readonly WrittenEvent[]): Promise<void> {
  const notified = highestQuotaStates(events.filter((e) => isNotified(e.type) && e.account_id !== null));
  if (notified.length === 0) return;
  // Seats running out are for whoever can allocate more: the nearest subscription managers up the
  // tree (a site rarely has its own; its customer's or its reseller's do).
  const chains = await ancestorChains(scope, [
    ...new Set(notified.filter((e) => e.type === 'seats.exhausted').map((e) => e.account_id!)),
  ]);
  const accountIds = [
    ...new Set([...notified.map((e) => e.account_id!), ...[...chains.values()].flat().map((a) => a.id)]),
  ];
  const [accounts, users, features, vendor] = await Promise.all([
    scope
      .selectFrom('accounts')
      .select(['id', 'name', 'locale', 'timezone', 'test_clock_id'])
      .where(anyOf('id', accountIds))
      .execute(),
    scope
      .selectFrom('users')
      .select(['id', 'account_id', 'name', 'email', 'roles'])
      .where(anyOf('account_id', accountIds))
      .where('status', '=', 'active')
      .where(sql<boolean>`roles && ${RECIPIENT_ROLES}::text[]`)
      .orderBy('id')
      .execute(),
    scope.selectFrom('features').select(['key', 'name', 'names']).execute(),
    vendorOf(scope),
  ]);
  const featureByKey = new Map(features.map((f) => [f.key, f]));
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const usersOf = new Map<string, typeof users>();
  for (const u of users) usersOf.set(u.account_id, [...(usersOf.get(u.account_id) ?? []), u]);
  const rows = [];
  const managersOf = (id: string) =>
    (usersOf.get(id) ?? []).filter((u) => u.roles.includes('subscription_manager'));
  for (const e of notified) {
    const account = accountById.get(e.account_id!);
    if (!account) continue;
    const data = JSON.parse(e.data) as Record<string, unknown>;
    const managing =
      e.type === 'seats.exhausted'
        ? chains.get(account.id)?.find((a) => managersOf(a.id).length > 0)
        : undefined;
    const recipients = managing ? managersOf(managing.id) : (usersOf.get(account.id) ?? []);
    // Written in the language of the recipients' account (a reseller's managers read its own).
    const locale = (
      managing ? (accountById.get(managing.id)?.locale ?? managing.locale) : account.locale
    ) as string;
    for (const u of recipients) {
      const message = compose({
        type: e.type as Parameters<typeof compose>[0]['type'],
        data,
        locale,
        timeZone: account.timezone,
        accountName: account.name,
        recipientName: u.name,
        vendorName: vendor.name,
        features: featureByKey,
        linkTo: (page) => portalLink(vendor.portalUrl, page),
        managedFromAbove: managing !== undefined && managing.id !== account.id,
      });
      rows.push({
        id: newId('email'),
        event_id: e.id,
        event_type: e.type,
        account_id: account.id,
        user_id: u.id,
        to_address: u.email,
        locale,
        subject: message.subject,
        text: message.text,
        html: message.html,
        from_name: vendor.name,
        link: message.link,
        // An account on a test clock is a simulation: its e-mails are kept, never sent.
        status: account.test_clock_id === null ? ('pending' as const) : ('stored' as const),
        created_at: e.occurred_at,
      });
    }
  }
  if (rows.length === 0) return;
  await scope.bulkInsert(
    'emails',
    {
      id: 'text',
      event_id: 'text',
      event_type: 'text',
      account_id: 'text',
      user_id: 'text',
      to_address: 'text',
      locale: 'text',
      subject: 'text',
      text: 'text',
      html: 'text',
      from_name: 'text',
      link: 'text',
      status: 'text',
      created_at: 'timestamptz',
    },
    rows,
  );
}

/** An e-mail as the API shows it; `base` is Allot's address, for links to its own portal. */
export function viewEmail(row: Selectable<EmailsTable>, base: string) {
  const mail = withBase(row, base);
  return {
    id: mail.id,
    object: 'email' as const,
    event: mail.event_id,
    type: mail.event_type,
    account: mail.account_id,
    user: mail.user_id,
    to: mail.to_address,
    locale: mail.locale,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    link: mail.link,
    resent_from: mail.resent_from,
    status: mail.status,
    attempts: mail.attempts,
    last_error: mail.last_error,
    created_at: toRfc3339(mail.created_at),
    sent_at: mail.sent_at ? toRfc3339(mail.sent_at) : null,
  };
}

/** The e-mails written, newest first: sent ones, and (without SMTP) the local outbox. */
export async function listEmails(
  scope: TenantScope,
  params: ListParams & { account?: string | undefined; status?: EmailsTable['status'] | undefined },
  base: string,
) {
  let q = scope.selectFrom('emails').selectAll();
  if (params.account) q = q.where('account_id', '=', params.account);
  if (params.status) q = q.where('status', '=', params.status);
  const page = await listPage(q, 'id', params);
  return { data: page.data.map((row) => viewEmail(row, base)), has_more: page.has_more };
}

/**
 * Queues the same e-mail again, to the same recipient: a new e-mail (sent like any other) that points
 * at the original — the first one, when a resend is resent. The vendor's: its customers' users cannot.
 */
export async function resendEmail(scope: TenantScope, actor: Actor, id: string, wall: Clock, base: string) {
  if (actor.type === 'user') throw new AllotError('forbidden', 'E-mails are resent by the vendor.');
  const original = await scope.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
  if (!original) throw notFound('email', id);
  const account = await getAccount(scope, original.account_id);
  const now = (await accountClock(scope, account, wall)).now();
  const { tenant_id: _t, ...copy } = original;
  const row = {
    ...copy,
    id: newId('email'),
    resent_from: original.resent_from ?? original.id,
    status: account.test_clock_id === null ? ('pending' as const) : ('stored' as const),
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    created_at: toDate(now),
    sent_at: null,
  };
  await scope.insertInto('emails', row).execute();
  return viewEmail({ ...row, tenant_id: scope.tenantId }, base);
}
