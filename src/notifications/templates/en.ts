/**
 * The e-mails' words in English, as ICU MessageFormat (the syntax of the portal's catalogs). Values
 * come in as arguments, never into these sources: a name is shown, not parsed. `periodEnd` and
 * `nextStart` are formatted days, or `none`.
 */
export const en = {
  greeting: 'Hello {recipient},',
  signature: '— {vendor}',
  footer: 'You receive this e-mail because you manage the subscription of {account} with {vendor}.',
  linkIntro: 'If the button does not work, open this address:',
  textLink: '{cta}: {link}',

  'quota.warning.subject': '{account}: {threshold}% of {name} used',
  'quota.warning.heading': '{threshold}% of your {name} used',
  'quota.warning.used':
    '{account} has used {used, number} of its {limit, number} {name} ({threshold}%){periodEnd, select, none {} other { in the period that ends on {periodEnd}}}.',
  'quota.warning.left':
    '{remaining, plural, one {Only # is left before the limit.} other {# are left before the limit.}}',
  'quota.warning.next':
    '{overage, select, bill {Usage beyond the limit is not blocked: it is counted and billed per unit at the end of the period.} allow {Usage beyond the limit is not blocked: it is still counted.} other {Once the limit is reached, further {name} are refused until the period ends. To raise the limit, change the plan or add a pack.}}',
  'quota.limit.heading': 'The {name} limit is reached',
  'quota.exhausted.subject': '{account}: the {name} limit is reached',
  'quota.reached':
    '{account} has reached its limit of {limit, number} {name}{periodEnd, select, none {} other { for the period that ends on {periodEnd}}}.',
  'quota.after':
    '{overage, select, bill {Nothing is blocked: usage beyond the limit is counted and billed per unit at the end of the period.} allow {Nothing is blocked: usage beyond the limit is allowed and still counted.} other {Further {name} are refused{nextStart, select, none {} other { until the new period begins on {nextStart}}}; existing ones stay readable and editable. To continue now, change the plan or add a pack.}}',
  'quota.cta': 'See the plans',

  'seats.subject': '{account}: every {name} seat is taken',
  'seats.heading': 'Every {name} seat is taken',
  'seats.used':
    '{allocated, plural, =0 {{account} has no {name} seat.} one {The only {name} seat of {account} is in use.} other {All # {name} seats of {account} are in use.}}',
  'seats.next':
    'A subscription manager can add a user, which adds a seat (billed pro rata); others cannot until a seat is freed.',
  'seats.next.above': 'You can allocate more seats to {account} from your customers’ page.',
  'seats.cta.users': 'Manage users',
  'seats.cta.customers': 'Allocate seats',

  'trial.subject': "{account}: the trial's last day is {lastDay}",
  'trial.heading': "The trial's last day is {lastDay}",
  'trial.until': 'The trial of {account} runs until {lastDay} inclusive.',
  'trial.next':
    'Subscribe by then to keep using it; otherwise the account’s users are deactivated when the trial ends.',
  'trial.cta': 'Subscribe',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
