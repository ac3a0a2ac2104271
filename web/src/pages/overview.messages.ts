import { defineMessages } from '../i18n/catalog.ts';

export const overview = defineMessages({
  en: {
    'overview.title': 'Your subscription',
    'overview.none.title': 'No subscription yet',
    'overview.none.text': 'Choose a plan, the number of licences and how you pay to start.',
    'overview.trial.title':
      '{days, plural, =0 {Your trial ends today} one {# day left in your trial} other {# days left in your trial}}',
    'overview.trial.text':
      'The trial ends on {date}. Subscribe before then to keep your data and your users.',
    'overview.trial.subscribe': 'Subscribe now',
    'overview.period': 'Current period',
    'overview.licences': 'Licences',
    'overview.modules': 'Modules',
    'overview.packs': 'Packs',
    'overview.noPacks': 'None',
    'overview.scheduled': 'Scheduled',
    'overview.scheduledPeriod': 'Billed {period, select, year {annually} other {monthly}} from {date}',
    'overview.autoRenew': 'Automatic renewal',
    'overview.renewsOn': 'Renews on {date}.',
    'overview.endsOn': 'Ends on {date}; it will not renew.',
    'overview.on': 'On',
    'overview.off': 'Off',
    'overview.cancel.title': 'Cancel the subscription',
    'overview.cancel.until': 'You can cancel with a full refund until {date}.',
    'overview.cancel.button': 'Cancel subscription',
    'overview.cancel.confirm':
      'Cancel now? The subscription ends at once and what you paid for this period is credited in full.',
    'overview.cancel.yes': 'Yes, cancel now',
    'overview.cancel.closed':
      'The 72-hour cancellation window closed on {date}. To stop at the end of the period, turn automatic renewal off.',
    'overview.quotas': 'Usage this period',
    'overview.quotasHelp':
      '{elapsed} % of the period has gone by; the mark on each bar shows where an even pace would be.',
    'overview.usedOf': '{used, number} of {limit, number}',
    'overview.state.ok': 'Within limit',
    'overview.state.warning': 'Close to the limit',
    'overview.state.exhausted': 'Limit reached',
    'overview.pace': 'At this pace: about {projected, number} of {limit, number} by the end of the period',
    'overview.notices': 'Notices',
    'overview.noNotices': 'No notices so far.',
  },
  fr: {
    'overview.title': 'Votre abonnement',
    'overview.none.title': 'Pas encore d’abonnement',
    'overview.none.text':
      'Choisissez une offre, le nombre de licences et votre mode de facturation pour commencer.',
    'overview.trial.title':
      '{days, plural, =0 {Votre essai se termine aujourd’hui} one {Il reste # jour d’essai} other {Il reste # jours d’essai}}',
    'overview.trial.text':
      'L’essai se termine le {date}. Abonnez-vous d’ici là pour conserver vos données et vos utilisateurs.',
    'overview.trial.subscribe': 'S’abonner maintenant',
    'overview.period': 'Période en cours',
    'overview.licences': 'Licences',
    'overview.modules': 'Modules',
    'overview.packs': 'Packs',
    'overview.noPacks': 'Aucun',
    'overview.scheduled': 'Prévu',
    'overview.scheduledPeriod':
      'Facturation {period, select, year {annuelle} other {mensuelle}} à partir du {date}',
    'overview.autoRenew': 'Renouvellement automatique',
    'overview.renewsOn': 'Renouvelé le {date}.',
    'overview.endsOn': 'Se termine le {date} ; il ne sera pas renouvelé.',
    'overview.on': 'Activé',
    'overview.off': 'Désactivé',
    'overview.cancel.title': 'Résilier l’abonnement',
    'overview.cancel.until': 'Vous pouvez résilier avec remboursement intégral jusqu’au {date}.',
    'overview.cancel.button': 'Résilier l’abonnement',
    'overview.cancel.confirm':
      'Résilier maintenant ? L’abonnement prend fin immédiatement et ce que vous avez payé pour cette période est intégralement crédité.',
    'overview.cancel.yes': 'Oui, résilier maintenant',
    'overview.cancel.closed':
      'Le délai de résiliation de 72 heures s’est terminé le {date}. Pour arrêter à la fin de la période, désactivez le renouvellement automatique.',
    'overview.quotas': 'Consommation de la période',
    'overview.quotasHelp':
      '{elapsed} % de la période est écoulé ; le repère sur chaque barre indique où en serait un rythme régulier.',
    'overview.usedOf': '{used, number} sur {limit, number}',
    'overview.state.ok': 'Dans la limite',
    'overview.state.warning': 'Proche de la limite',
    'overview.state.exhausted': 'Limite atteinte',
    'overview.pace': 'À ce rythme : environ {projected, number} sur {limit, number} en fin de période',
    'overview.notices': 'Notifications',
    'overview.noNotices': 'Aucune notification pour l’instant.',
  },
  de: {
    'overview.title': 'Ihr Abonnement',
    'overview.none.title': 'Noch kein Abonnement',
    'overview.none.text':
      'Wählen Sie einen Tarif, die Anzahl der Lizenzen und die Zahlungsweise, um zu beginnen.',
    'overview.trial.title':
      '{days, plural, =0 {Ihre Testphase endet heute} one {Noch # Tag Testphase} other {Noch # Tage Testphase}}',
    'overview.trial.text':
      'Die Testphase endet am {date}. Abonnieren Sie vorher, um Ihre Daten und Benutzer zu behalten.',
    'overview.trial.subscribe': 'Jetzt abonnieren',
    'overview.period': 'Aktueller Zeitraum',
    'overview.licences': 'Lizenzen',
    'overview.modules': 'Module',
    'overview.packs': 'Pakete',
    'overview.noPacks': 'Keine',
    'overview.scheduled': 'Geplant',
    'overview.scheduledPeriod': '{period, select, year {Jährliche} other {Monatliche}} Abrechnung ab {date}',
    'overview.autoRenew': 'Automatische Verlängerung',
    'overview.renewsOn': 'Wird am {date} verlängert.',
    'overview.endsOn': 'Endet am {date}; keine Verlängerung.',
    'overview.on': 'Ein',
    'overview.off': 'Aus',
    'overview.cancel.title': 'Abonnement kündigen',
    'overview.cancel.until': 'Sie können bis {date} mit voller Erstattung kündigen.',
    'overview.cancel.button': 'Abonnement kündigen',
    'overview.cancel.confirm':
      'Jetzt kündigen? Das Abonnement endet sofort, und der für diesen Zeitraum gezahlte Betrag wird vollständig gutgeschrieben.',
    'overview.cancel.yes': 'Ja, jetzt kündigen',
    'overview.cancel.closed':
      'Die 72-Stunden-Kündigungsfrist endete am {date}. Um zum Ende des Zeitraums aufzuhören, schalten Sie die automatische Verlängerung aus.',
    'overview.quotas': 'Verbrauch in diesem Zeitraum',
    'overview.quotasHelp':
      '{elapsed} % des Zeitraums sind vergangen; die Markierung auf jedem Balken zeigt, wo ein gleichmäßiges Tempo läge.',
    'overview.usedOf': '{used, number} von {limit, number}',
    'overview.state.ok': 'Im Rahmen',
    'overview.state.warning': 'Nahe am Limit',
    'overview.state.exhausted': 'Limit erreicht',
    'overview.pace': 'Bei diesem Tempo: etwa {projected, number} von {limit, number} am Ende des Zeitraums',
    'overview.notices': 'Mitteilungen',
    'overview.noNotices': 'Bisher keine Mitteilungen.',
  },
});
