import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AllotError, ERROR_STATUS, type ErrorCode, type FieldError } from '../errors.ts';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  quota_exceeded: 'Quota exceeded',
  seats_exhausted: 'No free seat',
  cancellation_window_closed: 'Cancellation window closed',
  billing_period_mismatch: 'Billing period mismatch',
  invalid_state: 'Invalid state',
  conflict: 'Conflict',
  idempotency_key_in_use: 'Idempotency key in use',
  idempotency_key_reused: 'Idempotency key reused',
  request_timeout: 'Request timeout',
  payload_too_large: 'Payload too large',
  uri_too_long: 'URI too long',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  headers_too_large: 'Request headers too large',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

export function problemOf(error: AllotError): Problem {
  const status = ERROR_STATUS[error.code];
  return {
    ...error.extra,
    type: `https://allot.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: TITLES[error.code],
    status,
    detail: error.message,
    code: error.code,
    ...(error.errors.length > 0 ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AllotError): FastifyReply {
  const problem = problemOf(error);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** `/events/0/quantity` + missing `id` → `events[0].quantity.id`; a querystring's field keeps its name. */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (child) parts.push(child);
  let out = '';
  for (const part of parts) {
    const p = part.replaceAll('~1', '/').replaceAll('~0', '~');
    out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  }
  return out;
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export function fromValidation(errors: AjvLikeError[], part: string | undefined): AllotError {
  const byField = new Map<string, AjvLikeError[]>();
  for (const e of errors) {
    let field: string;
    if (e.keyword === 'required') field = fieldPath(e.instancePath, String(e.params.missingProperty));
    else if (e.keyword === 'additionalProperties')
      field = fieldPath(e.instancePath, String(e.params.additionalProperty));
    else field = fieldPath(e.instancePath);
    if (!field) field = part === 'body' ? 'body' : (part ?? 'request');
    byField.set(field, [...(byField.get(field) ?? []), e]);
  }
  const list: FieldError[] = [];
  for (const [field, group] of byField) {
    if (group.some((e) => e.keyword === 'anyOf')) {
      // A union (an enum of literals, or "a number or null"): one message, not one per branch.
      const allowed = group
        .filter((e) => e.keyword === 'const')
        .map((e) => JSON.stringify(e.params.allowedValue));
      const types = group.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
      const message =
        allowed.length > 0
          ? `must be one of ${allowed.join(', ')}`
          : types.length > 0
            ? `must be ${types.join(' or ')}`
            : 'is not an allowed value';
      list.push({ field, message });
      continue;
    }
    const seen = new Set<string>();
    for (const e of group) {
      const message =
        e.keyword === 'required'
          ? 'is required'
          : e.keyword === 'additionalProperties'
            ? 'is not a known field'
            : (e.message ?? e.keyword);
      if (!seen.has(message)) {
        seen.add(message);
        list.push({ field, message });
      }
    }
  }
  const detail = list.map((e) => `${e.field} ${e.message}`).join('; ');
  return new AllotError('validation_failed', `The request is not valid: ${detail}.`, list);
}

/** Maps anything thrown in a request to a problem answer; the one place errors become HTTP. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AllotError) return sendProblem(reply, error);
  const fe = error as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
  if (fe.validation) return sendProblem(reply, fromValidation(fe.validation, fe.validationContext));
  switch (fe.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      break;
    default:
      if (fe.statusCode === undefined || fe.statusCode >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(
          reply,
          new AllotError('internal_error', 'Something went wrong on our side; nothing was changed.'),
        );
      }
  }
  const status = fe.statusCode ?? 400;
  const code: ErrorCode =
    status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'validation_failed';
  return sendProblem(
    reply,
    new AllotError(
      code,
      error.message,
      code === 'validation_failed' ? [{ field: 'body', message: error.message }] : [],
    ),
  );
}

/**
 * Errors Fastify answers before any route (a URL that does not decode, a path parameter past its
 * length): problem+json like every other answer.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('request-id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendProblem(
      reply,
      new AllotError('uri_too_long', 'A path parameter is too long (100 characters at most).'),
    );
  return sendProblem(
    reply,
    new AllotError('validation_failed', 'The URL is not valid: its percent-escapes do not decode.', [
      { field: 'path', message: 'is not valid percent-encoded UTF-8' },
    ]),
  );
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, a timeout, bytes
 * that are not HTTP): a problem+json answer written on the socket, which then closes.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers_too_large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request_timeout'
        : 'validation_failed';
  const detail =
    code === 'headers_too_large'
      ? 'The request’s headers (or its URL) are larger than the server accepts.'
      : code === 'request_timeout'
        ? 'The request did not arrive in time.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify(problemOf(new AllotError(code, detail)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${ERROR_STATUS[code]} ${TITLES[code]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
