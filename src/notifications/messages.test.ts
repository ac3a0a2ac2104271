import { describe, expect, it } from 'vitest';
import { compose } from './messages.ts';

const NB = '\u00a0';
const TICKETS = { name: 'Tickets', names: { fr: 'Billets', de: 'Support-Tickets' } };

describe('messages', () => {
  const base = {
    timeZone: 'Europe/Berlin',
    accountName: 'Acme',
    recipientName: 'Kim',
    vendorName: 'Vendor',
    features: new Map([['tickets', TICKETS]]),
    linkTo: (page: string) => `https://allot.example/portal/${page}`,
  };
  it('writes each notified event in English, French and German, dates in the account’s zone', () => {
    // A trial ends at the midnight that begins 1 May in Berlin: its last day is 30 April, as people read it.
    const trial = {
      type: 'subscription.trial_will_end',
      data: { trial_end: '2026-04-30T22:00:00Z' },
    } as const;
    expect(compose({ ...base, ...trial, locale: 'en' }).subject).toBe(
      "Acme: the trial's last day is April 30, 2026",
    );
    expect(compose({ ...base, ...trial, locale: 'fr' }).subject).toBe(
      `Acme${NB}: dernier jour de l’essai le 30 avril 2026`,
    );
    const deTrial = compose({ ...base, ...trial, locale: 'de' });
    expect(deTrial.text).toContain('Die Testphase von Acme läuft bis einschließlich 30. April 2026.');
    expect(deTrial.text).toContain('Jetzt abonnieren: https://allot.example/portal/subscribe');
    const seats = (allocated: number, locale: string) =>
      compose({
        ...base,
        type: 'seats.exhausted',
        data: { feature: 'tickets', allocated, used: allocated },
        locale,
      });
    expect(seats(1500, 'de').text).toContain('Alle 1.500 Support-Tickets-Plätze von Acme sind belegt.');
    expect(seats(1, 'de').text).toContain('Der einzige Support-Tickets-Platz von Acme ist belegt.');
    expect(seats(1, 'fr').text).toContain('La seule place Billets de Acme est utilisée.');
    expect(seats(3, 'en').link).toBe('https://allot.example/portal/users');
    // A locale Allot does not write falls back to English.
    expect(seats(1500, 'es').text).toContain('All 1,500 Tickets seats of Acme are in use.');
  });

  it('says at 100 % that the limit is reached, and what happens next by the overage rule', () => {
    const at = (overage: string, locale = 'en') =>
      compose({
        ...base,
        type: 'quota.warning',
        locale,
        data: {
          feature: 'tickets',
          threshold: 100,
          limit: 10,
          used: 10,
          overage,
          period_end: '2026-05-31T22:00:00Z',
        },
      });
    const blocked = at('block');
    expect(blocked.subject).toBe('Acme: 100% of Tickets used');
    expect(blocked.text).toContain(
      'Acme has reached its limit of 10 Tickets for the period that ends on May 31, 2026.',
    );
    expect(blocked.text).toContain('Further Tickets are refused until the new period begins on June 1, 2026');
    expect(blocked.text).not.toMatch(/still possible|left before/);
    expect(blocked.html).toContain('The Tickets limit is reached</h1>');
    expect(at('bill').text).toContain(
      'Nothing is blocked: usage beyond the limit is counted and billed per unit',
    );
    expect(at('allow').text).toContain(
      'Nothing is blocked: usage beyond the limit is allowed and still counted.',
    );
    expect(at('bill').text).not.toContain('refused');
    expect(at('block', 'de').text).toContain(
      'Weitere Support-Tickets werden bis zum Beginn des neuen Zeitraums am 1. Juni 2026 abgelehnt',
    );
    expect(at('allow', 'fr').text).toContain(
      `Rien n’est bloqué${NB}: au-delà de la limite, l’usage est autorisé`,
    );
    // Below the limit, the warning counts what is left, with the plural of each language.
    const below = (used: number, locale: string) =>
      compose({
        ...base,
        type: 'quota.warning',
        locale,
        data: { feature: 'tickets', threshold: 80, limit: 10, used },
      }).text;
    expect(below(9, 'en')).toContain('Only 1 is left before the limit.');
    expect(below(8, 'en')).toContain('2 are left before the limit.');
    expect(below(9, 'de')).toContain('Bis zum Limit ist nur noch 1 übrig.');
  });

  it('escapes every value in the HTML, and keeps the link marker out of names', () => {
    const mail = compose({
      ...base,
      accountName: '<script>alert(1)</script> {{allot_portal}}',
      vendorName: 'A & B "Ltd"',
      type: 'seats.exhausted',
      data: { feature: 'tickets', allocated: 2, used: 2 },
      locale: 'en',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; B &quot;Ltd&quot;');
    expect(mail.text).not.toContain('{{allot_portal}}');
  });
});
