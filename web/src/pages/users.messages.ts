import { defineMessages } from '../i18n/catalog.ts';

export const users = defineMessages({
  en: {
    'users.title': 'Users',
    'users.count':
      '{active, plural, one {# active user} other {# active users}}{deactivated, plural, =0 {} other {, # deactivated}}',
    'users.list': 'Users of the account',
    'users.col.name': 'User',
    'users.col.roles': 'Roles',
    'users.col.modules': 'Modules',
    'users.col.status': 'Status',
    'users.col.actions': 'Actions',
    'users.you': '(you)',
    'users.status.active': 'Active',
    'users.status.deactivated': 'Deactivated',
    'users.noModules': 'No module',
    'users.deactivate': 'Deactivate',
    'users.deactivateLabel': 'Deactivate {name}',
    'users.deactivateYes': 'Yes, deactivate {name}',
    'users.reactivate': 'Reactivate',
    'users.reactivateLabel': 'Reactivate {name}',
    'users.confirmDeactivate':
      'Deactivate {name}? They lose access to the application and no longer take a seat. You can reactivate them later.',
    'users.deactivated': '{name} is deactivated; their seat is free.',
    'users.reactivated': '{name} is active again.',
    'users.added': '{name} has been added.',
    'users.memberNote':
      'You can add users while seats are free. Deactivating users and adding seats need the owner or subscription manager role{who, select, none {} other { — ask {who}}}.',
    'users.seats': 'Seats',
    'users.seatsHelp':
      'Each active user takes a seat of every kind they hold: the account-wide ones, and those of their modules.',
    'users.seats.licences':
      'Your seats come with your {n, plural, one {# licence} other {# licences}}: one licence, one user.',
    'users.seats.licencesLink': 'Change the number of licences',
    'users.seats.billed':
      'Past the included seats, users are still let in and counted at the end of the period. More seats come with packs.',
    'users.packsLink': 'See the packs',
    'users.add': 'Add a user',
    'users.form.name': 'Name',
    'users.form.email': 'E-mail address',
    'users.form.role': 'Role',
    'users.form.roleHelp.member':
      'Uses the application; can see this portal and add users while seats are free.',
    'users.form.roleHelp.subscription_manager':
      'Also changes the plan, licences and packs, and deactivates users.',
    'users.form.roleHelp.owner': 'Everything, including giving these roles.',
    'users.form.rolesOwnerOnly': 'Only an owner can give the owner or subscription manager role.',
    'users.form.modules': 'Modules',
    'users.form.modulesHelp': 'The user takes a seat of each module ticked.',
    'users.form.moduleSeats': '{used, number} of {limit, number} seats taken',
    'users.form.submit': 'Add the user',
    'users.form.continue': 'Continue',
    'users.full.title':
      '{billed, select, yes {Every included seat of {feature} is taken} other {Every seat of {feature} is taken}} ({used, number} of {limit, number})',
    'users.full.titleMany':
      '{billed, select, yes {Every included seat is taken} other {Every seat is taken}}: {features}',
    'users.full.item': '{feature} ({used, number} of {limit, number})',
    'users.full.licence': 'Adding this user adds a licence. You will see what it costs before you confirm.',
    'users.full.pack': 'These seats are not sold per licence: more of them come with a pack.',
    'users.full.ask':
      'No user can be added for now. {who, select, none {The vendor can add seats for you.} other {To get another seat, ask {who} — they can add one.}}',
    'users.full.billed':
      'You can still add the user: users past the included seats are counted at the end of the period. More seats come with a pack.',
    'users.licence.title': 'One more licence',
    'users.licence.text': 'Adding {name} adds a licence: {amount} due now.',
    'users.licence.after':
      'You will then have {n, plural, one {# licence} other {# licences}}, at {price} each {period, select, year {per year} other {per month}}.',
    'users.licence.ownerNote': 'On confirming, the licence is bought first, then {name} is added.',
    'users.licence.see': 'See what another licence costs',
    'users.licence.trial':
      'Nothing is billed during the trial: the licences are billed from its end, on {date}.',
  },
  fr: {
    'users.title': 'Utilisateurs',
    'users.count':
      '{active, plural, one {# utilisateur actif} other {# utilisateurs actifs}}{deactivated, plural, =0 {} one {, # désactivé} other {, # désactivés}}',
    'users.list': 'Utilisateurs du compte',
    'users.col.name': 'Utilisateur',
    'users.col.roles': 'Rôles',
    'users.col.modules': 'Modules',
    'users.col.status': 'Statut',
    'users.col.actions': 'Actions',
    'users.you': '(vous)',
    'users.status.active': 'Actif',
    'users.status.deactivated': 'Désactivé',
    'users.noModules': 'Aucun module',
    'users.deactivate': 'Désactiver',
    'users.deactivateLabel': 'Désactiver {name}',
    'users.deactivateYes': 'Oui, désactiver {name}',
    'users.reactivate': 'Réactiver',
    'users.reactivateLabel': 'Réactiver {name}',
    'users.confirmDeactivate':
      'Désactiver {name} ? Cette personne perd l’accès à l’application et n’occupe plus de siège. Vous pourrez la réactiver plus tard.',
    'users.deactivated': '{name} est désactivé·e ; son siège est libéré.',
    'users.reactivated': '{name} est de nouveau actif·ve.',
    'users.added': '{name} fait désormais partie des utilisateurs.',
    'users.memberNote':
      'Vous pouvez ajouter des utilisateurs tant que des sièges sont libres. Désactiver des utilisateurs ou ajouter des sièges demande le rôle de propriétaire ou de gestionnaire d’abonnement{who, select, none {} other { — demandez à {who}}}.',
    'users.seats': 'Sièges',
    'users.seatsHelp':
      'Chaque utilisateur actif occupe un siège de chaque type qui le concerne : ceux de tout le compte et ceux de ses modules.',
    'users.seats.licences':
      'Vos sièges viennent de vos {n, plural, one {# licence} other {# licences}} : une licence, un utilisateur.',
    'users.seats.licencesLink': 'Modifier le nombre de licences',
    'users.seats.billed':
      'Au-delà des sièges inclus, les utilisateurs sont tout de même admis et décomptés en fin de période. Les packs apportent des sièges supplémentaires.',
    'users.packsLink': 'Voir les packs',
    'users.add': 'Ajouter un utilisateur',
    'users.form.name': 'Nom',
    'users.form.email': 'Adresse e-mail',
    'users.form.role': 'Rôle',
    'users.form.roleHelp.member':
      'Utilise l’application ; peut consulter ce portail et ajouter des utilisateurs tant que des sièges sont libres.',
    'users.form.roleHelp.subscription_manager':
      'Peut en plus changer l’offre, les licences et les packs, et désactiver des utilisateurs.',
    'users.form.roleHelp.owner': 'Tous les droits, y compris celui d’attribuer ces rôles.',
    'users.form.rolesOwnerOnly':
      'Seul un propriétaire peut attribuer le rôle de propriétaire ou de gestionnaire d’abonnement.',
    'users.form.modules': 'Modules',
    'users.form.modulesHelp': 'L’utilisateur occupe un siège de chaque module coché.',
    'users.form.moduleSeats': '{used, number} sièges occupés sur {limit, number}',
    'users.form.submit': 'Ajouter l’utilisateur',
    'users.form.continue': 'Continuer',
    'users.full.title':
      '{billed, select, yes {Tous les sièges inclus « {feature} » sont occupés} other {Tous les sièges « {feature} » sont occupés}} ({used, number} sur {limit, number})',
    'users.full.titleMany':
      '{billed, select, yes {Tous les sièges inclus sont occupés} other {Tous les sièges sont occupés}} : {features}',
    'users.full.item': '{feature} ({used, number} sur {limit, number})',
    'users.full.licence':
      'Ajouter cet utilisateur ajoute une licence. Vous verrez ce qu’elle coûte avant de confirmer.',
    'users.full.pack':
      'Ces sièges ne sont pas vendus à la licence : des sièges supplémentaires viennent avec un pack.',
    'users.full.ask':
      'Aucun utilisateur ne peut être ajouté pour l’instant. {who, select, none {L’éditeur peut ajouter des sièges pour vous.} other {Pour obtenir un siège de plus, adressez-vous à {who}.}}',
    'users.full.billed':
      'Vous pouvez tout de même ajouter l’utilisateur : au-delà des sièges inclus, les utilisateurs sont décomptés en fin de période. Les packs apportent des sièges supplémentaires.',
    'users.licence.title': 'Une licence de plus',
    'users.licence.text': 'Ajouter {name} ajoute une licence : {amount} à payer maintenant.',
    'users.licence.after':
      'Vous aurez alors {n, plural, one {# licence} other {# licences}}, à {price} chacune {period, select, year {par an} other {par mois}}.',
    'users.licence.ownerNote': 'À la confirmation, la licence est d’abord achetée, puis {name} est ajouté·e.',
    'users.licence.see': 'Voir ce que coûte une licence de plus',
    'users.licence.trial':
      'Rien n’est facturé pendant l’essai : les licences sont facturées à partir de sa fin, le {date}.',
  },
  de: {
    'users.title': 'Benutzer',
    'users.count':
      '{active, plural, one {# aktiver Benutzer} other {# aktive Benutzer}}{deactivated, plural, =0 {} other {, # deaktiviert}}',
    'users.list': 'Benutzer des Kontos',
    'users.col.name': 'Benutzer',
    'users.col.roles': 'Rollen',
    'users.col.modules': 'Module',
    'users.col.status': 'Status',
    'users.col.actions': 'Aktionen',
    'users.you': '(Sie)',
    'users.status.active': 'Aktiv',
    'users.status.deactivated': 'Deaktiviert',
    'users.noModules': 'Kein Modul',
    'users.deactivate': 'Deaktivieren',
    'users.deactivateLabel': '{name} deaktivieren',
    'users.deactivateYes': 'Ja, {name} deaktivieren',
    'users.reactivate': 'Reaktivieren',
    'users.reactivateLabel': '{name} reaktivieren',
    'users.confirmDeactivate':
      '{name} deaktivieren? Die Person verliert den Zugang zur Anwendung und belegt keinen Platz mehr. Sie können sie später wieder reaktivieren.',
    'users.deactivated': '{name} ist deaktiviert; der Platz ist wieder frei.',
    'users.reactivated': '{name} ist wieder aktiv.',
    'users.added': '{name} wurde hinzugefügt.',
    'users.memberNote':
      'Sie können Benutzer hinzufügen, solange Plätze frei sind. Benutzer deaktivieren und Plätze hinzufügen erfordert die Rolle Inhaber oder Abonnementverwalter{who, select, none {} other { – fragen Sie {who}}}.',
    'users.seats': 'Plätze',
    'users.seatsHelp':
      'Jeder aktive Benutzer belegt einen Platz jeder Art, die ihn betrifft: die des ganzen Kontos und die seiner Module.',
    'users.seats.licences':
      'Ihre Plätze ergeben sich aus Ihren {n, plural, one {# Lizenz} other {# Lizenzen}}: eine Lizenz, ein Benutzer.',
    'users.seats.licencesLink': 'Anzahl der Lizenzen ändern',
    'users.seats.billed':
      'Über die enthaltenen Plätze hinaus werden Benutzer trotzdem zugelassen und am Ende des Zeitraums gezählt. Weitere Plätze gibt es mit Paketen.',
    'users.packsLink': 'Pakete ansehen',
    'users.add': 'Benutzer hinzufügen',
    'users.form.name': 'Name',
    'users.form.email': 'E-Mail-Adresse',
    'users.form.role': 'Rolle',
    'users.form.roleHelp.member':
      'Nutzt die Anwendung; kann dieses Portal ansehen und Benutzer hinzufügen, solange Plätze frei sind.',
    'users.form.roleHelp.subscription_manager':
      'Kann zusätzlich Tarif, Lizenzen und Pakete ändern und Benutzer deaktivieren.',
    'users.form.roleHelp.owner': 'Alle Rechte, auch das Vergeben dieser Rollen.',
    'users.form.rolesOwnerOnly': 'Nur ein Inhaber kann die Rolle Inhaber oder Abonnementverwalter vergeben.',
    'users.form.modules': 'Module',
    'users.form.modulesHelp': 'Der Benutzer belegt einen Platz in jedem angekreuzten Modul.',
    'users.form.moduleSeats': '{used, number} von {limit, number} Plätzen belegt',
    'users.form.submit': 'Benutzer hinzufügen',
    'users.form.continue': 'Weiter',
    'users.full.title':
      '{billed, select, yes {Alle enthaltenen Plätze „{feature}“ sind belegt} other {Alle Plätze „{feature}“ sind belegt}} ({used, number} von {limit, number})',
    'users.full.titleMany':
      '{billed, select, yes {Alle enthaltenen Plätze sind belegt} other {Alle Plätze sind belegt}}: {features}',
    'users.full.item': '„{feature}“ ({used, number} von {limit, number})',
    'users.full.licence':
      'Mit diesem Benutzer kommt eine Lizenz hinzu. Sie sehen die Kosten, bevor Sie bestätigen.',
    'users.full.pack':
      'Diese Plätze werden nicht pro Lizenz verkauft: Weitere Plätze gibt es mit einem Paket.',
    'users.full.ask':
      'Derzeit kann kein Benutzer hinzugefügt werden. {who, select, none {Der Anbieter kann Plätze für Sie hinzufügen.} other {Für einen weiteren Platz wenden Sie sich an {who}.}}',
    'users.full.billed':
      'Sie können den Benutzer trotzdem hinzufügen: Benutzer über die enthaltenen Plätze hinaus werden am Ende des Zeitraums gezählt. Weitere Plätze gibt es mit einem Paket.',
    'users.licence.title': 'Eine Lizenz mehr',
    'users.licence.text': 'Mit {name} kommt eine Lizenz hinzu: {amount} jetzt fällig.',
    'users.licence.after':
      'Sie haben dann {n, plural, one {# Lizenz} other {# Lizenzen}} zu je {price} {period, select, year {pro Jahr} other {pro Monat}}.',
    'users.licence.ownerNote': 'Beim Bestätigen wird zuerst die Lizenz gekauft, dann {name} hinzugefügt.',
    'users.licence.see': 'Kosten einer weiteren Lizenz ansehen',
    'users.licence.trial':
      'Während der Testphase wird nichts berechnet: Die Lizenzen werden ab ihrem Ende am {date} berechnet.',
  },
});
