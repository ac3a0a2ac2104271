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
import { mergeGrants } from './entitlements.ts';
import type { LineDraft, LineKind } from './invoice.ts';
import { mulDiv } from './money.ts';
import { daysBetween } from './periods.ts';
import { proratedAmount } from './proration.ts';
import {
  type Bounds,
  dateText,
  localDate,
  OPENS_SCHEDULE,
  type Phase,
  type PhaseAddon,
  periodIndexAt,
  sameSchedule,
  scheduleBounds,
} from './timeline.ts';

/** A line already on an invoice, as far as owing is concerned. */
export interface InvoicedLine {
  readonly kind: LineKind;
  readonly quantity: number;
  readonly amount: number;
  /** The tax it was charged (a refund gives back exactly that). */
  readonly tax: number;
  readonly status: 'draft' | 'open' | 'paid' | 'void';
}

/** What was counted in one period of the subscription. */
export interface PeriodUsage {
  /** Per quota feature, the usage of each window of the period: one, or one per month. */
  readonly quotas: ReadonlyMap<string, readonly number[]>;
  /** Per seat feature, the most users holding it at once in the period. */
  readonly seatPeaks: ReadonlyMap<string, number>;
}

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

/** The day counts behind a prorated line: `amount = quantity × unit_amount × days / period_days`. */
export interface Proration {
  readonly days: number;
  readonly period_days: number;
}

export interface OwedLine extends LineDraft {
  /** When the timeline owes it: a period's start, a change's instant, a period's end. */
  readonly owed_at: Temporal.Instant;
  readonly proration: Proration | null;
}

const NO_INVOICED: ReadonlyMap<string, InvoicedLine> = new Map();
const PERIOD_WORD = { month: 'monthly', year: 'annual' } as const;
const MINUS = '\u2212';

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
    if (charging === s && opensHere && c.status === 'active')
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
  out.push(...consumption(ctx, inForce, usage, P, dateText(endDate), owedAt));
}

function planLabel(p: Phase): string {
  return `${p.plan.name} (${PERIOD_WORD[p.billingPeriod]})`;
}

const billedQuantity = (p: Phase) => (p.plan.perSeat ? p.quantity : 1);

/** A whole period's charge in advance: the plan (or each account's seats) and each recurring pack. */
function periodCharges(sub: string, p: Phase, b: Bounds, owedAt: Temporal.Instant): OwedLine[] {
  const P = b.startText;
  // One literal shape for every line: a billing run builds a few hundred thousand.
  const line = (
    key: string,
    kind: LineKind,
    description: string,
    quantity: number,
    unit: number,
  ): OwedLine => ({
    line_key: key,
    kind,
    description,
    subscription_id: sub,
    period_start: P,
    period_end: b.endText,
    quantity,
    unit_amount: unit,
    amount: mulDiv(unit, quantity, 1),
    owed_at: owedAt,
    proration: null,
  });
  const lines: OwedLine[] = [];
  if (p.shares && p.plan.perSeat) {
    for (const share of p.shares) {
      if (share.seats <= 0) continue;
      const who = share.label ? `${share.label}: ` : '';
      lines.push(
        line(
          `${sub}:${P}:plan:${share.account}`,
          'seat',
          `${who}${share.seats} × ${planLabel(p)}`,
          share.seats,
          p.plan.amount,
        ),
      );
    }
  } else {
    const q = billedQuantity(p);
    const description = p.plan.perSeat ? `${q} × ${planLabel(p)}` : planLabel(p);
    lines.push(line(`${sub}:${P}:plan`, 'subscription', description, q, p.plan.amount));
  }
  for (const a of p.addons) {
    if (a.recurringAmount === null || a.quantity <= 0) continue;
    lines.push(
      line(`${sub}:${P}:addon:${a.id}`, 'addon', `${a.quantity} × ${a.name}`, a.quantity, a.recurringAmount),
    );
  }
  return lines;
}

/** One billed item of a phase for the days left: a plan (or one account's seats) or a recurring pack. */
interface Item {
  key: string;
  prefix: string;
  name: string;
  unit: number;
  quantity: number;
}

function planItems(p: Phase): Item[] {
  if (p.shares && p.plan.perSeat) {
    return p.shares.map((s) => ({
      key: `plan:${s.account}`,
      prefix: s.label ? `${s.label}: ` : '',
      name: p.plan.name,
      unit: p.plan.amount,
      quantity: s.seats,
    }));
  }
  return [{ key: 'plan', prefix: '', name: p.plan.name, unit: p.plan.amount, quantity: billedQuantity(p) }];
}

