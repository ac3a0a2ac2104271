/**
 * Pricing tables: catalog objects a vendor's web site shows (through `<allot-pricing-table>` and a
 * publishable key), and the quotes a visitor's choice gets. This module owns `pricing_tables`.
 */
import type { Selectable } from 'kysely';
import { quoteOf } from '../domain/quote.ts';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import type { PricingTablesTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError, FieldErrors, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { listPlans, requireVendor } from './catalog.ts';
import {
  displayOf,
  type PricingTableDefinition,
  type PricingTableDocument,
  type TableCatalog,
  type TableFeatureFacts,
  type TablePlanFacts,
  validatePricingTable,
} from './pricing-table-rules.ts';

type Raw = Record<string, unknown>;
type Row = Selectable<PricingTablesTable>;

/** The catalog as the rules read it: plans and features by key and by id. */
export async function tableCatalog(scope: TenantScope): Promise<TableCatalog> {
  const plans = new Map<string, TablePlanFacts>();
  for (const p of await listPlans(scope)) {
    const facts = {
      key: p.key,
      name: p.name,
      trial_days: p.trial_days,
      prices: p.prices,
      entitlements: p.entitlements,
    };
    plans.set(p.key, facts);
    plans.set(p.id, facts);
  }
  const features = new Map<string, TableFeatureFacts>();
  const rows = await scope
    .selectFrom('features')
    .select(['id', 'key', 'name', 'kind', 'unit'])
    .orderBy('id')
    .execute();
  for (const f of rows) {
    const facts = { key: f.key, name: f.name, kind: f.kind, unit: f.unit };
    features.set(f.key, facts);
    features.set(f.id, facts);
  }
  return { plans, features, featureOrder: rows.map((f) => f.key) };
}

function definitionOf(doc: PricingTableDocument): PricingTableDefinition {
  return {
    plans: doc.plans,
    highlighted_plan: doc.highlighted_plan,
    features: doc.features,
    call_to_action_url: doc.call_to_action_url,
    default_billing_period: doc.default_billing_period,
    default_currency: doc.default_currency,
  };
}

function documentOf(row: Row): PricingTableDocument {
  return {
    key: row.key,
    name: row.name,
    published: row.published,
    ...(row.definition as PricingTableDefinition),
  };
}

function view(row: Row, catalog: TableCatalog) {
  const doc = documentOf(row);
  return {
    id: row.id,
    object: 'pricing_table' as const,
    ...doc,
    display: displayOf(doc, catalog),
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}
export type PricingTableView = ReturnType<typeof view>;

async function findRow(scope: TenantScope, ref: string, publishedOnly: boolean): Promise<Row> {
  let q = scope.selectFrom('pricing_tables').selectAll().where(idOr('key', ref));
  if (publishedOnly) q = q.where('published', '=', true);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('pricing table', ref);
  return row;
}

export async function getPricingTable(scope: TenantScope, ref: string, publishedOnly: boolean) {
  return view(await findRow(scope, ref, publishedOnly), await tableCatalog(scope));
}

export async function listPricingTables(scope: TenantScope, publishedOnly: boolean) {
  let q = scope.selectFrom('pricing_tables').selectAll().orderBy('id', 'asc');
  if (publishedOnly) q = q.where('published', '=', true);
  const rows = await q.execute();
  const catalog = await tableCatalog(scope);
  return rows.map((r) => view(r, catalog));
}

async function record(
  scope: TenantScope,
  actor: Actor,
  action: string,
  id: string,
  before: unknown,
  after: unknown,
  now: Temporal.Instant,
) {
  await recordHistory(scope, {
    at: now,
    actor,
    action,
    subject: { type: 'pricing_table', id },
    accountId: null,
    before,
    after,
  });
}

async function insertTable(
  scope: TenantScope,
  doc: PricingTableDocument,
  now: Temporal.Instant,
): Promise<Row> {
  const row: Row = {
    tenant_id: scope.tenantId,
    id: newId('pricingTable'),
    key: doc.key,
    name: doc.name,
    published: doc.published,
    definition: definitionOf(doc),
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  const { tenant_id: _t, ...values } = row;
  await scope
    .insertInto('pricing_tables', { ...values, definition: JSON.stringify(values.definition) })
    .execute();
  return row;
}

async function reviseTable(scope: TenantScope, row: Row, doc: PricingTableDocument, now: Temporal.Instant) {
  // Built in one field order on both sides (jsonb keeps its own order of keys).
  const canonical = (d: PricingTableDocument) => JSON.stringify([d.name, d.published, definitionOf(d)]);
  if (canonical(documentOf(row)) === canonical(doc)) return { row, changed: false };
  const next: Row = {
    ...row,
    name: doc.name,
    published: doc.published,
    definition: definitionOf(doc),
    updated_at: toDate(now),
  };
  await scope
    .updateTable('pricing_tables')
    .set({
      name: next.name,
      published: next.published,
      definition: JSON.stringify(next.definition),
      updated_at: next.updated_at,
    })
    .where('id', '=', row.id)
    .execute();
  return { row: next, changed: true };
}

export async function createPricingTable(
  scope: TenantScope,
  actor: Actor,
  input: Raw,
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const catalog = await tableCatalog(scope);
  const { errors, table } = validatePricingTable(input, catalog);
  errors.throwIfAny('The pricing table was not created.');
  const clash = await scope
    .selectFrom('pricing_tables')
    .select('id')
    .where('key', '=', table.key)
    .executeTakeFirst();
  if (clash)
    throw new AllotError('validation_failed', `key ${table.key} is taken.`, [
      { field: 'key', message: `${table.key} is already used by ${clash.id}` },
    ]);
  const row = await insertTable(scope, table, now);
  const after = view(row, catalog);
  await record(scope, actor, 'pricing_table.created', row.id, null, documentOf(row), now);
  return after;
}

/** PATCH: the given fields replace the current ones (lists whole); the key never changes. */
export async function updatePricingTable(
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: Raw,
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const row = await findRow(scope, ref, false);
  const catalog = await tableCatalog(scope);
  const { errors, table } = validatePricingTable({ ...documentOf(row), ...patch, key: row.key }, catalog);
  errors.throwIfAny('The pricing table was not changed.');
  const r = await reviseTable(scope, row, table, now);
  if (r.changed)
    await record(scope, actor, 'pricing_table.updated', row.id, documentOf(row), documentOf(r.row), now);
  return view(r.row, catalog);
}

// ── the catalog document ─────────────────────────────────────────────────────────────────────────

export async function exportPricingTables(scope: TenantScope): Promise<PricingTableDocument[]> {
  const rows = await scope.selectFrom('pricing_tables').selectAll().orderBy('id', 'asc').execute();
  return rows.map(documentOf);
}

/** Checks a catalog document's tables against the catalog it will make: every error, nothing written. */
export function validatePricingTables(
  input: readonly Raw[] | undefined,
  catalog: TableCatalog,
  errors: FieldErrors,
) {
  const tables: PricingTableDocument[] = [];
  if (input === undefined) return tables;
  const seen = new Set<string>();
  input.forEach((raw, i) => {
    const r = validatePricingTable(raw, catalog);
    for (const e of r.errors.list) errors.add(`pricing_tables[${i}].${e.field}`, e.message);
    if (seen.has(r.table.key)) errors.add(`pricing_tables[${i}].key`, `names ${r.table.key} twice`);
    seen.add(r.table.key);
    tables.push(r.table);
  });
  return tables;
}

/** Creates or revises the document's tables by key (tables it does not name are left as they are). */
export async function importPricingTables(
  scope: TenantScope,
  tables: readonly PricingTableDocument[],
  now: Temporal.Instant,
  counts: { created: number; updated: number; unchanged: number },
) {
  for (const t of tables) {
    const row = await scope
      .selectFrom('pricing_tables')
      .selectAll()
      .where('key', '=', t.key)
      .executeTakeFirst();
    if (!row) {
      await insertTable(scope, t, now);
      counts.created++;
    } else if ((await reviseTable(scope, row, t, now)).changed) counts.updated++;
    else counts.unchanged++;
  }
}

// ── quotes ─────────────────────────────────────────────────────────────────────────────────────

export interface QuoteInput {
  plan: string;
  billing_period: 'month' | 'year';
  currency: string;
  quantity?: number | undefined;
}

/** What the visitor's choice costs for a first whole period, before tax: a plan of the table only. */
export async function quoteTable(scope: TenantScope, ref: string, input: QuoteInput, publishedOnly: boolean) {
  const row = await findRow(scope, ref, publishedOnly);
  const doc = documentOf(row);
  const catalog = await tableCatalog(scope);
  const plan = catalog.plans.get(input.plan);
  if (!plan || !doc.plans.includes(plan.key))
    throw new AllotError('validation_failed', `${input.plan} is not a plan of this pricing table.`, [
      { field: 'plan', message: `is one of ${doc.plans.join(', ')}` },
    ]);
  const price = plan.prices.find(
    (p) => p.billing_period === input.billing_period && p.currency === input.currency,
  );
  if (!price) {
    const errors = new FieldErrors();
    const periods = plan.prices.filter((p) => p.currency === input.currency);
    if (periods.length === 0)
      errors.add(
        'currency',
        `${plan.name} is priced in ${[...new Set(plan.prices.map((p) => p.currency))].join(', ')}`,
      );
    else
      errors.add(
        'billing_period',
        `${plan.name} is sold in ${input.currency} by the ${periods.map((p) => p.billing_period).join(' or ')}`,
      );
    errors.throwIfAny(`${plan.name} has no such price.`);
  }
  const monthly =
    plan.prices.find((p) => p.billing_period === 'month' && p.currency === input.currency) ?? null;
  const q = quoteOf({
    planName: plan.name,
    billingPeriod: input.billing_period,
    price: price as NonNullable<typeof price>,
    monthly,
    quantity: input.quantity ?? 1,
  });
  return {
    object: 'quote' as const,
    pricing_table: row.id,
    plan: plan.key,
    billing_period: input.billing_period,
    currency: input.currency,
    ...q,
    tax_included: false as const,
    trial_days: plan.trial_days,
  };
}
