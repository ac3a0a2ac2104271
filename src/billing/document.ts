/**
 * A billing document as its reader gets it — an invoice or a credit note, with the seller's and the
 * buyer's legal details, dates already in the buyer's time zone, and every text already in the
 * buyer's language. What the PDF prints and what the EN 16931 XML (Factur-X / ZUGFeRD, UBL) carries
 * are both made from this one shape, so the two always agree. Pure data: built by
 * `billing/documents.ts` from the database.
 */
import type { PostalAddress } from '../platform/db/schema.ts';

export type DocumentLocale = 'en' | 'fr' | 'de';
export type DocumentKind = 'invoice' | 'credit_note';

export interface Party {
  /** The name the account or vendor goes by. */
  name: string;
  /** The registered name (defaults to `name`). */
  legal_name: string;
  address: PostalAddress | null;
  /** e.g. FR40303265045, DE123456789. */
  vat_number: string | null;
}

export interface Seller extends Party {
  /** SIREN/SIRET, Handelsregister (HRB 12345, Amtsgericht München)… */
  registration_number: string | null;
  email: string | null;
  /** Printed under the address; XRechnung requires it. */
  phone?: string | null;
  payment_terms_days: number;
  bank: {
    account_holder?: string | null;
    iban: string;
    bic?: string | null;
    bank_name?: string | null;
  } | null;
}

export interface DocumentLine {
  /** In the buyer's language. */
  description: string;
  /** The days billed, both inclusive (YYYY-MM-DD), or null. */
  first_day: string | null;
  last_day: string | null;
  quantity: number;
  /** Minor units. On a credit note, what is credited: positive. */
  unit_amount: number;
  amount: number;
  tax: number;
}

export interface BillingDocument {
  kind: DocumentKind;
  /** INV-000042, CN-000007. */
  number: string;
  status: 'draft' | 'open' | 'paid' | 'void';
  locale: DocumentLocale;
  /** ISO 4217, upper case. */
  currency: string;
  /** In the buyer's time zone, YYYY-MM-DD. */
  issue_date: string;
  /** Invoices: issue date + the seller's payment terms; credit notes: null. */
  due_date: string | null;
  /** The period billed, first and last day inclusive, or null. */
  period: { first_day: string; last_day: string } | null;
  /** A credit note's invoice. */
  credits: { number: string; issue_date: string } | null;
  seller: Seller;
  buyer: Party;
  lines: DocumentLine[];
  /** Basis points: 2000 is 20 %. One rate per document. */
  tax_rate_bps: number;
  /** Minor units; on a credit note, positive amounts credited. */
  subtotal: number;
  tax: number;
  total: number;
  credit_applied: number;
  amount_due: number;
  /** The RFC 3339 instant it was issued, for the PDF's metadata (deterministic output). */
  issued_at: string;
}
