import type { Catalog } from './en.ts';

/** A no-break space before % (DIN 5008), written as a plain space below. */
const typeset = (c: Catalog): Catalog =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.replace(/ %/g, '\u00a0%')])) as Catalog;

export const de = typeset({
  greeting: 'Hallo {recipient},',
  signature: '— {vendor}',
  footer: 'Sie erhalten diese E-Mail, weil Sie das Abonnement von {account} bei {vendor} verwalten.',
  linkIntro: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diese Adresse:',
  textLink: '{cta}: {link}',

  'quota.warning.subject': '{account}: {threshold} % von {name} verbraucht',
  'quota.warning.heading': '{threshold} % Ihrer {name} verbraucht',
  'quota.warning.used':
    '{account} hat{periodEnd, select, none {} other { im Zeitraum bis zum {periodEnd}}} {used, number} von {limit, number} {name} verbraucht ({threshold} %).',
  'quota.warning.left':
    '{remaining, plural, one {Bis zum Limit ist nur noch # übrig.} other {Bis zum Limit sind noch # übrig.}}',
  'quota.warning.next':
    '{overage, select, bill {Über das Limit hinaus wird nichts gesperrt: Die Nutzung wird gezählt und am Ende des Zeitraums pro Einheit berechnet.} allow {Über das Limit hinaus wird nichts gesperrt: Die Nutzung wird weiter gezählt.} other {Ist das Limit erreicht, werden weitere {name} bis zum Ende des Zeitraums abgelehnt. Um es zu erhöhen, wechseln Sie den Tarif oder buchen Sie ein Paket hinzu.}}',
  'quota.limit.heading': 'Das Limit für {name} ist erreicht',
  'quota.exhausted.subject': '{account}: Das Limit für {name} ist erreicht',
  'quota.reached':
    '{account} hat das Limit von {limit, number} {name}{periodEnd, select, none {} other { im Zeitraum bis zum {periodEnd}}} erreicht.',
  'quota.after':
    '{overage, select, bill {Nichts wird gesperrt: Nutzung über das Limit hinaus wird gezählt und am Ende des Zeitraums pro Einheit berechnet.} allow {Nichts wird gesperrt: Nutzung über das Limit hinaus ist erlaubt und wird weiter gezählt.} other {Weitere {name} werden{nextStart, select, none {} other { bis zum Beginn des neuen Zeitraums am {nextStart}}} abgelehnt; bestehende bleiben lesbar und bearbeitbar. Um sofort weiterzumachen, wechseln Sie den Tarif oder buchen Sie ein Paket hinzu.}}',
  'quota.cta': 'Tarife ansehen',

  'seats.subject': '{account}: Alle {name}-Plätze sind belegt',
  'seats.heading': 'Alle {name}-Plätze sind belegt',
  'seats.used':
    '{allocated, plural, =0 {{account} hat keinen {name}-Platz.} one {Der einzige {name}-Platz von {account} ist belegt.} other {Alle # {name}-Plätze von {account} sind belegt.}}',
  'seats.next':
    'Ein Abonnementverwalter kann einen Benutzer hinzufügen, wodurch ein Platz hinzukommt (anteilig berechnet); andere erst, wenn ein Platz frei wird.',
  'seats.next.above': 'Sie können {account} auf der Seite Ihrer Kunden weitere Plätze zuteilen.',
  'seats.cta.users': 'Benutzer verwalten',
  'seats.cta.customers': 'Plätze zuteilen',

  'trial.subject': '{account}: Letzter Tag der Testphase ist der {lastDay}',
  'trial.heading': 'Letzter Tag der Testphase: {lastDay}',
  'trial.until': 'Die Testphase von {account} läuft bis einschließlich {lastDay}.',
  'trial.next':
    'Schließen Sie bis dahin ein Abonnement ab, um es weiter zu nutzen; sonst werden die Benutzer des Kontos am Ende der Testphase deaktiviert.',
  'trial.cta': 'Jetzt abonnieren',
});
