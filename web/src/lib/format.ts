import { useIntl } from 'react-intl';
import { usePortal } from './portal.tsx';

/** The catalog names modules by key only ("erp-sales"): shown without the product prefix, capitalised. */
export function moduleName(key: string): string {
  const bare = key.includes('-') ? key.slice(key.indexOf('-') + 1) : key;
  const words = bare.replace(/-/g, ' ');
  return words.length <= 3 ? words.toUpperCase() : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Minor units to the exact decimal string Intl formats (no float on the way: 1999 → "19.99"). */
export function decimalOf(amount: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Formatting in the reader's language and the account's time zone. */
export function useFormat() {
  const intl = useIntl();
  const { account } = usePortal();
  const timeZone = account.timezone;
  return {
    money(amount: number, currency: string): string {
      // Intl takes a decimal string exactly (ES2023 Intl.NumberFormat v3).
      return new Intl.NumberFormat(intl.locale, { style: 'currency', currency }).format(
        decimalOf(amount, currency) as unknown as number,
      );
    },
    number(n: number): string {
      return intl.formatNumber(n);
    },
    /** An instant, as a date in the account's zone. */
    date(iso: string): string {
      return intl.formatDate(iso, { dateStyle: 'long', timeZone });
    },
    /** An instant with its time, in the account's zone, naming the zone. */
    dateTime(iso: string): string {
      return intl.formatDate(iso, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      });
    },
    /** A calendar date (YYYY-MM-DD) as it is, with no zone to move it. */
    day(date: string): string {
      return intl.formatDate(`${date}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
    },
    shortDay(date: string): string {
      return intl.formatDate(`${date}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    },
    /** The last day of a period whose end is exclusive: people read "1–31 May", not "1 May–1 June". */
    lastDay(endExclusive: string): string {
      return new Date(Date.parse(`${endExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    },
    timeZone,
  };
}
