/**
 * Finishes the Factur-X PDF that `@e-invoice-eu/core` 2.3.4 makes, where it falls short of PDF/A-3:
 *
 * - its XMP packet is written as Latin-1 bytes (PDF/A wants UTF-8), so "Müller" is mangled and any
 *   character past U+00FF destroyed: the packet is re-encoded as UTF-8;
 * - its document-information entries disagree with the XMP (Title vs dc:title, Producer vs
 *   pdf:Producer, Creator vs xmp:CreatorTool, Keywords without pdf:Keywords), which PDF/A forbids: both
 *   now say the same, with a title in the buyer's language ("Facture INV-000042", "Gutschrift CN-7");
 * - it stamps every date with the wall clock: the document, the XMP and the embedded file's dates are
 *   now `issued_at`, so the same document always gives the same bytes;
 * - it keeps the input's `%PDF-1.3` header while writing object streams and `pdf:PDFVersion` 1.7: the
 *   header says 1.7.
 *
 * Everything else — the `factur-x.xml` file specification (AFRelationship Alternative, catalog /AF),
 * the sRGB output intent, the Factur-X extension schema and fx: properties — is the library's.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib';
import { create } from 'xmlbuilder2';
import type { BillingDocument, DocumentLocale } from './document.ts';
import { withPrecedingInvoice } from './e-invoice-cii.ts';

export const CREATOR_TOOL = 'Allot';
export const PRODUCER = 'Allot, with e-invoice-eu and pdf-lib';

const TITLE: Record<BillingDocument['kind'], Record<DocumentLocale, string>> = {
  invoice: { en: 'Invoice', fr: 'Facture', de: 'Rechnung' },
  credit_note: { en: 'Credit note', fr: 'Avoir', de: 'Gutschrift' },
};

/** The PDF's title, in the buyer's language. */
export function documentTitle(doc: BillingDocument): string {
  return `${TITLE[doc.kind][doc.locale]} ${doc.number}`;
}

/** The PDF's subject: title, seller, issue date. */
export function documentSubject(doc: BillingDocument): string {
  return `${documentTitle(doc)} — ${doc.seller.legal_name} — ${doc.issue_date}`;
}

