/**
 * What a subscription owes, pure: one function from its timeline, the usage counted in its periods,
 * what was already invoiced and an instant, to the invoice lines owed. Every invoice path (create,
 * change, cancel, allocation, activation, renewal, end) and every preview calls it; a preview is the
 * same computation without the writes.
 *
 * Like Kill Bill's invoice generator, it proposes every line the timeline calls for and subtracts
 * what exists: each line has a key derived from (subscription, period, phase, kind), so a line
 * invoiced once is never proposed again — billing twice is impossible by construction, on any number
 * of processes (a unique index on the keys backs it).
 *
 * The lines of a period:
 * - **at its start**, in advance, the charge for the terms then in force (plan, or a reseller's
 *   customer's seats per site, and each recurring pack);
 * - **at each change inside it** (a phase beginning on day d of N), for the remaining N − d days:
 *   one line per item whose quantity moved ("+1 × Gold, 9 of 30 days"), or, when the plan or its
 *   price changed, a credit for the old plan's unused days and a charge for the new one's; one-off
 *   packs bought, in full; on a cancellation inside the window, a credit for every charge of the
 *   period that was not voided;
 * - **at its end** (or the subscription's), what was consumed: quota overage billed per unit and the
 *   peak of extra users per module. Consumption is owed minus invoiced by quantity, so usage counted
 *   after a first computation (a consume still in flight at the period's end) is billed by the next
 *   computation as a top-up line, never lost and never billed twice.
 *
 * Each line is `quantity × unit_amount × days / period_days`, computed exactly and rounded once, half
 * away from zero. Over any sequence of changes the lines of a period telescope: the sum billed equals
 * Σ price × quantity × days of each phase / period days, within one minor unit per line.
 */
import type { Temporal } from 'temporal-polyfill';
import type { FeatureKind } from '../catalog/model.ts';
import {
  consumption,
  type InvoicedLine,
  type OwedLine,
  oneOffs,
  type PeriodUsage,
  periodCharges,
  prorations,
  refunds,
} from './billing-lines.ts';
import { daysBetween } from './periods.ts';
import {
  type Bounds,
  dateText,
  localDate,
  OPENS_SCHEDULE,
  type Phase,
  periodIndexAt,
  sameSchedule,
  scheduleBounds,
} from './timeline.ts';

export type { InvoicedLine, OwedLine, PeriodUsage, Proration } from './billing-lines.ts';

export interface BillingInput {
  readonly subscriptionId: string;
  /**
   * The timeline in order, or a suffix of it holding every phase in force at or after `from` (and the
   * one in force just before it, for consumption owed at `from`). A line that needs a phase the
   * suffix lacks is not proposed.
   */
  readonly phases: readonly Phase[];
  /** Every feature of the catalog with its kind. */
  readonly kinds: ReadonlyMap<string, FeatureKind>;
  /** Counted usage by period start date (`YYYY-MM-DD`); a period without an entry owes no consumption. */
  readonly usage?: ReadonlyMap<string, PeriodUsage>;
  /** What is on invoices already, by line key (void ones included: voiding forgives, it does not re-bill). */
  readonly invoiced?: ReadonlyMap<string, InvoicedLine>;
  /** Only lines owed at or after this instant. */
  readonly from?: Temporal.Instant;
  /** Lines owed up to this instant, included. */
  readonly at: Temporal.Instant;
}

const NO_INVOICED: ReadonlyMap<string, InvoicedLine> = new Map();

/** The lines the timeline owes in [from, at] that are not invoiced yet, in the order they fall due. */
export function linesOwed(input: BillingInput): OwedLine[] {
  const { phases } = input;
  const invoiced = input.invoiced ?? NO_INVOICED;
  const from = input.from?.epochMilliseconds ?? Number.NEGATIVE_INFINITY;
  const at = input.at.epochMilliseconds;
  const all: OwedLine[] = [];
  const ctx: Ctx = { input, invoiced, from, at, sub: input.subscriptionId };
  let s = 0;
  while (s < phases.length) {
    let e = s + 1;
    while (e < phases.length && sameSchedule(phases[s]!, phases[e]!)) e++;
    billSegment(ctx, s, e, from, all);
    s = e;
  }
  // In the order they fall due; at one instant, what a period charges before what the last consumed.
  return all
    .filter((l) => {
      const t = l.owed_at.epochMilliseconds;
      return t >= from && t <= at && !invoiced.has(l.line_key);
    })
    .map((l, i) => ({ l, i }))
    .sort(
      (x, y) =>
        x.l.owed_at.epochMilliseconds - y.l.owed_at.epochMilliseconds ||
        Number(x.l.kind === 'consumption') - Number(y.l.kind === 'consumption') ||
        x.i - y.i,
    )
    .map(({ l }) => l);
}

interface Ctx {
  readonly input: BillingInput;
  readonly invoiced: ReadonlyMap<string, InvoicedLine>;
  readonly from: number;
  readonly at: number;
  readonly sub: string;
}

const ms = (p: Phase) => p.effectiveAt.epochMilliseconds;

