import type { TSchema } from 'typebox';

/**
 * Marks schemas as named components: each becomes `#/components/schemas/<name>` in the OpenAPI
 * document (openapi.ts moves it there and references it where used). A title is only an annotation,
 * so validation and serialization do not change.
 */
export function components(schemas: Record<string, TSchema>): void {
  for (const [name, schema] of Object.entries(schemas)) (schema as { title?: string }).title = name;
}
