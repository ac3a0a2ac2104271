import { defineMessages } from '../i18n/catalog.ts';

export const invoices = defineMessages({
  en: { 'invoices.title': 'Invoices' },
  fr: { 'invoices.title': 'Invoices' },
  de: { 'invoices.title': 'Invoices' },
});
