/** GET /v1/credit_notes, /{id}, /{id}/pdf, /{id}/xml: what was credited, for the vendor and the portal. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorizedAccount, listedAccount } from '../accounts/accounts.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { readScope } from '../platform/http/write.ts';
import { CreditNote } from '../subscriptions/schemas.ts';
import { getCreditNote, listCreditNotes } from './credit-notes.ts';
import {
  PDF_RESPONSE,
  sendDocumentPdf,
  sendDocumentXml,
  XML_FORMAT_QUERY,
  XML_RESPONSE,
} from './document-replies.ts';
import { creditNoteDocument, eInvoiceExtras } from './documents.ts';

const tags = ['Credit notes'];

export const creditNoteRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/credit_notes',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listCreditNotes',
        summary: 'List credit notes',
        description:
          'Newest first. A downgrade, a cancellation inside the window and a void issue a credit note, numbered in its own gapless sequence, referencing the invoice it credits.',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            account: Type.Optional(Type.String({ maxLength: 200 })),
            invoice: Type.Optional(Type.String({ maxLength: 200 })),
            subscription: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(CreditNote), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = await listedAccount(scope, req.actor, req.query.account);
      return listCreditNotes(scope, { ...req.query, ...(account ? { account } : {}) });
    },
  );

  const readable = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const scope = readScope(ctx, req);
    const note = await getCreditNote(scope, req.params.id);
    const account = await authorizedAccount(scope, req.actor, note.account, 'read');
    return { scope, note, account };
  };

  app.get(
    '/credit_notes/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getCreditNote',
        summary: 'Get a credit note',
        description: 'With its lines, taxes, totals, the invoice it credits and where the credit went.',
        params: IdParam,
        response: { 200: CreditNote, ...commonErrors },
      },
    },
    async (req) => (await readable(req)).note,
  );

  app.get(
    '/credit_notes/:id/pdf',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getCreditNotePdf',
        summary: 'The credit note as PDF',
        description:
          'A Factur-X / ZUGFeRD e-invoice of type 381 (its CII XML embedded) once the vendor’s settings and the account hold the legal details EN 16931 needs.',
        params: IdParam,
        response: PDF_RESPONSE,
      },
    },
    async (req, reply) => {
      const { scope, note, account } = await readable(req);
      const doc = await creditNoteDocument(scope, note);
      return sendDocumentPdf(reply, doc, await eInvoiceExtras(scope, account.id, account.external_id));
    },
  );

  app.get(
    '/credit_notes/:id/xml',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getCreditNoteXml',
        summary: 'The credit note as EN 16931 XML',
        description:
          'CII (Factur-X / ZUGFeRD, type 381) by default, or `?format=ubl` (a UBL CreditNote), `xrechnung-cii`, `xrechnung-ubl`; 409 `invalid_state` naming what is missing.',
        params: IdParam,
        querystring: XML_FORMAT_QUERY,
        response: XML_RESPONSE,
      },
    },
    async (req, reply) => {
      const { scope, note, account } = await readable(req);
      const doc = await creditNoteDocument(scope, note);
      const extras = await eInvoiceExtras(scope, account.id, account.external_id);
      return sendDocumentXml(reply, doc, req.query.format ?? 'cii', extras);
    },
  );
};
