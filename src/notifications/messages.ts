/**
 * The e-mails Allot writes to an account's owners and subscription managers, in the account's
 * language (en, fr, de). Pure: every value it shows comes in.
 */

export type Locale = 'en' | 'fr' | 'de';

/** The events that e-mail the people who can act on them. */
export const NOTIFIED = [
  'quota.warning',
  'quota.exhausted',
  'seats.exhausted',
  'subscription.trial_will_end',
] as const;
export type NotifiedType = (typeof NOTIFIED)[number];

export const isNotified = (type: string): type is NotifiedType =>
  (NOTIFIED as readonly string[]).includes(type);

export interface MessageInput {
  type: NotifiedType;
  /** The event's data, as emitted. */
  data: Record<string, unknown>;
  locale: string;
  timeZone: string;
  accountName: string;
  recipientName: string;
  /** Display names of features, by key. */
  featureNames: ReadonlyMap<string, string>;
}

export interface Message {
  subject: string;
  text: string;
}

const LOCALES: readonly Locale[] = ['en', 'fr', 'de'];
const localeOf = (l: string): Locale => (LOCALES.includes(l as Locale) ? (l as Locale) : 'en');

const greeting = { en: 'Hello', fr: 'Bonjour', de: 'Hallo' } as const;
const signature = {
  en: 'This message was sent because you manage this account’s subscription.',
  fr: 'Vous recevez ce message car vous gérez l’abonnement de ce compte.',
  de: 'Sie erhalten diese Nachricht, weil Sie das Abonnement dieses Kontos verwalten.',
} as const;

export function compose(input: MessageInput): Message {
  const locale = localeOf(input.locale);
  const n = (v: unknown) => new Intl.NumberFormat(locale).format(Number(v));
  const day = (v: unknown) =>
    typeof v === 'string'
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: input.timeZone }).format(new Date(v))
      : null;
  // The local day before an end instant (a period or trial ends at the midnight after its last day).
  const lastDay = (v: unknown) =>
    typeof v === 'string'
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: input.timeZone }).format(
          new Date(new Date(v).getTime() - 1),
        )
      : null;
  const feature = String(input.data.feature ?? '');
  const name = input.featureNames.get(feature) ?? feature;
  const account = input.accountName;
  const body = BODIES[input.type][locale]({ ...input.data, n, day, lastDay, name, account });
  return {
    subject: body.subject,
    text: `${greeting[locale]} ${input.recipientName},\n\n${body.text}\n\n— Allot\n${signature[locale]}\n`,
  };
}

interface Values extends Record<string, unknown> {
  n: (v: unknown) => string;
  day: (v: unknown) => string | null;
  lastDay: (v: unknown) => string | null;
  name: string;
  account: string;
}

type Body = (v: Values) => Message;

