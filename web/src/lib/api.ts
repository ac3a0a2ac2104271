import { Allot, AllotApiError } from '../../../sdk/index.ts';
import type { CurrentPortalSession } from '../../../sdk/types.ts';

export type * from '../../../sdk/types.ts';
export type { AllotApiError };

/**
 * The portal talks to the same /v1 API as the vendor, through the SDK: the browser's session cookie
 * authenticates, and every write carries the session's CSRF token.
 */
let client: Allot | null = null;

export function allot(): Allot {
  if (!client) throw new Error('The portal session is not loaded yet.');
  return client;
}

/** The session of this browser, or null when it has none (or it ended). */
export async function loadSession(): Promise<CurrentPortalSession | null> {
  const res = await fetch('/v1/portal_sessions/current', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`The portal could not load its session (${res.status}).`);
  const session = (await res.json()) as CurrentPortalSession;
  client = new Allot({
    baseUrl: window.location.origin,
    portalSession: { csrfToken: session.csrf_token },
    // The portal reads every page afresh; the SDK's entitlement snapshots are for the vendor's hot path.
    snapshotTtlMs: 0,
  });
  return session;
}

export function isApiError(error: unknown): error is AllotApiError {
  return error instanceof AllotApiError;
}

/** The problem's code, when the error is one of the API's. */
export function errorCode(error: unknown): string | null {
  return isApiError(error) ? error.code : null;
}