function addonItem(a: PhaseAddon | undefined, id: string, name: string): Item | null {
  if (a && a.recurringAmount === null) return null;
  return { key: `addon:${id}`, prefix: '', name, unit: a?.recurringAmount ?? 0, quantity: a?.quantity ?? 0 };
}

/**
 * The lines of a change for the remaining days: an item whose quantity moved is one line for the
 * difference; an item whose price changed (another plan) is credited for the old terms and charged
 * for the new, two explained lines.
 */
function prorations(
  sub: string,
  prev: Phase,
  cur: Phase,
  b: Bounds,
  proration: Proration,
  P: string,
): OwedLine[] {
  const lines: OwedLine[] = [];
  const keyOf = (item: Item, side: string) => `${sub}:${P}:ph${cur.seq}:${item.key}${side}`;
  const line = (item: Item, side: string, unit: number, quantity: number, description: string): OwedLine => ({
    line_key: keyOf(item, side),
    kind: 'proration',
    description,
    subscription_id: sub,
    period_start: dateText(localDate(cur.effectiveAt, cur.timeZone)),
    period_end: b.endText,
    quantity,
    unit_amount: unit === 0 ? 0 : unit,
    amount: proratedAmount(unit, quantity, {
      elapsedDays: proration.period_days - proration.days,
      remainingDays: proration.days,
      periodDays: proration.period_days,
    }),
    owed_at: cur.effectiveAt,
    proration,
  });
  const fraction = `${proration.days} of ${proration.period_days} days`;
  const counted = (q: number, name: string) => (q === 1 ? name : `${q} × ${name}`);
  const diff = (olds: Item[], news: Item[], sameTerms: boolean) => {
    if (sameTerms) {
      const keys = [...new Set([...olds, ...news].map((i) => i.key))];
      for (const key of keys) {
        const o = olds.find((i) => i.key === key);
        const n = news.find((i) => i.key === key);
        const item = (n ?? o)!;
        const dq = (n?.quantity ?? 0) - (o?.quantity ?? 0);
        if (dq === 0) continue;
        const sign = dq > 0 ? '+' : MINUS;
        lines.push(
          line(
            item,
            '',
            dq > 0 ? item.unit : -item.unit,
            Math.abs(dq),
            `${item.prefix}${sign}${Math.abs(dq)} × ${item.name}, ${fraction}`,
          ),
        );
      }
      return;
    }
    for (const o of olds)
      if (o.quantity > 0)
        lines.push(
          line(
            o,
            ':credit',
            -o.unit,
            o.quantity,
            `${o.prefix}Unused time on ${counted(o.quantity, o.name)}, ${fraction}`,
          ),
        );
    for (const n of news)
      if (n.quantity > 0)
        lines.push(
          line(
            n,
            ':charge',
            n.unit,
            n.quantity,
            `${n.prefix}Remaining time on ${counted(n.quantity, n.name)}, ${fraction}`,
          ),
        );
  };
  const samePlan =
    prev.plan.id === cur.plan.id &&
    prev.plan.version === cur.plan.version &&
    prev.plan.amount === cur.plan.amount &&
    prev.plan.perSeat === cur.plan.perSeat &&
    (prev.shares === null) === (cur.shares === null);
  diff(planItems(prev), planItems(cur), samePlan);
  const ids = [...new Set([...prev.addons, ...cur.addons].map((a) => a.id))];
  for (const id of ids) {
    const was = prev.addons.find((a) => a.id === id);
    const now = cur.addons.find((a) => a.id === id);
    const name = (now ?? was)!.name;
    const o = addonItem(was, id, name);
    const n = addonItem(now, id, name);
    if (!o && !n) continue;
    const olds = o && o.quantity > 0 ? [o] : [];
    const news = n && n.quantity > 0 ? [n] : [];
    const sameTerms =
      !was || !now || (was.version === now.version && was.recurringAmount === now.recurringAmount);
    diff(olds, news, sameTerms);
  }
  return lines;
}

/** One-off packs bought by a phase (new ones, or more of them), charged in full once. */
function oneOffs(sub: string, prev: Phase | null, cur: Phase): OwedLine[] {
  const lines: OwedLine[] = [];
  const date = dateText(localDate(cur.effectiveAt, cur.timeZone));
  for (const a of cur.addons) {
    if (a.onceAmount === null) continue;
    const had = prev?.status === 'active' ? (prev.addons.find((x) => x.id === a.id)?.quantity ?? 0) : 0;
    const bought = a.quantity - had;
    if (bought <= 0) continue;
    lines.push({
      line_key: `${sub}:ph${cur.seq}:once:${a.id}`,
      kind: 'addon',
      description: `${bought} × ${a.name} (one-off)`,
      subscription_id: sub,
      period_start: date,
      period_end: null,
      quantity: bought,
      unit_amount: a.onceAmount,
      amount: mulDiv(a.onceAmount, bought, 1),
      owed_at: cur.effectiveAt,
      proration: null,
    });
  }
  return lines;
}

