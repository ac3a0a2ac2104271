import { Type } from 'typebox';
import { commonErrors, IdParam, ProblemSchema } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import {
  PricingTable,
  PricingTableCreate,
  PricingTablePatch,
  Quote,
  QuoteBody,
} from './pricing-table-schemas.ts';
import {
  createPricingTable,
  getPricingTable,
  listPricingTables,
  quoteTable,
  updatePricingTable,
} from './pricing-tables.ts';

const tags = ['Pricing tables'];
const publicErrors = { ...commonErrors, 429: ProblemSchema };
const publishableSecurity: { [scheme: string]: string[] }[] = [{ secretKey: [] }, { publishableKey: [] }];

export const pricingTableRoutes: RouteModule = (app, ctx) => {
  const now = () => ctx.clock.now();
  app.post(
    '/pricing_tables',
    {
      schema: {
        tags,
        operationId: 'createPricingTable',
        summary: 'Create a pricing table',
        description:
          'Which plans a web page shows, in order, the highlighted one, the features compared and where the visitor’s choice goes. Shown by `<allot-pricing-table>` from `/embed/pricing-table.js` with a publishable key.',
        body: PricingTableCreate,
        response: { 201: PricingTable, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await createPricingTable(w.scope, w.actor, req.body, now())),
      ),
  );

  app.get(
    '/pricing_tables',
    {
      config: { publishable: true },
      schema: {
        tags,
        operationId: 'listPricingTables',
        summary: 'List pricing tables',
        description: 'With a publishable key, the published ones only.',
        security: publishableSecurity,
        response: {
          200: Type.Object({ data: Type.Array(PricingTable), has_more: Type.Boolean() }),
          ...publicErrors,
        },
      },
    },
    async (req) => ({
      data: await listPricingTables(readScope(ctx, req), req.auth.kind === 'publishable'),
      has_more: false,
    }),
  );

  app.get(
    '/pricing_tables/:id',
    {
      config: { publishable: true },
      schema: {
        tags,
        operationId: 'getPricingTable',
        summary: 'A pricing table, with what a page shows of it',
        description: 'By id or key. With a publishable key, a published table only.',
        security: publishableSecurity,
        params: IdParam,
        response: { 200: PricingTable, ...publicErrors },
      },
    },
    async (req) => getPricingTable(readScope(ctx, req), req.params.id, req.auth.kind === 'publishable'),
  );

  app.patch(
    '/pricing_tables/:id',
    {
      schema: {
        tags,
        operationId: 'updatePricingTable',
        summary: 'Change a pricing table',
        description: 'The given fields replace the current ones (lists whole); the key never changes.',
        params: IdParam,
        body: PricingTablePatch,
        response: { 200: PricingTable, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await updatePricingTable(w.scope, w.actor, req.params.id, req.body, now())),
      ),
  );

  app.post(
    '/pricing_tables/:id/quote',
    {
      config: { publishable: true },
      schema: {
        tags,
        operationId: 'quotePricingTable',
        summary: 'What a choice of the table costs',
        description:
          'A plan of the table, a billing period, a currency and a licence count: the first whole period’s lines and subtotal before tax (as the first invoice bills them), its monthly equivalent and the saving of a yearly price. Nothing is saved.',
        security: publishableSecurity,
        params: IdParam,
        body: QuoteBody,
        response: { 200: Quote, ...publicErrors },
      },
    },
    async (req) => quoteTable(readScope(ctx, req), req.params.id, req.body, req.auth.kind === 'publishable'),
  );
};
