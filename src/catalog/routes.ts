import { Type } from 'typebox';
import { LIST_QUERY, type ListParams, listPage, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import {
  createAddon,
  createFeature,
  createPlan,
  getAddon,
  getFeature,
  getPlan,
  listAddons,
  listPlans,
  updateAddon,
  updateFeature,
  updatePlan,
  viewFeature,
} from './catalog.ts';
import { exportCatalog, importCatalog } from './document.ts';
import {
  Addon,
  AddonCreate,
  AddonPatch,
  CatalogBody,
  Feature,
  FeatureCreate,
  FeaturePatch,
  Plan,
  PlanCreate,
  PlanPatch,
} from './schemas.ts';

const tags = ['Catalog'];
const ListQuery = Type.Object(LIST_QUERY, { additionalProperties: false });

/** Plans and add-ons are few: page them in memory, newest first, like every list. */
function pageOf<T extends { id: string }>(items: T[], params: ListParams) {
  const limit = params.limit ?? 20;
  const sorted = [...items].sort((a, b) => (a.id < b.id ? 1 : -1));
  const from = params.starting_after ? sorted.filter((i) => i.id < params.starting_after!) : sorted;
  return { data: from.slice(0, limit), has_more: from.length > limit };
}

export const catalogRoutes: RouteModule = (app, ctx) => {
  const now = () => ctx.clock.now();

  app.post(
    '/features',
    {
      schema: {
        tags,
        operationId: 'createFeature',
        summary: 'Create a feature',
        description:
          'A feature is what plans grant: a `boolean` switch, a `quota` counted per period, a `counter` of things that exist (projects), or `seats` counted from users. Its `key` is what your code checks.',
        body: FeatureCreate,
        response: { 201: Feature, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => created(await createFeature(w.scope, w.actor, req.body, now()))),
  );
  app.get(
    '/features',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listFeatures',
        summary: 'List features',
        description: 'Newest first, paginated with `starting_after`.',
        querystring: ListQuery,
        response: { 200: listSchema(Feature), ...commonErrors },
      },
    },
    async (req) => {
      const page = await listPage(readScope(ctx, req).selectFrom('features').selectAll(), 'id', req.query);
      return { data: page.data.map(viewFeature), has_more: page.has_more };
    },
  );
  app.get(
    '/features/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getFeature',
        summary: 'Get a feature (by id or key)',
        description: 'By its id (`feat_…`) or its key.',
        params: IdParam,
        response: { 200: Feature, ...commonErrors },
      },
    },
    async (req) => viewFeature(await getFeature(readScope(ctx, req), req.params.id)),
  );
  app.patch(
    '/features/:id',
    {
      schema: {
        tags,
        operationId: 'updateFeature',
        summary: 'Rename a feature (its key and kind never change)',
        description:
          'Only names and descriptions change: plans and usage refer to the key, and its kind decides how usage is counted.',
        params: IdParam,
        body: FeaturePatch,
        response: { 200: Feature, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await updateFeature(w.scope, w.actor, req.params.id, req.body, now())),
      ),
  );

  app.post(
    '/plans',
    {
      schema: {
        tags,
        operationId: 'createPlan',
        summary: 'Create a plan',
        description:
          'A plan grants features (limits, warning levels, overage) at prices per billing period and currency.',
        body: PlanCreate,
        response: { 201: Plan, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => created(await createPlan(w.scope, w.actor, req.body, now()))),
  );
  app.get(
    '/plans',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listPlans',
        summary: 'List plans',
        description: 'Newest first, paginated with `starting_after`; each plan with its current version.',
        querystring: ListQuery,
        response: { 200: listSchema(Plan), ...commonErrors },
      },
    },
    async (req) => pageOf(await listPlans(readScope(ctx, req)), req.query),
  );
  app.get(
    '/plans/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getPlan',
        summary: 'Get a plan (by id or key)',
        description: 'By its id (`plan_…`) or its key, with its current version’s entitlements and prices.',
        params: IdParam,
        response: { 200: Plan, ...commonErrors },
      },
    },
    async (req) => getPlan(readScope(ctx, req), req.params.id),
  );
  app.patch(
    '/plans/:id',
    {
      schema: {
        tags,
        operationId: 'updatePlan',
        summary: 'Change a plan',
        description:
          'New terms make a new version for new subscriptions; existing subscriptions keep the version they bought.',
        params: IdParam,
        body: PlanPatch,
        response: { 200: Plan, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await updatePlan(w.scope, w.actor, req.params.id, req.body, now())),
      ),
  );

  app.post(
    '/addons',
    {
      schema: {
        tags,
        operationId: 'createAddon',
        summary: 'Create an add-on (pack)',
        description:
          'An add-on (a pack) adds to a plan’s limits, bought in quantities on a subscription, at its own prices.',
        body: AddonCreate,
        response: { 201: Addon, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => created(await createAddon(w.scope, w.actor, req.body, now()))),
  );
  app.get(
    '/addons',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listAddons',
        summary: 'List add-ons',
        description: 'Newest first, paginated with `starting_after`.',
        querystring: ListQuery,
        response: { 200: listSchema(Addon), ...commonErrors },
      },
    },
    async (req) => pageOf(await listAddons(readScope(ctx, req)), req.query),
  );
  app.get(
    '/addons/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getAddon',
        summary: 'Get an add-on (by id or key)',
        description: 'By its id (`addon_…`) or its key.',
        params: IdParam,
        response: { 200: Addon, ...commonErrors },
      },
    },
    async (req) => getAddon(readScope(ctx, req), req.params.id),
  );
  app.patch(
    '/addons/:id',
    {
      schema: {
        tags,
        operationId: 'updateAddon',
        summary: 'Change an add-on',
        description: 'Names, prices and what it adds.',
        params: IdParam,
        body: AddonPatch,
        response: { 200: Addon, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await updateAddon(w.scope, w.actor, req.params.id, req.body, now())),
      ),
  );

  app.get(
    '/catalog',
    {
      schema: {
        tags,
        operationId: 'exportCatalog',
        summary: 'Export the whole catalog as one document',
        description:
          'Features, plans and add-ons in one document, keyed by their keys: what `PUT /v1/catalog` imports (also as YAML with the CLI’s `allot catalog export`).',
        response: { 200: CatalogBody, ...commonErrors },
      },
    },
    async (req) => exportCatalog(readScope(ctx, req)),
  );
  app.put(
    '/catalog',
    {
      schema: {
        tags,
        operationId: 'importCatalog',
        summary: 'Import a catalog document',
        description:
          'All or nothing: every error is listed and nothing is written; otherwise features, plans, add-ons and pricing tables are created or revised by key. Items the document does not name are left as they are.',
        body: CatalogBody,
        response: {
          200: Type.Object({
            object: Type.Literal('catalog_import'),
            created: Type.Integer(),
            updated: Type.Integer(),
            unchanged: Type.Integer(),
            catalog: CatalogBody,
          }),
          ...commonErrors,
        },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => ok(await importCatalog(w.scope, w.actor, req.body, now()))),
  );
};
