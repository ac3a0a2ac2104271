/**
 * A billing document's PDF and EN 16931 XML answers, the same for invoices and credit notes: the PDF
 * is a Factur-X / ZUGFeRD e-invoice too once the legal details are there; the XML answers 409 naming
 * what is missing until then.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AllotError } from '../platform/errors.ts';
import { commonErrors } from '../platform/http/schemas.ts';
import type { BillingDocument } from './document.ts';
import type { EInvoiceExtras, EInvoiceXmlFormat } from './e-invoice.ts';

/**
 * What makes documents — pdfkit and its fonts, pdf-lib, the e-invoice library: some 100 MB resident —
 * is loaded with the first document asked for, not when the server starts (a server may never be
 * asked for one, and starts faster without).
 */
const renderers = async () => {
  const [pdf, eInvoice] = await Promise.all([import('./invoice-pdf.ts'), import('./e-invoice.ts')]);
  return { ...pdf, ...eInvoice };
};

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: Type.String({ format: 'binary' }) } },
});

export const PDF_RESPONSE = {
  200: binary(
    'application/pdf',
    'The PDF/A-3, with its Factur-X XML attached once the legal details are there.',
  ),
  ...commonErrors,
};

export const XML_RESPONSE = {
  200: binary('application/xml', 'The EN 16931 XML in the format asked for.'),
  ...commonErrors,
};

export const XML_FORMAT_QUERY = Type.Object(
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
);

export async function sendDocumentPdf(reply: FastifyReply, doc: BillingDocument, extras: EInvoiceExtras) {
  const { renderDocumentPdf, eInvoiceGaps, attachFacturX } = await renderers();
  let pdf = await renderDocumentPdf(doc);
  if (eInvoiceGaps(doc, 'factur-x', extras).length === 0) pdf = await attachFacturX(pdf, doc, extras);
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${doc.number}.pdf"`)
    .send(pdf);
}

export async function sendDocumentXml(
  reply: FastifyReply,
  doc: BillingDocument,
  format: EInvoiceXmlFormat,
  extras: EInvoiceExtras,
) {
  const { eInvoiceGaps, toEInvoiceXml } = await renderers();
  const gaps = eInvoiceGaps(doc, format, extras);
  const what = doc.kind === 'invoice' ? 'invoice' : 'credit note';
  if (gaps.length > 0)
    throw new AllotError(
      'invalid_state',
      `This ${what} cannot be an EN 16931 e-invoice yet: ${gaps.join('; ')}.`,
      gaps.map((g) => ({ field: 'settings', message: `needs ${g}` })),
    );
  return reply
    .type('application/xml; charset=utf-8')
    .header('content-disposition', `inline; filename="${doc.number}.xml"`)
    .send(await toEInvoiceXml(doc, format, extras));
}
