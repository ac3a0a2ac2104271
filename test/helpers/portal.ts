import { expect } from 'vitest';
import type { ApiResponse, TestAllot } from './allot.ts';

/** A browser's side of a portal session: its cookie, its CSRF token, and requests from the portal's origin. */
export interface PortalClient {
  cookie: string;
  csrf: string;
  session: any;
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options?: { headers?: Record<string, string>; csrf?: string | null; origin?: string | null },
  ): Promise<ApiResponse<T>>;
}

/** Follows the link the vendor asked for, as a browser would, and keeps the cookie it sets. */
export async function openLink(
  t: TestAllot,
  url: string,
): Promise<{ status: number; location: string | null; cookie: string | null; setCookie: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie');
  const cookie = setCookie ? setCookie.split(';')[0]! : null;
  void t;
  return { status: res.status, location: res.headers.get('location'), cookie, setCookie };
}

export async function portalSession(
  t: TestAllot,
  account: string,
  user: string,
  extra: Record<string, unknown> = {},
): Promise<PortalClient> {
  const created = await t.api('POST', '/v1/portal_sessions', { account, user, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const link = await openLink(t, created.body.url);
  expect(link.status).toBe(303);
  expect(link.cookie).toBeTruthy();
  const cookie = link.cookie!;
  const api: PortalClient['api'] = async (method, path, body, options = {}) => {
    const headers: Record<string, string> = { cookie, ...options.headers };
    if (options.origin !== null) headers.origin = options.origin ?? t.url;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(t.url + path, {
      method,
      headers: {
        ...headers,
        ...(options.csrf !== null && client.csrf ? { 'allot-csrf-token': options.csrf ?? client.csrf } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as never };
  };
  const client: PortalClient = { cookie, csrf: '', session: null, api };
  const current = await api('GET', '/v1/portal_sessions/current');
  expect(current.status, JSON.stringify(current.body)).toBe(200);
  client.csrf = current.body.csrf_token;
  client.session = current.body;
  return client;
}
