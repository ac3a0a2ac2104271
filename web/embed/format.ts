import { IntlMessageFormat } from 'intl-messageformat';
import { isLocale, type Locale, MESSAGES, type MessageId } from './messages.ts';

/**
 * The visitor's language: the element's `locale`, else the page's `<html lang>`, else the browser's,
 * else English. `tag` is what Intl formats numbers with (a region such as de-CH is kept when its
 * language is one we speak); `locale` picks the messages.
 */
export interface Language {
  locale: Locale;
  tag: string;
}

export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    if (!candidate) continue;
    let tag: string;
    try {
      tag = Intl.getCanonicalLocales(candidate.trim())[0] ?? '';
    } catch {
      continue;
    }
    const base = tag.split('-')[0]?.toLowerCase();
    if (isLocale(base)) return { locale: base, tag };
  }
  return { locale: 'en', tag: 'en' };
}

export type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/** One message in one language; each message is compiled once per language tag. */
export function message(lang: Language, id: MessageId, values?: Values): string {
  const key = `${lang.tag}\u0000${id}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(MESSAGES[lang.locale][id], lang.tag);
    compiled.set(key, format);
  }
  return String(format.format(values));
}

const digitsCache = new Map<string, number>();

function fractionDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Minor units to the exact decimal string Intl formats (no float on the way: 1999 → "19.99").
 * Copied from web/src/lib/format.ts (`decimalOf`), which imports react-intl and so cannot be imported here.
 */
export function decimalOf(amount: number, currency: string): string {
  const digits = fractionDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * An amount in minor units as money in the visitor's language. `whole` drops the decimals of a
 * round list price (€15 rather than €15.00); totals keep them.
 */
export function money(lang: Language, amount: number, currency: string, whole = false): string {
  const round = whole && amount % 10 ** fractionDigits(currency) === 0;
  const key = `${lang.tag}|${currency}|${round}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang.tag, {
      style: 'currency',
      currency,
      ...(round ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  // Intl takes a decimal string exactly (ES2023 Intl.NumberFormat v3).
  return format.format(decimalOf(amount, currency) as Intl.StringNumericLiteral);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A whole percentage as the language writes it: 17%, 17 %, 17 %. */
export function percent(lang: Language, value: number): string {
  return new Intl.NumberFormat(lang.tag, { style: 'percent' }).format(
    `${value}E-2` as Intl.StringNumericLiteral,
  );
}

/** The currency's name in the visitor's language, for the currency selector ("EUR — euro"). */
export function currencyName(lang: Language, currency: string): string {
  try {
    const name = new Intl.DisplayNames(lang.tag, { type: 'currency' }).of(currency);
    return name && name !== currency ? `${currency} — ${name}` : currency;
  } catch {
    return currency;
  }
}