/** `2026-03-01T09:30:00Z` → `2026-03-01T09:30:00+00:00`, XMP's form (seconds, explicit offset). */
function xmpDate(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

/** The DOM that xmlbuilder2 parses into, as far as we use it. */
type XmlElement = {
  textContent: string | null;
  ownerDocument: { createElementNS(ns: string, qualifiedName: string): XmlElement } | null;
  appendChild(node: XmlElement): unknown;
  parentNode: XmlElement | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
};

function only(root: XmlElement, name: string): XmlElement {
  const found = root.getElementsByTagName(name);
  if (found.length !== 1) throw new Error(`Factur-X XMP: expected one ${name}, found ${found.length}`);
  return found[0]!;
}

/** The library's XMP with our title, subject, author, tools and dates, as UTF-8. */
function rewriteXmp(latin1: string, doc: BillingDocument, when: string): Uint8Array {
  // The library wrote each UTF-16 code unit as one byte, its BOM as the three chars ï»¿.
  const xml = create(latin1.replace('begin="\u00EF\u00BB\u00BF"', 'begin="\uFEFF"'));
  const root = xml.root().node as unknown as XmlElement;
  const set = (name: string, text: string) => {
    only(root, name).textContent = text;
  };
  only(only(root, 'dc:title'), 'rdf:li').textContent = documentTitle(doc);
  only(only(root, 'dc:description'), 'rdf:li').textContent = documentSubject(doc);
  for (const name of ['dc:creator', 'dc:date']) {
    const seq = only(only(root, name), 'rdf:Seq');
    only(seq, 'rdf:li').textContent = name === 'dc:creator' ? doc.seller.legal_name : when;
  }
  set('pdf:Producer', PRODUCER);
  const keywords = only(root, 'pdf:Producer').ownerDocument!.createElementNS(
    'http://ns.adobe.com/pdf/1.3/',
    'pdf:Keywords',
  );
  // pdf-lib joins /Keywords with spaces: the XMP must say the same.
  keywords.textContent = keywordsOf(doc).join(' ');
  only(root, 'pdf:Producer').parentNode!.appendChild(keywords);
  set('xmp:CreatorTool', CREATOR_TOOL);
  for (const name of ['xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate']) set(name, when);
  const text = xml.end({ headless: true, prettyPrint: true, indent: '\t' });
  return new TextEncoder().encode(text);
}

function keywordsOf(doc: BillingDocument): string[] {
  return [TITLE[doc.kind][doc.locale], 'Factur-X', 'ZUGFeRD'];
}

/**
 * `factur-x.xml` repaired (`e-invoice-cii.ts`) and dated `when`, like any other embedded file. The
 * catalog's /AF array lists them all (the library attaches only this one).
 */
function finishEmbeddedFiles(pdf: PDFDocument, doc: BillingDocument, when: Date): void {
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let i = 0; af && i < af.size(); i++) {
    const spec = af.lookup(i, PDFDict);
    const ef = spec.lookup(PDFName.of('EF'), PDFDict);
    const ref = ef.get(PDFName.of('F'));
    const file = ef.lookup(PDFName.of('F'), PDFStream);
    if (spec.lookup(PDFName.of('F'))?.toString() === '(factur-x.xml)' && ref instanceof PDFRef) {
      const xml = Buffer.from(decodePDFRawStream(file as PDFRawStream).decode()).toString('utf8');
      const bytes = new TextEncoder().encode(withPrecedingInvoice(xml, doc));
      const dict = file.dict.clone(pdf.context);
      dict.delete(PDFName.of('Length'));
      dict.delete(PDFName.of('Filter'));
      dict.lookup(PDFName.of('Params'), PDFDict).set(PDFName.of('Size'), pdf.context.obj(bytes.length));
      pdf.context.assign(
        ref,
        pdf.context.flateStream(
          bytes,
          Object.fromEntries(dict.entries().map(([k, v]) => [k.decodeText(), v])),
        ),
      );
    }
    const params = ef.lookup(PDFName.of('F'), PDFStream).dict.lookupMaybe(PDFName.of('Params'), PDFDict);
    params?.set(PDFName.of('CreationDate'), PDFString.fromDate(when));
    params?.set(PDFName.of('ModDate'), PDFString.fromDate(when));
  }
}

export async function normalizeFacturX(bytes: Uint8Array, doc: BillingDocument): Promise<Buffer> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const when = new Date(doc.issued_at);
  if (Number.isNaN(when.getTime())) throw new RangeError(`issued_at is not an instant: ${doc.issued_at}`);

  const metadataRef = pdf.catalog.get(PDFName.of('Metadata'));
  const metadata = pdf.catalog.lookup(PDFName.of('Metadata'));
  if (!(metadataRef instanceof PDFRef) || !(metadata instanceof PDFRawStream)) {
    throw new Error('Factur-X: the library wrote no XMP metadata stream');
  }
  const raw = decodePDFRawStream(metadata).decode();
  const xmp = rewriteXmp(Buffer.from(raw).toString('latin1'), doc, xmpDate(when));
  pdf.context.assign(metadataRef, pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' }));

  pdf.setTitle(documentTitle(doc));
  pdf.setSubject(documentSubject(doc));
  pdf.setAuthor(doc.seller.legal_name);
  pdf.setKeywords(keywordsOf(doc));
  pdf.setCreator(CREATOR_TOOL);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  finishEmbeddedFiles(pdf, doc, when);
  pdf.context.header = PDFHeader.forVersion(1, 7);
  return Buffer.from(await pdf.save({ updateFieldAppearances: false }));
}
