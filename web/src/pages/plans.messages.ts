import { defineMessages } from '../i18n/catalog.ts';

export const plans = defineMessages({
  en: { 'plans.title': 'Plans' },
  fr: { 'plans.title': 'Plans' },
  de: { 'plans.title': 'Plans' },
});
