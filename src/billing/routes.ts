import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import { AllotError } from '../platform/errors.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { ok, readScope, runWrite } from '../platform/http/write.ts';
import { Invoice } from '../subscriptions/schemas.ts';
import { runBilling } from './billing-job.ts';
import { eInvoiceExtras, invoiceDocument } from './documents.ts';
import { attachFacturX, eInvoiceGaps, toEInvoiceXml } from './e-invoice.ts';
import { renderDocumentPdf } from './invoice-pdf.ts';
import { getInvoice, listInvoices, payInvoice, voidInvoice } from './invoices.ts';

const tags = ['Invoices'];

export const billingRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/invoices',
    {
      config: { portal: true },
      schema: {
        tags,
        summary: 'List invoices',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            account: Type.Optional(Type.String({ maxLength: 200 })),
            subscription: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Invoice), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = req.query.account
        ? (await authorizedAccount(scope, req.actor, req.query.account, 'read')).id
        : undefined;
      if (!account && req.actor.type === 'user') {
        throw new AllotError('validation_failed', 'Name the account.', [
          { field: 'account', message: 'is required for a user' },
        ]);
      }
      return listInvoices(scope, { ...req.query, ...(account ? { account } : {}) });
    },
  );

  const readable = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const scope = readScope(ctx, req);
    const invoice = await getInvoice(scope, req.params.id);
    await authorizedAccount(scope, req.actor, invoice.account, 'read');
    return { scope, invoice };
  };

  app.get(
    '/invoices/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        summary: 'Get an invoice',
        params: IdParam,
        response: { 200: Invoice, ...commonErrors },
      },
    },
    async (req) => (await readable(req)).invoice,
  );

  app.get(
    '/invoices/:id/pdf',
    {
      config: { portal: true },
      schema: { tags, summary: 'The invoice as PDF', params: IdParam, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const { scope, invoice } = await readable(req);
      const account = await authorizedAccount(scope, req.actor, invoice.account, 'read');
      const doc = await invoiceDocument(scope, invoice);
      const extras = await eInvoiceExtras(scope, account.id, account.external_id);
      let pdf = await renderDocumentPdf(doc);
      // With the legal details EN 16931 needs, the PDF is a Factur-X / ZUGFeRD e-invoice too.
      if (eInvoiceGaps(doc, 'factur-x', extras).length === 0) pdf = await attachFacturX(pdf, doc, extras);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${invoice.number}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/invoices/:id/xml',
    {
      config: { portal: true },
      schema: {
        tags,
        summary: 'The invoice as EN 16931 XML',
        description:
          'Factur-X / ZUGFeRD CII (profile EN 16931) by default, or `?format=ubl`, `xrechnung-cii`, `xrechnung-ubl`. The same data is embedded in the PDF. Answers 409 `invalid_state` naming what is missing (a postal address, a VAT number…) until the vendor’s settings and the account hold it.',
        params: IdParam,
        querystring: Type.Object(
          {
            format: Type.Optional(
              Type.Union([
                Type.Literal('cii'),
                Type.Literal('ubl'),
                Type.Literal('xrechnung-cii'),
                Type.Literal('xrechnung-ubl'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        produces: ['application/xml'],
      },
    },
    async (req, reply) => {
      const { scope, invoice } = await readable(req);
      const account = await authorizedAccount(scope, req.actor, invoice.account, 'read');
      const doc = await invoiceDocument(scope, invoice);
      const format = req.query.format ?? 'cii';
      const extras = await eInvoiceExtras(scope, account.id, account.external_id);
      const gaps = eInvoiceGaps(doc, format, extras);
      if (gaps.length > 0)
        throw new AllotError(
          'invalid_state',
          `This invoice cannot be an EN 16931 e-invoice yet: ${gaps.join('; ')}.`,
          [...gaps.map((g) => ({ field: 'settings', message: `needs ${g}` }))],
        );
      const xml = await toEInvoiceXml(doc, format, extras);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `inline; filename="${invoice.number}.xml"`)
        .send(xml);
    },
  );

  for (const [verb, action, summary] of [
    ['pay', payInvoice, 'Record the payment of an open invoice'],
    ['void', voidInvoice, 'Void an open invoice (credit it used goes back to the account)'],
  ] as const) {
    app.post(
      `/invoices/:id/${verb}`,
      { schema: { tags, summary, params: IdParam, response: { 200: Invoice, ...commonErrors } } },
      (req, reply) =>
        runWrite(ctx, req, reply, async (w) => {
          if (w.actor.type === 'user')
            throw new AllotError('forbidden', 'Payments and voids are recorded by the vendor.');
          return ok(await action(w.scope, w.actor, req.params.id, ctx.clock.now()));
        }),
    );
  }

  app.post(
    '/billing/run',
    {
      schema: {
        tags: ['Billing'],
        summary: 'Run due billing work now',
        description:
          'Renewals, period-end endings, trial expiries and warnings due on the wall clock. It also runs by itself; running it twice never bills twice.',
        response: {
          200: Type.Object({
            object: Type.Literal('billing_run'),
            counts: Type.Record(Type.String(), Type.Integer()),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      if (req.actor.type === 'user') throw new AllotError('forbidden', 'Billing runs are for the vendor.');
      return { object: 'billing_run' as const, counts: await runBilling(ctx, req.auth.tenantId) };
    },
  );
};
