/**
 * The e-invoices read back as their receivers read them: the Factur-X PDF taken apart by poppler's
 * `pdfdetach` and `pdfinfo`, the XML parsed by fast-xml-parser, the CII checked by libxml2 (xmllint,
 * compiled to WebAssembly) against the Factur-X 1.07.3 EN 16931 XSD (a restriction of CII D16B).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { XML_FORBIDDEN } from '../platform/text.ts';
import type { BillingDocument } from './document.ts';
import { attachFacturX, EInvoiceError, eInvoiceGaps, toEInvoiceXml } from './e-invoice.ts';
import { ciiOf, cleanUp, parse, pdfkitPdf, poppler, text, type Xml, xsdErrors } from './e-invoice-readers.ts';

afterAll(cleanUp);

const FR_SELLER: BillingDocument['seller'] = {
  name: 'Allot',
  legal_name: 'Allot SAS',
  address: { line1: '10 rue de la Paix', postal_code: '75002', city: 'Paris', country: 'FR' },
  vat_number: 'FR40303265045',
  registration_number: '303 265 045',
  email: 'factures@allot.example',
  payment_terms_days: 30,
  bank: { account_holder: 'Allot SAS', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' },
};
const FR_BUYER: BillingDocument['buyer'] = {
  name: 'Brasserie Lumière',
  legal_name: 'Brasserie Lumière SARL',
  address: { line1: '2 quai Saint-Antoine', postal_code: '69002', city: 'Lyon', country: 'FR' },
  vat_number: 'FR12345678901',
};
const DE_BUYER: BillingDocument['buyer'] = {
  name: 'Müller & Schmidt',
  legal_name: 'Müller & Schmidt GmbH',
  address: { line1: 'Leopoldstraße 1', postal_code: '80802', city: 'München', country: 'DE' },
  vat_number: 'DE123456789',
};

type LineIn = Pick<BillingDocument['lines'][number], 'description' | 'quantity' | 'unit_amount' | 'amount'>;
type Overrides = Omit<Partial<BillingDocument>, 'lines'> & { lines?: LineIn[] };

/** An invoice whose totals follow from its lines (tax per line, half away from zero). */
function invoice(over: Overrides = {}): BillingDocument {
  const rate = over.tax_rate_bps ?? 2000;
  const lines = (
    over.lines ?? [
      { description: 'Plan Pro — 3 sièges', quantity: 3, unit_amount: 4900, amount: 14_700 },
      { description: 'Prorata Plan Pro', quantity: 2, unit_amount: 4900, amount: 4550 },
      { description: 'Avoir', quantity: 1, unit_amount: -1000, amount: -1000 },
    ]
  ).map((l) => ({
    first_day: '2026-02-01',
    last_day: '2026-02-28',
    ...l,
    tax: Math.sign(l.amount) * Math.round((Math.abs(l.amount) * rate) / 10_000),
  }));
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  const credit = over.credit_applied ?? 500;
  return {
    kind: 'invoice',
    number: 'INV-000042',
    status: 'open',
    locale: 'fr',
    currency: 'EUR',
    issue_date: '2026-03-01',
    due_date: '2026-03-31',
    period: { first_day: '2026-02-01', last_day: '2026-02-28' },
    credits: null,
    seller: FR_SELLER,
    buyer: FR_BUYER,
    issued_at: '2026-03-01T09:30:00Z',
    ...over,
    lines,
    tax_rate_bps: rate,
    subtotal,
    tax,
    total: subtotal + tax,
    credit_applied: credit,
    amount_due: subtotal + tax - credit,
  };
}

function creditNote(over: Overrides = {}): BillingDocument {
  return invoice({
    kind: 'credit_note',
    number: 'CN-000007',
    due_date: null,
    credits: { number: 'INV-000042', issue_date: '2026-03-01' },
    lines: [{ description: 'Remboursement Plan Pro', quantity: 1, unit_amount: 4900, amount: 4900 }],
    credit_applied: 0,
    ...over,
  });
}

const EXTRAS = { buyer_email: 'buchhaltung@mueller.example', seller_phone: '+33 1 23 45 67 89' };

