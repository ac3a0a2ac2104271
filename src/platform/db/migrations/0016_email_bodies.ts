import { type Kysely, sql } from 'kysely';

/**
 * E-mails as HTML beside their text, from the vendor (its name as the sender's), with a link to the
 * portal page that acts on them, and resent on demand: a resend is a new row pointing at the one it
 * copies, so one event and recipient may now have several e-mails (the original stays unique).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('emails')
    // Null for e-mails written before HTML: they are sent as text only.
    .addColumn('html', 'text')
    /** The sender's display name: the vendor's legal name, else its tenant name. */
    .addColumn('from_name', 'text')
    /**
     * The call to action's address: the vendor's own portal page (absolute), or a path below Allot's
     * public address, which is filled in (in `link`, `text` and `html`) when the e-mail is sent or shown.
     */
    .addColumn('link', 'text')
    .addColumn('resent_from', 'text')
    .execute();
  await db.schema.alterTable('emails').dropConstraint('emails_once').execute();
  await sql`create unique index emails_once on emails (tenant_id, event_id, user_id) where resent_from is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index emails_once`.execute(db);
  await sql`delete from emails where resent_from is not null`.execute(db);
  await db.schema
    .alterTable('emails')
    .addUniqueConstraint('emails_once', ['tenant_id', 'event_id', 'user_id'])
    .execute();
  for (const c of ['resent_from', 'link', 'from_name', 'html'])
    await db.schema.alterTable('emails').dropColumn(c).execute();
}
