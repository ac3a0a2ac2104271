/**
 * The invoice lines of a subscription's timeline, one kind at a time, pure: a period's charge in
 * advance, a change's prorations, packs bought once, a cancellation's credits, a period's
 * consumption. `billing.ts` walks the timeline and calls these; each line's key names what it bills.
 */
import type { Temporal } from 'temporal-polyfill';
import type { FeatureKind } from '../catalog/model.ts';
import { mergeGrants } from './entitlements.ts';
import type { LineDraft, LineKind } from './invoice.ts';
import type { LineText, NamedRef } from './line-text.ts';
import { mulDiv } from './money.ts';
import { proratedAmount } from './proration.ts';
import { type Bounds, dateText, localDate, type Phase, type PhaseAddon } from './timeline.ts';

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

const PERIOD_WORD = { month: 'monthly', year: 'annual' } as const;
const MINUS = '\u2212';

function planLabel(p: Phase): string {
  return `${p.plan.name} (${PERIOD_WORD[p.billingPeriod]})`;
}

/**
 * The account whose seats a line bills, read from its key (`…:plan:{account}`, and the proration
 * and refund keys built on it): a reseller's customer or one of its sites; null for other lines.
 */
export function seatAccountOf(lineKey: string): string | null {
  return /:plan:([^:]+)(?::|$)/.exec(lineKey)?.[1] ?? null;
}

/** A whole period's plan line as an invoice words it: "7 × Pro (annual)", or "Pro (annual)" when flat. */
export function planLineDescription(
  name: string,
  period: keyof typeof PERIOD_WORD,
  perSeat: boolean,
  quantity: number,
): string {
  const label = `${name} (${PERIOD_WORD[period]})`;
  return perSeat ? `${quantity} × ${label}` : label;
}

export const billedQuantity = (p: Phase) => (p.plan.perSeat ? p.quantity : 1);

/** A whole period's charge in advance: the plan (or each account's seats) and each recurring pack. */
export function periodCharges(sub: string, p: Phase, b: Bounds, owedAt: Temporal.Instant): OwedLine[] {
  const P = b.startText;
  // One literal shape for every line: a billing run builds a few hundred thousand.
  const line = (
    key: string,
    kind: LineKind,
    description: string,
    text: LineText,
    quantity: number,
    unit: number,
  ): OwedLine => ({
    line_key: key,
    kind,
    description,
    text,
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
          {
            t: 'plan',
            plan: planRef(p),
            period: p.billingPeriod,
            per_seat: true,
            quantity: share.seats,
            ...(share.label ? { site: share.label } : {}),
          },
          share.seats,
          p.plan.amount,
        ),
      );
    }
  } else {
    const q = billedQuantity(p);
    const description = planLineDescription(p.plan.name, p.billingPeriod, p.plan.perSeat, q);
    const text: LineText = {
      t: 'plan',
      plan: planRef(p),
      period: p.billingPeriod,
      per_seat: p.plan.perSeat,
      quantity: q,
    };
    lines.push(line(`${sub}:${P}:plan`, 'subscription', description, text, q, p.plan.amount));
  }
  for (const a of p.addons) {
    if (a.recurringAmount === null || a.quantity <= 0) continue;
    lines.push(
      line(
        `${sub}:${P}:addon:${a.id}`,
        'addon',
        `${a.quantity} × ${a.name}`,
        { t: 'addon', addon: addonRef(a.id, a.name), quantity: a.quantity },
        a.quantity,
        a.recurringAmount,
      ),
    );
  }
  return lines;
}

/** One billed item of a phase for the days left: a plan (or one account's seats) or a recurring pack. */
interface Item {
  key: string;
  prefix: string;
  /** Whose seats (a site's label), for the line's text. */
  site: string | undefined;
  name: string;
  ref: NamedRef;
  unit: number;
  quantity: number;
}

function planItems(p: Phase): Item[] {
  if (p.shares && p.plan.perSeat) {
    return p.shares.map((s) => ({
      key: `plan:${s.account}`,
      prefix: s.label ? `${s.label}: ` : '',
      site: s.label || undefined,
      name: p.plan.name,
      ref: planRef(p),
      unit: p.plan.amount,
      quantity: s.seats,
    }));
  }
  return [
    {
      key: 'plan',
      prefix: '',
      site: undefined,
      name: p.plan.name,
      ref: planRef(p),
      unit: p.plan.amount,
      quantity: billedQuantity(p),
    },
  ];
}

function addonItem(a: PhaseAddon | undefined, id: string, name: string): Item | null {
  if (a && a.recurringAmount === null) return null;
  return {
    key: `addon:${id}`,
    prefix: '',
    site: undefined,
    name,
    ref: addonRef(id, name),
    unit: a?.recurringAmount ?? 0,
    quantity: a?.quantity ?? 0,
  };
}

