/**
 * The one way a subscription is billed: gather the pure function's inputs — its timeline, the usage
 * counted, what was invoiced, who pays — call `linesOwed`, and issue what it owes on the payer's
 * invoice. A preview is the same with nothing written.
 */
import { creditBalanceOf } from '../billing/credit.ts';
import { invoicedLinesOf } from '../billing/invoiced.ts';
import { type InvoiceDraft, previewInvoice } from '../billing/invoices.ts';
import { issueDocuments } from '../billing/issue.ts';
import { localizeDrafts } from '../billing/line-names.ts';
import { draftFor, payerOf } from '../billing/payers.ts';
import { featureKinds, seatModules } from '../catalog/catalog.ts';
import type { FeatureKind } from '../catalog/model.ts';
import { type InvoicedLine, linesOwed, type OwedLine, type PeriodUsage } from '../domain/billing.ts';
import { mergeGrants } from '../domain/entitlements.ts';
import type { Phase } from '../domain/timeline.ts';
import { type CountedWindow, countedWindows } from '../entitlements/counted.ts';
import type { Temporal } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { peaksOf, usedSeats } from '../seats/ledger.ts';
import type { SubscriptionRow } from './terms.ts';

export interface BillRequest {
  reason: InvoiceDraft['reason'];
  /** Lines owed from `from` to `at`, both included. */
  from: Temporal.Instant;
  at: Temporal.Instant;
  /** The invoice's period. */
  period: { start: string | null; end: string | null };
  /** Counted usage by period start, when consumption may be owed. */
  usage?: ReadonlyMap<string, PeriodUsage>;
  issuedAt?: Temporal.Instant;
}

/** What one subscription owes for the request, as its payer's draft invoice (nothing written). */
export async function owedDraft(
  scope: TenantScope,
  sub: Pick<SubscriptionRow, 'id' | 'account_id' | 'currency'>,
  phases: readonly Phase[],
  request: BillRequest,
  invoiced?: ReadonlyMap<string, InvoicedLine>,
): Promise<{ draft: InvoiceDraft; lines: OwedLine[] }> {
  const kinds = await featureKinds(scope);
  const lines = linesOwed({
    subscriptionId: sub.id,
    phases,
    kinds,
    invoiced: invoiced ?? (await invoicedLinesOf(scope, sub.id)),
    from: request.from,
    at: request.at,
    ...(request.usage ? { usage: request.usage } : {}),
  });
  const payer = await payerOf(scope, sub.account_id);
  return { draft: draftFor(payer, sub, request.reason, lines, request.period, request.issuedAt), lines };
}

/**
 * Bills what the subscription owes now: an invoice, or a credit note when it credits more than it
 * charges (ids, or null when nothing is owed).
 */
export async function billNow(
  scope: TenantScope,
  sub: Pick<SubscriptionRow, 'id' | 'account_id' | 'currency'>,
  phases: readonly Phase[],
  request: BillRequest,
): Promise<{ invoice: string | null; credit_note: string | null }> {
  const { draft } = await owedDraft(scope, sub, phases, request);
  if (draft.lines.length === 0) return { invoice: null, credit_note: null };
  const { invoices, creditNotes } = await issueDocuments(scope, [draft], request.at);
  return { invoice: invoices[0]?.id ?? null, credit_note: creditNotes[0]?.id ?? null };
}

/** What a subscription's answer says it just issued. */
export const latestDocuments = (billed: { invoice: string | null; credit_note: string | null }) => ({
  latest_invoice: billed.invoice,
  latest_credit_note: billed.credit_note,
});

/** The invoice `billNow` would issue, written nowhere (with the payer's credit as it stands). */
export async function previewBill(
  scope: TenantScope,
  sub: Pick<SubscriptionRow, 'id' | 'account_id' | 'currency'>,
  phases: readonly Phase[],
  request: BillRequest,
) {
  const { draft } = await owedDraft(scope, sub, phases, request);
  const [worded] = await localizeDrafts(scope, [draft]);
  return previewInvoice(worded!, await creditBalanceOf(scope, draft.accountId), request.at);
}

/**
 * Usage counted in a period of the subscription, for the consumption its end owes: each quota
 * window starting in it, and per seat feature the most users at once — the recorded peak, or the
 * users holding it now when that is more (`nowUsed`).
 */
export function periodUsage(
  windows: readonly CountedWindow[],
  peaks: ReadonlyMap<string, ReadonlyMap<number, number>> | undefined,
  period: { start: number; end: number },
  nowUsed: ReadonlyMap<string, number> = new Map(),
): PeriodUsage {
  const quotas = new Map<string, number[]>();
  for (const w of windows) {
    if (w.start < period.start || w.start >= period.end) continue;
    quotas.set(w.feature, [...(quotas.get(w.feature) ?? []), w.used]);
  }
  const seatPeaks = new Map<string, number>(nowUsed);
  for (const [feature, byPeriod] of peaks ?? []) {
    const peak = byPeriod.get(period.start);
    if (peak !== undefined) seatPeaks.set(feature, Math.max(peak, seatPeaks.get(feature) ?? 0));
  }
  return { quotas, seatPeaks };
}

/** Whether a phase's terms bill anything by consumption (a quota or seats beyond a limit, per unit). */
export function billsConsumption(phase: Phase): boolean {
  return phase.plan.entitlements.some((e) => e.overage === 'bill');
}

/**
 * The seat features a phase bills per extra user, with their modules: their users now count towards
 * the period's peak.
 */
export async function billedSeatFeatures(
  scope: TenantScope,
  phase: Phase,
  kinds: ReadonlyMap<string, FeatureKind>,
): Promise<Map<string, string | null>> {
  const grants = mergeGrants(
    kinds,
    [{ entitlements: phase.plan.entitlements }],
    phase.addons.map((a) => ({ grants: a.grants, quantity: a.quantity })),
  );
  const billed = [...grants.values()].filter((g) => g.kind === 'seat' && g.overage === 'bill');
  if (billed.length === 0) return new Map();
  const modules = await seatModules(scope);
  return new Map(billed.map((g) => [g.feature, modules.get(g.feature) ?? null]));
}

/** The usage one subscription's period owes consumption for, read now (a cancellation, an end). */
export async function usageOfPeriod(
  scope: TenantScope,
  accountId: string,
  phase: Phase,
  period: { start: Temporal.Instant; end: Temporal.Instant; startDate: string },
): Promise<Map<string, PeriodUsage>> {
  if (!billsConsumption(phase)) return new Map();
  const kinds = await featureKinds(scope);
  const nowUsed = new Map<string, number>();
  for (const [feature, module] of await billedSeatFeatures(scope, phase, kinds))
    nowUsed.set(feature, await usedSeats(scope, accountId, module));
  const windows = (await countedWindows(scope, [accountId])).get(accountId) ?? [];
  const peaks = (await peaksOf(scope, [accountId])).get(accountId);
  return new Map([
    [
      period.startDate,
      periodUsage(
        windows,
        peaks,
        { start: period.start.epochMilliseconds, end: period.end.epochMilliseconds },
        nowUsed,
      ),
    ],
  ]);
}
