/**
 * The pricing table's words, as ICU MessageFormat (plurals, selects, numbers), formatted by
 * intl-messageformat in the visitor's language. The French and German tables must have exactly the
 * English keys, which the type checker enforces. Money and percentages arrive already formatted
 * (format.ts), so a message only places them.
 */
export const LOCALES = ['en', 'fr', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  loading: 'Loading prices…',
  'error.config': 'This pricing table is missing its publishable key or its table.',
  'error.notFound': 'This pricing table could not be found.',
  'error.keyRefused': 'This pricing table’s key is not valid or has been revoked.',
  'error.originRefused': 'These prices cannot be shown on this site.',
  'error.rateLimited': 'Too many visitors are asking for prices right now. Please try again in a minute.',
  'error.network': 'Prices could not be loaded. Please try again later.',
  'error.empty': 'No plan of this pricing table can be shown yet.',
  retry: 'Try again',
  'period.legend': 'Billing period',
  'period.option': '{period, select, year {Annual} other {Monthly}}',
  'period.saving': 'save {percent}',
  'currency.label': 'Currency',
  'licences.label': 'Licences',
  'licences.invalid': 'Enter a whole number from {min, number} to {max, number}.',
  'plan.popular': 'Most popular',
  'price.per':
    '{perSeat, select, yes {per licence per {period, select, year {year} other {month}}} other {per {period, select, year {year} other {month}}}}',
  'price.unavailable': 'Not available {period, select, year {annually} other {monthly}} in {currency}',
  trial: '{days, plural, one {# day free trial} other {# days free trial}}',
  'total.seat':
    '{quantity, plural, one {# licence} other {# licences}}: {amount} per {period, select, year {year} other {month}} {tax, select, included {incl. tax} other {excl. tax}}',
  'total.flat':
    'Total: {amount} per {period, select, year {year} other {month}} {tax, select, included {incl. tax} other {excl. tax}}',
  'total.perMonth': 'That is {amount} per month',
  'total.saving': 'You save {amount} a year',
  'total.pending': 'Calculating the total…',
  'total.failed': 'The total could not be calculated.',
  cta: 'Choose {plan}',
  'features.label': 'What {plan} includes',
  'feature.included': 'Included',
  'feature.notIncluded': 'Not included',
  'feature.unlimited': 'Unlimited',
  'feature.none': 'None included',
  'feature.amount': '{limit, number}',
  'feature.perPeriod': '{limit, number} / {per, select, year {year} other {month}}',
  'feature.perLicence': '{included, plural, =0 {One per licence} other {# included, plus one per licence}}',
} as const;

type Table = { [K in keyof typeof en]: string };

const fr: Table = {
  loading: 'Chargement des prix…',
  'error.config': 'Il manque à cette grille tarifaire sa clé publique ou sa grille.',
  'error.notFound': 'Cette grille tarifaire est introuvable.',
  'error.keyRefused': 'La clé de cette grille tarifaire n’est pas valide ou a été révoquée.',
  'error.originRefused': 'Ces prix ne peuvent pas être affichés sur ce site.',
  'error.rateLimited':
    'Trop de visiteurs demandent les prix en ce moment. Veuillez réessayer dans une minute.',
  'error.network': 'Les prix n’ont pas pu être chargés. Veuillez réessayer plus tard.',
  'error.empty': 'Aucune offre de cette grille tarifaire ne peut encore être affichée.',
  retry: 'Réessayer',
  'period.legend': 'Période de facturation',
  'period.option': '{period, select, year {Annuel} other {Mensuel}}',
  'period.saving': '{percent} d’économie',
  'currency.label': 'Devise',
  'licences.label': 'Licences',
  'licences.invalid': 'Saisissez un nombre entier de {min, number} à {max, number}.',
  'plan.popular': 'Le plus choisi',
  'price.per':
    '{perSeat, select, yes {par licence et par {period, select, year {an} other {mois}}} other {par {period, select, year {an} other {mois}}}}',
  'price.unavailable': 'Non disponible {period, select, year {à l’année} other {au mois}} en {currency}',
  trial: '{days, plural, one {# jour d’essai gratuit} other {# jours d’essai gratuit}}',
  'total.seat':
    '{quantity, plural, one {# licence} other {# licences}} : {amount} par {period, select, year {an} other {mois}} {tax, select, included {TTC} other {HT}}',
  'total.flat':
    'Total : {amount} par {period, select, year {an} other {mois}} {tax, select, included {TTC} other {HT}}',
  'total.perMonth': 'Soit {amount} par mois',
  'total.saving': 'Vous économisez {amount} par an',
  'total.pending': 'Calcul du total…',
  'total.failed': 'Le total n’a pas pu être calculé.',
  cta: 'Choisir {plan}',
  'features.label': 'Ce que comprend {plan}',
  'feature.included': 'Inclus',
  'feature.notIncluded': 'Non inclus',
  'feature.unlimited': 'Illimité',
  'feature.none': '0 inclus',
  'feature.amount': '{limit, number}',
  'feature.perPeriod': '{limit, number} / {per, select, year {an} other {mois}}',
  'feature.perLicence': '{included, plural, =0 {1 par licence} other {# inclus, plus 1 par licence}}',
};

