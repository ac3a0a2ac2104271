/**
 * A subscription's timeline, pure: the append-only list of its phases. A phase is what the
 * subscription is from an instant on — plan version and price, quantity, add-ons, billing schedule,
 * status, and for a reseller's customer the seats billed per site — until the next phase begins.
 * Every action appends one (create, change, allocation, activation, cancellation, end…); the
 * subscription resource is the last one. Renewals of unchanged terms append nothing: the periods of
 * a phase follow from its schedule's anchor (as Kill Bill derives recurring items from its
 * subscription events rather than storing one per cycle).
 */
import { Temporal } from 'temporal-polyfill';
import type { Entitlement } from '../catalog/model.ts';
import {
  anchorDateOf,
  type BillingInterval,
  type PeriodBounds,
  periodBounds,
  periodContaining,
} from './periods.ts';

export type PhaseStatus = 'trialing' | 'active' | 'canceled' | 'expired';

export const PHASE_ACTIONS = [
  'created',
  'changed',
  'allocation',
  'billing_period',
  'activated',
  'canceled',
  'expired',
  'ended',
  'renewed',
] as const;
export type PhaseAction = (typeof PHASE_ACTIONS)[number];

/**
 * Actions that start a billing schedule: the phase's local date is the first day of period 0 of a
 * new anchor (a purchase, a trial's activation, a switch of billing period at a renewal).
 */
export const OPENS_SCHEDULE: ReadonlySet<PhaseAction> = new Set(['created', 'activated', 'billing_period']);

/** The plan of a phase, with its price for the phase's billing period and currency. */
export interface PhasePlan {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly version: number;
  /** Price of one period (per seat for a per-seat price), minor units. */
  readonly amount: number;
  readonly perSeat: boolean;
  /** Price of one billed unit beyond a limit, for entitlements that carry none of their own. */
  readonly consumptionUnitAmount: number | null;
  readonly entitlements: readonly Entitlement[];
}

/** A pack on a phase, with its prices in the phase's billing period and currency. */
export interface PhaseAddon {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly version: number;
  readonly quantity: number;
  /** Price of one pack per period, or null for a pack sold once only. */
  readonly recurringAmount: number | null;
  /** Price of one pack bought once, or null. */
  readonly onceAmount: number | null;
  readonly grants: readonly { feature: string; amount: number }[];
}

/** Seats of a reseller's customer billed for one of its accounts (itself or a site). */
export interface SeatShare {
  readonly account: string;
  /** Whose seats these are on the payer's invoice, relative to the customer ('' for itself). */
  readonly label: string;
  readonly seats: number;
}

export interface Phase {
  /** 0, 1, 2…: its place in the timeline. */
  readonly seq: number;
  readonly action: PhaseAction;
  readonly effectiveAt: Temporal.Instant;
  readonly status: PhaseStatus;
  /** The billing schedule: periods are computed from this local date, never stepped. */
  readonly anchor: Temporal.PlainDate;
  readonly billingPeriod: BillingInterval;
  readonly timeZone: string;
  readonly currency: string;
  readonly plan: PhasePlan;
  /** Seats bought (per-seat prices), 1 for a flat price. */
  readonly quantity: number;
  readonly addons: readonly PhaseAddon[];
  /** A reseller's customer on a per-seat price: the seats billed per account, or null. */
  readonly shares: readonly SeatShare[] | null;
}

/** Whether two phases bill on the same schedule (periods from the same anchor). */
export function sameSchedule(a: Phase, b: Phase): boolean {
  return (
    a.billingPeriod === b.billingPeriod &&
    a.timeZone === b.timeZone &&
    a.anchor.equals(b.anchor) &&
    !OPENS_SCHEDULE.has(b.action)
  );
}

/** The phase in force at `at` (the last one that began at or before it), or null before the first. */
export function phaseAt(phases: readonly Phase[], at: Temporal.Instant): Phase | null {
  let found: Phase | null = null;
  const t = at.epochMilliseconds;
  for (const p of phases) {
    if (p.effectiveAt.epochMilliseconds <= t) found = p;
    else break;
  }
  return found;
}

// Many subscriptions share anchors, zones and instants: the calendar arithmetic is done once each
// (Temporal's is the costly part of a billing run: 100,000 renewals ask for a few hundred periods).
const boundsCache = new Map<string, Bounds>();
const dateCache = new Map<string, Temporal.PlainDate>();
const parsedDates = new Map<string, Temporal.PlainDate>();
const indexCache = new Map<string, number>();

/** A period's bounds, with its dates also as `YYYY-MM-DD` text and its instants as RFC 3339. */
export interface Bounds extends PeriodBounds {
  readonly startText: string;
  readonly endText: string;
  readonly startIso: string;
  readonly endIso: string;
}

const instants = new Map<number, Temporal.Instant>();
/** The instant of an epoch millisecond, one object per value (a billing run meets few distinct ones). */
export function instantOf(epochMs: number): Temporal.Instant {
  let i = instants.get(epochMs);
  if (!i) {
    if (instants.size > 100_000) instants.clear();
    i = Temporal.Instant.fromEpochMilliseconds(epochMs);
    instants.set(epochMs, i);
  }
  return i;
}

/** A `YYYY-MM-DD` date, parsed once. */
export function plainDate(text: string): Temporal.PlainDate {
  let d = parsedDates.get(text);
  if (!d) {
    if (parsedDates.size > 100_000) parsedDates.clear();
    d = Temporal.PlainDate.from(text);
    parsedDates.set(text, d);
  }
  return d;
}

/** Period `index` of a schedule, memoised (Temporal arithmetic is the costly part of a billing run). */
export function scheduleBounds(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  index: number,
  timeZone: string,
): Bounds {
  const key = `${dateText(anchor)}|${interval}|${index}|${timeZone}`;
  let b = boundsCache.get(key);
  if (!b) {
    if (boundsCache.size > 100_000) boundsCache.clear();
    const p = periodBounds(anchor, interval, index, timeZone);
    b = {
      ...p,
      startText: p.startDate.toString(),
      endText: p.endDate.toString(),
      startIso: new Date(p.start.epochMilliseconds).toISOString(),
      endIso: new Date(p.end.epochMilliseconds).toISOString(),
    };
    boundsCache.set(key, b);
  }
  return b;
}

const dateTexts = new WeakMap<Temporal.PlainDate, string>();
/** A date's `YYYY-MM-DD`, computed once per date object. */
export function dateText(d: Temporal.PlainDate): string {
  let t = dateTexts.get(d);
  if (t === undefined) {
    t = d.toString();
    dateTexts.set(d, t);
  }
  return t;
}

/** The local date of an instant in a zone, memoised. */
export function localDate(at: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  const key = `${at.epochMilliseconds}|${timeZone}`;
  let d = dateCache.get(key);
  if (!d) {
    if (dateCache.size > 100_000) dateCache.clear();
    d = anchorDateOf(at, timeZone);
    dateCache.set(key, d);
  }
  return d;
}

/** The index of the schedule's period containing the local date of `at`. */
export function periodIndexAt(
  anchor: Temporal.PlainDate,
  interval: BillingInterval,
  timeZone: string,
  at: Temporal.Instant,
): number {
  const key = `${dateText(anchor)}|${interval}|${timeZone}|${at.epochMilliseconds}`;
  let i = indexCache.get(key);
  if (i === undefined) {
    if (indexCache.size > 100_000) indexCache.clear();
    i = periodContaining(anchor, interval, localDate(at, timeZone)).index;
    indexCache.set(key, i);
  }
  return i;
}
