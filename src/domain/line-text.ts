/**
 * What an invoice line says, pure: the builders of `billing-lines.ts` describe each line as data
 * (`LineText`: what it bills, how many, for how many days) and this renders it in the reader's
 * language — English, French or German, with ICU plurals and the catalog's names in that language.
 * The domain renders English with the catalog's English names; an invoice is rendered again, at
 * issue, in its payer's language.
 */
import { IntlMessageFormat } from 'intl-messageformat';

export type LineLocale = 'en' | 'fr' | 'de';

/** A catalog item as a line names it: by key (plan, feature) or id (add-on), with its English name. */
export interface NamedRef {
  readonly kind: 'plan' | 'addon' | 'feature';
  readonly ref: string;
  readonly name: string;
}

interface Days {
  readonly days: number;
  readonly period_days: number;
}

export type LineText =
  | {
      readonly t: 'plan';
      readonly plan: NamedRef;
      readonly period: 'month' | 'year';
      readonly per_seat: boolean;
      readonly quantity: number;
      readonly site?: string;
    }
  | { readonly t: 'addon'; readonly addon: NamedRef; readonly quantity: number }
  | ({
      readonly t: 'delta';
      readonly item: NamedRef;
      readonly quantity: number;
      readonly site?: string;
    } & Days)
  | ({
      readonly t: 'unused' | 'remaining';
      readonly item: NamedRef;
      readonly quantity: number;
      readonly site?: string;
    } & Days)
  | { readonly t: 'once'; readonly addon: NamedRef; readonly quantity: number }
  | { readonly t: 'refund'; readonly of: LineText }
  | {
      readonly t: 'overage';
      readonly feature: NamedRef;
      readonly windows: readonly number[];
      readonly limit: number;
      readonly billed: number;
      readonly before: number;
    }
  | {
      readonly t: 'extra_users';
      readonly feature: NamedRef;
      readonly peak: number;
      readonly limit: number;
      readonly extra: number;
      readonly before: number;
    }
  /** A reseller's customer's line on its payer's invoice: whose charges these are. */
  | { readonly t: 'payer'; readonly label: string; readonly of: LineText };

/** A catalog name in a language; the English `name` when none is kept. */
export type NameOf = (ref: NamedRef, locale: LineLocale) => string;

/** The names a line carries (English); how the domain renders its own lines. */
export const carriedNames: NameOf = (ref) => ref.name;

const MESSAGES = {
  en: {
    'period.month': 'monthly',
    'period.year': 'annual',
    plan: '{name} ({period})',
    counted: '{quantity, number} × {name}',
    site: '{site}: {text}',
    payer: '{label} — {text}',
    days: '{days, number} of {period_days, number} days',
    delta: '{sign}{quantity, number} × {name}, {days}',
    unused: 'Unused time on {item}, {days}',
    remaining: 'Remaining time on {item}, {days}',
    once: '{quantity, number} × {name} (one-off)',
    refund: 'Credit: {text} (cancelled within the cancellation window)',
    overage: '{feature}: {used, number} used, {limit, number} included, {billed, number} billed',
    'overage.months':
      '{feature}: {windows} used in {months, number} months, {limit, number} included each month, {billed, number} billed',
    extra_users:
      '{feature}: at most {peak, plural, one {# user} other {# users}} in the period, {limit, number} included (plan and packs), {extra, number} extra',
    before: '{text} ({before, number} invoiced before, counted since)',
  },
  fr: {
    'period.month': 'mensuel',
    'period.year': 'annuel',
    plan: '{name} ({period})',
    counted: '{quantity, number} × {name}',
    site: '{site}\u00a0: {text}',
    payer: '{label} — {text}',
    days: '{days, plural, one {# jour} other {# jours}} sur {period_days, number}',
    delta: '{sign}{quantity, number} × {name}, {days}',
    unused: 'Temps non utilisé sur {item}, {days}',
    remaining: 'Temps restant sur {item}, {days}',
    once: '{quantity, number} × {name} (achat unique)',
    refund: 'Avoir\u00a0: {text} (annulé pendant le délai d’annulation)',
    overage:
      '{feature}\u00a0: {used, number} utilisés, {limit, number} inclus, {billed, plural, one {# facturé} other {# facturés}}',
    'overage.months':
      '{feature}\u00a0: {windows} utilisés sur {months, number} mois, {limit, number} inclus par mois, {billed, plural, one {# facturé} other {# facturés}}',
    extra_users:
      '{feature}\u00a0: au plus {peak, plural, one {# utilisateur} other {# utilisateurs}} sur la période, {limit, number} inclus (offre et packs), {extra, plural, one {# supplémentaire} other {# supplémentaires}}',
    before: '{text} ({before, number} déjà facturés, comptés depuis)',
  },
  de: {
    'period.month': 'monatlich',
    'period.year': 'jährlich',
    plan: '{name} ({period})',
    counted: '{quantity, number} × {name}',
    site: '{site}: {text}',
    payer: '{label} — {text}',
    days: '{days, number} von {period_days, plural, one {# Tag} other {# Tagen}}',
    delta: '{sign}{quantity, number} × {name}, {days}',
    unused: 'Nicht genutzte Zeit für {item}, {days}',
    remaining: 'Verbleibende Zeit für {item}, {days}',
    once: '{quantity, number} × {name} (einmalig)',
    refund: 'Gutschrift: {text} (innerhalb der Widerrufsfrist storniert)',
    overage: '{feature}: {used, number} genutzt, {limit, number} inklusive, {billed, number} berechnet',
    'overage.months':
      '{feature}: {windows} genutzt in {months, number} Monaten, {limit, number} inklusive pro Monat, {billed, number} berechnet',
    extra_users:
      '{feature}: höchstens {peak, plural, one {# Benutzer} other {# Benutzer}} im Zeitraum, {limit, number} inklusive (Tarif und Pakete), {extra, number} zusätzlich',
    before: '{text} ({before, number} bereits berechnet, seitdem gezählt)',
  },
} as const satisfies Record<LineLocale, Record<string, string>>;

