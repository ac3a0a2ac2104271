/**
 * The stored timeline: `subscription_phases`, append-only (a trigger refuses updates and deletes),
 * and its projection, the subscription row, which always holds the last phase. Every action that
 * changes what a subscription is appends here, in the action's transaction.
 */
import type { Selectable, Updateable } from 'kysely';
import { addonVersion, planVersion } from '../catalog/versions.ts';
import { instantOf, type Phase, type PhaseAction, type PhaseStatus, plainDate } from '../domain/timeline.ts';
import { fromDate, type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type {
  StoredAddon,
  StoredShare,
  SubscriptionPhasesTable,
  SubscriptionsTable,
} from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { phaseAddon, phasePlan, type SubscriptionRow } from './terms.ts';

/** What a phase is: the terms, schedule and status from its instant on. */
export interface PhaseValues {
  action: PhaseAction;
  effectiveAt: Temporal.Instant;
  status: PhaseStatus;
  planId: string;
  planVersion: number;
  billingPeriod: 'month' | 'year';
  currency: string;
  quantity: number;
  addons: StoredAddon[];
  anchorDate: string;
  timezone: string;
  shares: StoredShare[] | null;
}

export type PhaseRow = Selectable<SubscriptionPhasesTable>;

/** The last phase, as the subscription row holds it. */
export function currentValues(row: SubscriptionRow): PhaseValues & { seq: number } {
  return {
    seq: row.phase_seq,
    action: row.phase_action as PhaseAction,
    effectiveAt: instantOf(row.phase_effective_at.getTime()),
    status: row.status,
    planId: row.plan_id,
    planVersion: row.plan_version,
    billingPeriod: row.billing_period,
    currency: row.currency,
    quantity: row.quantity,
    addons: row.addons as StoredAddon[],
    anchorDate: row.anchor_date,
    timezone: row.timezone,
    shares: row.shares as StoredShare[] | null,
  };
}

const valuesOf = (r: PhaseRow): PhaseValues & { seq: number } => ({
  seq: r.seq,
  action: r.action as PhaseAction,
  effectiveAt: fromDate(r.effective_at),
  status: r.status,
  planId: r.plan_id,
  planVersion: r.plan_version,
  billingPeriod: r.billing_period,
  currency: r.currency,
  quantity: r.quantity,
  addons: r.addons as StoredAddon[],
  anchorDate: r.anchor_date,
  timezone: r.timezone,
  shares: r.shares as StoredShare[] | null,
});

const PHASE_COLUMNS = {
  subscription_id: 'text',
  seq: 'integer',
  action: 'text',
  effective_at: 'timestamptz',
  status: 'text',
  plan_id: 'text',
  plan_version: 'integer',
  billing_period: 'text',
  currency: 'text',
  quantity: 'integer',
  addons: 'jsonb',
  anchor_date: 'text',
  timezone: 'text',
  shares: 'jsonb',
  created_at: 'timestamptz',
} as const;

/** Writes phases (set-based): the subscription rows must exist, and each seq follow the last. */
export async function insertPhases(
  scope: TenantScope,
  phases: readonly (PhaseValues & { subscriptionId: string; seq: number })[],
  now: Temporal.Instant,
): Promise<void> {
  await scope.bulkInsert(
    'subscription_phases',
    PHASE_COLUMNS,
    phases.map((p) => ({
      subscription_id: p.subscriptionId,
      seq: p.seq,
      action: p.action,
      effective_at: toDate(p.effectiveAt),
      status: p.status,
      plan_id: p.planId,
      plan_version: p.planVersion,
      billing_period: p.billingPeriod,
      currency: p.currency,
      quantity: p.quantity,
      addons: JSON.stringify(p.addons),
      anchor_date: p.anchorDate,
      timezone: p.timezone,
      shares: p.shares === null ? null : JSON.stringify(p.shares),
      created_at: toDate(now),
    })),
  );
}

/** The subscription columns a phase sets: the projection of the timeline's last phase. */
export function projectionOf(p: PhaseValues & { seq: number }) {
  return {
    status: p.status,
    plan_id: p.planId,
    plan_version: p.planVersion,
    billing_period: p.billingPeriod,
    currency: p.currency,
    quantity: p.quantity,
    addons: JSON.stringify(p.addons),
    shares: p.shares === null ? null : JSON.stringify(p.shares),
    anchor_date: p.anchorDate,
    timezone: p.timezone,
    phase_seq: p.seq,
    phase_action: p.action,
    phase_effective_at: toDate(p.effectiveAt),
  };
}

type RowUpdate = Omit<Updateable<SubscriptionsTable>, 'tenant_id' | 'id' | 'addons' | 'shares'>;

/**
 * Appends the next phase — the current one with `change` applied — and updates the subscription
 * row to it (with `row` extra columns: period bounds, flags). Returns the new phase's values.
 */
export async function appendPhase(
  scope: TenantScope,
  current: SubscriptionRow,
  change: Partial<PhaseValues> & Pick<PhaseValues, 'action' | 'effectiveAt'>,
  now: Temporal.Instant,
  row: RowUpdate = {},
): Promise<PhaseValues & { seq: number }> {
  const next = { ...currentValues(current), ...change, seq: current.phase_seq + 1 };
  await insertPhases(scope, [{ ...next, subscriptionId: current.id }], now);
  await scope
    .updateTable('subscriptions')
    .set({ ...projectionOf(next), updated_at: toDate(now), ...row })
    .where('id', '=', current.id)
    .execute();
  return next;
}

/** A subscription's whole timeline, in order. */
export async function timelineRows(scope: TenantScope, subscriptionId: string): Promise<PhaseRow[]> {
  return scope
    .selectFrom('subscription_phases')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('seq')
    .execute();
}

/** The timeline as the billing function reads it: each phase with its terms priced. */
export async function loadTimeline(scope: TenantScope, subscriptionId: string): Promise<Phase[]> {
  const rows = await timelineRows(scope, subscriptionId);
  const out: Phase[] = [];
  for (const r of rows) out.push(await toPhase(scope, valuesOf(r)));
  return out;
}

/** Many subscriptions' timelines at once (one read), as the billing function reads them. */
export async function loadTimelines(
  scope: TenantScope,
  subscriptionIds: readonly string[],
): Promise<Map<string, Phase[]>> {
  const out = new Map<string, Phase[]>(subscriptionIds.map((id) => [id, []]));
  if (subscriptionIds.length === 0) return out;
  const rows = await scope
    .selectFrom('subscription_phases')
    .selectAll()
    .where('subscription_id', 'in', subscriptionIds)
    .orderBy('subscription_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) out.get(r.subscription_id)?.push(await toPhase(scope, valuesOf(r)));
  return out;
}

/** A phase's terms priced for its billing period and currency (throws if its plan has no such price). */
export async function toPhase(scope: TenantScope, v: PhaseValues & { seq: number }): Promise<Phase> {
  const plan = await planVersion(scope, v.planId, v.planVersion);
  const addons = [];
  for (const a of v.addons) {
    const addon = await addonVersion(scope, a.addon, a.version);
    addons.push(phaseAddon({ addon, quantity: a.quantity }, v.billingPeriod, v.currency));
  }
  return {
    seq: v.seq,
    action: v.action,
    effectiveAt: v.effectiveAt,
    status: v.status,
    anchor: plainDate(v.anchorDate),
    billingPeriod: v.billingPeriod,
    timeZone: v.timezone,
    currency: v.currency,
    plan: phasePlan(plan, v.billingPeriod, v.currency),
    quantity: v.quantity,
    addons,
    shares: v.shares,
  };
}

/** GET /v1/subscriptions/{id}/timeline: the phases as the API shows them. */
export function viewPhase(r: PhaseRow) {
  return {
    object: 'subscription_phase' as const,
    seq: r.seq,
    action: r.action,
    effective_at: toRfc3339(r.effective_at),
    status: r.status,
    plan: r.plan_id,
    plan_version: r.plan_version,
    billing_period: r.billing_period,
    currency: r.currency,
    quantity: r.quantity,
    addons: (r.addons as StoredAddon[]).map((a) => ({
      addon: a.addon,
      version: a.version,
      quantity: a.quantity,
    })),
    anchor_date: r.anchor_date,
    timezone: r.timezone,
    seats: (r.shares as StoredShare[] | null)?.map((s) => ({ account: s.account, seats: s.seats })) ?? null,
  };
}