/**
 * A cancellation inside the window credits everything charged for the period, line by line, as the
 * exact negative of what was invoiced (tax included), so the customer gets back to the cent what it
 * paid. What was voided is owed no more, so it is not credited.
 */
function refunds(
  invoiced: ReadonlyMap<string, InvoicedLine>,
  charged: readonly OwedLine[],
  at: Temporal.Instant,
): OwedLine[] {
  const lines: OwedLine[] = [];
  for (const c of charged) {
    if (c.kind === 'credit' || c.kind === 'consumption' || c.amount === 0) continue;
    const was = invoiced.get(c.line_key);
    if (was?.status === 'void') continue;
    lines.push({
      ...c,
      line_key: `${c.line_key}:refund`,
      kind: 'credit',
      description: `Credit: ${c.description} (cancelled within the cancellation window)`,
      unit_amount: c.unit_amount === 0 ? 0 : -c.unit_amount,
      amount: -c.amount,
      ...(was ? { tax: was.tax === 0 ? 0 : -was.tax } : {}),
      owed_at: at,
    });
  }
  return lines;
}

/**
 * Consumption of a period: per quota billed per unit, the usage beyond the limit of each window; per
 * seat feature billed per user, the peak of users beyond those included (plan and packs). The limits
 * are those in force at the period's end (a plan change applies its limits at once).
 */
function consumption(
  ctx: Ctx,
  p: Phase,
  usage: PeriodUsage,
  P: string,
  endDate: string,
  owedAt: Temporal.Instant,
): OwedLine[] {
  const grants = mergeGrants(
    ctx.input.kinds,
    [{ entitlements: p.plan.entitlements }],
    p.addons.map((a) => ({ grants: a.grants, quantity: a.quantity })),
  );
  const lines: OwedLine[] = [];
  for (const g of grants.values()) {
    const unit = g.overage_unit_amount ?? p.plan.consumptionUnitAmount;
    if (g.overage !== 'bill' || g.limit === null || unit === null) continue;
    const limit = g.limit;
    let base: string;
    let owed: number;
    let description: string;
    if (g.kind === 'quota') {
      const windows = usage.quotas.get(g.feature) ?? [];
      owed = windows.reduce((sum, used) => sum + Math.max(used - limit, 0), 0);
      const used = windows.reduce((sum, u) => sum + u, 0);
      base = `${ctx.sub}:${P}:overage:${g.feature}`;
      description =
        windows.length <= 1
          ? `${g.feature}: ${used} used, ${limit} included, ${owed} billed`
          : `${g.feature}: ${windows.join(' + ')} used in ${windows.length} months, ${limit} included each month, ${owed} billed`;
    } else if (g.kind === 'seat') {
      const peak = usage.seatPeaks.get(g.feature) ?? 0;
      owed = Math.max(peak - limit, 0);
      base = `${ctx.sub}:${P}:extra-users:${g.feature}`;
      description = `${g.feature}: at most ${peak} users in the period, ${limit} included (plan and packs), ${owed} extra`;
    } else continue;
    const top = topUp(ctx.invoiced, base, owed);
    if (!top) continue;
    lines.push({
      line_key: top.key,
      kind: 'consumption',
      description:
        top.before > 0 ? `${description} (${top.before} invoiced before, counted since)` : description,
      subscription_id: ctx.sub,
      period_start: P,
      period_end: endDate,
      quantity: top.quantity,
      unit_amount: unit,
      amount: mulDiv(unit, top.quantity, 1),
      owed_at: owedAt,
      proration: null,
    });
  }
  return lines;
}

/**
 * Consumption owed minus invoiced, by quantity: the first line takes the base key; usage counted after
 * it is invoiced under a key naming the new total, so the same top-up is never billed twice.
 */
function topUp(
  invoiced: ReadonlyMap<string, InvoicedLine>,
  base: string,
  owed: number,
): { key: string; quantity: number; before: number } | null {
  let before = 0;
  let any = false;
  for (const [key, line] of invoiced) {
    if (key === base || key.startsWith(`${base}:to-`)) {
      before += line.quantity;
      any = true;
    }
  }
  if (!any) return owed > 0 ? { key: base, quantity: owed, before: 0 } : null;
  return owed > before ? { key: `${base}:to-${owed}`, quantity: owed - before, before } : null;
}
