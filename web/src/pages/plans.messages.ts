import { defineMessages } from '../i18n/catalog.ts';

/** The Plans page, and what it shares with Licences and Packs (ChangePreview.tsx: `plans.change.*`, `plans.none.*`). */
export const plans = defineMessages({
  en: {
    'plans.title': 'Plans',
    'plans.unknownPlan':
      'Your plan ({plan}) is no longer in the catalogue; the vendor can change it for you.',
    'plans.compare': 'Compare plans',
    'plans.compareHelp':
      'Prices before tax, in {currency}, for {period, select, year {annual} other {monthly}} billing like your subscription.',
    'plans.current': 'Current plan',
    'plans.currentNote': 'You are on this plan.',
    'plans.notPriced': 'Not sold in your currency',
    'plans.unavailable.period':
      'Sold {period, select, year {annually} other {monthly}} only — switch your billing period first.',
    'plans.unavailable.periodLink': 'Billing period',
    'plans.unavailable.currency': 'Not sold in {currency}.',
    'plans.choose.up': 'Upgrade<h> to {plan}</h>',
    'plans.choose.down': 'Downgrade<h> to {plan}</h>',
    'plans.choose.same': 'Switch<h> to {plan}</h>',
    'plans.price.flat': '<b>{price}</b> per {period, select, year {year} other {month}}',
    'plans.price.seat':
      '<b>{price}</b> per {unit, select, agent {agent} user {user} other {licence}} per {period, select, year {year} other {month}}',
    'plans.value.included': 'Included',
    'plans.value.notIncluded': 'Not included',
    'plans.value.unlimited': 'Unlimited',
    'plans.value.none': 'None included',
    'plans.value.amount': '{limit, number}',
    'plans.value.perPeriod':
      '{limit, number} per {per, select, month {month} year {year} other {billing period}}',
    'plans.value.perLicence':
      '{included, plural, =0 {One per licence} other {# included, plus one per licence}}',
    'plans.preview.title': 'Change to {plan}',
    'plans.preview.split':
      'This period you pay {used} of {period} days of {current} and {days} of {period} days of {plan}.',
    'plans.preview.intro':
      'The change takes effect now: the unused part of this period on {current} is credited, and {plan} is charged until {date}.',
    'plans.preview.introTrial':
      'You are in your trial: the change takes effect now, and nothing is billed until the trial ends.',
    'plans.preview.changes': 'What changes',
    'plans.preview.fromTo': '{from} → {to}',
    'plans.preview.overTitle': 'What you use now does not all fit {plan}',
    'plans.preview.over':
      '{name}: {used, number} used, {limit, number} allowed — more will be refused until it resets.',
    'plans.preview.overNever': '{name}: {used, number} used, {limit, number} allowed — more will be refused.',
    'plans.preview.lost': '{name}: {used, number} in use, not included in {plan}.',
    'plans.done': 'You are now on {plan}.',
    'plans.period.title': 'Billing period',
    'plans.period.current': 'You are billed <b>{period, select, year {annually} other {monthly}}</b>.',
    'plans.period.now': 'Current',
    'plans.period.perYear': '{amount} per year',
    'plans.period.twelve': '12 × {amount}',
    'plans.period.seats':
      '× {n, plural, one {# {unit, select, agent {agent} user {user} other {licence}}} other {# {unit, select, agent {agents} user {users} other {licences}}}}',
    'plans.period.notSold': 'Not sold this way',
    'plans.period.saving': 'Save {saving, number, ::percent}',
    'plans.period.help':
      'What {plan} costs over a year, before tax. A switch takes effect at your next renewal.',
    'plans.period.switch': 'Switch to {period, select, year {annual} other {monthly}} billing',
    'plans.period.confirm':
      'From {date}, you will be billed {period, select, year {annually} other {monthly}}: {amount} per year instead of {was}. Until then, nothing changes.',
    'plans.period.scheduled':
      'You will be billed {period, select, year {annually} other {monthly}} from {date}.',
    'plans.period.done': 'You will be billed {period, select, year {annually} other {monthly}} from {date}.',
    'plans.period.kept':
      'The switch is cancelled: you stay on {period, select, year {annual} other {monthly}} billing.',
    'plans.period.keep': 'Keep {period, select, year {annual} other {monthly}} billing',
    'plans.period.onlyThis':
      '{plan} is sold {period, select, year {annually} other {monthly}} only in your currency.',
    'plans.change.due':
      '{zero, select, yes {Nothing to pay now.} other {When you confirm, <b>{amount}</b> is due now.}}',
    'plans.change.credit': '{amount} will be kept as credit on your account and used on your next invoices.',
    'plans.change.working': 'Confirming…',
    'plans.change.doneTitle': 'Done',
    'plans.change.invoice':
      'Invoice {number} for {total} was issued{kind, select, due {; {due} is due} credit {; {credit} is kept as credit on your account} paid {; it is paid} other {}}.',
    'plans.change.creditNote':
      'Credit note {number} for {total} was issued; {kind, select, invoice {it is deducted from invoice {invoice}} other {it is kept as credit on your account and used on your next invoices}}.',
    'plans.change.noInvoice': 'Nothing was invoiced for this change.',
    'plans.change.seeInvoices': 'See your invoices',
    'plans.change.seeOverview': 'See your subscription',
    'plans.none.title': 'No subscription',
    'plans.none.text': 'This page shows your subscription once you have one.',
  },
  fr: {
    'plans.title': 'Offres',
    'plans.unknownPlan':
      'Votre offre ({plan}) ne figure plus au catalogue ; l’éditeur peut la changer pour vous.',
    'plans.compare': 'Comparer les offres',
    'plans.compareHelp':
      'Prix hors taxes, en {currency}, pour une facturation {period, select, year {annuelle} other {mensuelle}}, comme votre abonnement.',
    'plans.current': 'Offre actuelle',
    'plans.currentNote': 'C’est votre offre actuelle.',
    'plans.notPriced': 'Non proposée dans votre devise',
    'plans.unavailable.period':
      'Vendue uniquement {period, select, year {à l’année} other {au mois}} — changez d’abord votre périodicité de facturation.',
    'plans.unavailable.periodLink': 'Périodicité de facturation',
    'plans.unavailable.currency': 'Non proposée en {currency}.',
    'plans.choose.up': 'Monter en gamme<h> : {plan}</h>',
    'plans.choose.down': 'Descendre en gamme<h> : {plan}</h>',
    'plans.choose.same': 'Choisir<h> {plan}</h>',
    'plans.price.flat': '<b>{price}</b> par {period, select, year {an} other {mois}}',
    'plans.price.seat':
      '<b>{price}</b> par {unit, select, agent {agent} user {utilisateur} other {licence}} et par {period, select, year {an} other {mois}}',
    'plans.value.included': 'Inclus',
    'plans.value.notIncluded': 'Non inclus',
    'plans.value.unlimited': 'Illimité',
    'plans.value.none': '0 inclus',
    'plans.value.amount': '{limit, number}',
    'plans.value.perPeriod':
      '{limit, number} par {per, select, month {mois} year {an} other {période de facturation}}',
    'plans.value.perLicence': '{included, plural, =0 {1 par licence} other {# inclus, plus 1 par licence}}',
    'plans.preview.title': 'Passer à {plan}',
    'plans.preview.split':
      'Sur cette période, vous payez {used} jours sur {period} de {current} et {days} jours sur {period} de {plan}.',
    'plans.preview.intro':
      'Le changement prend effet immédiatement : la part non utilisée de la période sur {current} est créditée, et {plan} est facturée jusqu’au {date}.',
    'plans.preview.introTrial':
      'Vous êtes en période d’essai : le changement prend effet immédiatement et rien n’est facturé avant la fin de l’essai.',
    'plans.preview.changes': 'Ce qui change',
    'plans.preview.fromTo': '{from} → {to}',
    'plans.preview.overTitle': 'Votre utilisation actuelle ne tient pas entièrement dans {plan}',
    'plans.preview.over':
      '{name} : {used, number} utilisés, {limit, number} autorisés — toute nouvelle utilisation sera refusée jusqu’à la remise à zéro.',
    'plans.preview.overNever':
      '{name} : {used, number} utilisés, {limit, number} autorisés — toute nouvelle utilisation sera refusée.',
    'plans.preview.lost': '{name} : {used, number} en cours d’utilisation, non inclus dans {plan}.',
    'plans.done': 'Vous êtes maintenant sur l’offre {plan}.',
    'plans.period.title': 'Périodicité de facturation',
    'plans.period.current':
      'Votre abonnement est facturé <b>{period, select, year {à l’année} other {au mois}}</b>.',
    'plans.period.now': 'Actuelle',
    'plans.period.perYear': '{amount} par an',
    'plans.period.twelve': '12 × {amount}',
    'plans.period.seats':
      '× {n, plural, one {# {unit, select, agent {agent} user {utilisateur} other {licence}}} other {# {unit, select, agent {agents} user {utilisateurs} other {licences}}}}',
    'plans.period.notSold': 'Non proposée ainsi',
    'plans.period.saving': 'Économisez {saving, number, ::percent}',
    'plans.period.help':
      'Ce que coûte {plan} sur un an, hors taxes. Un changement prend effet à votre prochain renouvellement.',
    'plans.period.switch': 'Passer à la facturation {period, select, year {annuelle} other {mensuelle}}',
    'plans.period.confirm':
      'À partir du {date}, votre abonnement sera facturé {period, select, year {à l’année} other {au mois}} : {amount} par an au lieu de {was}. D’ici là, rien ne change.',
    'plans.period.scheduled':
      'Votre abonnement sera facturé {period, select, year {à l’année} other {au mois}} à partir du {date}.',
    'plans.period.done':
      'Votre abonnement sera facturé {period, select, year {à l’année} other {au mois}} à partir du {date}.',
    'plans.period.kept':
      'Le changement est annulé : vous restez en facturation {period, select, year {annuelle} other {mensuelle}}.',
    'plans.period.keep': 'Garder la facturation {period, select, year {annuelle} other {mensuelle}}',
    'plans.period.onlyThis':
      '{plan} n’est proposée {period, select, year {qu’à l’année} other {qu’au mois}} dans votre devise.',
    'plans.change.due':
      '{zero, select, yes {Rien à payer maintenant.} other {En confirmant, vous aurez <b>{amount}</b> à payer maintenant.}}',
    'plans.change.credit':
      '{amount} resteront en avoir sur votre compte et seront déduits de vos prochaines factures.',
    'plans.change.working': 'Confirmation…',
    'plans.change.doneTitle': 'C’est fait',
    'plans.change.invoice':
      'La facture {number} d’un montant de {total} a été émise{kind, select, due { ; {due} reste à payer} credit { ; {credit} restent en avoir sur votre compte} paid { ; elle est réglée} other {}}.',
    'plans.change.creditNote':
      'L’avoir {number} d’un montant de {total} a été émis{kind, select, invoice { ; il est déduit de la facture {invoice}} other { ; il est conservé sur votre compte et déduit de vos prochaines factures}}.',
    'plans.change.noInvoice': 'Rien n’a été facturé pour ce changement.',
    'plans.change.seeInvoices': 'Voir vos factures',
    'plans.change.seeOverview': 'Voir votre abonnement',
    'plans.none.title': 'Aucun abonnement',
    'plans.none.text': 'Cette page présente votre abonnement dès que vous en avez un.',
  },
  de: {
    'plans.title': 'Tarife',
    'plans.unknownPlan':
      'Ihr Tarif ({plan}) ist nicht mehr im Katalog; der Anbieter kann ihn für Sie ändern.',
    'plans.compare': 'Tarife vergleichen',
    'plans.compareHelp':
      'Preise ohne Steuern, in {currency}, bei {period, select, year {jährlicher} other {monatlicher}} Abrechnung wie Ihr Abonnement.',
    'plans.current': 'Aktueller Tarif',
    'plans.currentNote': 'Das ist Ihr aktueller Tarif.',
    'plans.notPriced': 'In Ihrer Währung nicht erhältlich',
    'plans.unavailable.period':
      'Nur {period, select, year {jährlich} other {monatlich}} erhältlich – ändern Sie zuerst Ihren Abrechnungszeitraum.',
    'plans.unavailable.periodLink': 'Abrechnungszeitraum',
    'plans.unavailable.currency': 'Nicht in {currency} erhältlich.',
    'plans.choose.up': 'Upgraden<h> auf {plan}</h>',
    'plans.choose.down': 'Downgraden<h> auf {plan}</h>',
    'plans.choose.same': 'Wechseln<h> zu {plan}</h>',
    'plans.price.flat': '<b>{price}</b> pro {period, select, year {Jahr} other {Monat}}',
    'plans.price.seat':
      '<b>{price}</b> pro {unit, select, agent {Agent} user {Benutzer} other {Lizenz}} und {period, select, year {Jahr} other {Monat}}',
    'plans.value.included': 'Inklusive',
    'plans.value.notIncluded': 'Nicht enthalten',
    'plans.value.unlimited': 'Unbegrenzt',
    'plans.value.none': '0 inklusive',
    'plans.value.amount': '{limit, number}',
    'plans.value.perPeriod':
      '{limit, number} pro {per, select, month {Monat} year {Jahr} other {Abrechnungszeitraum}}',
    'plans.value.perLicence': '{included, plural, =0 {1 pro Lizenz} other {# inklusive, plus 1 pro Lizenz}}',
    'plans.preview.title': 'Wechsel zu {plan}',
    'plans.preview.split':
      'In diesem Zeitraum zahlen Sie {used} von {period} Tagen {current} und {days} von {period} Tagen {plan}.',
    'plans.preview.intro':
      'Die Änderung gilt sofort: Der ungenutzte Teil des Zeitraums mit {current} wird gutgeschrieben, {plan} wird bis zum {date} berechnet.',
    'plans.preview.introTrial':
      'Sie sind in der Testphase: Die Änderung gilt sofort, und bis zum Ende der Testphase wird nichts berechnet.',
    'plans.preview.changes': 'Was sich ändert',
    'plans.preview.fromTo': '{from} → {to}',
    'plans.preview.overTitle': 'Ihre aktuelle Nutzung passt nicht ganz zu {plan}',
    'plans.preview.over':
      '{name}: {used, number} verbraucht, {limit, number} erlaubt – weitere Nutzung wird bis zum Zurücksetzen abgelehnt.',
    'plans.preview.overNever':
      '{name}: {used, number} verbraucht, {limit, number} erlaubt – weitere Nutzung wird abgelehnt.',
    'plans.preview.lost': '{name}: {used, number} in Nutzung, in {plan} nicht enthalten.',
    'plans.done': 'Sie nutzen jetzt {plan}.',
    'plans.period.title': 'Abrechnungszeitraum',
    'plans.period.current':
      'Sie werden <b>{period, select, year {jährlich} other {monatlich}}</b> abgerechnet.',
    'plans.period.now': 'Aktuell',
    'plans.period.perYear': '{amount} pro Jahr',
    'plans.period.twelve': '12 × {amount}',
    'plans.period.seats':
      '× {n, plural, one {# {unit, select, agent {Agent} user {Benutzer} other {Lizenz}}} other {# {unit, select, agent {Agenten} user {Benutzer} other {Lizenzen}}}}',
    'plans.period.notSold': 'So nicht erhältlich',
    'plans.period.saving': '{saving, number, ::percent} sparen',
    'plans.period.help':
      'Was {plan} über ein Jahr kostet, ohne Steuern. Ein Wechsel gilt ab Ihrer nächsten Verlängerung.',
    'plans.period.switch': 'Zur {period, select, year {jährlichen} other {monatlichen}} Abrechnung wechseln',
    'plans.period.confirm':
      'Ab dem {date} wird {period, select, year {jährlich} other {monatlich}} abgerechnet: {amount} pro Jahr statt {was}. Bis dahin ändert sich nichts.',
    'plans.period.scheduled':
      'Ab dem {date} wird {period, select, year {jährlich} other {monatlich}} abgerechnet.',
    'plans.period.done':
      'Ab dem {date} wird {period, select, year {jährlich} other {monatlich}} abgerechnet.',
    'plans.period.kept':
      'Der Wechsel ist storniert: Es bleibt bei der {period, select, year {jährlichen} other {monatlichen}} Abrechnung.',
    'plans.period.keep': 'Bei {period, select, year {jährlicher} other {monatlicher}} Abrechnung bleiben',
    'plans.period.onlyThis':
      '{plan} ist in Ihrer Währung nur {period, select, year {jährlich} other {monatlich}} erhältlich.',
    'plans.change.due':
      '{zero, select, yes {Jetzt ist nichts zu zahlen.} other {Mit Ihrer Bestätigung sind jetzt <b>{amount}</b> fällig.}}',
    'plans.change.credit':
      '{amount} bleiben als Guthaben auf Ihrem Konto und werden mit Ihren nächsten Rechnungen verrechnet.',
    'plans.change.working': 'Wird bestätigt…',
    'plans.change.doneTitle': 'Erledigt',
    'plans.change.invoice':
      'Die Rechnung {number} über {total} wurde ausgestellt{kind, select, due {; {due} sind fällig} credit {; {credit} bleiben als Guthaben auf Ihrem Konto} paid {; sie ist bezahlt} other {}}.',
    'plans.change.creditNote':
      'Die Gutschrift {number} über {total} wurde ausgestellt{kind, select, invoice {; sie wird mit der Rechnung {invoice} verrechnet} other {; sie bleibt als Guthaben auf Ihrem Konto und wird mit Ihren nächsten Rechnungen verrechnet}}.',
    'plans.change.noInvoice': 'Für diese Änderung wurde nichts berechnet.',
    'plans.change.seeInvoices': 'Ihre Rechnungen ansehen',
    'plans.change.seeOverview': 'Ihr Abonnement ansehen',
    'plans.none.title': 'Kein Abonnement',
    'plans.none.text': 'Diese Seite zeigt Ihr Abonnement, sobald Sie eines haben.',
  },
});
