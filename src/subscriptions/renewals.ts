import { sql } from 'kysely';
import { type InvoiceDraft, invoicedKeys, issueInvoices } from '../billing/invoices.ts';
import { featureKinds } from '../catalog/catalog.ts';
import type { FeatureKind } from '../catalog/model.ts';
import type { Grant } from '../domain/entitlements.ts';
import { mergeGrants } from '../domain/entitlements.ts';
import { type LineDraft, notYetInvoiced } from '../domain/invoice.ts';
import { emitEvents, type NewEvent } from '../events/events.ts';
import { type HistoryEntry, recordHistoryMany } from '../history/history.ts';
import { BILLING_ACTOR } from '../platform/actor.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { DueWorkHandler } from '../platform/clock/due-work.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { anyOf } from '../platform/db/where.ts';
import { named, payersOf, type SeatShare, seatShares } from '../seats/reseller.ts';
import { usedSeats } from '../seats/seats.ts';
import {
  extraUserLines,
  overageLines,
  periodChargeLines,
  periodOf,
  priceOf,
  type SubscriptionTerms,
} from './charges.ts';
import { addonRowsOf, type SubscriptionRow, termsOf } from './terms.ts';
import { clockFilter, expireTrials, TRIAL_WARNING_DAYS, warnTrials } from './trials.ts';

/** Subscriptions renewed per transaction: big enough for set-based statements, small enough to keep locks short. */
export const RENEWAL_CHUNK = 5_000;
const RENEWAL_WORKERS = 2;

/**
 * The subscription timeline's due work: renewals (or endings, with auto-renew off) at period ends,
 * trial expiries and `trial_will_end` warnings. Set-based and chunked; every chunk locks its
 * subscriptions (FOR UPDATE SKIP LOCKED), so two runners never take the same one, and the unique line
 * keys make billing a period twice impossible even if they did.
 */
export const subscriptionDueWork: DueWorkHandler = {
  name: 'subscriptions',

  async nextDueAt(scope, clockId, after, until) {
    const a = toDate(after);
    const u = toDate(until);
    const { rows } = await sql<{ at: Date | null }>`
      select min(at) as at from (
        select min(current_period_end) as at from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'active'
           and current_period_end > ${a} and current_period_end <= ${u}
        union all
        select min(trial_end) from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing'
           and trial_end > ${a} and trial_end <= ${u}
        union all
        select min(trial_end - make_interval(days => ${TRIAL_WARNING_DAYS})) from subscriptions
         where tenant_id = ${scope.tenantId} and ${clockFilter(clockId)} and status = 'trialing' and not trial_will_end_sent
           and trial_end - make_interval(days => ${TRIAL_WARNING_DAYS}) > ${a}
           and trial_end - make_interval(days => ${TRIAL_WARNING_DAYS}) <= ${u}
      ) due`.execute(scope.raw);
    const at = rows[0]?.at;
    return at ? fromDate(new Date(at)) : null;
  },

  async runDue(scope, clockId, now) {
    const counts = { trial_warnings: 0, trials_expired: 0, renewed: 0, ended: 0, invoices: 0, failed: 0 };
    const failed = new Set<string>();
    await scope.transaction(async (tx) => {
      counts.trial_warnings = await warnTrials(tx, clockId, now);
      counts.trials_expired = await expireTrials(tx, clockId, now);
    });
    // Outside a caller's transaction, chunks run on RENEWAL_WORKERS connections at once: SKIP LOCKED
    // hands each its own subscriptions, and the database works while this process computes the next.
    const worker = async () => {
      for (;;) {
        const done = await scope.transaction((tx) => renewChunk(tx, clockId, now, failed));
        counts.renewed += done.renewed;
        counts.ended += done.ended;
        counts.invoices += done.invoices;
        counts.failed += done.failed;
        if (done.taken < RENEWAL_CHUNK) break;
      }
    };
    await Promise.all(Array.from({ length: scope.inTransaction ? 1 : RENEWAL_WORKERS }, worker));
    return counts;
  },
};

interface Renewal {
  row: SubscriptionRow;
  next: {
    anchor: string;
    index: number;
    billingPeriod: 'month' | 'year';
    start: Temporal.Instant;
    end: Temporal.Instant;
    startIso: string;
    endIso: string;
    startDate: string;
    endDate: string;
  };
}

