import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { accountClock, authorizedAccount, getAccount, listedAccount } from '../accounts/accounts.ts';
import type { Clock } from '../platform/clock/clock.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { ok, readScope, runWrite } from '../platform/http/write.ts';
import { Invoice } from '../subscriptions/schemas.ts';
import { runBilling } from './billing-job.ts';
import {
  PDF_RESPONSE,
  sendDocumentPdf,
  sendDocumentXml,
  XML_FORMAT_QUERY,
  XML_RESPONSE,
} from './document-replies.ts';
import { eInvoiceExtras, invoiceDocument } from './documents.ts';
import { getInvoice, listInvoices, payInvoice, voidInvoice } from './invoices.ts';

const tags = ['Invoices'];

/** Now on the invoice's account's clock (a test clock's time for a clocked account). */
async function invoiceClockNow(scope: TenantScope, invoiceId: string, wall: Clock) {
  const invoice = await getInvoice(scope, invoiceId);
  return (await accountClock(scope, await getAccount(scope, invoice.account), wall)).now();
}

export const billingRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/invoices',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listInvoices',
        summary: 'List invoices',
        description:
          'Newest first, paginated with `starting_after`; filter by account or subscription. A portal user names the account.',
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
      const account = await listedAccount(scope, req.actor, req.query.account);
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
        operationId: 'getInvoice',
        summary: 'Get an invoice',
        description: 'With its lines, taxes, totals, the credit applied and the credit notes that credit it.',
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
      schema: {
        tags,
        operationId: 'getInvoicePdf',
        summary: 'The invoice as PDF',
        description:
          'A PDF/A-3 in the account’s language with the Factur-X (EN 16931) XML embedded, as `pdfdetach` shows.',
        params: IdParam,
        response: PDF_RESPONSE,
      },
    },
    async (req, reply) => {
      const { scope, invoice } = await readable(req);
      const account = await authorizedAccount(scope, req.actor, invoice.account, 'read');
      const doc = await invoiceDocument(scope, invoice);
      return sendDocumentPdf(reply, doc, await eInvoiceExtras(scope, account.id, account.external_id));
    },
  );

  app.get(
    '/invoices/:id/xml',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getInvoiceXml',
        summary: 'The invoice as EN 16931 XML',
        description:
          'Factur-X / ZUGFeRD CII (profile EN 16931) by default, or `?format=ubl`, `xrechnung-cii`, `xrechnung-ubl`. The same data is embedded in the PDF. Answers 409 `invalid_state` naming what is missing (a postal address, a VAT number…) until the vendor’s settings and the account hold it.',
        params: IdParam,
        querystring: XML_FORMAT_QUERY,
        response: XML_RESPONSE,
      },
    },
    async (req, reply) => {
      const { scope, invoice } = await readable(req);
      const account = await authorizedAccount(scope, req.actor, invoice.account, 'read');
      const doc = await invoiceDocument(scope, invoice);
      const extras = await eInvoiceExtras(scope, account.id, account.external_id);
      return sendDocumentXml(reply, doc, req.query.format ?? 'cii', extras);
    },
  );

  for (const [verb, action, operationId, summary, description] of [
    [
      'pay',
      payInvoice,
      'payInvoice',
      'Record the payment of an open invoice',
      'Marks an open invoice paid, dated by the account’s clock (`invoice.paid`). Allot does not collect payments: your payment provider does, and you record it here.',
    ],
    [
      'void',
      voidInvoice,
      'voidInvoice',
      'Void an invoice, open or paid: a credit note for the whole of it cancels it',
      'The invoice keeps its number and shows `void`; a credit note for all of it is issued (`invoice.voided`, `credit_note.issued`). Refused with `invalid_state` when a credit note already credits it.',
    ],
  ] as const) {
    app.post(
      `/invoices/:id/${verb}`,
      {
        schema: {
          tags,
          operationId,
          summary,
          description,
          params: IdParam,
          response: { 200: Invoice, ...commonErrors },
        },
      },
      (req, reply) =>
        runWrite(ctx, req, reply, async (w) => {
          if (w.actor.type === 'user')
            throw new AllotError('forbidden', 'Payments and voids are recorded by the vendor.');
          return ok(
            await action(
              w.scope,
              w.actor,
              req.params.id,
              await invoiceClockNow(w.scope, req.params.id, ctx.clock),
            ),
          );
        }),
    );
  }

  app.post(
    '/billing/run',
    {
      schema: {
        tags: ['Billing'],
        operationId: 'runBilling',
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
