import type { Selectable } from 'kysely';
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { CatalogItemsTable, FeaturesTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { idOr } from '../platform/db/where.ts';
import { AllotError, FieldErrors, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type {
  AddonDefinition,
  AddonDocument,
  FeatureDefinition,
  FeatureKind,
  LocalNames,
  PlanDefinition,
  PlanDocument,
} from './model.ts';
import {
  addonDefinitionOf,
  checkNames,
  planDefinitionOf,
  sameDefinition,
  validateAddon,
  validateFeature,
  validatePlan,
} from './rules.ts';

type Raw = Record<string, unknown>;
type ItemTable = 'plans' | 'addons';

/** Who edits the catalog: the vendor, never one of its customers' users. */
export function requireVendor(actor: Actor): void {
  if (actor.type !== 'key')
    throw new AllotError('forbidden', "Only the vendor's key may change the catalog.");
}

export function viewFeature(row: Selectable<FeaturesTable>) {
  return {
    id: row.id,
    object: 'feature' as const,
    key: row.key,
    name: row.name,
    names: row.names,
    kind: row.kind,
    unit: row.unit,
    module: row.module,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export async function featureKinds(scope: TenantScope): Promise<Map<string, FeatureKind>> {
  const rows = await scope.selectFrom('features').select(['key', 'kind']).execute();
  return new Map(rows.map((r) => [r.key, r.kind]));
}

export interface FeatureFacts {
  kinds: Map<string, FeatureKind>;
  /** Each seat feature's module (null: every user). */
  modules: Map<string, string | null>;
}

/** Every feature's kind, and each seat feature's module, in one read. */
export async function featureFacts(scope: TenantScope): Promise<FeatureFacts> {
  const rows = await scope.selectFrom('features').select(['key', 'kind', 'module']).execute();
  return {
    kinds: new Map(rows.map((r) => [r.key, r.kind])),
    modules: new Map(rows.filter((r) => r.kind === 'seat').map((r) => [r.key, r.module])),
  };
}

/** Each seat feature's module (null: every user of the account takes its seats). */
export async function seatModules(scope: TenantScope): Promise<Map<string, string | null>> {
  const rows = await scope
    .selectFrom('features')
    .select(['key', 'module'])
    .where('kind', '=', 'seat')
    .execute();
  return new Map(rows.map((r) => [r.key, r.module]));
}

/** A feature, plan or add-on by id or by key. */
async function findRow<T extends 'features' | ItemTable>(scope: TenantScope, table: T, ref: string) {
  const row = await scope.selectFrom(table).selectAll().where(idOr('key', ref)).executeTakeFirst();
  if (!row) throw notFound(table === 'addons' ? 'add-on' : table.slice(0, -1), ref);
  return row as unknown as T extends 'features' ? Selectable<FeaturesTable> : Selectable<CatalogItemsTable>;
}

export const getFeature = (scope: TenantScope, ref: string) => findRow(scope, 'features', ref);

export async function insertFeature(scope: TenantScope, f: FeatureDefinition, now: Temporal.Instant) {
  const row = { id: newId('feature'), ...f, created_at: toDate(now), updated_at: toDate(now) };
  await scope.insertInto('features', { ...row, names: jsonNames(f.names) }).execute();
  return { ...row, tenant_id: scope.tenantId };
}

/** Names as a jsonb parameter. */
export const jsonNames = (names: LocalNames) => jsonb(names);

async function assertKeyFree(scope: TenantScope, table: 'features' | ItemTable, key: string) {
  const clash = await scope.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst();
  if (clash)
    throw new AllotError('validation_failed', `key ${key} is taken.`, [
      { field: 'key', message: `${key} is already used by ${clash.id}` },
    ]);
}

export async function createFeature(scope: TenantScope, actor: Actor, input: Raw, now: Temporal.Instant) {
  requireVendor(actor);
  const { errors, feature } = validateFeature(input);
  errors.throwIfAny();
  await assertKeyFree(scope, 'features', feature.key);
  const row = await insertFeature(scope, feature, now);
  const view = viewFeature(row);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'feature.created',
    subject: { type: 'feature', id: row.id },
    accountId: null,
    before: null,
    after: view,
  });
  return view;
}

export async function updateFeature(
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: { name?: string; names?: LocalNames; unit?: string | null },
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const row = await getFeature(scope, ref);
  const before = viewFeature(row);
  const errors = new FieldErrors();
  const names = patch.names === undefined ? row.names : checkNames(errors, 'names', patch.names);
  errors.throwIfAny();
  const next = { ...row, ...patch, names, updated_at: toDate(now) };
  await scope
    .updateTable('features')
    .set({ name: next.name, names: jsonNames(names), unit: next.unit, updated_at: next.updated_at })
    .where('id', '=', row.id)
    .execute();
  const after = viewFeature(next);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'feature.updated',
    subject: { type: 'feature', id: row.id },
    accountId: null,
    before,
    after,
  });
  return after;
}

