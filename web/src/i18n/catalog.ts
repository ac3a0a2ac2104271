/**
 * Messages are ICU MessageFormat (plural rules, selects, numbers) rendered by react-intl. Each area of
 * the portal keeps its own messages beside its code, as `defineMessages({ en, fr, de })`: the French
 * and German tables must have exactly the English keys, which the type checker enforces.
 */
export const LOCALES = ['en', 'fr', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export type Table = Record<string, string>;
export interface Messages<T extends Table> {
  en: T;
  fr: { [K in keyof T]: string };
  de: { [K in keyof T]: string };
}

/** French typography: a no-break space before : ; % ! ? (written as plain spaces in the tables). */
const typeset = <T extends Table>(table: T): T =>
  Object.fromEntries(
    Object.entries(table).map(([k, v]) => [k, v.replace(/ ([:;%!?])(?!:)/g, '\u00a0$1')]),
  ) as T;

export function defineMessages<T extends Table>(messages: Messages<T>): Messages<T> {
  return { ...messages, fr: typeset(messages.fr) };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };
