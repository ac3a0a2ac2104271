import { defineMessages } from '../i18n/catalog.ts';

export const customerCreate = defineMessages({
  en: {
    'customerCreate.title': 'New customer',
    'customerCreate.open': 'Create a customer',
    'customerCreate.name': 'Customer name',
    'customerCreate.period': 'Billing cycle',
    'customerCreate.terms':
      'The customer is billed as your other customers are. Its billing cycle can be changed later; a change takes effect at the next cycle.',
    'customerCreate.submit': 'Create the customer',
    'customerCreate.done': '{name} has been created.',
    'customerCreate.see': 'Open it to add its sites and seats',
  },
  fr: {
    'customerCreate.title': 'Nouveau client',
    'customerCreate.open': 'Créer un client',
    'customerCreate.name': 'Nom du client',
    'customerCreate.period': 'Cycle de facturation',
    'customerCreate.terms':
      'Le client est facturé comme vos autres clients. Son cycle de facturation pourra être modifié ; un changement prend effet au cycle suivant.',
    'customerCreate.submit': 'Créer le client',
    'customerCreate.done': '{name} a été créé.',
    'customerCreate.see': 'L’ouvrir pour ajouter ses sites et ses souscriptions',
  },
  de: {
    'customerCreate.title': 'Neuer Kunde',
    'customerCreate.open': 'Kunden anlegen',
    'customerCreate.name': 'Name des Kunden',
    'customerCreate.period': 'Abrechnungszyklus',
    'customerCreate.terms':
      'Der Kunde wird wie Ihre anderen Kunden abgerechnet. Sein Abrechnungszyklus lässt sich später ändern; eine Änderung gilt ab dem nächsten Zyklus.',
    'customerCreate.submit': 'Kunden anlegen',
    'customerCreate.done': '{name} wurde angelegt.',
    'customerCreate.see': 'Öffnen, um Standorte und Plätze hinzuzufügen',
  },
});
