import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse, stringify } from 'yaml';
import type { CatalogDocument } from '../../sdk/types.ts';
import { type Api, connect, targetOf, withApiOptions } from './api.ts';
import { Failed, UsageError } from './errors.ts';

/**
 * `allot catalog import|export FILE`: talks to a running Allot over HTTP (the server owns the
 * database; PGlite's folder admits one process), YAML or JSON by the file's extension, `-` for stdio.
 */
const isYaml = (file: string) => /\.ya?ml$/i.test(file);

export async function exportCatalogTo(api: Api, file: string): Promise<string> {
  const answer = await api.client.catalog.get();
  const text = isYaml(file) ? stringify(answer) : `${JSON.stringify(answer, null, 2)}\n`;
  if (file === '-') process.stdout.write(text);
  else await writeFile(file, text);
  return text;
}

export async function importCatalogFrom(api: Api, file: string) {
  const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  let doc: unknown;
  try {
    doc = isYaml(file) || file === '-' ? parse(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  return api.client.catalog.put(doc as CatalogDocument);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerCatalog(program: Command): void {
  const catalog = withApiOptions(
    program
      .command('catalog')
      .description(
        'Import or export the catalog of a running Allot (YAML or JSON by extension; - for stdin/stdout).',
      ),
  );
  catalog
    .command('export')
    .argument('<file>', 'where to write: catalog.yaml, catalog.json or -')
    .description('Write the whole catalog (features, plans, add-ons) to FILE.')
    .action(async (file: string, _opts, command: Command) => {
      await exportCatalogTo(connect(targetOf(command)), file);
      if (file !== '-') process.stdout.write(`Catalog written to ${file}.\n`);
    });
  catalog
    .command('import')
    .argument('<file>', 'what to read: catalog.yaml, catalog.json or -')
    .description('Import FILE all or nothing: every error is listed and nothing is written.')
    .action(async (file: string, _opts, command: Command) => {
      const api = connect(targetOf(command));
      let r: Awaited<ReturnType<typeof importCatalogFrom>>;
      try {
        r = await importCatalogFrom(api, file);
      } catch (error) {
        throw new Failed('The catalog was not imported:', error);
      }
      process.stdout.write(
        `Imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.\n`,
      );
    });
}
