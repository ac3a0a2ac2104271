/**
 * Every command's failures, said in a sentence instead of a stack trace, and its exit code:
 * 0 done, 1 refused (by the server, the database or the state of things), 2 a usage or configuration
 * error (a missing option, a bad value, no key). `ALLOT_DEBUG=1` adds the stack of an unexpected error.
 */
import { AllotApiError } from '../../sdk/errors.ts';
import { ConfigError } from '../platform/config.ts';
import { DataDirInUseError } from '../platform/db/folder-lock.ts';

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** The command was used wrongly: a missing or malformed option, a file that is not there. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Refused before asking the server: the thing asked for cannot be done (no such tenant, …). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** A command's own words before the reason it failed: `No link: <why>`. */
export class Failed extends Error {
  override name = 'Failed';
  constructor(
    readonly preface: string,
    cause: unknown,
  ) {
    super(preface, { cause });
  }
}

/** No HTTP answer from Allot at `url`; `reason` says why in a few words. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    readonly url: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot reach Allot at ${url}: ${reason}.`, options);
  }
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'its name does not resolve now',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection closed before an answer',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
};

/** Every error in a chain of causes (and an AggregateError's members: localhost is ::1 and 127.0.0.1). */
function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || error === undefined || depth > 8) return;
  yield error;
  if (error instanceof AggregateError) for (const e of error.errors) yield* chain(e, depth + 1);
  if (typeof error === 'object' && 'cause' in error)
    yield* chain((error as { cause: unknown }).cause, depth + 1);
}

/** A network failure in words (`connection refused`), or null when the error is not one. */
export function networkReason(error: unknown): string | null {
  for (const e of chain(error)) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && NETWORK[code]) return NETWORK[code];
  }
  for (const e of chain(error))
    if (e instanceof TypeError && e.message === 'fetch failed') {
      // undici's own reason (`bad port`: a port fetch refuses to use), else none given.
      const cause = (e as { cause?: { message?: unknown } }).cause?.message;
      return typeof cause === 'string' && cause ? cause : 'no answer';
    }
  return null;
}

function find<T>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (const e of chain(error)) if (e instanceof type) return e as T;
  return undefined;
}

const named = (error: unknown, name: string) => {
  for (const e of chain(error)) if ((e as { name?: unknown } | null)?.name === name) return e as Error;
  return undefined;
};

function apiMessage(error: AllotApiError): string {
  const lines: string[] = [];
  if (error.status === 401)
    lines.push(
      `The key was refused (401): ${error.detail || 'it is unknown or revoked'}. Check --key or ALLOT_KEY.`,
    );
  else if (error.status === 403) lines.push(`Not allowed (403): ${error.detail}`);
  else if (error.status >= 500) lines.push(`Allot failed (${error.status}): ${error.detail || error.title}`);
  else lines.push(`${error.detail || error.title} (${error.status} ${error.code})`);
  for (const f of error.errors ?? []) lines.push(`  ${f.field}: ${f.message}`);
  const requestId = (error as { requestId?: unknown }).requestId;
  if (error.status >= 500 && typeof requestId === 'string') lines.push(`  request id: ${requestId}`);
  return lines.join('\n');
}

/** A PostgreSQL error (pg's and PGlite's carry the SQLSTATE in `code`). */
function databaseMessage(error: unknown): string | null {
  for (const e of chain(error)) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    // Node's own codes (EPIPE, EPERM) have five letters too; no SQLSTATE class begins with E.
    if (typeof code === 'string' && /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code) && typeof message === 'string') {
      if (code === '28P01' || code === '28000')
        return `The database refused the login: ${message}. Check DATABASE_URL.`;
      if (code === '3D000') return `${message}. Check DATABASE_URL.`;
      return `The database refused: ${message} (SQLSTATE ${code}).`;
    }
  }
  return null;
}

const FILE: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it exists already',
};

/** What to print (without the `allot: ` prefix) and the exit code, for any error a command throws. */
export function describeError(error: unknown): { message: string; code: number } {
  if (error instanceof Failed) {
    const inner = describeError(error.cause);
    return { message: `${error.preface} ${inner.message}`, code: inner.code };
  }
  const api = find(error, AllotApiError);
  if (api) return { message: apiMessage(api), code: EXIT.refused };
  const unreachable = find(error, UnreachableError);
  if (unreachable) {
    const hint = unreachable.reason === 'connection refused' ? ' Is it running?' : '';
    return { message: `${unreachable.message}${hint}`, code: EXIT.refused };
  }
  const timeout = named(error, 'AllotTimeoutError');
  if (timeout) return { message: `No answer in time: ${timeout.message}`, code: EXIT.refused };
  const locked = find(error, DataDirInUseError);
  if (locked)
    return {
      message: `${locked.message} PGlite's folder admits one process: stop that one (an allot serve?) first, or use the API of the running server (--url, --key).`,
      code: EXIT.refused,
    };
  if (error instanceof ConfigError || error instanceof UsageError)
    return { message: error.message, code: EXIT.usage };
  // A DumpError (tenant-dump.ts, loaded by export and import only) says what is wrong with the file.
  if (error instanceof RefusedError || (error instanceof Error && error.name === 'DumpError'))
    return { message: error.message, code: EXIT.refused };
  const db = databaseMessage(error);
  if (db) return { message: db, code: EXIT.refused };
  const net = networkReason(error);
  if (net) return { message: `Cannot reach the database: ${net}. Check DATABASE_URL.`, code: EXIT.refused };
  const fs = error as NodeJS.ErrnoException;
  if (typeof fs?.code === 'string' && FILE[fs.code] && typeof fs.path === 'string')
    return { message: `Cannot open ${fs.path}: ${FILE[fs.code]}.`, code: EXIT.usage };
  const message = error instanceof Error ? error.message : String(error);
  const stack = process.env.ALLOT_DEBUG === '1' && error instanceof Error ? `\n${error.stack}` : '';
  return { message: `${message}${stack}`, code: EXIT.refused };
}
