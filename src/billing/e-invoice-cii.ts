/**
 * Repairs what `@e-invoice-eu/core` 2.3.4 gets wrong in CII: it reads a credit note's preceding
 * invoice (BG-3) from `cac:BillingReference/cbc:ID`, where its own input schema puts it in
 * `cac:InvoiceDocumentReference`, so BT-25/BT-26 never reach the CII, and it would date the reference
 * with `udt:DateTimeString` where CII D16B wants `qdt:DateTimeString`. We add
 * `ram:InvoiceReferencedDocument` ourselves, where the CII schema places it: right after the header
 * monetary summation.
 */
import { create } from 'xmlbuilder2';
import type { BillingDocument } from './document.ts';

const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const QDT = 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100';

/** The DOM that xmlbuilder2 parses into, as far as we use it. */
interface Element {
  textContent: string | null;
  nextSibling: Element | null;
  parentNode: Element | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
  appendChild(node: Element): unknown;
  insertBefore(node: Element, before: Element | null): unknown;
  removeChild(node: Element): unknown;
  setAttribute(name: string, value: string): void;
}
interface Document {
  createElementNS(ns: string, qualifiedName: string): Element;
}

export function withPrecedingInvoice(xml: string, doc: BillingDocument): string {
  if (!doc.credits) return xml;
  const builder = create(xml);
  const root = builder.root().node as unknown as Element & { ownerDocument: Document };
  const dom = root.ownerDocument;
  for (const stale of Array.from(root.getElementsByTagName('ram:InvoiceReferencedDocument'))) {
    stale.parentNode?.removeChild(stale);
  }
  const summations = root.getElementsByTagName('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  const summation = summations[0];
  if (summations.length !== 1 || !summation) throw new Error('CII: no header monetary summation');

  const ref = dom.createElementNS(RAM, 'ram:InvoiceReferencedDocument');
  const id = dom.createElementNS(RAM, 'ram:IssuerAssignedID');
  id.textContent = doc.credits.number;
  const formatted = dom.createElementNS(RAM, 'ram:FormattedIssueDateTime');
  const date = dom.createElementNS(QDT, 'qdt:DateTimeString');
  date.setAttribute('format', '102');
  date.textContent = doc.credits.issue_date.replaceAll('-', '');
  formatted.appendChild(date);
  ref.appendChild(id);
  ref.appendChild(formatted);
  summation.parentNode!.insertBefore(ref, summation.nextSibling);
  return builder.end({ prettyPrint: true, indent: '\t' });
}
