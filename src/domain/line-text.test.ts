import { describe, expect, it } from 'vitest';
import { type LineText, type NamedRef, type NameOf, renderLineText } from './line-text.ts';

const uc: NamedRef = { kind: 'plan', ref: 'uc', name: 'Unified Communications' };
const premium: NamedRef = { kind: 'plan', ref: 'premium', name: 'Premium' };
const pack: NamedRef = { kind: 'addon', ref: 'addon_1', name: 'Extra users pack' };
const users: NamedRef = { kind: 'feature', ref: 'sales-users', name: 'sales-users' };
const NAMES: Record<string, { en: string; fr: string; de: string }> = {
  uc: { en: 'Unified Communications', fr: 'Communications unifiées', de: 'Unified Communications' },
  addon_1: { en: 'Extra users pack', fr: 'Pack d’utilisateurs', de: 'Zusatzbenutzer-Paket' },
  'sales-users': { en: 'Sales users', fr: 'Utilisateurs Ventes', de: 'Vertriebsbenutzer' },
};
const catalog: NameOf = (ref, locale) => NAMES[ref.ref]?.[locale] ?? ref.name;
const all = (text: LineText) =>
  (['en', 'fr', 'de'] as const).map((l) => renderLineText(text, l, catalog).replace(/\u202f|\u00a0/g, ' '));

describe('line texts in the reader’s language', () => {
  it('words a site’s seats for the period, with the catalog’s names', () => {
    expect(
      all({ t: 'plan', plan: uc, period: 'month', per_seat: true, quantity: 5, site: 'Martin — Lyon' }),
    ).toEqual([
      'Martin — Lyon: 5 × Unified Communications (monthly)',
      'Martin — Lyon : 5 × Communications unifiées (mensuel)',
      'Martin — Lyon: 5 × Unified Communications (monatlich)',
    ]);
  });

  it('says a proration’s days with plural rules', () => {
    expect(all({ t: 'delta', item: uc, quantity: -3, days: 20, period_days: 30 })).toEqual([
      '−3 × Unified Communications, 20 of 30 days',
      '−3 × Communications unifiées, 20 jours sur 30',
      '−3 × Unified Communications, 20 von 30 Tagen',
    ]);
    expect(all({ t: 'unused', item: premium, quantity: 1, days: 1, period_days: 31 })[1]).toBe(
      'Temps non utilisé sur Premium, 1 jour sur 31',
    );
    expect(all({ t: 'remaining', item: pack, quantity: 2, days: 15, period_days: 30 })[2]).toBe(
      'Verbleibende Zeit für 2 × Zusatzbenutzer-Paket, 15 von 30 Tagen',
    );
  });

  it('words a credit, a one-off pack and extra users, numbers grouped as the language does', () => {
    const credit: LineText = {
      t: 'refund',
      of: { t: 'plan', plan: premium, period: 'year', per_seat: false, quantity: 1 },
    };
    expect(all(credit)).toEqual([
      'Credit: Premium (annual) (cancelled within the cancellation window)',
      'Avoir : Premium (annuel) (annulé pendant le délai d’annulation)',
      'Gutschrift: Premium (jährlich) (innerhalb der Widerrufsfrist storniert)',
    ]);
    expect(all({ t: 'once', addon: pack, quantity: 1 })[1]).toBe('1 × Pack d’utilisateurs (achat unique)');
    expect(all({ t: 'extra_users', feature: users, peak: 1200, limit: 1, extra: 1199, before: 0 })).toEqual([
      'Sales users: at most 1,200 users in the period, 1 included (plan and packs), 1,199 extra',
      'Utilisateurs Ventes : au plus 1 200 utilisateurs sur la période, 1 inclus (offre et packs), 1 199 supplémentaires',
      'Vertriebsbenutzer: höchstens 1.200 Benutzer im Zeitraum, 1 inklusive (Tarif und Pakete), 1.199 zusätzlich',
    ]);
  });

  it('says whose charges a reseller’s line bills and what an overage top-up adds', () => {
    const top: LineText = {
      t: 'payer',
      label: 'Boulangeries Martin',
      of: { t: 'overage', feature: users, windows: [7, 3, 9], limit: 5, billed: 6, before: 2 },
    };
    expect(all(top)).toEqual([
      'Boulangeries Martin — Sales users: 7 + 3 + 9 used in 3 months, 5 included each month, 6 billed (2 invoiced before, counted since)',
      'Boulangeries Martin — Utilisateurs Ventes : 7 + 3 + 9 utilisés sur 3 mois, 5 inclus par mois, 6 facturés (2 déjà facturés, comptés depuis)',
      'Boulangeries Martin — Vertriebsbenutzer: 7 + 3 + 9 genutzt in 3 Monaten, 5 inklusive pro Monat, 6 berechnet (2 bereits berechnet, seitdem gezählt)',
    ]);
  });

  it('keeps French typography: a no-break space before a colon, so it never starts a line', () => {
    const fr = renderLineText(
      { t: 'plan', plan: uc, period: 'month', per_seat: true, quantity: 5, site: 'Lyon' },
      'fr',
      catalog,
    );
    expect(fr).toContain('Lyon\u00a0: ');
    expect(fr).not.toMatch(/ :/);
  });
});
