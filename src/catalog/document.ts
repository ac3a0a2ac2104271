/**
 * The whole catalog as one document (`PUT/GET /v1/catalog`, `allot catalog`): features, plans,
 * add-ons and pricing tables, imported all or nothing.
 */
import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import {
  featureFacts,
  insertFeature,
  insertItem,
  jsonNames,
  listAddons,
  listPlans,
  requireVendor,
  reviseItem,
  stripView,
} from './catalog.ts';
import type { AddonDocument, CatalogDocument, PlanDocument } from './model.ts';
import { overlayCatalog, type PricingTableDocument } from './pricing-table-rules.ts';
import {
  exportPricingTables,
  importPricingTables,
  tableCatalog,
  validatePricingTables,
} from './pricing-tables.ts';
import { addonDefinitionOf, planDefinitionOf, validateCatalog } from './rules.ts';

type Raw = Record<string, unknown>;

export type CatalogExport = CatalogDocument & { pricing_tables: PricingTableDocument[] };

export async function exportCatalog(scope: TenantScope): Promise<CatalogExport> {
  const features = await scope.selectFrom('features').selectAll().orderBy('id', 'asc').execute();
  return {
    features: features.map((f) => ({
      key: f.key,
      name: f.name,
      names: f.names,
      kind: f.kind,
      unit: f.unit,
      module: f.module,
    })),
    plans: (await listPlans(scope)).map((p) => ({
      key: p.key,
      name: p.name,
      names: p.names,
      ...planDefinitionOf(stripView(p) as unknown as PlanDocument),
    })),
    addons: (await listAddons(scope)).map((a) => ({
      key: a.key,
      name: a.name,
      names: a.names,
      ...addonDefinitionOf(stripView(a) as unknown as AddonDocument),
    })),
    pricing_tables: await exportPricingTables(scope),
  };
}

/**
 * Imports a catalog document, all or nothing: every error found is reported and nothing is written;
 * otherwise items are created or revised by key (items the document does not name are left as they are).
 */
export async function importCatalog(
  scope: TenantScope,
  actor: Actor,
  doc: {
    features?: readonly object[];
    plans?: readonly object[];
    addons?: readonly object[];
    pricing_tables?: readonly object[];
  },
  now: Temporal.Instant,
) {
  requireVendor(actor);
  const existing = await featureFacts(scope);
  const { errors, catalog } = validateCatalog(
    doc as { features?: Raw[]; plans?: Raw[]; addons?: Raw[] },
    existing.kinds,
    existing.modules,
  );
  const tables = validatePricingTables(
    doc.pricing_tables as Raw[] | undefined,
    overlayCatalog(await tableCatalog(scope), catalog.features, catalog.plans),
    errors,
  );
  errors.throwIfAny('The catalog was not imported.');
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const f of catalog.features) {
    const row = await scope.selectFrom('features').selectAll().where('key', '=', f.key).executeTakeFirst();
    if (!row) {
      await insertFeature(scope, f, now);
      counts.created++;
    } else if (
      row.name !== f.name ||
      row.unit !== f.unit ||
      row.module !== f.module ||
      JSON.stringify(row.names) !== JSON.stringify(f.names)
    ) {
      await scope
        .updateTable('features')
        .set({
          name: f.name,
          names: jsonNames(f.names),
          unit: f.unit,
          module: f.module,
          updated_at: toDate(now),
        })
        .where('id', '=', row.id)
        .execute();
      counts.updated++;
    } else counts.unchanged++;
  }
  for (const [table, items] of [
    ['plans', catalog.plans],
    ['addons', catalog.addons],
  ] as const) {
    for (const item of items) {
      const row = await scope.selectFrom(table).selectAll().where('key', '=', item.key).executeTakeFirst();
      if (!row) {
        await insertItem(scope, table, item, now);
        counts.created++;
      } else if ((await reviseItem(scope, table, row, item, now)).changed) counts.updated++;
      else counts.unchanged++;
    }
  }
  await importPricingTables(scope, tables, now, counts);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'catalog.imported',
    subject: { type: 'catalog', id: scope.tenantId },
    accountId: null,
    before: null,
    after: counts,
  });
  return { object: 'catalog_import' as const, ...counts, catalog: await exportCatalog(scope) };
}
