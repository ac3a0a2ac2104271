/** The stable error codes of the API; other strings may come (a newer server, a proxy in between). */
export type AllotErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'quota_exceeded'
  | 'seats_exhausted'
  | 'cancellation_window_closed'
  | 'billing_period_mismatch'
  | 'invalid_state'
  | 'conflict'
  | 'idempotency_key_in_use'
  | 'idempotency_key_reused'
  | 'request_timeout'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'headers_too_large'
  | 'internal_error'
  | 'service_unavailable'
  /** An answer that was not a problem document (e.g. an HTML page from a proxy). */
  | 'http_error'
  | (string & {});

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as the server sends them (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: AllotErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** What the SDK knows of an answer besides its body. */
export interface AnswerMeta {
  /** The answer's `Request-Id` header: quote it when asking for help, find it in the server's logs. */
  requestId?: string | null;
  /** The answer's `Retry-After`, in seconds (an HTTP date is turned into seconds from now). */
  retryAfter?: number | null;
  /** How many requests were made for this call (1 + the retries). */
  attempts?: number;
}

/** Every error the SDK throws: API answers, connection failures, bad webhook signatures. */
export class AllotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AllotError';
  }
}

const OWN = new Set([
  'name',
  'message',
  'stack',
  'cause',
  'status',
  'code',
  'type',
  'title',
  'detail',
  'errors',
  'problem',
  'requestId',
  'retryAfter',
  'attempts',
]);

/**
 * An error answer of the API. `code` is the stable code to branch on, `detail` the human message,
 * `errors` the invalid fields, `requestId` the answer's `Request-Id`; the problem's other members are
 * copied on the error too — for `quota_exceeded`: `feature`, `limit`, `used`, `remaining`, `period_end`.
 */
export class AllotApiError extends AllotError {
  readonly status: number;
  readonly code: AllotErrorCode;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** The invalid fields of a refused request (`validation_failed`), else empty. */
  readonly errors: FieldError[];
  /** The problem document as received. */
  readonly problem: Problem;
  /** The answer's `Request-Id` header (null when it had none: a proxy's answer). */
  readonly requestId: string | null;
  /** Seconds to wait before trying again, from the answer's `Retry-After` (null without one). */
  readonly retryAfter: number | null;
  /** How many requests were made before this answer was given up on. */
  readonly attempts: number;
  declare readonly feature?: string;
  declare readonly limit?: number | null;
  declare readonly used?: number;
  declare readonly remaining?: number;
  declare readonly period_end?: string | null;
  declare readonly reason?: string;
  [extra: string]: unknown;

  constructor(problem: Problem, meta: AnswerMeta = {}) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'AllotApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
    this.requestId = meta.requestId ?? null;
    this.retryAfter = meta.retryAfter ?? null;
    this.attempts = meta.attempts ?? 1;
    for (const key of Object.keys(problem)) {
      if (!OWN.has(key)) this[key] = problem[key];
    }
  }

  /** The problem of a non-2xx answer: its JSON body when it is one, else one made from the status. */
  static from(status: number, body: unknown, statusText = '', meta: AnswerMeta = {}): AllotApiError {
    if (body !== null && typeof body === 'object' && typeof (body as Problem).code === 'string') {
      const p = body as Problem;
      return new AllotApiError(
        {
          ...p,
          status: typeof p.status === 'number' ? p.status : status,
          type: typeof p.type === 'string' ? p.type : 'about:blank',
          title: typeof p.title === 'string' ? p.title : statusText,
          detail: typeof p.detail === 'string' ? p.detail : statusText,
          ...(Array.isArray(p.errors) ? {} : { errors: [] }),
        },
        meta,
      );
    }
    const text = typeof body === 'string' ? body.slice(0, 500) : '';
    return new AllotApiError(
      {
        type: 'about:blank',
        title: statusText || `HTTP ${status}`,
        status,
        detail: text || statusText || `The server answered ${status}.`,
        code: 'http_error',
      },
      meta,
    );
  }
}

/**
 * No answer came: the connection failed (refused, reset, DNS) or the answer did not arrive in time
 * (`AllotTimeoutError`). A write sent with an idempotency key may have been applied anyway: repeating
 * it with the same key is safe.
 */
export class AllotConnectionError extends AllotError {
  /** The request's method and URL. */
  readonly method: string;
  readonly url: string;
  /** How many requests were made (1 + the retries). */
  readonly attempts: number;

  constructor(message: string, init: { method: string; url: string; attempts: number; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.name = 'AllotConnectionError';
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}

/** The answer did not arrive within `timeoutMs`. */
export class AllotTimeoutError extends AllotConnectionError {
  readonly timeoutMs: number;

  constructor(init: { method: string; url: string; attempts: number; timeoutMs: number }) {
    super(`${init.method} ${init.url} got no answer within ${init.timeoutMs} ms.`, init);
    this.name = 'AllotTimeoutError';
    this.timeoutMs = init.timeoutMs;
  }
}

/** A `quota_exceeded` error, with the limit and the usage at the time of the refusal. */
export type QuotaExceededError = AllotApiError & {
  readonly code: 'quota_exceeded';
  readonly feature: string;
  readonly limit: number | null;
  readonly used: number;
};

export function isAllotApiError(error: unknown): error is AllotApiError {
  return error instanceof AllotApiError;
}

export function isAllotConnectionError(error: unknown): error is AllotConnectionError {
  return error instanceof AllotConnectionError;
}

export function isQuotaExceeded(error: unknown): error is QuotaExceededError {
  return error instanceof AllotApiError && error.code === 'quota_exceeded';
}
