import { readFile, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';

/**
 * `allot catalog import|export FILE`: talks to a running Allot over HTTP (the server owns the
 * database; PGlite's folder admits one process), YAML or JSON by the file's extension, `-` for stdio.
 */
export interface ApiTarget {
  url: string;
  key: string;
}

const isYaml = (file: string) => /\.ya?ml$/i.test(file);

async function call(target: ApiTarget, method: string, body?: unknown) {
  const res = await fetch(`${target.url.replace(/\/$/, '')}/v1/catalog`, {
    method,
    headers: {
      authorization: `Bearer ${target.key}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  return { ok: res.ok, status: res.status, answer };
}

export async function exportCatalogTo(target: ApiTarget, file: string): Promise<string> {
  const { ok, answer } = await call(target, 'GET');
  if (!ok) throw new Error(problemText(answer));
  const text = isYaml(file) ? stringify(answer) : `${JSON.stringify(answer, null, 2)}\n`;
  if (file === '-') process.stdout.write(text);
  else await writeFile(file, text);
  return text;
}

export async function importCatalogFrom(target: ApiTarget, file: string): Promise<Record<string, unknown>> {
  const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  let doc: unknown;
  try {
    doc = isYaml(file) || file === '-' ? parse(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  const { ok, answer } = await call(target, 'PUT', doc);
  if (!ok) throw new Error(problemText(answer));
  return answer;
}

function problemText(problem: Record<string, unknown>): string {
  const errors = (problem.errors as { field: string; message: string }[] | undefined) ?? [];
  const lines = errors.map((e) => `  ${e.field}: ${e.message}`);
  return [String(problem.title ?? 'Request failed'), ...lines].join('\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