const planRef = (p: Phase): NamedRef => ({ kind: 'plan', ref: p.plan.key, name: p.plan.name });
const addonRef = (id: string, name: string): NamedRef => ({ kind: 'addon', ref: id, name });
/** The domain knows a feature by its key; an invoice names it in its reader's language. */
const featureRef = (key: string): NamedRef => ({ kind: 'feature', ref: key, name: key });

/**
 * The lines of a change for the remaining days: an item whose quantity moved is one line for the
 * difference; an item whose price changed (another plan) is credited for the old terms and charged
 * for the new, two explained lines.
 */
export function prorations(
  sub: string,
  prev: Phase,
  cur: Phase,
  b: Bounds,
  proration: Proration,
  P: string,
): OwedLine[] {
  const lines: OwedLine[] = [];
  const keyOf = (item: Item, side: string) => `${sub}:${P}:ph${cur.seq}:${item.key}${side}`;
  const line = (
    item: Item,
    side: string,
    unit: number,
    quantity: number,
    description: string,
    text: LineText,
  ): OwedLine => ({
    line_key: keyOf(item, side),
    kind: 'proration',
    description,
    text,
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
  const site = (item: Item) => (item.site ? { site: item.site } : {});
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
            { t: 'delta', item: item.ref, quantity: dq, ...site(item), ...proration },
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
            { t: 'unused', item: o.ref, quantity: o.quantity, ...site(o), ...proration },
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
            { t: 'remaining', item: n.ref, quantity: n.quantity, ...site(n), ...proration },
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
export function oneOffs(sub: string, prev: Phase | null, cur: Phase): OwedLine[] {
  const lines: OwedLine[] = [];
  const date = dateText(localDate(cur.effectiveAt, cur.timeZone));
  for (const a of cur.addons) {
    if (a.onceAmount === null) continue;
    const had = prev?.status === 'active' ? (prev.addons.find((x) => x.id === a.id)?.quantity ?? 0) : 0;
    const bought = a.quantity - had;
    if (bought <= 0) continue;
    lines.push({
      // The purchase's packs are its `start` (the key invoices have always used for them).
      line_key: `${sub}:${cur.seq === 0 ? 'start' : `ph${cur.seq}`}:once:${a.id}`,
      kind: 'addon',
      description: `${bought} × ${a.name} (one-off)`,
      text: { t: 'once', addon: addonRef(a.id, a.name), quantity: bought },
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
 * exact negative of what was invoiced (amount and tax), so the customer gets back to the cent what
 * it paid. What was voided is owed no more, so it is not credited. A line the invoiced record does
 * not hold (a replay from scratch) is credited as the timeline computes it.
 */
export function refunds(
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
      ...(c.text ? { text: { t: 'refund' as const, of: c.text } } : {}),
      unit_amount: c.unit_amount === 0 ? 0 : -c.unit_amount,
      amount: was ? -was.amount || 0 : -c.amount,
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
export function consumption(
  ctx: { sub: string; kinds: ReadonlyMap<string, FeatureKind>; invoiced: ReadonlyMap<string, InvoicedLine> },
  p: Phase,
  usage: PeriodUsage,
  P: string,
  endDate: string,
  owedAt: Temporal.Instant,
): OwedLine[] {
  const grants = mergeGrants(
    ctx.kinds,
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
    let text: (before: number) => LineText;
    if (g.kind === 'quota') {
      const windows = usage.quotas.get(g.feature) ?? [];
      owed = windows.reduce((sum, used) => sum + Math.max(used - limit, 0), 0);
      const used = windows.reduce((sum, u) => sum + u, 0);
      base = `${ctx.sub}:${P}:overage:${g.feature}`;
      description =
        windows.length <= 1
          ? `${g.feature}: ${used} used, ${limit} included, ${owed} billed`
          : `${g.feature}: ${windows.join(' + ')} used in ${windows.length} months, ${limit} included each month, ${owed} billed`;
      const billed = owed;
      text = (before) => ({
        t: 'overage',
        feature: featureRef(g.feature),
        windows: windows.length ? windows : [0],
        limit,
        billed,
        before,
      });
    } else if (g.kind === 'seat') {
      const peak = usage.seatPeaks.get(g.feature) ?? 0;
      owed = Math.max(peak - limit, 0);
      base = `${ctx.sub}:${P}:extra-users:${g.feature}`;
      description = `${g.feature}: at most ${peak} users in the period, ${limit} included (plan and packs), ${owed} extra`;
      const extra = owed;
      text = (before) => ({ t: 'extra_users', feature: featureRef(g.feature), peak, limit, extra, before });
    } else continue;
    const top = topUp(ctx.invoiced, base, owed);
    if (!top) continue;
    lines.push({
      line_key: top.key,
      kind: 'consumption',
      description:
        top.before > 0 ? `${description} (${top.before} invoiced before, counted since)` : description,
      text: text(top.before),
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
