import type { Locale } from './catalog.ts';

export type LocaleMessages = Record<string, string>;

/**
 * The portal's messages, one locale at a time: each is its own chunk (`virtual:portal-messages/…`,
 * made at build time from messages.ts by web/vite.config.ts), fetched when that locale is chosen, so a
 * page never carries the other languages. English stays react-intl's default locale.
 */
const CHUNKS: Record<Locale, () => Promise<{ default: LocaleMessages }>> = {
  en: () => import('virtual:portal-messages/en'),
  fr: () => import('virtual:portal-messages/fr'),
  de: () => import('virtual:portal-messages/de'),
};

const loading = new Map<Locale, Promise<LocaleMessages>>();
const loaded = new Map<Locale, LocaleMessages>();

/** A locale's messages once fetched, else undefined (see `loadMessages`). */
export function loadedMessages(locale: Locale): LocaleMessages | undefined {
  return loaded.get(locale);
}

/** Fetches a locale's messages (once: later calls share the answer; a failed fetch is tried again). */
export function loadMessages(locale: Locale): Promise<LocaleMessages> {
  let pending = loading.get(locale);
  if (!pending) {
    pending = CHUNKS[locale]().then(
      (chunk) => {
        loaded.set(locale, chunk.default);
        return chunk.default;
      },
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}