describe('Factur-X (CII, profile EN 16931, in a PDF/A-3)', async () => {
  const doc = invoice();
  const pdf = await attachFacturX(await pdfkitPdf('Facture INV-000042'), doc);
  const read = await poppler(pdf);

  it('carries factur-x.xml, which pdfdetach extracts as the CII of the document', async () => {
    expect(read.list).toMatch(/^1 embedded files\n1: factur-x\.xml$/m);
    expect(read.xml).toBe(await toEInvoiceXml(doc, 'cii'));
    const { root, settlement } = ciiOf(read.xml);
    const context = root['rsm:ExchangedDocumentContext'];
    expect(context['ram:GuidelineSpecifiedDocumentContextParameter']['ram:ID']).toBe(
      'urn:cen.eu:en16931:2017',
    );
    expect(root['rsm:ExchangedDocument']['ram:TypeCode']).toBe('380');
    expect(root['rsm:ExchangedDocument']['ram:ID']).toBe('INV-000042');
    expect(settlement['ram:InvoiceCurrencyCode']).toBe('EUR');
  });

  it('has totals BT-106..BT-115 equal to the document, credit applied as prepaid', () => {
    const { settlement } = ciiOf(read.xml);
    const sums = settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'];
    // 147.00 + 45.50 − 10.00; tax per line 29.40 + 9.10 − 2.00; 500 cents of credit applied.
    expect(doc).toMatchObject({ subtotal: 18_250, tax: 3650, total: 21_900, amount_due: 21_400 });
    expect(text(sums['ram:LineTotalAmount'])).toBe('182.50');
    expect(text(sums['ram:TaxBasisTotalAmount'])).toBe('182.50');
    expect(sums['ram:TaxTotalAmount']).toEqual({ '#text': '36.50', '@currencyID': 'EUR' });
    expect(text(sums['ram:GrandTotalAmount'])).toBe('219.00');
    expect(text(sums['ram:TotalPrepaidAmount'])).toBe('5.00');
    expect(text(sums['ram:DuePayableAmount'])).toBe('214.00');
    const vat = settlement['ram:ApplicableTradeTax'];
    expect(vat).toMatchObject({ 'ram:CalculatedAmount': '36.50', 'ram:BasisAmount': '182.50' });
    expect(vat).toMatchObject({ 'ram:CategoryCode': 'S', 'ram:RateApplicablePercent': '20.00' });
  });

  it('names seller and buyer with their VAT numbers, the SIREN and the addresses', () => {
    const { agreement } = ciiOf(read.xml);
    const seller = agreement['ram:SellerTradeParty'];
    const buyer = agreement['ram:BuyerTradeParty'];
    expect(seller['ram:Name']).toBe('Allot SAS');
    expect(seller['ram:SpecifiedTaxRegistration']['ram:ID']).toEqual({
      '#text': 'FR40303265045',
      '@schemeID': 'VA',
    });
    expect(seller['ram:SpecifiedLegalOrganization']['ram:ID']).toEqual({
      '#text': '303265045',
      '@schemeID': '0002',
    });
    expect(seller['ram:PostalTradeAddress']).toMatchObject({
      'ram:CityName': 'Paris',
      'ram:CountryID': 'FR',
    });
    expect(seller['ram:DefinedTradeContact']['ram:EmailURIUniversalCommunication']['ram:URIID']).toBe(
      'factures@allot.example',
    );
    expect(buyer['ram:Name']).toBe('Brasserie Lumière SARL');
    expect(text(buyer['ram:SpecifiedTaxRegistration']['ram:ID'])).toBe('FR12345678901');
    expect(buyer['ram:PostalTradeAddress']).toMatchObject({
      'ram:PostcodeCode': '69002',
      'ram:CountryID': 'FR',
    });
  });

  it('gives dates, period, terms in French, and SEPA transfer to the IBAN', () => {
    const { root, settlement } = ciiOf(read.xml);
    const issue = root['rsm:ExchangedDocument']['ram:IssueDateTime']['udt:DateTimeString'];
    expect(issue).toEqual({ '#text': '20260301', '@format': '102' });
    const period = settlement['ram:BillingSpecifiedPeriod'];
    expect(text(period['ram:StartDateTime']['udt:DateTimeString'])).toBe('20260201');
    expect(text(period['ram:EndDateTime']['udt:DateTimeString'])).toBe('20260228');
    const terms = settlement['ram:SpecifiedTradePaymentTerms'];
    expect(terms['ram:Description']).toBe('Payable sous 30 jours, au plus tard le 31 mars 2026.');
    expect(text(terms['ram:DueDateDateTime']['udt:DateTimeString'])).toBe('20260331');
    const means = settlement['ram:SpecifiedTradeSettlementPaymentMeans'];
    expect(means['ram:TypeCode']).toBe('58');
    expect(means['ram:PayeePartyCreditorFinancialAccount']['ram:IBANID']).toBe('FR7630006000011234567890189');
    expect(means['ram:PayeeSpecifiedCreditorFinancialInstitution']['ram:BICID']).toBe('AGRIFRPP');
  });

  it('prices every line so that quantity × price / base quantity is the line amount', () => {
    const lines = ciiOf(read.xml).lines.map((l: Xml) => ({
      quantity: l['ram:SpecifiedLineTradeDelivery']['ram:BilledQuantity'],
      price: l['ram:SpecifiedLineTradeAgreement']['ram:NetPriceProductTradePrice'],
      amount: l['ram:SpecifiedLineTradeSettlement']['ram:SpecifiedTradeSettlementLineMonetarySummation'],
    }));
    expect(lines).toEqual([
      {
        quantity: { '#text': '3', '@unitCode': 'C62' },
        price: { 'ram:ChargeAmount': '49.00' },
        amount: { 'ram:LineTotalAmount': '147.00' },
      },
      // Prorated: 2 seats for 45.50 in all.
      {
        quantity: { '#text': '2', '@unitCode': 'C62' },
        price: { 'ram:ChargeAmount': '45.50', 'ram:BasisQuantity': { '#text': '2', '@unitCode': 'C62' } },
        amount: { 'ram:LineTotalAmount': '45.50' },
      },
      // A net price may not be negative (BR-27): the quantity is.
      {
        quantity: { '#text': '-1', '@unitCode': 'C62' },
        price: { 'ram:ChargeAmount': '10.00' },
        amount: { 'ram:LineTotalAmount': '-10.00' },
      },
    ]);
  });

  it('passes the Factur-X EN 16931 schema, which a broken document does not', async () => {
    expect(await xsdErrors(read.xml)).toEqual([]);
    const broken = read.xml.replace('<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>', '');
    expect((await xsdErrors(broken)).join('\n')).toMatch(/InvoiceCurrencyCode|not expected/);
  });

  it('declares PDF/A-3B and Factur-X EN 16931 in XMP, consistent with the info dictionary', () => {
    const all = Object.assign({}, ...read.xmp);
    expect(all).toMatchObject({ 'pdfaid:part': '3', 'pdfaid:conformance': 'B' });
    expect(all).toMatchObject({ 'fx:DocumentType': 'INVOICE', 'fx:DocumentFileName': 'factur-x.xml' });
    expect(all).toMatchObject({ 'fx:Version': '1.0', 'fx:ConformanceLevel': 'EN 16931' });
    expect(text(all['dc:title']['rdf:Alt']['rdf:li'])).toBe('Facture INV-000042');
    expect(all['dc:creator']['rdf:Seq']['rdf:li']).toBe('Allot SAS');
    expect(all['xmp:CreateDate']).toBe('2026-03-01T09:30:00+00:00');
    expect(read.info).toMatch(/^Title: +Facture INV-000042$/m);
    expect(read.info).toMatch(/^Author: +Allot SAS$/m);
    expect(read.info).toMatch(/^CreationDate: +2026-03-01T09:30:00(Z|\+00:?00)$/m);
    expect(read.info).toMatch(/^Producer: +(.+)$/m);
    expect(read.info.match(/^Producer: +(.+)$/m)![1]).toBe(all['pdf:Producer']);
    expect(read.info).toMatch(/^PDF version: +1\.7$/m);
  });

  it('associates the XML as the Alternative of the invoice (catalog /AF)', async () => {
    const loaded = await PDFDocument.load(pdf);
    const af = loaded.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Alternative'));
    expect(spec.lookup(PDFName.of('F'))?.toString()).toBe('(factur-x.xml)');
  });

  it('is the same bytes every time, and writes XMP in UTF-8 whatever the script', async () => {
    const again = await attachFacturX(await pdfkitPdf('Facture INV-000042'), doc);
    expect(again.equals(pdf)).toBe(true);
    const seller = { ...FR_SELLER, legal_name: 'Ōsaka Łódź 株式会社' };
    const other = await poppler(await attachFacturX(await pdfkitPdf('x'), invoice({ seller })));
    expect(Object.assign({}, ...other.xmp)['dc:creator']['rdf:Seq']['rdf:li']).toBe('Ōsaka Łódź 株式会社');
    expect(ciiOf(other.xml).agreement['ram:SellerTradeParty']['ram:Name']).toBe('Ōsaka Łódź 株式会社');
  });
});