type MessageId = keyof (typeof MESSAGES)['en'];
const compiled = new Map<string, IntlMessageFormat>();

function say(locale: LineLocale, id: MessageId, values: Record<string, string | number>): string {
  const key = `${locale}:${id}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(MESSAGES[locale][id], locale);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

const MINUS = '\u2212';

/** The line in the reader's language, naming catalog items as `nameOf` gives them. */
export function renderLineText(text: LineText, locale: LineLocale, nameOf: NameOf = carriedNames): string {
  const name = (ref: NamedRef) => nameOf(ref, locale);
  const counted = (quantity: number, ref: NamedRef) =>
    quantity === 1 ? name(ref) : say(locale, 'counted', { quantity, name: name(ref) });
  const days = (d: Days) => say(locale, 'days', { days: d.days, period_days: d.period_days });
  const atSite = (site: string | undefined, inner: string) =>
    site ? say(locale, 'site', { site, text: inner }) : inner;
  switch (text.t) {
    case 'plan': {
      const label = say(locale, 'plan', {
        name: name(text.plan),
        period: say(locale, text.period === 'year' ? 'period.year' : 'period.month', {}),
      });
      const inner = text.per_seat ? say(locale, 'counted', { quantity: text.quantity, name: label }) : label;
      return atSite(text.site, inner);
    }
    case 'addon':
      return say(locale, 'counted', { quantity: text.quantity, name: name(text.addon) });
    case 'delta':
      return atSite(
        text.site,
        say(locale, 'delta', {
          sign: text.quantity < 0 ? MINUS : '+',
          quantity: Math.abs(text.quantity),
          name: name(text.item),
          days: days(text),
        }),
      );
    case 'unused':
    case 'remaining':
      return atSite(
        text.site,
        say(locale, text.t, { item: counted(text.quantity, text.item), days: days(text) }),
      );
    case 'once':
      return say(locale, 'once', { quantity: text.quantity, name: name(text.addon) });
    case 'refund':
      return say(locale, 'refund', { text: renderLineText(text.of, locale, nameOf) });
    case 'overage': {
      const used = text.windows.reduce((n, w) => n + w, 0);
      const inner =
        text.windows.length <= 1
          ? say(locale, 'overage', {
              feature: name(text.feature),
              used,
              limit: text.limit,
              billed: text.billed,
            })
          : say(locale, 'overage.months', {
              feature: name(text.feature),
              windows: text.windows.map((w) => new Intl.NumberFormat(locale).format(w)).join(' + '),
              months: text.windows.length,
              limit: text.limit,
              billed: text.billed,
            });
      return text.before > 0 ? say(locale, 'before', { text: inner, before: text.before }) : inner;
    }
    case 'extra_users': {
      const inner = say(locale, 'extra_users', {
        feature: name(text.feature),
        peak: text.peak,
        limit: text.limit,
        extra: text.extra,
      });
      return text.before > 0 ? say(locale, 'before', { text: inner, before: text.before }) : inner;
    }
    case 'payer':
      return say(locale, 'payer', { label: text.label, text: renderLineText(text.of, locale, nameOf) });
  }
}
