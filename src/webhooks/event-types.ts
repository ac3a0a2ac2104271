import type { EventType } from '../events/events.ts';

/**
 * Every event type, at run time, for validating endpoint filters. A Record keyed by the EventType union
 * makes the compiler refuse this list when a type is added to events.ts and not here.
 */
const KNOWN: Record<EventType, true> = {
  'quota.warning': true,
  'quota.exhausted': true,
  'quota.reset': true,
  'subscription.created': true,
  'subscription.updated': true,
  'subscription.renewed': true,
  'subscription.canceled': true,
  'subscription.expired': true,
  'subscription.trial_will_end': true,
  'invoice.issued': true,
  'invoice.paid': true,
  'invoice.voided': true,
  'credit_note.issued': true,
  'seats.exhausted': true,
  'allocation.changed': true,
  'user.deactivated': true,
};

export const EVENT_TYPES = Object.keys(KNOWN) as EventType[];

/** The filter meaning "every type", as given and as shown; it is stored as an empty list. */
export const ALL_EVENTS = '*';
