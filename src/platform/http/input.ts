import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { AllotError, type FieldError } from '../errors.ts';
import { XML_FORBIDDEN } from '../text.ts';
import { COUNTRIES } from './countries.ts';

/**
 * What a request may carry, decided before any route runs. Bad input is refused with 400
 * `validation_failed` naming each field, and never reaches the database (where it would answer 500,
 * and fail the requests batched with it):
 *
 * - a JSON body in strict UTF-8 (an invalid byte is refused, not replaced by U+FFFD);
 * - text without NUL (which PostgreSQL's text cannot hold), without lone surrogates (which UTF-8
 *   cannot encode) and without the other characters XML 1.0 forbids (C0 controls but tab, newline
 *   and return; U+FFFE, U+FFFF: names and addresses go into e-invoices, which no parser would read),
 *   in the path, the query and the body, keys included;
 * - a query string whose percent-escapes decode to UTF-8;
 * - no body for an operation that takes none (its fields would be silently ignored);
 * - integers a JavaScript number holds exactly (1e20 or 9007199254740993 are refused, not rounded).
 */

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const MAX_FIELDS = 20;
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must be well-formed Unicode (it holds a lone surrogate)';
const CONTROL_MESSAGE =
  'must not contain control characters (U+0001 to U+001F but tab, newline and return) nor U+FFFE or U+FFFF';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * In a JSON text, what can make one of them: an escape of a control or a surrogate (JSON forbids raw
 * controls), or U+FFFE / U+FFFF written raw.
 */
const RISKY_TEXT = /\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F]|[fF]{3}[eEfF])|[\uFFFE\uFFFF]/;

/** The fields of `value` (strings and object keys, at any depth) holding text the database cannot keep. */
export function badTextFields(value: unknown, path = '', out: FieldError[] = []): FieldError[] {
  if (out.length >= MAX_FIELDS) return out;
  const problem = (text: string) =>
    text.includes('\u0000')
      ? NUL_MESSAGE
      : LONE_SURROGATE.test(text)
        ? SURROGATE_MESSAGE
        : XML_FORBIDDEN.test(text)
          ? CONTROL_MESSAGE
          : null;
  if (typeof value === 'string') {
    const message = problem(value);
    if (message) out.push({ field: path || 'body', message });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) badTextFields(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      const message = problem(k);
      if (message) out.push({ field: at, message });
      else badTextFields(v, at, out);
    }
  }
  return out;
}

/** Query parameters whose percent-escapes are malformed or not UTF-8 (`?name=%FF`). */
function undecodableQuery(url: string): FieldError[] {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('%', q)) return [];
  const out: FieldError[] = [];
  for (const pair of url.slice(q + 1).split('&')) {
    const [rawKey = '', rawValue = ''] = pair.split('=', 2);
    const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
    let key = rawKey;
    try {
      key = decode(rawKey);
      decode(rawValue);
    } catch {
      out.push({ field: key, message: 'is not valid percent-encoded UTF-8' });
    }
  }
  return out;
}

const MAY_HOLD_BAD_TEXT = Symbol('allot.mayHoldBadText');
type Flagged = FastifyRequest & { [MAY_HOLD_BAD_TEXT]?: boolean };
const utf8 = new TextDecoder('utf-8', { fatal: true });
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const refuse = (errors: FieldError[]) =>
  new AllotError(
    'validation_failed',
    `The request is not valid. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  );

/** The checks above, before validation, for every route of `app`. */
export function guardInput(app: FastifyInstance): void {
  // Action endpoints (activate, cancel, pay…) take no body; clients often still send the JSON header.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      return done(refuse([{ field: 'body', message: 'is not valid UTF-8' }]), undefined);
    }
    if (text === '') return done(null, undefined);
    // Only a text with one of these can hold a character refused above: the others are not walked.
    if (RISKY_TEXT.test(text)) (req as Flagged)[MAY_HOLD_BAD_TEXT] = true;
    try {
      done(null, secureJson.parse(text));
    } catch (error) {
      done(
        new AllotError('validation_failed', `The body is not valid JSON: ${(error as Error).message}`, [
          { field: 'body', message: 'is not valid JSON' },
        ]),
        undefined,
      );
    }
  });
  app.addHook('preValidation', async (request) => {
    const errors = [
      ...undecodableQuery(request.url),
      ...badTextFields(request.params),
      ...badTextFields(request.query),
      ...((request as Flagged)[MAY_HOLD_BAD_TEXT] || typeof request.body === 'string'
        ? badTextFields(request.body)
        : []),
      ...unexpectedBody(request),
    ];
    if (errors.length > 0) throw refuse(errors.slice(0, MAX_FIELDS));
    // A body whose every field is optional (a roll's expiry, a rotation's overlap) may be left out.
    const schema = request.routeOptions.schema?.body;
    if (request.body === undefined && schema && !takesRequiredFields(schema)) request.body = {};
  });
}

/** Whether an object schema has a field the caller must send (any other schema counts as one). */
export function takesRequiredFields(schema: unknown): boolean {
  const s = schema as { type?: unknown; required?: unknown[] };
  return s.type !== 'object' || (Array.isArray(s.required) && s.required.length > 0);
}

/** A body sent to a write that takes none: each of its fields is named (an empty `{}` is fine). */
function unexpectedBody(request: FastifyRequest): FieldError[] {
  const body = request.body;
  if (body === undefined || body === null || !WRITES.has(request.method)) return [];
  if (request.routeOptions.schema?.body) return [];
  if (typeof body !== 'object' || Array.isArray(body))
    return [{ field: 'body', message: 'is not taken by this operation: send none' }];
  return Object.keys(body).map((field) => ({
    // An empty key is named as JSON writes it, so that the field is never an empty string.
    field: field === '' ? '""' : field,
    message: 'is not taken by this operation, which has no body',
  }));
}

/**
 * The validators: bodies strict (a string is not a number), query strings and paths coerced (they are
 * text). Every integer is bounded to what a number holds exactly, unless its schema bounds it closer.
 */
export function validatorCompiler(): (input: {
  schema: unknown;
  httpPart?: string;
}) => ReturnType<Ajv['compile']> {
  const make = (coerce: boolean) => {
    const ajv = new Ajv({
      allErrors: true,
      removeAdditional: false,
      useDefaults: true,
      coerceTypes: coerce ? 'array' : false,
      strict: false,
    });
    addFormats(ajv);
    ajv.addFormat('country', (code: string) => COUNTRIES.has(code));
    return ajv;
  };
  const body = make(false);
  const text = make(true);
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? body : text).compile(safeIntegers(schema) as object);
}

/** A copy of the schema whose integers are bounded to ±(2^53 − 1) where it does not bound them closer. */
export function safeIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(safeIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'default' || k === 'examples' ? v : safeIntegers(v);
  if (out.type === 'integer') {
    if (typeof out.maximum !== 'number' || out.maximum > Number.MAX_SAFE_INTEGER)
      out.maximum = Number.MAX_SAFE_INTEGER;
    if (typeof out.minimum !== 'number' || out.minimum < Number.MIN_SAFE_INTEGER)
      out.minimum = Number.MIN_SAFE_INTEGER;
  }
  return out;
}