/** The periods of one schedule — phases[s, e) — from the first that can still owe something. */
function billSegment(ctx: Ctx, s: number, e: number, from: number, out: OwedLine[]): void {
  const { phases } = ctx.input;
  const first = phases[s]!;
  const opener = OPENS_SCHEDULE.has(first.action);
  const segmentEnd = e < phases.length ? ms(phases[e]!) : Number.POSITIVE_INFINITY;
  const last = phases[phases.length - 1]!;
  const k0 = periodIndexAt(first.anchor, first.billingPeriod, first.timeZone, first.effectiveAt);
  // Periods ending before the one before `from` owe nothing from `from` on: skip them.
  let k = k0;
  if (from !== Number.NEGATIVE_INFINITY && from > ms(first)) {
    const f = periodIndexAt(first.anchor, first.billingPeriod, first.timeZone, ctx.input.from!);
    k = Math.max(k0, f - 1);
  }
  for (; ; k++) {
    const b = scheduleBounds(first.anchor, first.billingPeriod, k, first.timeZone);
    const start = b.start.epochMilliseconds;
    const end = b.end.epochMilliseconds;
    if (start >= segmentEnd || start > ctx.at) return;
    billPeriod(ctx, s, e, k === k0 && opener, b, segmentEnd, out);
    // After the timeline's last phase, if it bills nothing (ended, canceled, trialing), nothing follows.
    if (end >= segmentEnd || (last.status !== 'active' && ms(last) <= end)) return;
  }
}

function billPeriod(
  ctx: Ctx,
  s: number,
  e: number,
  opensHere: boolean,
  b: Bounds,
  segmentEnd: number,
  out: OwedLine[],
): void {
  const { phases } = ctx.input;
  const start = b.start.epochMilliseconds;
  const end = b.end.epochMilliseconds;
  const P = b.startText;
  // The terms the period is charged on in advance: those in force at its first instant — or, for the
  // schedule's first period, the phase that opened it (a purchase at 09:30 on the period's first day).
  let charging = -1;
  for (let j = s; j < e && ms(phases[j]!) <= start; j++) charging = j;
  if (charging === -1 && opensHere) charging = s;
  const lines: OwedLine[] = [];
  // Lines owed before `from` are never answered — unless a cancellation in the period credits them.
  const refundsLater = phases.some(
    (p, j) => j >= s && j < e && p.action === 'canceled' && ms(p) > start && ms(p) < end,
  );
  const wanted = (t: number) => refundsLater || t >= ctx.from;
  if (charging !== -1) {
    const c = phases[charging]!;
    const owedAt = ms(c) > start ? c.effectiveAt : b.start;
    if (c.status === 'active' && wanted(owedAt.epochMilliseconds))
      lines.push(...periodCharges(ctx.sub, c, b, owedAt));
    // Packs bought once, at the purchase or an activation: only when the phase before is known
    // (a suffix of the timeline starting at a later opener cannot tell what was bought already).
    if (charging === s && opensHere && c.status === 'active' && (s > 0 || c.seq === 0))
      lines.push(...oneOffs(ctx.sub, s > 0 ? phases[s - 1]! : null, c));
  }
  // Changes inside the period, each against the phase before it.
  // The period is billed until its end, or until a phase inside it stops the billing (a cancellation).
  let billedUntil = Math.min(end, segmentEnd);
  let stopped = false;
  for (let j = Math.max(s + 1, charging + 1); j < e; j++) {
    const cur = phases[j]!;
    const t = ms(cur);
    if (t <= start) continue;
    if (t >= end) break;
    const prev = phases[j - 1]!;
    if (cur.status !== 'active' && !stopped) {
      billedUntil = t;
      stopped = true;
    }
    if (prev.status !== 'active' || !wanted(t)) continue;
    if (cur.status === 'active') {
      const days = daysBetween(b.startDate, localDate(cur.effectiveAt, cur.timeZone));
      lines.push(...prorations(ctx.sub, prev, cur, b, { days: b.days - days, period_days: b.days }, P));
      lines.push(...oneOffs(ctx.sub, prev, cur));
    } else if (cur.action === 'canceled') {
      lines.push(...refunds(ctx.invoiced, lines, cur.effectiveAt));
    }
  }
  out.push(...lines);
  // What was consumed, once the period's billing ends (its end, or the subscription's end in it).
  const usage = ctx.input.usage?.get(P);
  if (!usage || billedUntil > ctx.at) return;
  let inForce: Phase | null = null;
  for (let j = s; j < e && ms(phases[j]!) < billedUntil; j++) inForce = phases[j]!;
  if (inForce?.status !== 'active') return;
  const owedAt = billedUntil === end ? b.end : phases.find((p) => ms(p) === billedUntil)!.effectiveAt;
  const endDate = billedUntil === end ? b.endDate : localDate(owedAt, inForce.timeZone).add({ days: 1 });
  out.push(
    ...consumption(
      { sub: ctx.sub, kinds: ctx.input.kinds, invoiced: ctx.invoiced },
      inForce,
      usage,
      P,
      dateText(endDate),
      owedAt,
    ),
  );
}
