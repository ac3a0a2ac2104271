import type { Catalog } from './en.ts';

/** French typography: a no-break space before : ; % ! ? (written as plain spaces below). */
const typeset = (c: Catalog): Catalog =>
  Object.fromEntries(
    Object.entries(c).map(([k, v]) => [k, v.replace(/ ([:;%!?])(?!:)/g, '\u00a0$1')]),
  ) as Catalog;

export const fr = typeset({
  greeting: 'Bonjour {recipient},',
  signature: '— {vendor}',
  footer: 'Vous recevez cet e-mail car vous gérez l’abonnement de {account} auprès de {vendor}.',
  linkIntro: 'Si le bouton ne fonctionne pas, ouvrez cette adresse :',
  textLink: '{cta} : {link}',

  'quota.warning.subject': '{account} : {threshold} % de {name} utilisés',
  'quota.warning.heading': '{threshold} % de vos {name} utilisés',
  'quota.warning.used':
    '{account} a utilisé {used, number} sur {limit, number} {name} ({threshold} %){periodEnd, select, none {} other { sur la période qui se termine le {periodEnd}}}.',
  'quota.warning.left':
    '{remaining, plural, one {Il n’en reste plus que # avant la limite.} other {Il en reste # avant la limite.}}',
  'quota.warning.next':
    '{overage, select, bill {Au-delà de la limite, rien n’est bloqué : l’usage est compté et facturé à l’unité en fin de période.} allow {Au-delà de la limite, rien n’est bloqué : l’usage reste compté.} other {Une fois la limite atteinte, toute nouvelle création est refusée jusqu’à la fin de la période. Pour augmenter la limite, changez de formule ou ajoutez un pack.}}',
  'quota.limit.heading': 'La limite de {name} est atteinte',
  'quota.exhausted.subject': '{account} : la limite de {name} est atteinte',
  'quota.reached':
    '{account} a atteint sa limite de {limit, number} {name}{periodEnd, select, none {} other { sur la période qui se termine le {periodEnd}}}.',
  'quota.after':
    '{overage, select, bill {Rien n’est bloqué : au-delà de la limite, l’usage est compté et facturé à l’unité en fin de période.} allow {Rien n’est bloqué : au-delà de la limite, l’usage est autorisé et reste compté.} other {Toute nouvelle création est refusée{nextStart, select, none {} other { jusqu’au début de la nouvelle période, le {nextStart}}} ; l’existant reste consultable et modifiable. Pour continuer dès maintenant, changez de formule ou ajoutez un pack.}}',
  'quota.cta': 'Voir les formules',

  'seats.subject': '{account} : toutes les places {name} sont prises',
  'seats.heading': 'Toutes les places {name} sont prises',
  'seats.used':
    '{allocated, plural, =0 {{account} n’a aucune place {name}.} one {La seule place {name} de {account} est utilisée.} other {Les # places {name} de {account} sont toutes utilisées.}}',
  'seats.next':
    'Un gestionnaire d’abonnement peut ajouter un utilisateur, ce qui ajoute une place (facturée au prorata) ; les autres ne le peuvent pas tant qu’aucune place n’est libérée.',
  'seats.next.above': 'Vous pouvez attribuer davantage de places à {account} depuis la page de vos clients.',
  'seats.cta.users': 'Gérer les utilisateurs',
  'seats.cta.customers': 'Attribuer des places',

  'trial.subject': '{account} : dernier jour de l’essai le {lastDay}',
  'trial.heading': 'Dernier jour de l’essai : le {lastDay}',
  'trial.until': 'L’essai de {account} dure jusqu’au {lastDay} inclus.',
  'trial.next':
    'Abonnez-vous d’ici là pour continuer ; sinon, les utilisateurs du compte seront désactivés à la fin de l’essai.',
  'trial.cta': 'S’abonner',
});
