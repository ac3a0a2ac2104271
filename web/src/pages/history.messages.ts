import { defineMessages } from '../i18n/catalog.ts';

export const history = defineMessages({
  en: { 'history.title': 'History' },
  fr: { 'history.title': 'History' },
  de: { 'history.title': 'History' },
});
