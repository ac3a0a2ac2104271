import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../src/notifications/messages.ts';
import { type Clock, Temporal } from '../src/platform/clock/clock.ts';
import { BACKOFF_MS } from '../src/platform/jobs/runner.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, subscribe } from './helpers/scenario.ts';

/** The wall clock, moved by the tests: a retry falls due only when it passes its backoff. */
let wallNow = Temporal.Instant.from('2026-03-02T09:00:00Z');
const wall: Clock = { now: () => wallNow };

interface Mail {
  to: string;
  subject: string;
  text: string;
  event: string | undefined;
}

/** A real SMTP server on loopback; `refuse` answers the next RCPT with a temporary error. */
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
        const error = Object.assign(
          new Error(refusal >= 500 ? 'No such mailbox' : 'Mailbox busy, try later'),
          {
            responseCode: refusal,
          },
        );
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const mail = await PostalMime.parse(Buffer.concat(chunks));
        received.push({
          to: mail.to?.map((a) => ('address' in a ? a.address : '')).join(',') ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          event: mail.headers.find((h) => h.key === 'x-allot-event')?.value,
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

const smtp = smtpReceiver();
let t: TestAllot;
beforeAll(async () => {
  const port = await smtp.listen();
  t = await startAllot({ env: { ALLOT_SMTP_URL: `smtp://127.0.0.1:${port}` }, clock: wall });
  expect(
    (await t.api('POST', '/v1/features', { key: 'tickets', name: 'Tickets', kind: 'quota' })).status,
  ).toBe(201);
  const plan = await t.api('POST', '/v1/plans', {
    key: 'ten',
    name: 'Ten',
    entitlements: [{ feature: 'tickets', limit: 10, warn_at: [80, 100] }],
    prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
  });
  expect(plan.status).toBe(201);
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

describe('e-mail to account managers', () => {
  it('warns the owners and subscription managers at 80 % and at the limit, in the account’s language', async () => {
    const acct = await account(t, null, { name: 'Boulangerie Martin', locale: 'fr' });
    await subscribe(t, { account: acct, plan: 'ten' });
    await addUser(acct, 'claire@martin.example.fr', 'Claire', ['owner']);
    await addUser(acct, 'hugo@martin.example.fr', 'Hugo', ['subscription_manager']);
    await addUser(acct, 'lea@martin.example.fr', 'Léa', ['member']);

    expect((await consume(acct, 7)).status).toBe(200);
    await deliver();
    expect(smtp.received).toHaveLength(0);

    expect((await consume(acct, 1)).status).toBe(200);
    await deliver();
    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      'claire@martin.example.fr',
      'hugo@martin.example.fr',
    ]);
    const warning = smtp.received.find((m) => m.to === 'claire@martin.example.fr')!;
    expect(warning.subject).toBe('Boulangerie Martin : 80 % de Tickets utilisés');
    expect(warning.text).toContain('Bonjour Claire');
    expect(warning.text).toContain('a utilisé 8 sur 10 Tickets');
    expect(warning.event).toMatch(/^evt_/);

    // At the limit: the 100 % warning and the exhaustion, each once, and nothing more after it.
    expect((await consume(acct, 2)).status).toBe(200);
    expect((await consume(acct, 1)).status).toBe(409);
    await deliver();
    await deliver();
    const toClaire = smtp.received.filter((m) => m.to === 'claire@martin.example.fr').map((m) => m.subject);
    expect(toClaire).toEqual([
      'Boulangerie Martin : 80 % de Tickets utilisés',
      'Boulangerie Martin : 100 % de Tickets utilisés',
      'Boulangerie Martin : la limite de Tickets est atteinte',
    ]);
    const exhausted = smtp.received.find((m) => m.subject.includes('limite'))!;
    expect(exhausted.text).toContain('Les nouveaux sont refusés jusqu’au');
    expect(exhausted.text).toContain('les existants restent consultables et modifiables');

    const listed = await t.api('GET', `/v1/emails?account=${acct}`);
    expect(listed.body.data).toHaveLength(6);
    expect(listed.body.data.every((e: { status: string }) => e.status === 'sent')).toBe(true);
  });

  it('retries a temporary SMTP refusal after its backoff', async () => {
    const acct = await account(t, null, { name: 'Bäckerei Schmidt', locale: 'de' });
    await subscribe(t, { account: acct, plan: 'ten' });
    await addUser(acct, 'anna@schmidt.example.de', 'Anna', ['owner']);
    const before = smtp.received.length;
    smtp.refuseNext(1);
    expect((await consume(acct, 8)).status).toBe(200);
    await deliver();
    expect(smtp.received.length).toBe(before);
    const [pending] = (await t.api('GET', `/v1/emails?account=${acct}`)).body.data;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.last_error).toContain('451');

    wallNow = wallNow.add({ milliseconds: BACKOFF_MS[0]! + 1_000 });
    await deliver();
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({
      to: 'anna@schmidt.example.de',
      subject: 'Bäckerei Schmidt: 80 % von Tickets verbraucht',
    });
    expect((await t.api('GET', `/v1/emails?account=${acct}`)).body.data[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('keeps e-mails in the local outbox when no SMTP server is configured', async () => {
    const local = await startAllot();
    try {
      expect(
        (await local.api('POST', '/v1/features', { key: 'tickets', name: 'Tickets', kind: 'quota' })).status,
      ).toBe(201);
      await local.api('POST', '/v1/plans', {
        key: 'ten',
        name: 'Ten',
        entitlements: [{ feature: 'tickets', limit: 10 }],
        prices: [{ billing_period: 'month', currency: 'EUR', amount: 1000 }],
      });
      const acct = await account(local, null, { name: 'Acme' });
      await subscribe(local, { account: acct, plan: 'ten' });
      const res = await local.api('POST', `/v1/accounts/${acct}/users`, {
        email: 'ops@acme.example.com',
        name: 'Ops',
        roles: ['owner'],
      });
      expect(res.status).toBe(201);
      expect(
        (
          await local.api('POST', '/v1/entitlements/consume', {
            account: acct,
            feature: 'tickets',
            quantity: 10,
          })
        ).status,
      ).toBe(200);
      await local.allot.jobs.runDue();
      const emails = (await local.api('GET', '/v1/emails')).body.data;
      expect(emails.map((e: { subject: string; status: string }) => [e.subject, e.status])).toEqual([
        ['Acme: the Tickets limit is reached', 'stored'],
        ['Acme: 100% of Tickets used', 'stored'],
        ['Acme: 80% of Tickets used', 'stored'],
      ]);
    } finally {
      await local.close();
    }
  });
});

describe('what is sent, and when', () => {
  it('gives up at once on a recipient the server refuses for good (550)', async () => {
    const acct = await account(t, null, { name: 'Gone', locale: 'en' });
    await subscribe(t, { account: acct, plan: 'ten' });
    await addUser(acct, 'nobody@gone.example.com', 'Nobody', ['owner']);
    smtp.refuseNext(1, 550);
    expect((await consume(acct, 8)).status).toBe(200);
    await deliver();
    const [failed] = (await t.api('GET', `/v1/emails?account=${acct}`)).body.data;
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
  });
});

describe('messages', () => {
  const base = {
    timeZone: 'Europe/Berlin',
    accountName: 'Acme',
    recipientName: 'Kim',
    featureNames: new Map([['tickets', 'Tickets']]),
  };
  it('writes each notified event in English, French and German, dates in the account’s zone', () => {
    // A trial ends at the midnight that begins 1 May in Berlin: its last day is 30 April, as people read it.
    const trial = { trial_end: '2026-04-30T22:00:00Z' };
    expect(compose({ ...base, type: 'subscription.trial_will_end', data: trial, locale: 'en' }).subject).toBe(
      "Acme: the trial's last day is April 30, 2026",
    );
    expect(compose({ ...base, type: 'subscription.trial_will_end', data: trial, locale: 'fr' }).subject).toBe(
      'Acme : dernier jour de l’essai le 30 avril 2026',
    );
    expect(
      compose({ ...base, type: 'subscription.trial_will_end', data: trial, locale: 'de' }).text,
    ).toContain('Die Testphase von Acme läuft bis einschließlich 30. April 2026.');
    const seats = { feature: 'tickets', allocated: 1500, used: 1500 };
    expect(compose({ ...base, type: 'seats.exhausted', data: seats, locale: 'de' }).text).toContain(
      'Alle 1.500 Tickets-Plätze von Acme sind belegt.',
    );
    // Past a billed limit nothing is refused: the e-mail says what happens instead.
    const billed = {
      feature: 'tickets',
      limit: 10,
      used: 10,
      overage: 'bill',
      period_end: '2026-05-31T22:00:00Z',
    };
    const text = compose({ ...base, type: 'quota.exhausted', data: billed, locale: 'en' }).text;
    expect(text).toContain('Usage beyond it is counted and billed at the end of the period.');
    expect(text).not.toContain('refused');
    // A locale Allot does not write falls back to English.
    expect(compose({ ...base, type: 'seats.exhausted', data: seats, locale: 'es' }).text).toContain(
      'All 1,500 Tickets seats of Acme are in use.',
    );
  });
});
