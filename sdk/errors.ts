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
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
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

const OWN = new Set(['name', 'message', 'stack', 'cause', 'status', 'code', 'type', 'title', 'detail']);

/**
 * An error answer of the API. `code` is the stable code to branch on, `detail` the human message,
 * `errors` the invalid fields; the problem's other members are copied on the error too — for
 * `quota_exceeded`: `feature`, `limit`, `used`, `remaining`, `period_end`.
 */
export class AllotApiError extends Error {
  readonly status: number;
  readonly code: AllotErrorCode;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The problem document as received. */
  readonly problem: Problem;
  declare readonly feature?: string;
  declare readonly limit?: number | null;
  declare readonly used?: number;
  declare readonly remaining?: number;
  declare readonly period_end?: string | null;
  declare readonly reason?: string;
  [extra: string]: unknown;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'AllotApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
    for (const key of Object.keys(problem)) {
      if (!OWN.has(key) && key !== 'errors' && key !== 'problem') this[key] = problem[key];
    }
  }

  /** The problem of a non-2xx answer: its JSON body when it is one, else one made from the status. */
  static from(status: number, body: unknown, statusText = ''): AllotApiError {
    if (body !== null && typeof body === 'object' && typeof (body as Problem).code === 'string') {
      const p = body as Problem;
      return new AllotApiError({
        ...p,
        status: typeof p.status === 'number' ? p.status : status,
        type: typeof p.type === 'string' ? p.type : 'about:blank',
        title: typeof p.title === 'string' ? p.title : statusText,
        detail: typeof p.detail === 'string' ? p.detail : statusText,
      });
    }
    const text = typeof body === 'string' ? body.slice(0, 500) : '';
    return new AllotApiError({
      type: 'about:blank',
      title: statusText || `HTTP ${status}`,
      status,
      detail: text || statusText || `The server answered ${status}.`,
      code: 'http_error',
    });
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

export function isQuotaExceeded(error: unknown): error is QuotaExceededError {
  return error instanceof AllotApiError && error.code === 'quota_exceeded';
}