// ── plans and add-ons ────────────────────────────────────────────────────────────────────────────────

async function definitionOf(scope: TenantScope, itemId: string, version: number): Promise<Raw> {
  const row = await scope
    .selectFrom('catalog_versions')
    .select('definition')
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return row.definition as Raw;
}

function viewItem(kind: 'plan' | 'addon', row: Selectable<CatalogItemsTable>, definition: Raw) {
  return {
    id: row.id,
    object: kind,
    key: row.key,
    name: row.name,
    names: row.names,
    version: row.version,
    ...definition,
    created_at: toRfc3339(row.created_at),
    updated_at: toRfc3339(row.updated_at),
  };
}

export type PlanView = ReturnType<typeof viewItem> & PlanDefinition & { object: 'plan' };
export type AddonView = ReturnType<typeof viewItem> & AddonDefinition & { object: 'addon' };

export async function getPlan(scope: TenantScope, ref: string): Promise<PlanView> {
  const row = await findRow(scope, 'plans', ref);
  return viewItem('plan', row, await definitionOf(scope, row.id, row.version)) as PlanView;
}

export async function getAddon(scope: TenantScope, ref: string): Promise<AddonView> {
  const row = await findRow(scope, 'addons', ref);
  return viewItem('addon', row, await definitionOf(scope, row.id, row.version)) as AddonView;
}

async function listItems(scope: TenantScope, table: ItemTable) {
  const rows = await scope
    .selectFrom(table)
    .innerJoin('catalog_versions as v', (j) =>
      j
        .onRef('v.tenant_id', '=', `${table}.tenant_id`)
        .onRef('v.item_id', '=', `${table}.id`)
        .onRef('v.version', '=', `${table}.version`),
    )
    .selectAll(table)
    .select('v.definition')
    .orderBy(`${table}.id`, 'asc')
    .execute();
  return rows.map((r) => viewItem(table === 'plans' ? 'plan' : 'addon', r, r.definition as Raw));
}

export const listPlans = (scope: TenantScope) => listItems(scope, 'plans') as Promise<PlanView[]>;
export const listAddons = (scope: TenantScope) => listItems(scope, 'addons') as Promise<AddonView[]>;

async function insertVersion(
  scope: TenantScope,
  itemId: string,
  version: number,
  definition: unknown,
  now: Temporal.Instant,
) {
  await scope
    .insertInto('catalog_versions', {
      id: newId('planVersion'),
      item_id: itemId,
      version,
      definition: JSON.stringify(definition),
      created_at: toDate(now),
    })
    .execute();
}

export async function insertItem(
  scope: TenantScope,
  table: ItemTable,
  doc: PlanDocument | AddonDocument,
  now: Temporal.Instant,
) {
  const row = {
    id: newId(table === 'plans' ? 'plan' : 'addon'),
    key: doc.key,
    name: doc.name,
    names: doc.names,
    version: 1,
    created_at: toDate(now),
    updated_at: toDate(now),
  };
  await scope.insertInto(table, { ...row, names: jsonNames(doc.names) }).execute();
  const definition =
    table === 'plans' ? planDefinitionOf(doc as PlanDocument) : addonDefinitionOf(doc as AddonDocument);
  await insertVersion(scope, row.id, 1, definition, now);
  return viewItem(
    table === 'plans' ? 'plan' : 'addon',
    { ...row, tenant_id: scope.tenantId },
    definition as unknown as Raw,
  );
}

/**
 * Changes an item: a new name alone is edited in place; new terms make a new version, which new
 * subscriptions get while existing ones keep theirs.
 */
