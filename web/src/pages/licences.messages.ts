import { defineMessages } from '../i18n/catalog.ts';

export const licences = defineMessages({
  en: { 'licences.title': 'Licences' },
  fr: { 'licences.title': 'Licences' },
  de: { 'licences.title': 'Licences' },
});