async function renewChunk(
  scope: TenantScope,
  clockId: string | null,
  now: Temporal.Instant,
  failed: Set<string>,
) {
  const due = await scope
    .selectFrom('subscriptions')
    .selectAll()
    .where((eb) => (clockId === null ? eb('test_clock_id', 'is', null) : eb('test_clock_id', '=', clockId)))
    .where('status', '=', 'active')
    .where('current_period_end', '<=', toDate(now))
    .$if(failed.size > 0, (q) => q.where(sql<boolean>`not (id = any(${[...failed]}::text[]))`))
    .orderBy('current_period_end')
    .limit(RENEWAL_CHUNK)
    .forUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return { taken: 0, renewed: 0, ended: 0, invoices: 0, failed: 0 };

  const ending = due.filter((r) => !r.auto_renew);
  const renewable: Renewal[] = due
    .filter((r) => r.auto_renew)
    .map((row) => {
      const scheduled = row.scheduled_changes as { billing_period?: 'month' | 'year' };
      // A new billing period starts a new anchor at the renewal date; otherwise the next index.
      const endDate = cachedPeriod(
        row.anchor_date,
        row.billing_period,
        row.period_index,
        row.timezone,
      ).endDate;
      const billingPeriod = scheduled.billing_period ?? row.billing_period;
      const anchor = scheduled.billing_period ? endDate : row.anchor_date;
      const index = scheduled.billing_period ? 0 : row.period_index + 1;
      const p = cachedPeriod(anchor, billingPeriod, index, row.timezone);
      return {
        row,
        next: {
          anchor,
          index,
          billingPeriod,
          start: p.start,
          end: p.end,
          startIso: p.startIso,
          endIso: p.endIso,
          startDate: p.startDate,
          endDate: p.endDate,
        },
      };
    });

  const addonRows = await addonRowsOf(
    scope,
    renewable.map((r) => r.row.id),
  );
  // Who pays each account's renewal (a reseller for its customers), at the payer's tax rate.
  const payers = await payersOf(scope, [...new Set(renewable.map((r) => r.row.account_id))]);
  const quantities = new Map<string, number>();
  const usage = await endingUsage(scope, renewable);
  let kinds: Map<string, FeatureKind> | null = null;
  const expected = [];
  for (const r of renewable) {
    try {
      // Only a plan that bills beyond a limit can owe overage or extra users: the others skip this.
      const current = await termsOf(scope, r.row, addonRows.get(r.row.id) ?? []);
      let overage: LineDraft[] = [];
      if (current.plan.entitlements.some((e) => e.overage === 'bill')) {
        kinds ??= await featureKinds(scope);
        const ended = cachedPeriod(
          r.row.anchor_date,
          r.row.billing_period,
          r.row.period_index,
          r.row.timezone,
        );
        const grants = [
          ...mergeGrants(
            kinds,
            [current.plan],
            current.addons.map((a) => ({ grants: a.addon.grants, quantity: a.quantity })),
          ).values(),
        ];
        overage = [
          ...overageLines(
            r.row.id,
            grants,
            new Map([...(usage.get(r.row.id) ?? [])].map(([f, u]) => [f, u.windows])),
            ended,
            priceOf(current.plan, r.row.billing_period, r.row.currency)?.consumption_unit_amount ?? null,
          ),
          ...(await extraUsers(scope, r.row, current, grants, ended)),
        ];
      }
      const terms = await termsOf(
        scope,
        { ...r.row, billing_period: r.next.billingPeriod },
        addonRows.get(r.row.id) ?? [],
      );
      // A reseller's customer (it has a billing basis): its seats this period, per site, by that basis.
      let shares: SeatShare[] | null = null;
      const basis = payers.get(r.row.account_id)?.account.billing_basis as unknown[] | undefined;
      if (basis && basis.length > 0 && priceOf(terms.plan, terms.billingPeriod, terms.currency)?.per_seat) {
        kinds ??= await featureKinds(scope);
        const seatFeature = terms.plan.entitlements.find((e) => kinds!.get(e.feature) === 'seat')?.feature;
        if (seatFeature) shares = await seatShares(scope, r.row, r.next.startDate, seatFeature);
        if (shares)
          quantities.set(
            r.row.id,
            Math.max(
              1,
              shares.reduce((n, s) => n + s.seats, 0),
            ),
          );
      }
      expected.push({
        r,
        lines: [...periodChargeLines(terms, r.next.startDate, r.next.endDate, shares), ...overage],
      });
    } catch (error) {
      // One subscription that cannot be billed (its terms lack a price) must not hold up the others:
      // it is left as it is, skipped for the rest of this run, and counted as failed.
      failed.add(r.row.id);
      console.error(`renewal of ${r.row.id} failed: ${(error as Error).message}`);
    }
  }
  const renewing = renewable.filter((r) => !failed.has(r.row.id));
  const already = await invoicedKeys(
    scope,
    expected.flatMap((e) => e.lines.map((l) => l.line_key)),
  );
  const drafts: InvoiceDraft[] = [];
  for (const { r, lines } of expected) {
    const missing = notYetInvoiced(lines, already);
    if (missing.length === 0) continue;
    drafts.push({
      // Each renewal is issued at its own period start, as the timeline has it.
      issuedAt: r.next.start,
      accountId: payers.get(r.row.account_id)!.payer.id,
      subscriptionId: r.row.id,
      reason: 'subscription_cycle',
      currency: r.row.currency,
      taxRateBps: payers.get(r.row.account_id)!.payer.tax_rate_bps,
      periodStart: r.next.startDate,
      periodEnd: r.next.endDate,
      lines: named(missing, payers.get(r.row.account_id)!.label),
    });
  }

  if (renewing.length) {
    await sql`
      update subscriptions as s set
        anchor_date = v.anchor, period_index = v.idx, billing_period = v.bp,
        current_period_start = v.ps, current_period_end = v.pe,
        scheduled_changes = '{}'::jsonb, updated_at = ${toDate(now)}, quantity = v.qty
      from (select unnest(${renewing.map((r) => r.row.id)}::text[]) as id,
                   unnest(${renewing.map((r) => quantities.get(r.row.id) ?? r.row.quantity)}::int[]) as qty,
                   unnest(${renewing.map((r) => r.next.anchor)}::text[]) as anchor,
                   unnest(${renewing.map((r) => r.next.index)}::int[]) as idx,
                   unnest(${renewing.map((r) => r.next.billingPeriod)}::text[]) as bp,
                   unnest(${renewing.map((r) => r.next.startIso)}::timestamptz[]) as ps,
                   unnest(${renewing.map((r) => r.next.endIso)}::timestamptz[]) as pe) as v
      where s.tenant_id = ${scope.tenantId} and s.id = v.id`.execute(scope.raw);
  }
  if (ending.length) {
    await sql`
      update subscriptions set status = 'canceled', ended_at = current_period_end, updated_at = ${toDate(now)}
      where tenant_id = ${scope.tenantId} and id = any(${ending.map((r) => r.id)}::text[])`.execute(
      scope.raw,
    );
  }
  const events: NewEvent[] = [
    ...quotaResets(renewing, usage),
    ...renewing.map((r) => ({
      type: 'subscription.renewed' as const,
      accountId: r.row.account_id,
      at: r.next.start,
      data: {
        subscription: r.row.id,
        current_period_start: r.next.startIso,
        current_period_end: r.next.endIso,
        billing_period: r.next.billingPeriod,
      },
    })),
    ...ending.map((r) => ({
      type: 'subscription.canceled' as const,
      accountId: r.account_id,
      at: fromDate(r.current_period_end),
      data: { subscription: r.id, reason: 'auto_renew_off', ended_at: toRfc3339(r.current_period_end) },
    })),
  ];
  await emitEvents(scope, events);
  // Renewals are the timeline running on, not anyone's action: they are in the events
  // (subscription.renewed), not the history. An ending is a change of state, so it is recorded.
  const history: HistoryEntry[] = ending.map((r) => ({
    at: fromDate(r.current_period_end),
    actor: BILLING_ACTOR,
    action: 'subscription.ended',
    subject: { type: 'subscription', id: r.id },
    accountId: r.account_id,
    before: { status: 'active', auto_renew: false },
    after: { status: 'canceled', ended_at: toRfc3339(r.current_period_end) },
  }));
  await recordHistoryMany(scope, history);
  // Last: issuing takes the tenant's invoice-number lock, held until this chunk commits.
  const invoices = (await issueInvoices(scope, drafts, now)).length;
  return {
    taken: due.length,
    renewed: renewing.length,
    ended: ending.length,
    invoices,
    failed: renewable.length - renewing.length,
  };
}