export async function reviseItem(
  scope: TenantScope,
  table: ItemTable,
  row: Selectable<CatalogItemsTable>,
  doc: PlanDocument | AddonDocument,
  now: Temporal.Instant,
) {
  const current = await definitionOf(scope, row.id, row.version);
  const definition =
    table === 'plans' ? planDefinitionOf(doc as PlanDocument) : addonDefinitionOf(doc as AddonDocument);
  const changedTerms = !sameDefinition(current, definition);
  const version = changedTerms ? row.version + 1 : row.version;
  if (changedTerms) await insertVersion(scope, row.id, version, definition, now);
  // A name (in any language) is edited in place: it is not a term.
  const renamed = doc.name !== row.name || !sameDefinition(doc.names, row.names);
  if (changedTerms || renamed) {
    await scope
      .updateTable(table)
      .set({ name: doc.name, names: jsonNames(doc.names), version, updated_at: toDate(now) })
      .where('id', '=', row.id)
      .execute();
  }
  const kind = table === 'plans' ? 'plan' : 'addon';
  return {
    before: viewItem(kind, row, current),
    after: viewItem(
      kind,
      {
        ...row,
        name: doc.name,
        names: doc.names,
        version,
        updated_at: changedTerms || renamed ? toDate(now) : row.updated_at,
      },
      definition as unknown as Raw,
    ),
    changed: changedTerms || renamed,
    newVersion: changedTerms,
  };
}

/** Plans and add-ons share their lifecycle; only their rules and names differ. */
const ITEMS = {
  plan: {
    table: 'plans' as const,
    validate: (input: Raw, { kinds }: FeatureFacts) => {
      const r = validatePlan(input, kinds);
      return { errors: r.errors, doc: r.plan as PlanDocument | AddonDocument };
    },
  },
  addon: {
    table: 'addons' as const,
    validate: (input: Raw, { kinds, modules }: FeatureFacts) => {
      const r = validateAddon(input, kinds, '', modules);
      return { errors: r.errors, doc: r.addon as PlanDocument | AddonDocument };
    },
  },
};
type ItemKind = keyof typeof ITEMS;

async function createItem(
  kind: ItemKind,
  scope: TenantScope,
  actor: Actor,
  input: Raw,
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const { table, validate } = ITEMS[kind];
  const { errors, doc } = validate(input, await featureFacts(scope));
  errors.throwIfAny();
  await assertKeyFree(scope, table, doc.key);
  const view = await insertItem(scope, table, doc, now);
  await recordHistory(scope, {
    at: now,
    actor,
    action: `${kind}.created`,
    subject: { type: kind, id: view.id },
    accountId: null,
    before: null,
    after: view,
  });
  return view;
}

/** PATCH: the given fields replace the current ones (lists whole); the key never changes. */
async function updateItem(
  kind: ItemKind,
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: Raw,
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const { table, validate } = ITEMS[kind];
  const row = await findRow(scope, table, ref);
  const current = kind === 'plan' ? await getPlan(scope, row.id) : await getAddon(scope, row.id);
  const { errors, doc } = validate(
    { ...stripView(current), ...patch, key: row.key },
    await featureFacts(scope),
  );
  errors.throwIfAny();
  const r = await reviseItem(scope, table, row, doc, now);
  if (r.changed) {
    await recordHistory(scope, {
      at: now,
      actor,
      action: r.newVersion ? `${kind}.version_created` : `${kind}.updated`,
      subject: { type: kind, id: row.id },
      accountId: null,
      before: r.before,
      after: r.after,
    });
  }
  return r.after;
}

export const createPlan = (scope: TenantScope, actor: Actor, input: Raw, now: Temporal.Instant) =>
  createItem('plan', scope, actor, input, now) as Promise<PlanView>;
export const createAddon = (scope: TenantScope, actor: Actor, input: Raw, now: Temporal.Instant) =>
  createItem('addon', scope, actor, input, now) as Promise<AddonView>;
export const updatePlan = (
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: Raw,
  now: Temporal.Instant,
) => updateItem('plan', scope, actor, ref, patch, now) as Promise<PlanView>;
export const updateAddon = (
  scope: TenantScope,
  actor: Actor,
  ref: string,
  patch: Raw,
  now: Temporal.Instant,
) => updateItem('addon', scope, actor, ref, patch, now) as Promise<AddonView>;

export function stripView(view: object): Raw {
  const { id: _i, object: _o, version: _v, created_at: _c, updated_at: _u, ...rest } = view as Raw;
  return rest;
}
