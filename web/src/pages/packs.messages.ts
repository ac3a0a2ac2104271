import { defineMessages } from '../i18n/catalog.ts';

export const packs = defineMessages({
  en: { 'packs.title': 'Packs' },
  fr: { 'packs.title': 'Packs' },
  de: { 'packs.title': 'Packs' },
});
