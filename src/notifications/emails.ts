import { type Selectable, sql } from 'kysely';
import { ancestorChains } from '../accounts/accounts.ts';
import { toRfc3339 } from '../platform/clock/clock.ts';
import type { EmailsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';
import { type ListParams, listPage } from '../platform/http/pagination.ts';
import { newId } from '../platform/ids.ts';
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
 * Writes the e-mails that events cause, in the events' transaction: an e-mail exists if and only if
 * its event committed. One per event and recipient, in the account's language, due at once (no
 * `next_attempt_at`: the account may live on a test clock, the sender on the wall clock).
 */
export async function queueEmails(scope: TenantScope, events: readonly WrittenEvent[]): Promise<void> {
  const notified = events.filter((e) => isNotified(e.type) && e.account_id !== null);
  if (notified.length === 0) return;
  // Seats running out are for whoever can allocate more: the nearest subscription managers up the
  // tree (a site rarely has its own; its customer's or its reseller's do).
  const chains = await ancestorChains(scope, [
    ...new Set(notified.filter((e) => e.type === 'seats.exhausted').map((e) => e.account_id!)),
  ]);
  const accountIds = [
    ...new Set([...notified.map((e) => e.account_id!), ...[...chains.values()].flat().map((a) => a.id)]),
  ];
  const [accounts, users, features] = await Promise.all([
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
    scope.selectFrom('features').select(['key', 'name']).execute(),
  ]);
  const featureNames = new Map(features.map((f) => [f.key, f.name]));
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
        featureNames,
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
      status: 'text',
      created_at: 'timestamptz',
    },
    rows,
  );
}

export function viewEmail(row: Selectable<EmailsTable>) {
  return {
    id: row.id,
    object: 'email' as const,
    event: row.event_id,
    type: row.event_type,
    account: row.account_id,
    user: row.user_id,
    to: row.to_address,
    locale: row.locale,
    subject: row.subject,
    text: row.text,
    status: row.status,
    attempts: row.attempts,
    last_error: row.last_error,
    created_at: toRfc3339(row.created_at),
    sent_at: row.sent_at ? toRfc3339(row.sent_at) : null,
  };
}

/** The e-mails written, newest first: sent ones, and (without SMTP) the local outbox. */
export async function listEmails(
  scope: TenantScope,
  params: ListParams & { account?: string | undefined; status?: EmailsTable['status'] | undefined },
) {
  let q = scope.selectFrom('emails').selectAll();
  if (params.account) q = q.where('account_id', '=', params.account);
  if (params.status) q = q.where('status', '=', params.status);
  const page = await listPage(q, 'id', params);
  return { data: page.data.map(viewEmail), has_more: page.has_more };
}
