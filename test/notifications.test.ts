import { mkdirSync, writeFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, Temporal } from '../src/platform/clock/clock.ts';
import { BACKOFF_MS } from '../src/platform/jobs/runner.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { portalSession } from './helpers/portal.ts';
import { account, subscribe } from './helpers/scenario.ts';

/** The wall clock, moved by the tests: a retry falls due only when it passes its backoff. */
let wallNow = Temporal.Instant.from('2026-03-02T09:00:00Z');
const wall: Clock = { now: () => wallNow };
const NB = '\u00a0';

interface Mail {
  to: string;
  from: { name: string; address: string };
  contentType: string;
  subject: string;
  text: string;
  html: string;
  event: string | undefined;
}

/** A real SMTP server on loopback, parsing what arrives with a real MIME parser; `refuse` answers the next RCPT with an error. */
function smtpReceiver() {
  const received: Mail[] = [];
  let refuse = 0;
  let refusal = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse > 0) {
        refuse--;
        const message = refusal >= 500 ? 'No such mailbox' : 'Mailbox busy, try later';
        callback(Object.assign(new Error(message), { responseCode: refusal }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const mail = await PostalMime.parse(Buffer.concat(chunks));
        const header = (key: string) => mail.headers.find((h) => h.key === key)?.value;
        received.push({
          to: mail.to?.map((a) => ('address' in a ? a.address : '')).join(',') ?? '',
          from: { name: mail.from?.name ?? '', address: (mail.from as { address?: string })?.address ?? '' },
          contentType: header('content-type') ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: mail.html ?? '',
          event: header('x-allot-event'),
        });
        callback();
      });
    },
  });
  return {
    received,
    refuseNext: (n: number, code = 451) => {
      refuse = n;
      refusal = code;
    },
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TICKETS = { key: 'tickets', name: 'Tickets', names: { fr: 'Billets', de: 'Support-Tickets' } };
const smtp = smtpReceiver();
let t: TestAllot;
beforeAll(async () => {
  const port = await smtp.listen();
  t = await startAllot({ env: { ALLOT_SMTP_URL: `smtp://127.0.0.1:${port}` }, clock: wall });
  expect((await t.api('POST', '/v1/features', { ...TICKETS, kind: 'quota' })).status).toBe(201);
  for (const [key, limit] of [
    ['ten', 10],
    ['one', 1],
  ] as const) {
    const plan = await t.api('POST', '/v1/plans', {
      key,
      name: key,
      entitlements: [{ feature: 'tickets', limit, warn_at: [80, 100] }],
      prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
    });
    expect(plan.status).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  await smtp.close();
});

const addUser = async (acct: string, email: string, name: string, roles: string[]) => {
  const res = await t.api('POST', `/v1/accounts/${acct}/users`, { email, name, roles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
/** Lets the e-mail job's next pass fall due (it runs every 10 s), then runs what is due. */
const deliver = async () => {
  wallNow = wallNow.add({ seconds: 11 });
  await t.allot.jobs.runDue();
};
const consume = (acct: string, quantity: number) =>
  t.api('POST', '/v1/entitlements/consume', { account: acct, feature: 'tickets', quantity });
/** An account on a plan with one owner, who is sent what it gets. */
const customer = async (name: string, locale: string, email: string, plan = 'ten') => {
  const acct = await account(t, null, { name, locale });
  await subscribe(t, { account: acct, plan });
  const user = await addUser(acct, email, name.split(' ')[0]!, ['owner']);
  return { acct, user, mails: () => smtp.received.filter((m) => m.to === email) };
};
/** The vendor's legal details (tenant_settings, written by its own API elsewhere), for one test. */
async function asVendor(
  settings: { legal_name: string | null; portal_url: string | null },
  run: () => Promise<void>,
) {
  const db = t.allot.ctx.db.kysely;
  const { id } = await db
    .selectFrom('tenants')
    .select('id')
    .where('is_bootstrap', '=', true)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('tenant_settings')
    .values({ tenant_id: id, ...settings, updated_at: new Date() })
    .execute();
  try {
    await run();
  } finally {
    await db.deleteFrom('tenant_settings').where('tenant_id', '=', id).execute();
  }
}
const saveHtml = (name: string, html: string) => {
  mkdirSync('/tmp/mails', { recursive: true });
  writeFileSync(`/tmp/mails/${name}.html`, html);
};

/** The e-mail attempts /metrics has counted so far, by outcome. */
async function mailCounts(): Promise<{ sent: number; retry: number; failed: number }> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`^allot_email_deliveries_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0,
    );
  return { sent: count('sent'), retry: count('retry'), failed: count('failed') };
}

describe('e-mail to account managers', () => {
  it('warns the owners and subscription managers at 80 % and at the limit, in the account’s language', async () => {
    const acct = await account(t, null, { name: 'Boulangerie Martin', locale: 'fr' });
    await subscribe(t, { account: acct, plan: 'ten' });
    await addUser(acct, 'claire@martin.example.fr', 'Claire', ['owner']);
    await addUser(acct, 'hugo@martin.example.fr', 'Hugo', ['subscription_manager']);
    await addUser(acct, 'lea@martin.example.fr', 'Léa', ['member']);
    const before = smtp.received.length;

    expect((await consume(acct, 7)).status).toBe(200);
    await deliver();
    expect(smtp.received).toHaveLength(before);

    expect((await consume(acct, 1)).status).toBe(200);
    await deliver();
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual(['claire@martin.example.fr', 'hugo@martin.example.fr']);
    const warning = sent.find((m) => m.to === 'claire@martin.example.fr')!;
    expect(warning.subject).toBe(`Boulangerie Martin${NB}: 80${NB}% de Billets utilisés`);
    expect(warning.contentType).toMatch(/^multipart\/alternative/);
    // Without legal details: the tenant's name, and Allot's own portal page at the server's address.
    expect(warning.from).toEqual({ name: 'Default', address: 'no-reply@allot.localhost' });
    expect(warning.text).toContain('Bonjour Claire');
    expect(warning.text).toContain('a utilisé 8 sur 10 Billets (80');
    expect(warning.text).toContain('Il en reste 2 avant la limite.');
    expect(warning.text).toContain(`Voir les formules${NB}: ${t.url}/portal/plans`);
    expect(warning.html).toContain(`href="${t.url}/portal/plans"`);
    expect(warning.event).toMatch(/^evt_/);

    // The 100 % warning and the exhaustion come from one consume: one e-mail, the limit reached.
    expect((await consume(acct, 2)).status).toBe(200);
    expect((await consume(acct, 1)).status).toBe(409);
    await deliver();
    await deliver();
    const toClaire = smtp.received.filter((m) => m.to === 'claire@martin.example.fr');
    expect(toClaire.map((m) => m.subject)).toEqual([
      `Boulangerie Martin${NB}: 80${NB}% de Billets utilisés`,
      `Boulangerie Martin${NB}: la limite de Billets est atteinte`,
    ]);
    expect(toClaire[1]!.text).toContain(
      'Toute nouvelle création est refusée jusqu’au début de la nouvelle période',
    );
    expect(toClaire[1]!.text).toContain('l’existant reste consultable et modifiable');

    const listed = (await t.api('GET', `/v1/emails?account=${acct}`)).body.data;
    expect(listed).toHaveLength(4);
    expect(listed.every((e: { status: string }) => e.status === 'sent')).toBe(true);
    expect(listed[0].html).toContain('<h1');
    expect(listed[0].link).toBe(`${t.url}/portal/plans`);
  });

  it('writes from the vendor, in French and German, with plurals, its feature names and its portal page', async () => {
    await asVendor(
      {
        legal_name: 'Logiciels Dupont & Fils SAS',
        portal_url: 'https://app.dupont.example/compte?tab=facturation',
      },
      async () => {
        const fr = await customer('Café <Lumière>', 'fr', 'ines@lumiere.example.fr');
        const de = await customer('Bäckerei Weber', 'de', 'jonas@weber.example.de');
        expect((await consume(fr.acct, 9)).status).toBe(200);
        expect((await consume(de.acct, 8)).status).toBe(200);
        await deliver();
        const link = 'https://app.dupont.example/compte?tab=facturation&page=plans';
        const [f] = fr.mails();
        expect(f!.contentType).toMatch(/^multipart\/alternative/);
        expect(f!.from).toEqual({ name: 'Logiciels Dupont & Fils SAS', address: 'no-reply@allot.localhost' });
        expect(f!.text).toContain('Café <Lumière> a utilisé 9 sur 10 Billets');
        expect(f!.text).toContain('Il n’en reste plus que 1 avant la limite.');
        expect(f!.text).toContain('auprès de Logiciels Dupont & Fils SAS.');
        expect(f!.text).toContain(`Voir les formules${NB}: ${link}`);
        expect(f!.html).toContain('<html lang="fr">');
        expect(f!.html).toContain('Café &lt;Lumière&gt; a utilisé 9 sur 10 Billets');
        expect(f!.html).toContain('Logiciels Dupont &amp; Fils SAS');
        expect(f!.html).toContain('Il n’en reste plus que 1 avant la limite.');
        expect(f!.html).toContain(`href="${link.replace('&', '&amp;')}"`);
        expect(f!.html).not.toContain('<Lumière>');
        saveHtml('fr', f!.html);

        const [d] = de.mails();
        expect(d!.contentType).toMatch(/^multipart\/alternative/);
        expect(d!.subject).toBe(`Bäckerei Weber: 80${NB}% von Support-Tickets verbraucht`);
        expect(d!.from.name).toBe('Logiciels Dupont & Fils SAS');
        expect(d!.text).toContain('Hallo Bäckerei,');
        expect(d!.text).toContain('8 von 10 Support-Tickets verbraucht');
        expect(d!.text).toContain('Bis zum Limit sind noch 2 übrig.');
        expect(d!.text).toContain(`Tarife ansehen: ${link}`);
        expect(d!.html).toContain('Bis zum Limit sind noch 2 übrig.');
        expect(d!.html).toContain('Tarife ansehen</a>');
        saveHtml('de', d!.html);
      },
    );
  });

  it('sends one e-mail, the limit reached, when a limit-1 quota crosses every threshold at once', async () => {
    const c = await customer('Solo Ltd', 'en', 'sam@solo.example.com', 'one');
    expect((await consume(c.acct, 1)).status).toBe(200);
    await deliver();
    const events = (await t.api('GET', `/v1/events?account=${c.acct}`)).body.data;
    expect(
      events
        .map((e: { type: string }) => e.type)
        .filter((x: string) => x.startsWith('quota.'))
        .sort(),
    ).toEqual(['quota.exhausted', 'quota.warning', 'quota.warning']);
    expect(c.mails().map((m) => m.subject)).toEqual(['Solo Ltd: the Tickets limit is reached']);
    expect(c.mails()[0]!.text).toContain('Solo Ltd has reached its limit of 1 Tickets');
  });

  it('resends an e-mail on the vendor’s request, and to no one else', async () => {
    const c = await customer('Twice GmbH', 'de', 'eva@twice.example.de');
    expect((await consume(c.acct, 8)).status).toBe(200);
    await deliver();
    const [original] = (await t.api('GET', `/v1/emails?account=${c.acct}`)).body.data;
    const resent = await t.api('POST', `/v1/emails/${original.id}/resend`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(201);
    expect(resent.body).toMatchObject({ resent_from: original.id, status: 'pending', to: original.to });
    await deliver();
    const [first, second] = c.mails();
    expect(c.mails()).toHaveLength(2);
    // The same e-mail (the MIME boundary aside), for the same event.
    expect({ ...second, contentType: '' }).toEqual({ ...first, contentType: '' });
    expect(second!.contentType).toMatch(/^multipart\/alternative/);
    const listed = (await t.api('GET', `/v1/emails?account=${c.acct}`)).body.data;
    expect(listed.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
      [resent.body.id, 'sent'],
      [original.id, 'sent'],
    ]);
    expect(listed[0]).toMatchObject({ subject: original.subject, text: original.text, html: original.html });

    expect((await t.api('POST', '/v1/emails/eml_nothing/resend')).status).toBe(404);
    const portal = await portalSession(t, c.acct, c.user);
    expect((await portal.api('POST', `/v1/emails/${original.id}/resend`)).status).toBe(403);
    const acting = { headers: { 'allot-acting-user': c.user } };
    expect((await t.api('POST', `/v1/emails/${original.id}/resend`, undefined, acting)).status).toBe(403);
    expect(c.mails()).toHaveLength(2);
  });

  it('retries a temporary SMTP refusal after its backoff', async () => {
    const c = await customer('Bäckerei Schmidt', 'de', 'anna@schmidt.example.de');
    const counted = await mailCounts();
    smtp.refuseNext(1);
    expect((await consume(c.acct, 8)).status).toBe(200);
    await deliver();
    expect(c.mails()).toHaveLength(0);
    const [pending] = (await t.api('GET', `/v1/emails?account=${c.acct}`)).body.data;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.last_error).toContain('451');

    wallNow = wallNow.add({ milliseconds: BACKOFF_MS[0]! + 1_000 });
    await deliver();
    expect(c.mails().map((m) => m.subject)).toEqual([
      `Bäckerei Schmidt: 80${NB}% von Support-Tickets verbraucht`,
    ]);
    expect((await t.api('GET', `/v1/emails?account=${c.acct}`)).body.data[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    // /metrics counted both attempts by outcome.
    const after = await mailCounts();
    expect({ retry: after.retry - counted.retry, sent: after.sent - counted.sent }).toEqual({
      retry: 1,
      sent: 1,
    });
  });

  it('keeps e-mails in the local outbox when no SMTP server is configured', async () => {
    const local = await startAllot({ env: { ALLOT_PUBLIC_URL: 'https://billing.example.com' } });
    try {
      expect((await local.api('POST', '/v1/features', { ...TICKETS, kind: 'quota' })).status).toBe(201);
      await local.api('POST', '/v1/plans', {
        key: 'ten',
        name: 'Ten',
        entitlements: [{ feature: 'tickets', limit: 10 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
      });
      const acct = await account(local, null, { name: 'Acme' });
      await subscribe(local, { account: acct, plan: 'ten' });
      const user = { email: 'ops@acme.example.com', name: 'Ops', roles: ['owner'] };
      expect((await local.api('POST', `/v1/accounts/${acct}/users`, user)).status).toBe(201);
      for (const quantity of [8, 2]) {
        const res = await local.api('POST', '/v1/entitlements/consume', {
          account: acct,
          feature: 'tickets',
          quantity,
        });
        expect(res.status).toBe(200);
      }
      await local.allot.jobs.runDue();
      const emails = (await local.api('GET', '/v1/emails')).body.data;
      expect(emails.map((e: { subject: string; status: string }) => [e.subject, e.status])).toEqual([
        ['Acme: the Tickets limit is reached', 'stored'],
        ['Acme: 80% of Tickets used', 'stored'],
      ]);
      // ALLOT_PUBLIC_URL is where customers reach Allot's portal.
      expect(emails[1].text).toContain('See the plans: https://billing.example.com/portal/plans');
      expect(emails[1].html).toContain('href="https://billing.example.com/portal/plans"');
    } finally {
      await local.close();
    }
  });
});

describe('what is sent, and when', () => {
  it('gives up at once on a recipient the server refuses for good (550)', async () => {
    const c = await customer('Gone', 'en', 'nobody@gone.example.com');
    smtp.refuseNext(1, 550);
    expect((await consume(c.acct, 8)).status).toBe(200);
    await deliver();
    const [failed] = (await t.api('GET', `/v1/emails?account=${c.acct}`)).body.data;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toContain('550');
  });

  it('keeps a test-clock account’s e-mails in the outbox: a simulation writes to no one', async () => {
    const clock = (await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-03-02T09:00:00Z' })).body.id;
    const acct = await account(t, clock, { name: 'Simulated', locale: 'en' });
    await subscribe(t, { account: acct, plan: 'ten' });
    await addUser(acct, 'sim@example.com', 'Sim', ['owner']);
    const before = smtp.received.length;
    expect((await consume(acct, 8)).status).toBe(200);
    await deliver();
    expect(smtp.received.length).toBe(before);
    const [kept] = (await t.api('GET', `/v1/emails?account=${acct}`)).body.data;
    expect(kept).toMatchObject({ status: 'stored', subject: 'Simulated: 80% of Tickets used' });
    // Shown with the address the request reached.
    expect(kept.link).toBe(`${t.url}/portal/plans`);
  });
});