/**
 * Usage counted in each renewing subscription's ending period, by feature: one figure per window with
 * usage, in order — the period's, or each month's for a quota that resets monthly inside a longer
 * period — and what the period's last window counted (what its renewal resets).
 */
async function endingUsage(
  scope: TenantScope,
  renewing: readonly Renewal[],
): Promise<Map<string, Map<string, { windows: number[]; last: number }>>> {
  const out = new Map<string, Map<string, { windows: number[]; last: number }>>();
  if (renewing.length === 0) return out;
  const rows = await scope
    .selectFrom('usage_counters')
    .select(['account_id', 'feature', 'window_start', 'window_end', 'used'])
    .where(anyOf('account_id', [...new Set(renewing.map((r) => r.row.account_id))]))
    .where('used', '>', 0)
    .where('window_end', 'is not', null)
    .orderBy('window_start')
    .execute();
  const byAccount = new Map<string, Renewal[]>();
  for (const r of renewing) byAccount.set(r.row.account_id, [...(byAccount.get(r.row.account_id) ?? []), r]);
  for (const c of rows) {
    const at = c.window_start.getTime();
    const r = byAccount
      .get(c.account_id)
      ?.find((x) => x.row.current_period_start.getTime() <= at && at < x.row.current_period_end.getTime());
    if (!r) continue;
    const m = out.get(r.row.id) ?? new Map<string, { windows: number[]; last: number }>();
    const u = m.get(c.feature) ?? { windows: [], last: 0 };
    u.windows.push(Number(c.used));
    if (c.window_end!.getTime() === r.row.current_period_end.getTime()) u.last = Number(c.used);
    m.set(c.feature, u);
    out.set(r.row.id, m);
  }
  return out;
}

