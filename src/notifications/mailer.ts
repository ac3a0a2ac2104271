import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { BACKOFF_MS, type JobKind } from '../platform/jobs/runner.ts';
import { emailDeliveries } from '../platform/metrics.ts';
import { allotAddress, withBase } from './links.ts';

/** E-mails claimed per pass. */
const CLAIM = 50;
/** A claimed e-mail is someone's for this long; a sender that dies hands it back when it lapses. */
const LEASE_MS = 5 * 60_000;
/** A pass stops sending after this long (a minute of SMTP at most after it, by the timeouts). */
const PASS_MS = 2 * 60_000;
/** Tries per e-mail: the first and one after each backoff step (about 18 h in all). */
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

const transports = new WeakMap<Config, Transporter>();

/** The SMTP transport the configuration names, or null: e-mails then stay in the local outbox. */
function transportOf(config: Config): Transporter | null {
  if (!config.smtpUrl) return null;
  let t = transports.get(config);
  if (!t) {
    // Timeouts well inside the claim's lease: a stuck server cannot outlast it.
    t = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(config, t);
  }
  return t;
}

/**
 * Sends a tenant's due e-mails: claims them with a lease (FOR UPDATE SKIP LOCKED, so processes share
 * the work), sends each over SMTP, and records the outcome — sent; retried with backoff after a
 * temporary failure; failed after a permanent one (a 5xx refusal of the recipient or the message) or
 * the last try. Without SMTP they
 * are kept as `stored`, readable at GET /v1/emails. Answers how many it handled.
 */
export async function sendDueEmails(ctx: AppContext, tenantId: string): Promise<number> {
  const now = ctx.clock.now();
  const { rows } = await sql<{
    id: string;
    to_address: string;
    subject: string;
    text: string;
    html: string | null;
    from_name: string | null;
    link: string | null;
    event_id: string;
    attempts: number;
  }>`
    update emails set attempts = attempts + 1, next_attempt_at = ${toDate(now.add({ milliseconds: LEASE_MS }))}
    where tenant_id = ${tenantId} and id in (
      select id from emails
      where tenant_id = ${tenantId} and status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${toDate(now)})
      order by next_attempt_at nulls first, id
      limit ${CLAIM} for update skip locked)
    returning id, to_address, subject, text, html, from_name, link, event_id, attempts`.execute(
    ctx.db.kysely,
  );
  if (rows.length === 0) return 0;
  const transport = transportOf(ctx.config);
  if (!transport) {
    await sql`update emails set status = 'stored', next_attempt_at = null
      where tenant_id = ${tenantId} and id = any(${rows.map((r) => r.id)}::text[])`.execute(ctx.db.kysely);
    return rows.length;
  }
  const started = performance.now();
  for (const [i, mail] of rows.entries()) {
    if (performance.now() - started > PASS_MS) {
      // Well before the lease lapses: hand the rest back rather than let another process take them too.
      const rest = rows.slice(i);
      await sql`update emails set attempts = attempts - 1, next_attempt_at = null
        where tenant_id = ${tenantId} and id = any(${rest.map((r) => r.id)}::text[]) and status = 'pending'`.execute(
        ctx.db.kysely,
      );
      break;
    }
    // Links to Allot's own portal get the address customers reach it at; what is sent is stored.
    const resolved = withBase(mail, allotAddress(ctx));
    const outcome = await send(transport, ctx.config.mailFrom, resolved);
    // Fenced by the claim: if the lease lapsed and another process claimed the e-mail again, its
    // outcome is the one that counts.
    const where = sql`tenant_id = ${tenantId} and id = ${mail.id} and attempts = ${mail.attempts}`;
    if (outcome.ok) emailDeliveries.inc({ outcome: 'sent' });
    if (outcome.ok) {
      await sql`update emails set status = 'sent', sent_at = ${toDate(ctx.clock.now())}, next_attempt_at = null, last_error = null,
          text = ${resolved.text}, html = ${resolved.html}, link = ${resolved.link}
        where ${where}`.execute(ctx.db.kysely);
    } else {
      const next =
        outcome.permanent || mail.attempts >= MAX_ATTEMPTS ? null : retryAt(ctx.clock.now(), mail.attempts);
      emailDeliveries.inc({ outcome: next ? 'retry' : 'failed' });
      await sql`update emails set status = ${next ? 'pending' : 'failed'}, next_attempt_at = ${next ? toDate(next) : null},
          last_error = ${outcome.error}
        where ${where}`.execute(ctx.db.kysely);
    }
  }
  return rows.length;
}

const retryAt = (now: Temporal.Instant, attempts: number) =>
  now.add({ milliseconds: BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]! });

/** ALLOT_MAIL_FROM's address with the vendor's name, so people see who writes to them. */
function sender(mailFrom: string, name: string | null) {
  const address = addressparser(mailFrom, { flatten: true })[0]?.address;
  return name && address ? { name, address } : mailFrom;
}

async function send(
  transport: Transporter,
  mailFrom: string,
  mail: {
    to_address: string;
    subject: string;
    text: string;
    html: string | null;
    from_name: string | null;
    event_id: string;
    id: string;
  },
): Promise<{ ok: true } | { ok: false; permanent: boolean; error: string }> {
  try {
    // Text and HTML: multipart/alternative, the client shows the richest it can.
    await transport.sendMail({
      from: sender(mailFrom, mail.from_name),
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      headers: { 'X-Allot-Event': mail.event_id, 'X-Allot-Email': mail.id },
    });
    return { ok: true };
  } catch (error) {
    // Permanent only when the server refused this recipient or this message; a refused login or
    // connection is the sender's trouble, and is retried.
    const { responseCode, command } = error as { responseCode?: number; command?: string };
    return {
      ok: false,
      permanent:
        responseCode !== undefined && responseCode >= 500 && (command === 'RCPT TO' || command === 'DATA'),
      error: String((error as Error).message ?? error).slice(0, 500),
    };
  }
}

/** Every 10 s per tenant on the job runner; sooner while e-mails are waiting. */
export const emailJob: JobKind = {
  kind: 'emails',
  perTenant: ['system'],
  async run(ctx, tenantId) {
    const handled = await sendDueEmails(ctx, tenantId);
    return handled === CLAIM ? 0 : 10_000;
  },
};
