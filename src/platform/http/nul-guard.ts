import type { FastifyRequest } from 'fastify';
import { AllotError, type FieldError } from '../errors.ts';

/**
 * PostgreSQL's text cannot hold U+0000: a NUL that reached a query would fail it (and every request
 * batched with it). It is refused at the door instead, in the path, the query or the body, naming
 * each field that holds one.
 */
const NUL = '\u0000';
const MESSAGE = 'must not contain the NUL character (U+0000)';
const MAX_FIELDS = 20;

/** The fields of `value` (strings, object keys, at any depth) that hold a NUL, as `a.b[0].c`. */
export function nulFields(value: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= MAX_FIELDS) return out;
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path || 'body');
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nulFields(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k.includes(NUL)) out.push(at);
      else nulFields(v, at, out);
    }
  }
  return out;
}

/** A request's JSON body may hold a NUL only if its text has the escape `\u0000` (set by the parser). */
export const MAY_HOLD_NUL = Symbol('allot.mayHoldNul');

export function assertNoNul(request: FastifyRequest): void {
  const fields = [
    ...nulFields(request.params),
    ...nulFields(request.query),
    ...((request as unknown as Record<symbol, boolean>)[MAY_HOLD_NUL] || typeof request.body === 'string'
      ? nulFields(request.body)
      : []),
  ];
  if (fields.length === 0) return;
  const errors: FieldError[] = fields.map((field) => ({ field, message: MESSAGE }));
  throw new AllotError(
    'validation_failed',
    `The request is not valid. ${fields.map((f) => `${f}: ${MESSAGE}`).join('; ')}`,
    errors,
  );
}