describe('credit notes', () => {
  it('are type 381 and reference the invoice they credit (BT-25, BT-26)', async () => {
    const doc = creditNote();
    const xml = await toEInvoiceXml(doc, 'cii');
    expect(await xsdErrors(xml)).toEqual([]);
    const { root, settlement } = ciiOf(xml);
    expect(root['rsm:ExchangedDocument']['ram:TypeCode']).toBe('381');
    const ref = settlement['ram:InvoiceReferencedDocument'];
    expect(ref['ram:IssuerAssignedID']).toBe('INV-000042');
    expect(text(ref['ram:FormattedIssueDateTime']['qdt:DateTimeString'])).toBe('20260301');
    expect(settlement['ram:SpecifiedTradeSettlementPaymentMeans']['ram:TypeCode']).toBe('1');
    expect(
      text(settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation']['ram:DuePayableAmount']),
    ).toBe('58.80');
  });

  it('keep the reference in the factur-x.xml of their PDF, which the library leaves out', async () => {
    const doc = creditNote();
    const read = await poppler(await attachFacturX(await pdfkitPdf('Avoir CN-000007'), doc));
    expect(read.xml).toBe(await toEInvoiceXml(doc, 'cii'));
    const ref = ciiOf(read.xml).settlement['ram:InvoiceReferencedDocument'];
    expect(ref['ram:IssuerAssignedID']).toBe('INV-000042');
    expect(await xsdErrors(read.xml)).toEqual([]);
    expect(read.info).toMatch(/^Title: +Avoir CN-000007$/m);
  });

  it('are a UBL CreditNote with its own line and type elements', async () => {
    const ubl = parse(await toEInvoiceXml(creditNote(), 'ubl', EXTRAS)).CreditNote;
    expect(ubl['cbc:CreditNoteTypeCode']).toBe('381');
    expect(ubl['cac:BillingReference']['cac:InvoiceDocumentReference']).toEqual({
      'cbc:ID': 'INV-000042',
      'cbc:IssueDate': '2026-03-01',
    });
    expect(ubl['cac:CreditNoteLine'][0]['cbc:CreditedQuantity']).toEqual({
      '#text': '1',
      '@unitCode': 'C62',
    });
    expect(text(ubl['cac:LegalMonetaryTotal']['cbc:PayableAmount'])).toBe('58.80');
  });
});

describe('text XML 1.0 forbids', () => {
  it('is dropped from names and lines saved before the API refused it, in every syntax', async () => {
    const doc = invoice({
      buyer: { ...FR_BUYER, name: 'Brasserie\u0001 Lumière', legal_name: 'Brasserie Lumière\uFFFE SARL' },
      lines: [{ description: 'Plan\u000B Pro\u001F', quantity: 1, unit_amount: 4900, amount: 4900 }],
    });
    const cii = await toEInvoiceXml(doc, 'cii');
    expect(await xsdErrors(cii)).toEqual([]);
    expect(cii).toContain('<ram:Name>Brasserie Lumière SARL</ram:Name>');
    expect(cii).toContain('<ram:Name>Plan Pro</ram:Name>');
    const ubl = await toEInvoiceXml(doc, 'ubl', EXTRAS);
    expect(parse(ubl).Invoice['cac:InvoiceLine'][0]['cac:Item']['cbc:Name']).toBe('Plan Pro');
    for (const xml of [cii, ubl]) expect(xml).not.toMatch(XML_FORBIDDEN);
  });
});

describe('XRechnung, for a German buyer', () => {
  const doc = invoice({ buyer: DE_BUYER, locale: 'de' });

  it('carries the buyer reference (BT-10), "n/a" when the buyer gave none', async () => {
    const plain = ciiOf(await toEInvoiceXml(doc, 'xrechnung-cii', EXTRAS));
    expect(plain.agreement['ram:BuyerReference']).toBe('n/a');
    const context =
      plain.root['rsm:ExchangedDocumentContext']['ram:GuidelineSpecifiedDocumentContextParameter'];
    expect(context['ram:ID']).toBe('urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0');
    const xml = await toEInvoiceXml(doc, 'xrechnung-cii', { ...EXTRAS, buyer_reference: 'ext-4711' });
    expect(await xsdErrors(xml)).toEqual([]);
    const { agreement } = ciiOf(xml);
    expect(agreement['ram:BuyerReference']).toBe('ext-4711');
    expect(agreement['ram:BuyerTradeParty']['ram:URIUniversalCommunication']['ram:URIID']).toEqual({
      '#text': 'buchhaltung@mueller.example',
      '@schemeID': 'EM',
    });
    expect(
      agreement['ram:SellerTradeParty']['ram:DefinedTradeContact']['ram:TelephoneUniversalCommunication'],
    ).toEqual({ 'ram:CompleteNumber': '+33 1 23 45 67 89' });
    const terms = ciiOf(xml).settlement['ram:SpecifiedTradePaymentTerms']['ram:Description'];
    expect(terms).toBe('Zahlbar innerhalb von 30 Tagen bis zum 31. März 2026.');
  });

  it('in UBL too', async () => {
    const ubl = parse(await toEInvoiceXml(doc, 'xrechnung-ubl', EXTRAS)).Invoice;
    expect(ubl['cbc:CustomizationID']).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
    );
    expect(ubl['cbc:BuyerReference']).toBe('n/a');
    expect(text(ubl['cac:AccountingCustomerParty']['cac:Party']['cac:PartyTaxScheme']['cbc:CompanyID'])).toBe(
      'DE123456789',
    );
  });

  it('is refused, with every gap named, without the contact data XRechnung requires', async () => {
    expect(eInvoiceGaps(doc, 'cii')).toEqual([]);
    const gaps = eInvoiceGaps(doc, 'xrechnung-ubl');
    expect(gaps).toEqual([expect.stringContaining('BT-49'), expect.stringContaining('BR-DE-6')]);
    await expect(toEInvoiceXml(doc, 'xrechnung-ubl')).rejects.toThrow(EInvoiceError);
  });
});

