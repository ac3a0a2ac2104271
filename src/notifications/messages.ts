/**
 * The e-mails Allot writes to an account's owners and subscription managers, in the account's
 * language (en, fr, de), as text and HTML from one set of ICU MessageFormat templates
 * (`templates/`). Pure: every value it shows comes in.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { LocalNames } from '../platform/db/schema.ts';
import type { PortalPage } from '../portal/sessions.ts';
import { renderHtml } from './html.ts';
import { PORTAL_BASE } from './links.ts';
import { de } from './templates/de.ts';
import { type Catalog, en, type MessageKey } from './templates/en.ts';
import { fr } from './templates/fr.ts';

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
  /** Who writes: the vendor (its legal name, else its tenant name). */
  vendorName: string;
  /** Features by key: the English name and the others. */
  features: ReadonlyMap<string, { name: string; names: LocalNames }>;
  /** The address of a portal page (see links.ts). */
  linkTo: (page: PortalPage) => string;
  /** Seats: the recipients manage the account from above (its customer or reseller). */
  managedFromAbove?: boolean;
}

export interface Message {
  subject: string;
  text: string;
  html: string;
  /** The call to action's address. */
  link: string;
}

const CATALOGS: Record<Locale, Catalog> = { en, fr, de };
const LOCALES = Object.keys(CATALOGS) as Locale[];
export const localeOf = (l: string): Locale => (LOCALES.includes(l as Locale) ? (l as Locale) : 'en');

const formats = new Map<string, IntlMessageFormat>();
/** A template, formatted (parsed once per locale and key). */
function say(locale: Locale, key: MessageKey, values: Readonly<Record<string, string | number>>): string {
  const id = `${locale}\u0000${key}`;
  let f = formats.get(id);
  if (!f) {
    f = new IntlMessageFormat(CATALOGS[locale][key], locale, undefined, { ignoreTag: true });
    formats.set(id, f);
  }
  return String(f.format(values));
}

interface Layout {
  subject: MessageKey;
  heading: MessageKey;
  paragraphs: MessageKey[];
  cta: MessageKey;
  page: PortalPage;
}

/** What each e-mail says, and which portal page acts on it. */
function layoutOf(input: MessageInput, atLimit: boolean): Layout {
  switch (input.type) {
    case 'quota.warning':
      // At 100 % the limit is reached: the e-mail says what happens now, as the exhaustion does.
      return atLimit
        ? {
            subject: 'quota.warning.subject',
            heading: 'quota.limit.heading',
            paragraphs: ['quota.reached', 'quota.after'],
            cta: 'quota.cta',
            page: 'plans',
          }
        : {
            subject: 'quota.warning.subject',
            heading: 'quota.warning.heading',
            paragraphs: ['quota.warning.used', 'quota.warning.left', 'quota.warning.next'],
            cta: 'quota.cta',
            page: 'plans',
          };
    case 'quota.exhausted':
      return {
        subject: 'quota.exhausted.subject',
        heading: 'quota.limit.heading',
        paragraphs: ['quota.reached', 'quota.after'],
        cta: 'quota.cta',
        page: 'plans',
      };
    case 'seats.exhausted':
      return input.managedFromAbove
        ? {
            subject: 'seats.subject',
            heading: 'seats.heading',
            paragraphs: ['seats.used', 'seats.next.above'],
            cta: 'seats.cta.customers',
            page: 'customers',
          }
        : {
            subject: 'seats.subject',
            heading: 'seats.heading',
            paragraphs: ['seats.used', 'seats.next'],
            cta: 'seats.cta.users',
            page: 'users',
          };
    case 'subscription.trial_will_end':
      return {
        subject: 'trial.subject',
        heading: 'trial.heading',
        paragraphs: ['trial.until', 'trial.next'],
        cta: 'trial.cta',
        page: 'subscribe',
      };
  }
}

export function compose(input: MessageInput): Message {
  const locale = localeOf(input.locale);
  const dateOf = (v: unknown, shiftMs = 0) =>
    typeof v === 'string'
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: input.timeZone }).format(
          new Date(new Date(v).getTime() + shiftMs),
        )
      : 'none';
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? 0) || 0);
  // Names come from users: they are shown as they are, but never hold the stored link's marker.
  const clean = (s: string) => s.replaceAll(PORTAL_BASE, '');
  const d = input.data;
  const feature = input.features.get(String(d.feature ?? ''));
  const name = clean(
    (locale === 'en' ? undefined : feature?.names[locale]) ?? feature?.name ?? String(d.feature ?? ''),
  );
  const limit = num(d.limit);
  const used = num(d.used);
  const values = {
    account: clean(input.accountName),
    recipient: clean(input.recipientName),
    vendor: clean(input.vendorName),
    name,
    threshold: num(d.threshold),
    used,
    limit,
    remaining: Math.max(limit - used, 0),
    allocated: num(d.allocated),
    overage: typeof d.overage === 'string' ? d.overage : 'block',
    // An end instant is the midnight after the last day: people read the last day, and the next
    // period begins on the day of the instant itself.
    periodEnd: dateOf(d.period_end, -1),
    nextStart: dateOf(d.period_end),
    lastDay: dateOf(d.trial_end, -1),
  };
  const layout = layoutOf(input, d.limit !== null && d.limit !== undefined && used >= limit);
  const t = (key: MessageKey) => say(locale, key, values);
  const subject = t(layout.subject);
  const paragraphs = layout.paragraphs.map(t);
  const cta = t(layout.cta);
  const link = input.linkTo(layout.page);
  const text = [
    t('greeting'),
    paragraphs.join('\n'),
    say(locale, 'textLink', { cta, link }),
    `${t('signature')}\n${t('footer')}`,
  ].join('\n\n');
  const html = renderHtml({
    lang: locale,
    subject,
    vendor: values.vendor,
    heading: t(layout.heading),
    greeting: t('greeting'),
    paragraphs,
    cta,
    link,
    linkIntro: t('linkIntro'),
    footer: t('footer'),
  });
  return { subject, text: `${text}\n`, html, link };
}
