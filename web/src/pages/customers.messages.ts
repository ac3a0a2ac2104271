import { defineMessages } from '../i18n/catalog.ts';

export const customers = defineMessages({
  en: { 'customers.title': 'Customers', 'customer.title': 'Customer' },
  fr: { 'customers.title': 'Clients', 'customer.title': 'Client' },
  de: { 'customers.title': 'Kunden', 'customer.title': 'Kunde' },
});