describe('VAT categories and currencies', () => {
  const category = async (doc: BillingDocument) =>
    ciiOf(await toEInvoiceXml(doc, 'cii')).settlement['ram:ApplicableTradeTax'];

  it('is reverse charge (AE) at 0 % between EU countries with both VAT numbers', async () => {
    const vat = await category(invoice({ buyer: DE_BUYER, tax_rate_bps: 0, locale: 'de' }));
    expect(vat).toMatchObject({ 'ram:CategoryCode': 'AE', 'ram:RateApplicablePercent': '0.00' });
    expect(vat).toMatchObject({ 'ram:ExemptionReasonCode': 'VATEX-EU-AE', 'ram:CalculatedAmount': '0.00' });
    expect(vat['ram:ExemptionReason']).toBe('Steuerschuldnerschaft des Leistungsempfängers');
  });

  it('is export (G) to a buyer outside the EU, exempt (E) otherwise at 0 %', async () => {
    const us = { ...FR_BUYER, vat_number: null, address: { ...FR_BUYER.address!, country: 'US' } };
    expect(await category(invoice({ buyer: us, tax_rate_bps: 0 }))).toMatchObject({
      'ram:CategoryCode': 'G',
    });
    const exempt = await category(invoice({ tax_rate_bps: 0 }));
    expect(exempt).toMatchObject({ 'ram:CategoryCode': 'E', 'ram:ExemptionReason': 'Exonéré de TVA' });
  });

  it('renders amounts exactly in currencies with 0 and 3 decimals, refusing a third decimal', async () => {
    const lines = [{ description: 'Plan', quantity: 2, unit_amount: 1250, amount: 2500 }];
    const jpy = ciiOf(await toEInvoiceXml(invoice({ currency: 'JPY', lines, credit_applied: 0 }), 'cii'));
    const sums = jpy.settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'];
    expect(text(sums['ram:GrandTotalAmount'])).toBe('3000');
    // 3.000 BHD less 0.010 of credit: 2.99, in EN 16931's 2 decimals.
    const bhd = invoice({ currency: 'BHD', lines, credit_applied: 10 });
    const read = await poppler(await attachFacturX(await pdfkitPdf('x'), bhd));
    const due = ciiOf(read.xml).settlement['ram:SpecifiedTradeSettlementHeaderMonetarySummation'][
      'ram:DuePayableAmount'
    ];
    expect(text(due)).toBe('2.99');
    expect(await xsdErrors(read.xml)).toEqual([]);
    const fils = invoice({ currency: 'BHD', lines, credit_applied: 1 });
    await expect(toEInvoiceXml(fils, 'cii')).rejects.toThrow(/at most 2 decimals in BHD/);
  });

  it('pays by an undefined instrument (1) when the seller has no IBAN', async () => {
    const xml = await toEInvoiceXml(invoice({ seller: { ...FR_SELLER, bank: null } }), 'cii');
    expect(ciiOf(xml).settlement['ram:SpecifiedTradeSettlementPaymentMeans']).toEqual({
      'ram:TypeCode': '1',
    });
  });

  it('refuses a document without addresses or with totals that do not add up', async () => {
    const lost = invoice({ buyer: { ...FR_BUYER, address: null } });
    await expect(toEInvoiceXml(lost, 'cii')).rejects.toThrow(/buyer's postal address/);
    const wrong = { ...invoice(), total: 1 };
    expect(eInvoiceGaps(wrong, 'cii')).toEqual([
      expect.stringContaining('BR-CO-15'),
      expect.stringContaining('BR-CO-16'),
    ]);
  });
});