const BODIES: Record<NotifiedType, Record<Locale, Body>> = {
  'quota.warning': {
    en: (v) => ({
      subject: `${v.account}: ${v.threshold}% of ${v.name} used`,
      text:
        `${v.account} has used ${v.n(v.used)} of its ${v.n(v.limit)} ${v.name} (${v.threshold}%)` +
        `${v.day(v.period_end) ? ` in the period that ends on ${v.day(v.period_end)}` : ''}.\n` +
        (v.overage === 'bill'
          ? 'Usage beyond the limit is counted and billed at the end of the period.'
          : v.overage === 'allow'
            ? 'Usage beyond the limit is still counted.'
            : 'Creating more is still possible until the limit is reached. To raise it, change the plan or add a pack.'),
    }),
    fr: (v) => ({
      subject: `${v.account} : ${v.threshold} % de ${v.name} utilisés`,
      text:
        `${v.account} a utilisé ${v.n(v.used)} sur ${v.n(v.limit)} ${v.name} (${v.threshold} %)` +
        `${v.day(v.period_end) ? ` sur la période qui se termine le ${v.day(v.period_end)}` : ''}.\n` +
        (v.overage === 'bill'
          ? 'Au-delà de la limite, l’usage est compté et facturé en fin de période.'
          : v.overage === 'allow'
            ? 'Au-delà de la limite, l’usage reste compté.'
            : 'La création reste possible jusqu’à la limite. Pour l’augmenter, changez de formule ou ajoutez un pack.'),
    }),
    de: (v) => ({
      subject: `${v.account}: ${v.threshold} % von ${v.name} verbraucht`,
      text:
        `${v.account} hat ${v.n(v.used)} von ${v.n(v.limit)} ${v.name} verbraucht (${v.threshold} %)` +
        `${v.day(v.period_end) ? ` im Zeitraum bis zum ${v.day(v.period_end)}` : ''}.\n` +
        (v.overage === 'bill'
          ? 'Nutzung über das Limit hinaus wird gezählt und am Ende des Zeitraums berechnet.'
          : v.overage === 'allow'
            ? 'Nutzung über das Limit hinaus wird weiter gezählt.'
            : 'Bis zum Limit kann weiter erstellt werden. Um es zu erhöhen, wechseln Sie den Tarif oder buchen Sie ein Paket hinzu.'),
    }),
  },
  'quota.exhausted': {
    en: (v) => ({
      subject: `${v.account}: the ${v.name} limit is reached`,
      text:
        `${v.account} has used all ${v.n(v.limit)} ${v.name} of this period.\n` +
        (v.overage === 'bill'
          ? 'Usage beyond it is counted and billed at the end of the period.'
          : v.overage === 'allow'
            ? 'Usage beyond it is still counted.'
            : `New ones are refused${v.day(v.period_end) ? ` until ${v.day(v.period_end)}` : ''}; existing ones stay readable and editable. ` +
              'To continue now, change the plan or add a pack.'),
    }),
    fr: (v) => ({
      subject: `${v.account} : la limite de ${v.name} est atteinte`,
      text:
        `${v.account} a utilisé la totalité de ses ${v.n(v.limit)} ${v.name} pour cette période.\n` +
        (v.overage === 'bill'
          ? 'Au-delà, l’usage est compté et facturé en fin de période.'
          : v.overage === 'allow'
            ? 'Au-delà, l’usage reste compté.'
            : `Les nouveaux sont refusés${v.day(v.period_end) ? ` jusqu’au ${v.day(v.period_end)}` : ''} ; les existants restent consultables et modifiables. ` +
              'Pour continuer dès maintenant, changez de formule ou ajoutez un pack.'),
    }),
    de: (v) => ({
      subject: `${v.account}: Das Limit für ${v.name} ist erreicht`,
      text:
        `${v.account} hat alle ${v.n(v.limit)} ${v.name} dieses Zeitraums verbraucht.\n` +
        (v.overage === 'bill'
          ? 'Nutzung darüber hinaus wird gezählt und am Ende des Zeitraums berechnet.'
          : v.overage === 'allow'
            ? 'Nutzung darüber hinaus wird weiter gezählt.'
            : `Neue werden${v.day(v.period_end) ? ` bis zum ${v.day(v.period_end)}` : ''} abgelehnt; bestehende bleiben lesbar und bearbeitbar. ` +
              'Um sofort weiterzumachen, wechseln Sie den Tarif oder buchen Sie ein Paket hinzu.'),
    }),
  },
  'seats.exhausted': {
    en: (v) => ({
      subject: `${v.account}: every ${v.name} seat is taken`,
      text:
        `All ${v.n(v.allocated)} ${v.name} seats of ${v.account} are in use.\n` +
        'A subscription manager can add a user, which adds a seat (billed pro rata); others cannot until a seat is freed.',
    }),
    fr: (v) => ({
      subject: `${v.account} : toutes les places ${v.name} sont prises`,
      text:
        `Les ${v.n(v.allocated)} places ${v.name} de ${v.account} sont toutes utilisées.\n` +
        'Un gestionnaire d’abonnement peut ajouter un utilisateur, ce qui ajoute une place (facturée au prorata) ; les autres ne le peuvent pas tant qu’aucune place n’est libérée.',
    }),
    de: (v) => ({
      subject: `${v.account}: Alle ${v.name}-Plätze sind belegt`,
      text:
        `Alle ${v.n(v.allocated)} ${v.name}-Plätze von ${v.account} sind belegt.\n` +
        'Ein Abonnementverwalter kann einen Benutzer hinzufügen, wodurch ein Platz hinzukommt (anteilig berechnet); andere erst, wenn ein Platz frei wird.',
    }),
  },
  // The trial ends at the first instant of the day after its last day: people are told the last day.
  'subscription.trial_will_end': {
    en: (v) => ({
      subject: `${v.account}: the trial's last day is ${v.lastDay(v.trial_end)}`,
      text:
        `The trial of ${v.account} runs until ${v.lastDay(v.trial_end)} inclusive.\n` +
        'Activate the subscription by then to keep using it; otherwise the account’s users are deactivated when the trial ends.',
    }),
    fr: (v) => ({
      subject: `${v.account} : dernier jour de l’essai le ${v.lastDay(v.trial_end)}`,
      text:
        `L’essai de ${v.account} dure jusqu’au ${v.lastDay(v.trial_end)} inclus.\n` +
        'Activez l’abonnement d’ici là pour continuer ; sinon, les utilisateurs du compte seront désactivés à la fin de l’essai.',
    }),
    de: (v) => ({
      subject: `${v.account}: Letzter Tag der Testphase ist der ${v.lastDay(v.trial_end)}`,
      text:
        `Die Testphase von ${v.account} läuft bis einschließlich ${v.lastDay(v.trial_end)}.\n` +
        'Aktivieren Sie das Abonnement bis dahin, um es weiter zu nutzen; sonst werden die Benutzer des Kontos am Ende der Testphase deaktiviert.',
    }),
  },
};
