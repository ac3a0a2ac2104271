import { createContext, useContext } from 'react';
import type { Locale } from '../i18n/catalog.ts';
import type { Account, CurrentPortalSession, Subscription } from './api.ts';

export interface Portal {
  session: CurrentPortalSession;
  /** The account the session opened on. */
  account: Account;
  /** Its subscription that is trialing or active, if any. */
  subscription: Subscription | null;
  /** May change subscriptions, licences and packs (owner or subscription manager). */
  canManage: boolean;
  isOwner: boolean;
  locale: Locale;
  setLocale(locale: Locale): void;
  /** Milliseconds since the epoch by the account's clock (a test clock's when it is on one). */
  now(): number;
  /** The account has customers or sites below it: the portal shows them (Customers, or Sites). */
  hasAccountsBelow: boolean;
}

export const PortalContext = createContext<Portal | null>(null);

export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (!portal) throw new Error('usePortal outside the portal');
  return portal;
}
