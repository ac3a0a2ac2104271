import { common } from '../components/common.messages.ts';
import { customerCreate } from '../pages/customerCreate.messages.ts';
import { customers } from '../pages/customers.messages.ts';
import { history } from '../pages/history.messages.ts';
import { invoices } from '../pages/invoices.messages.ts';
import { licences } from '../pages/licences.messages.ts';
import { overview } from '../pages/overview.messages.ts';
import { packs } from '../pages/packs.messages.ts';
import { plans } from '../pages/plans.messages.ts';
import { subscribe } from '../pages/subscribe.messages.ts';
import { users } from '../pages/users.messages.ts';
import type { Locale, Messages, Table } from './catalog.ts';

const AREAS: Messages<Table>[] = [
  common,
  overview,
  plans,
  licences,
  packs,
  users,
  invoices,
  history,
  subscribe,
  customers,
  customerCreate,
];

/** Every message of the portal in one locale. Keys are namespaced by area (`plans.title`). */
export function messagesFor(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const area of AREAS) Object.assign(out, area[locale]);
  return out;
}