const de: Table = {
  loading: 'Preise werden geladen …',
  'error.config': 'Dieser Preistabelle fehlt ihr öffentlicher Schlüssel oder ihre Tabelle.',
  'error.notFound': 'Diese Preistabelle wurde nicht gefunden.',
  'error.keyRefused': 'Der Schlüssel dieser Preistabelle ist ungültig oder wurde widerrufen.',
  'error.originRefused': 'Diese Preise können auf dieser Website nicht angezeigt werden.',
  'error.rateLimited':
    'Gerade fragen zu viele Besucher nach Preisen. Bitte versuchen Sie es in einer Minute erneut.',
  'error.network': 'Die Preise konnten nicht geladen werden. Bitte versuchen Sie es später erneut.',
  'error.empty': 'Aus dieser Preistabelle kann noch kein Tarif angezeigt werden.',
  retry: 'Erneut versuchen',
  'period.legend': 'Abrechnungszeitraum',
  'period.option': '{period, select, year {Jährlich} other {Monatlich}}',
  'period.saving': '{percent} sparen',
  'currency.label': 'Währung',
  'licences.label': 'Lizenzen',
  'licences.invalid': 'Geben Sie eine ganze Zahl von {min, number} bis {max, number} ein.',
  'plan.popular': 'Am beliebtesten',
  'price.per':
    '{perSeat, select, yes {pro Lizenz und {period, select, year {Jahr} other {Monat}}} other {pro {period, select, year {Jahr} other {Monat}}}}',
  'price.unavailable': 'Nicht {period, select, year {jährlich} other {monatlich}} in {currency} erhältlich',
  trial: '{days, plural, one {# Tag kostenlos testen} other {# Tage kostenlos testen}}',
  'total.seat':
    '{quantity, plural, one {# Lizenz} other {# Lizenzen}}: {amount} pro {period, select, year {Jahr} other {Monat}} {tax, select, included {inkl. Steuern} other {zzgl. Steuern}}',
  'total.flat':
    'Gesamt: {amount} pro {period, select, year {Jahr} other {Monat}} {tax, select, included {inkl. Steuern} other {zzgl. Steuern}}',
  'total.perMonth': 'Das sind {amount} pro Monat',
  'total.saving': 'Sie sparen {amount} pro Jahr',
  'total.pending': 'Gesamtbetrag wird berechnet …',
  'total.failed': 'Der Gesamtbetrag konnte nicht berechnet werden.',
  cta: '{plan} wählen',
  'features.label': 'Was {plan} enthält',
  'feature.included': 'Inklusive',
  'feature.notIncluded': 'Nicht enthalten',
  'feature.unlimited': 'Unbegrenzt',
  'feature.none': '0 inklusive',
  'feature.amount': '{limit, number}',
  'feature.perPeriod': '{limit, number} / {per, select, year {Jahr} other {Monat}}',
  'feature.perLicence': '{included, plural, =0 {1 pro Lizenz} other {# inklusive, plus 1 pro Lizenz}}',
};

export type MessageId = keyof typeof en;
export const MESSAGES: Record<Locale, Table> = { en, fr, de };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