/**
 * `quota.reset` for each quota that counted usage in its last window of the period that just ended:
 * the new period's window starts empty (usage is counted per window, so the reset itself is the new
 * window).
 */
function quotaResets(
  renewing: readonly Renewal[],
  usage: ReadonlyMap<string, ReadonlyMap<string, { last: number }>>,
): NewEvent[] {
  const events: NewEvent[] = [];
  for (const r of renewing) {
    for (const [feature, { last: used }] of usage.get(r.row.id) ?? []) {
      if (used === 0) continue;
      events.push({
        type: 'quota.reset',
        accountId: r.row.account_id,
        at: r.next.start,
        data: { feature, previous_used: used, period_start: r.next.startIso, period_end: r.next.endIso },
      });
    }
  }
  return events;
}

/** Many subscriptions renew on the same dates: compute each period once. */
const periodCache = new Map<string, ReturnType<typeof periodOf> & { startIso: string; endIso: string }>();
function cachedPeriod(anchor: string, interval: 'month' | 'year', index: number, timeZone: string) {
  const key = `${anchor}|${interval}|${index}|${timeZone}`;
  let p = periodCache.get(key);
  if (!p) {
    if (periodCache.size > 50_000) periodCache.clear();
    const q = periodOf(anchor, interval, index, timeZone);
    p = { ...q, startIso: toRfc3339(q.start), endIso: toRfc3339(q.end) };
    periodCache.set(key, p);
  }
  return p;
}

/**
 * Extra users of a billed seat feature (S17): the most users holding it at once in the period that
 * ended — or now, if more — beyond what the plan and packs include, priced per user and module.
 */
async function extraUsers(
  scope: TenantScope,
  row: SubscriptionRow,
  terms: SubscriptionTerms,
  grants: readonly Grant[],
  ended: { startDate: string; endDate: string },
): Promise<LineDraft[]> {
  const billed = grants.filter((g) => g.kind === 'seat' && g.overage === 'bill' && g.limit !== null);
  if (billed.length === 0) return [];
  const price = priceOf(terms.plan, row.billing_period, row.currency);
  const modules = new Map(
    (
      await scope
        .selectFrom('features')
        .select(['key', 'module'])
        .where(
          'key',
          'in',
          billed.map((g) => g.feature),
        )
        .execute()
    ).map((f) => [f.key, f.module]),
  );
  const peaks = await scope
    .selectFrom('seat_peaks')
    .select(['feature', 'peak'])
    .where('account_id', '=', row.account_id)
    .where('window_start', '=', row.current_period_start)
    .execute();
  const seats = [];
  for (const g of billed) {
    const now = await usedSeats(scope, row.account_id, modules.get(g.feature) ?? null);
    const peak = Math.max(now, peaks.find((p) => p.feature === g.feature)?.peak ?? 0);
    const unitAmount = g.overage_unit_amount ?? price?.consumption_unit_amount ?? null;
    if (unitAmount === null) continue;
    seats.push({ feature: g.feature, included: g.limit!, peak, unitAmount });
  }
  return extraUserLines(row.id, seats, ended);
}
