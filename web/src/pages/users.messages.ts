import { defineMessages } from '../i18n/catalog.ts';

export const users = defineMessages({
  en: { 'users.title': 'Users' },
  fr: { 'users.title': 'Users' },
  de: { 'users.title': 'Users' },
});
