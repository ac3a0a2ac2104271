import { defineMessages } from '../i18n/catalog.ts';

export const subscribe = defineMessages({
  en: { 'subscribe.title': 'Subscribe' },
  fr: { 'subscribe.title': 'Subscribe' },
  de: { 'subscribe.title': 'Subscribe' },
});
