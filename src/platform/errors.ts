/**
 * The one domain error type. Domain code throws an AllotError with a stable code; the HTTP layer maps
 * the code to a status in one place (http/problem.ts). Domain code never speaks HTTP.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  quota_exceeded: 409,
  seats_exhausted: 409,
  cancellation_window_closed: 409,
  billing_period_mismatch: 409,
  invalid_state: 409,
  conflict: 409,
  idempotency_key_in_use: 409,
  idempotency_key_reused: 422,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

export class AllotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Extra members of the problem body, e.g. `limit` and `used` for quota_exceeded. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AllotError';
  }
}

export const notFound = (what: string, id: string) => new AllotError('not_found', `No ${what} ${id}.`);

export const invalid = (field: string, message: string) =>
  new AllotError('validation_failed', `${field}: ${message}`, [{ field, message }]);

/** Collects field errors so a request reports all of them at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(title = 'The request is not valid.'): void {
    if (!this.empty) {
      const detail = this.list.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new AllotError('validation_failed', `${title} ${detail}`, this.list);
    }
  }
}
